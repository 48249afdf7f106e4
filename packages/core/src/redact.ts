// Shorter values (an empty secret, a one-letter code, `true`) would redact ordinary words.
const MIN_SECRET_LENGTH = 4;

/**
 * Replaces every occurrence of each secret with `[redacted]`, in each form a provider may echo
 * it: raw, percent-encoded (`encodeURIComponent` and RFC 3986 §2.1 as OAuth 1.0a signs it),
 * form-encoded (`+` for a space) and JSON-escaped. Providers quote what they were sent in their
 * error descriptions; our errors and logs must not carry it on.
 */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    const uriEncoded = encodeURIComponent(secret);
    const forms = [secret, uriEncoded, rfc3986Encode(uriEncoded), uriEncoded.replace(/%20/g, '+'), JSON.stringify(secret).slice(1, -1)];
    for (const form of new Set(forms)) result = result.split(form).join('[redacted]');
  }
  return result;
}

// RFC 3986 §2.3: only unreserved characters stay as they are; encodeURIComponent leaves !'()*.
function rfc3986Encode(uriEncoded: string): string {
  return uriEncoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
