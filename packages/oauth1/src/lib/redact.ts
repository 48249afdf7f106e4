import { percentEncode } from '../percent-encode.js';

// Shorter values (an empty consumer secret, `true`) would redact ordinary words.
const MIN_SECRET_LENGTH = 4;

/** Replaces every occurrence of each secret, raw or percent-/form-encoded, with `[redacted]`. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of new Set([secret, percentEncode(secret), encodeURIComponent(secret).replace(/%20/g, '+')])) {
      result = result.split(form).join('[redacted]');
    }
  }
  return result;
}
