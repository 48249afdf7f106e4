import { createHash } from 'node:crypto';

/**
 * A short fingerprint of the strategy a pending login belongs to (client identifier and
 * endpoints), kept with the login and compared on the callback. Strategies share session keys
 * (`oauth2:<host>`) and cookie secrets, and a login started at one must not complete at another
 * (RFC 9700 §4.4.2, mix-up).
 *
 * @example
 * ```ts
 * loginBinding(clientID, authorizationURL, tokenURL); // 'mA3…' (22 characters)
 * ```
 */
export function loginBinding(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('base64url').slice(0, 22);
}
