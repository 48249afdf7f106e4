import { createSecretKey, type JsonWebKey, type KeyObject, type webcrypto } from 'node:crypto';
import { randomToken } from '@passport-kit/core';

/** The client assertion type of RFC 7523 §2.2, sent as `client_assertion_type`. */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Default lifetime of a client assertion, in seconds: it is used once, right away. */
const DEFAULT_ASSERTION_LIFETIME = 60;

// Node's own key types, not jose's: jose is ES-module-only, and its types in our declarations
// would fail a CommonJS TypeScript app's type check (TS1479).
type CryptoKey = webcrypto.CryptoKey;
type JWK = JsonWebKey & { alg?: string | undefined; kid?: string | undefined };

const SYMMETRIC_ALGORITHMS = new Set(['HS256', 'HS384', 'HS512']);

/**
 * Key material for the `private_key_jwt` and `client_secret_jwt` client authentication methods
 * (RFC 7523 §2.2, OpenID Connect Core §9).
 *
 * @example
 * ```ts
 * // private_key_jwt with a PKCS#8 PEM key registered (as a public JWK) with the provider
 * new TokenClient({
 *   tokenURL, clientID,
 *   clientAuthentication: 'private_key_jwt',
 *   clientAssertion: { key: process.env.CLIENT_PRIVATE_KEY_PEM, alg: 'ES256', kid: 'client-key-1' },
 * });
 * ```
 */
export interface ClientAssertionOptions {
  /**
   * `private_key_jwt`: the client's private key (a `CryptoKey`, a Node `KeyObject`, a private
   * JWK, or a PKCS#8 PEM string). `client_secret_jwt`: omit it to sign with `clientSecret`.
   */
  key?: CryptoKey | KeyObject | JWK | string | undefined;
  /**
   * The JWS algorithm. Default: the JWK's `alg`, else `RS256` for `private_key_jwt` and `HS256`
   * for `client_secret_jwt`.
   */
  alg?: string | undefined;
  /** The `kid` header, so the provider picks the right registered key. Default: the JWK's `kid`. */
  kid?: string | undefined;
  /**
   * The `aud` claim. Default: the token endpoint URL (RFC 7523 §3); some providers want their
   * issuer identifier instead.
   */
  audience?: string | undefined;
  /** Seconds until the assertion expires. Default 60. */
  lifetime?: number | undefined;
}

/** Who signs: the client's id and, for `client_secret_jwt`, its secret. */
export interface ClientAssertionSigner {
  /** The client identifier: the assertion's `iss` and `sub`. */
  clientID: string;
  /** The client secret, the HMAC key for `client_secret_jwt`. */
  clientSecret?: string | undefined;
  /** The `clientAssertion` option: key, algorithm and audience. */
  clientAssertion?: ClientAssertionOptions | undefined;
}

/**
 * Signs a one-time client assertion (RFC 7523 §3): `iss` = `sub` = the client id, `aud` the
 * authorization server, a fresh `jti`, and a short `exp`, so a captured assertion is useless
 * soon after and cannot be replayed where the server tracks `jti`.
 *
 * @param method `private_key_jwt` (asymmetric key) or `client_secret_jwt` (HMAC with the secret)
 * @param audience the default `aud` (the token endpoint URL) when none is configured
 * @example
 * ```ts
 * const assertion = await createClientAssertion('client_secret_jwt', { clientID, clientSecret }, tokenURL);
 * ```
 */
export async function createClientAssertion(
  method: 'private_key_jwt' | 'client_secret_jwt',
  client: ClientAssertionSigner,
  audience: string,
): Promise<string> {
  const options = client.clientAssertion ?? {};
  const jwk = isJWK(options.key) ? options.key : undefined;
  const alg = options.alg ?? jwk?.alg ?? (method === 'client_secret_jwt' ? 'HS256' : 'RS256');
  if (alg === 'none' || alg === '') throw new TypeError(`Client assertions cannot use alg "${alg}"`);
  if ((method === 'client_secret_jwt') !== SYMMETRIC_ALGORITHMS.has(alg)) {
    throw new TypeError(`${method} cannot sign with ${alg}: client_secret_jwt uses HS256/384/512, private_key_jwt an asymmetric algorithm`);
  }
  const key = await signingKey(method, client, options, alg);
  const lifetime = options.lifetime ?? DEFAULT_ASSERTION_LIFETIME;
  if (!Number.isFinite(lifetime) || lifetime <= 0) throw new TypeError('clientAssertion.lifetime must be a positive number of seconds');

  const kid = options.kid ?? jwk?.kid;
  const now = Math.floor(Date.now() / 1000);
  // Loaded on first use: only JWT client authentication needs jose, most apps never do.
  const { SignJWT } = await import('jose');
  return new SignJWT({})
    .setProtectedHeader(kid === undefined ? { alg, typ: 'JWT' } : { alg, typ: 'JWT', kid })
    .setIssuer(client.clientID)
    .setSubject(client.clientID)
    .setAudience(options.audience ?? audience)
    .setJti(randomToken(24))
    .setIssuedAt(now)
    .setExpirationTime(now + Math.ceil(lifetime))
    .sign(key as Parameters<InstanceType<typeof SignJWT>['sign']>[0]);
}

async function signingKey(
  method: 'private_key_jwt' | 'client_secret_jwt',
  client: ClientAssertionSigner,
  options: ClientAssertionOptions,
  alg: string,
): Promise<CryptoKey | KeyObject | JWK | Uint8Array> {
  const { key } = options;
  if (method === 'client_secret_jwt') {
    if (key !== undefined && typeof key !== 'string') return key;
    const secret = key ?? client.clientSecret;
    if (!secret) throw new TypeError('client_secret_jwt requires clientSecret (or clientAssertion.key)');
    return createSecretKey(Buffer.from(secret, 'utf8'));
  }
  if (key === undefined) throw new TypeError('private_key_jwt requires clientAssertion.key, the client\'s private key');
  if (typeof key === 'string') {
    const { importPKCS8 } = await import('jose');
    try {
      return await importPKCS8(key, alg);
    } catch (err) {
      throw new TypeError('clientAssertion.key is not a PKCS#8 PEM private key for ' + alg, { cause: err });
    }
  }
  return key;
}

function isJWK(key: unknown): key is JWK {
  return typeof key === 'object' && key !== null && typeof (key as { kty?: unknown }).kty === 'string';
}
