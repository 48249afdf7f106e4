import { PassportKitError, type PassportKitErrorOptions } from '@passport-kit/core';

/** Why an id_token was refused. */
export type IdTokenErrorCode =
  /** The token response carried no `id_token` although `openid` was requested. */
  | 'ERR_ID_TOKEN_MISSING'
  /** Not a JWS compact serialization, or its header or claims are not JSON. */
  | 'ERR_ID_TOKEN_MALFORMED'
  /** Signed with an algorithm not allowed (including `none`, and `HS*` unless enabled). */
  | 'ERR_ID_TOKEN_ALGORITHM'
  /** The signature does not verify. */
  | 'ERR_ID_TOKEN_SIGNATURE'
  /** The issuer's JWKS has no key for the token's `kid` and `alg`, even after a refetch. */
  | 'ERR_ID_TOKEN_KEY'
  /** The issuer's JWKS could not be fetched or is not a JWKS. */
  | 'ERR_ID_TOKEN_JWKS'
  | 'ERR_ID_TOKEN_ISSUER'
  | 'ERR_ID_TOKEN_AUDIENCE'
  /** Several audiences and `azp` is missing or is not this client (OIDC Core §3.1.3.7, 4-5). */
  | 'ERR_ID_TOKEN_AUTHORIZED_PARTY'
  | 'ERR_ID_TOKEN_EXPIRED'
  /** `iat` is missing or in the future beyond the clock tolerance. */
  | 'ERR_ID_TOKEN_ISSUED_AT'
  /** `nonce` differs from the one sent, or no nonce was kept for this login. */
  | 'ERR_ID_TOKEN_NONCE'
  /** `at_hash` does not match the access token (OIDC Core §3.1.3.8). */
  | 'ERR_ID_TOKEN_AT_HASH'
  /** Another claim is missing or has the wrong type (`sub`, `nbf`…). */
  | 'ERR_ID_TOKEN_CLAIMS';

/**
 * The id_token failed verification, so the login ends before the verify callback runs. The
 * message names the check, never the token.
 *
 * @example
 * ```ts
 * app.use((err, req, res, next) => {
 *   if (err instanceof IdTokenError && err.code === 'ERR_ID_TOKEN_EXPIRED') return res.redirect('/login');
 *   next(err);
 * });
 * ```
 */
export class IdTokenError extends PassportKitError {
  declare code: IdTokenErrorCode;

  constructor(message: string, code: IdTokenErrorCode, options: PassportKitErrorOptions = {}) {
    super(message, code, options);
  }
}

/** Why the UserInfo response was refused. */
export type UserInfoErrorCode =
  /** Its `sub` is not the id_token's (OIDC Core §5.3.2: the response must not be used). */
  | 'ERR_USERINFO_SUBJECT'
  /** Not a JSON object (a signed or encrypted UserInfo response is not supported). */
  | 'ERR_USERINFO_BODY';

/** The UserInfo endpoint answered, but with claims that cannot be used. */
export class UserInfoError extends PassportKitError {
  declare code: UserInfoErrorCode;

  constructor(message: string, code: UserInfoErrorCode, options: PassportKitErrorOptions = {}) {
    super(message, code, options);
  }
}

/** Why discovery failed. */
export type DiscoveryErrorCode =
  /** The metadata's `issuer` is not exactly the issuer asked for (OIDC Discovery §4.3, RFC 8414 §3.3). */
  | 'ERR_DISCOVERY_ISSUER_MISMATCH'
  /** A field is missing, of the wrong type, or not an absolute http(s) URL. */
  | 'ERR_DISCOVERY_INVALID_METADATA'
  /** Neither well-known document answered 200. */
  | 'ERR_DISCOVERY_NOT_FOUND';

/**
 * The issuer's metadata could not be used. Transport failures are core's `NetworkError`; a
 * status other than 200 or 404 is core's `UnexpectedStatusError`.
 */
export class DiscoveryError extends PassportKitError {
  declare code: DiscoveryErrorCode;

  constructor(message: string, code: DiscoveryErrorCode, options: PassportKitErrorOptions = {}) {
    super(message, code, options);
  }
}
