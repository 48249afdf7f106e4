import type { GrantParams } from './grant-params.js';

// Shorter values (an empty secret, a one-letter code) would redact ordinary words.
const MIN_SECRET_LENGTH = 4;

/** Request parameters that carry a credential, a code or a token. */
const SECRET_PARAMS = ['code', 'code_verifier', 'refresh_token', 'client_secret', 'client_assertion', 'password', 'token', 'subject_token', 'actor_token', 'assertion'];

/**
 * Replaces every occurrence of each secret, raw, percent- or form-encoded or JSON-escaped,
 * with `[redacted]`: providers echo what they were sent in their error descriptions.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    const forms = [secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+'), JSON.stringify(secret).slice(1, -1)];
    for (const form of new Set(forms)) result = result.split(form).join('[redacted]');
  }
  return result;
}

/** The secret values among a token request's parameters. */
export function secretValues(params: GrantParams): string[] {
  return SECRET_PARAMS.flatMap((name) => {
    const value = params[name];
    return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
  });
}
