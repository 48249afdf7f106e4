/**
 * The id_token algorithms accepted unless told otherwise: every asymmetric JWS algorithm jose
 * verifies. `none` is never accepted; `HS*` only when listed explicitly, since they are keyed
 * by the client secret (OIDC Core §10.1) and anyone holding it can mint tokens.
 */
export const DEFAULT_ID_TOKEN_ALGORITHMS: readonly string[] = Object.freeze([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
]);

const SYMMETRIC = new Set(['HS256', 'HS384', 'HS512']);

/** Whether `alg` is keyed by the client secret rather than the issuer's JWKS. */
export function isSymmetricAlgorithm(alg: string): boolean {
  return SYMMETRIC.has(alg);
}

/**
 * The algorithms an id_token may be signed with: the ones the issuer supports (OIDC Core's
 * default `RS256` when it does not say) that are also in `allowed` (default
 * {@link DEFAULT_ID_TOKEN_ALGORITHMS}). Throws when nothing is left, when `none` is listed, or
 * when an `HS*` algorithm is allowed without a client secret to key it.
 */
export function idTokenAlgorithms(supported: readonly string[] | undefined, allowed: readonly string[] | undefined, clientSecret: string | undefined): string[] {
  const wanted = allowed ?? DEFAULT_ID_TOKEN_ALGORITHMS;
  if (wanted.some((alg) => alg.toLowerCase() === 'none')) throw new TypeError('idTokenSigningAlgorithms must not include "none"');
  if (!clientSecret && wanted.some(isSymmetricAlgorithm)) {
    throw new TypeError('HS256/HS384/HS512 id_tokens are keyed by the client secret: set clientSecret to allow them');
  }
  const offered = new Set(supported ?? ['RS256']);
  const result = wanted.filter((alg) => offered.has(alg));
  if (result.length === 0) {
    throw new TypeError(`No allowed id_token algorithm is supported by the issuer (it supports ${[...offered].join(', ') || 'none'})`);
  }
  return result;
}
