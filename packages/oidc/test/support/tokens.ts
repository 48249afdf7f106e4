// Keys and id_tokens signed locally with jose, as an issuer would sign them.
import { createHash } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export const ISSUER = 'http://127.0.0.1:4998';
export const CLIENT_ID = 'client-1';
export const CLIENT_SECRET = 'client-secret-1-long-enough-for-hs256!';
// Read when a token is made, not at import: a long test run must not age the claims past their tolerance.
export function now(): number {
  return Math.floor(Date.now() / 1000);
}

export interface SigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

export async function signingKey(kid = 'key-1', alg = 'RS256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** The JWKS document an issuer publishes for these keys. */
export function jwks(...keys: SigningKey[]): { keys: JWK[] } {
  return { keys: keys.map((key) => key.jwk) };
}

/** Claims of a valid id_token for CLIENT_ID from ISSUER, overridable one by one (undefined removes). */
export function claims(overrides: Record<string, unknown> = {}): JWTPayload {
  const base: Record<string, unknown> = { iss: ISSUER, sub: 'alice', aud: CLIENT_ID, exp: now() + 300, iat: now(), nonce: 'nonce-1', ...overrides };
  for (const [name, value] of Object.entries(base)) if (value === undefined) delete base[name];
  return base as JWTPayload;
}

export function signIdToken(key: SigningKey, payload: JWTPayload = claims(), header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header }).sign(key.privateKey);
}

export function signWithSecret(payload: JWTPayload = claims(), alg = 'HS256', secret = CLIENT_SECRET): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret));
}

/** An unsecured JWT (`alg: none`), as an attacker would send it. */
export function unsignedIdToken(payload: JWTPayload = claims()): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}

/** The at_hash of an access token for a *256 algorithm, computed independently of the package. */
export function atHash256(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}

/** Flips one character of the signature. */
export function tamperSignature(token: string): string {
  const [header, payload, signature = ''] = token.split('.');
  const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
  return `${header}.${payload}.${flipped}`;
}

/** Replaces the payload, keeping the original header and signature. */
export function tamperPayload(token: string, payload: JWTPayload): string {
  const [header, , signature] = token.split('.');
  return `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
}
