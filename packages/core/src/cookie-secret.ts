import { hkdfSync } from 'node:crypto';

/**
 * A key for the encrypted-cookie fallback of a login store, derived (HKDF-SHA256, RFC 5869)
 * from the client's secret, so that every instance sharing the secret can complete the others'
 * sessionless logins, and the cookie key is never the secret itself. `purpose` keeps the keys
 * of two uses of one secret apart.
 */
export function deriveCookieSecret(clientSecret: string, purpose: string): string {
  return Buffer.from(hkdfSync('sha256', clientSecret, 'passport-kit', purpose, 32)).toString('base64url');
}
