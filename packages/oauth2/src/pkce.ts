import { createHash } from 'node:crypto';
import { randomToken } from '@passport-kit/core';

/** PKCE code challenge methods (RFC 7636 §4.2). `S256` is the default; `plain` only for old servers. */
export type PKCEMethod = 'S256' | 'plain';

/** A fresh code verifier: 32 random bytes, base64url (43 characters, RFC 7636 §4.1). */
export function createCodeVerifier(): string {
  return randomToken(32);
}

/**
 * The code challenge for a verifier (RFC 7636 §4.2).
 *
 * @example
 * ```ts
 * codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'S256');
 * // 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
 * ```
 */
export function codeChallenge(verifier: string, method: PKCEMethod = 'S256'): string {
  if (method === 'plain') return verifier;
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
