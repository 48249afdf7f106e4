import { timingSafeEqual } from 'node:crypto';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTHeaderParameters, type JWTVerifyGetKey } from 'jose';
import { isSymmetricAlgorithm } from './algorithms.js';
import { matchesAccessTokenHash } from './at-hash.js';
import { IdTokenError } from './errors.js';

/** The claims of a verified id_token (OIDC Core §2), plus whatever else the issuer put in it. */
export interface IdTokenClaims {
  /** Issuer identifier. */
  iss: string;
  /** The user's identifier at the issuer. */
  sub: string;
  /** Audience: contains this client's id. */
  aud: string | string[];
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** When the user authenticated, seconds since the epoch. */
  auth_time?: number;
  /** The nonce sent in the authorization request. */
  nonce?: string;
  /** Authentication context class reference. */
  acr?: string;
  /** Authentication methods used (`pwd`, `mfa`, …). */
  amr?: string[];
  /** Authorized party: the client the token was issued to. */
  azp?: string;
  /** Hash of the access token issued with it. */
  at_hash?: string;
  [claim: string]: unknown;
}

/** What an id_token is checked against. */
export interface IdTokenVerificationOptions {
  /** The issuer identifier the `iss` claim must equal exactly. */
  issuer: string;
  /** This client's id: `aud` must contain it, and `azp` must be it when present. */
  clientID: string;
  /** Algorithms the token may be signed with (never `none`). */
  algorithms: readonly string[];
  /** The issuer's keys (see `remoteKeySet`); may be absent only when `algorithms` are all `HS*`. */
  keys?: JWTVerifyGetKey | undefined;
  /** Keys `HS*` tokens (OIDC Core §10.1: the octets of the UTF-8 client secret). */
  clientSecret?: string | undefined;
  /** The nonce sent in the authorization request; when given, the `nonce` claim must equal it. */
  nonce?: string | undefined;
  /** The access token issued with the id_token; when given, a present `at_hash` must match it. */
  accessToken?: string | undefined;
  /** Seconds of clock skew tolerated on `exp`, `iat` and `nbf`. Default 0. */
  clockTolerance?: number | undefined;
  /** The time to check against. Default now. */
  currentDate?: Date | undefined;
}

/** A verified id_token. */
export interface VerifiedIdToken {
  /** The verified claims. */
  claims: IdTokenClaims;
  /** The JWS protected header (`alg`, `kid`). */
  header: JWTHeaderParameters;
}

/**
 * Verifies an id_token as OIDC Core §3.1.3.7 asks: the algorithm is allowed, the signature
 * verifies with the issuer's key for its `kid` (or the client secret for `HS*`), `iss` is the
 * issuer, `aud` contains the client, `azp` is the client when present and required with
 * several audiences, `exp` is in the future and `iat` not, `sub` is a string, and `nonce` and
 * `at_hash` match.
 *
 * @throws {IdTokenError} with a code naming the check that failed; the message never holds the token
 * @example
 * ```ts
 * const { claims } = await verifyIdToken(tokens.params.id_token, {
 *   issuer: 'https://accounts.example.com', clientID: 'my-client', algorithms: ['RS256'],
 *   keys: remoteKeySet('https://accounts.example.com/jwks', http), nonce,
 * });
 * ```
 */
export async function verifyIdToken(idToken: string, options: IdTokenVerificationOptions): Promise<VerifiedIdToken> {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(idToken).alg;
  } catch (err) {
    throw new IdTokenError('id_token is not a JWS', 'ERR_ID_TOKEN_MALFORMED', { cause: err });
  }
  if (typeof alg !== 'string' || alg.toLowerCase() === 'none' || !options.algorithms.includes(alg)) {
    throw new IdTokenError(`id_token is signed with ${typeof alg === 'string' ? `"${alg.slice(0, 20)}"` : 'no algorithm'}, which is not allowed`, 'ERR_ID_TOKEN_ALGORITHM');
  }
  const clockTolerance = options.clockTolerance ?? 0;

  let verified: { payload: Record<string, unknown>; protectedHeader: JWTHeaderParameters };
  try {
    const verifyOptions = {
      issuer: options.issuer,
      audience: options.clientID,
      algorithms: [...options.algorithms],
      clockTolerance,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
      ...(options.currentDate ? { currentDate: options.currentDate } : {}),
    };
    if (isSymmetricAlgorithm(alg)) {
      if (!options.clientSecret) throw new IdTokenError('id_token is signed with the client secret, but there is none', 'ERR_ID_TOKEN_ALGORITHM');
      verified = await jwtVerify(idToken, new TextEncoder().encode(options.clientSecret), verifyOptions);
    } else {
      const keys = options.keys;
      if (!keys) throw new IdTokenError('id_token needs the issuer keys, but no jwksURL is configured', 'ERR_ID_TOKEN_JWKS');
      verified = await jwtVerify(idToken, guardKeyFetch(keys), verifyOptions);
    }
  } catch (err) {
    throw toIdTokenError(err);
  }

  const claims = verified.payload;
  if (typeof claims['sub'] !== 'string' || claims['sub'] === '') throw new IdTokenError('id_token sub is not a non-empty string', 'ERR_ID_TOKEN_CLAIMS');
  const now = Math.floor((options.currentDate ?? new Date()).getTime() / 1000);
  if (typeof claims['iat'] !== 'number' || claims['iat'] > now + clockTolerance) {
    throw new IdTokenError('id_token iat is in the future', 'ERR_ID_TOKEN_ISSUED_AT');
  }
  checkAuthorizedParty(claims, options.clientID);
  if (options.nonce !== undefined && !sameString(claims['nonce'], options.nonce)) {
    throw new IdTokenError('id_token nonce does not match the one sent for this login', 'ERR_ID_TOKEN_NONCE');
  }
  const atHash = claims['at_hash'];
  if (atHash !== undefined && options.accessToken !== undefined) {
    if (typeof atHash !== 'string' || !matchesAccessTokenHash(atHash, options.accessToken, alg)) {
      throw new IdTokenError('id_token at_hash does not match the access token', 'ERR_ID_TOKEN_AT_HASH');
    }
  }
  return { claims: claims as IdTokenClaims, header: verified.protectedHeader };
}

// OIDC Core §3.1.3.7 (4, 5): with several audiences the token must say which one it is for.
function checkAuthorizedParty(claims: Record<string, unknown>, clientID: string): void {
  const azp = claims['azp'];
  const audiences = ([] as unknown[]).concat(claims['aud']);
  if (azp === undefined && audiences.length <= 1) return;
  if (azp !== clientID) {
    throw new IdTokenError(azp === undefined ? 'id_token has several audiences and no azp' : 'id_token azp is not this client', 'ERR_ID_TOKEN_AUTHORIZED_PARTY');
  }
}

function sameString(actual: unknown, expected: string): boolean {
  if (typeof actual !== 'string') return false;
  const a = Buffer.from(actual);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

// Failures to reach the JWKS are not the token's fault: report them apart from key mismatches.
function guardKeyFetch(keys: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await keys(header, token);
    } catch (err) {
      if (hasNoSingleKey(err)) throw err;
      throw new IdTokenError('Could not load the issuer keys (JWKS)', 'ERR_ID_TOKEN_JWKS', { cause: err });
    }
  };
}

// By code, not instanceof: the key resolver may run on another copy of jose than this module's
// (core loads jose on first use, and a test runner or bundler may give that import its own copy).
function hasNoSingleKey(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === joseErrors.JWKSNoMatchingKey.code || code === joseErrors.JWKSMultipleMatchingKeys.code;
}

function toIdTokenError(err: unknown): unknown {
  if (err instanceof IdTokenError) return err;
  const options = { cause: err };
  if (err instanceof joseErrors.JWTExpired) {
    return err.claim === 'iat'
      ? new IdTokenError('id_token iat is too old', 'ERR_ID_TOKEN_ISSUED_AT', options)
      : new IdTokenError('id_token has expired', 'ERR_ID_TOKEN_EXPIRED', options);
  }
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    switch (err.claim) {
      case 'iss': return new IdTokenError('id_token iss is not the issuer', 'ERR_ID_TOKEN_ISSUER', options);
      case 'aud': return new IdTokenError('id_token aud does not contain this client', 'ERR_ID_TOKEN_AUDIENCE', options);
      case 'iat': return new IdTokenError('id_token iat is missing or invalid', 'ERR_ID_TOKEN_ISSUED_AT', options);
      default: return new IdTokenError(`id_token ${err.claim.slice(0, 40)} claim is missing or invalid (${err.reason.slice(0, 40)})`, 'ERR_ID_TOKEN_CLAIMS', options);
    }
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return new IdTokenError('id_token signature does not verify', 'ERR_ID_TOKEN_SIGNATURE', options);
  if (hasNoSingleKey(err)) {
    return new IdTokenError('The issuer keys (JWKS) have no single key for the id_token kid and alg', 'ERR_ID_TOKEN_KEY', options);
  }
  if (err instanceof joseErrors.JOSEAlgNotAllowed || err instanceof joseErrors.JOSENotSupported) {
    return new IdTokenError('id_token algorithm is not allowed', 'ERR_ID_TOKEN_ALGORITHM', options);
  }
  if (err instanceof joseErrors.JWSInvalid || err instanceof joseErrors.JWTInvalid) return new IdTokenError('id_token is malformed', 'ERR_ID_TOKEN_MALFORMED', options);
  return err;
}
