/**
 * Every error passport-kit raises extends {@link PassportKitError}: it carries a `code`
 * (`switch (err.code)` narrows it) and the underlying `cause`, and `instanceof` keeps working
 * when two copies of a package are installed (the ESM and CommonJS builds, or two versions).
 *
 * `code` is a string (`ERR_*`, or an RFC 6749 error code), except on the provider errors whose
 * package we replace handed apps the provider's numeric code (`FacebookTokenError`,
 * `FacebookGraphAPIError`, `FacebookAuthorizationError`, Twitter's `APIError`): there it is that
 * number (`190`, `89`), and a string `ERR_*` only when the provider sent none.
 */

const BRANDS = Symbol.for('passport-kit.error.brands');

/** core: why a call to the provider failed underneath (see {@link NetworkError}). */
export type NetworkErrorCode = 'ERR_NETWORK' | 'ERR_TIMEOUT' | 'ERR_RESPONSE_TOO_LARGE';

/**
 * RFC 6749's error codes (§4.1.2.1, §5.2) and RFC 6750 §3.1's, as an `AuthorizationError` or
 * `TokenError` carries them; a provider may send others, which are carried as sent.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'unauthorized_client'
  | 'access_denied'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'server_error'
  | 'temporarily_unavailable'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'invalid_token'
  | 'insufficient_scope'
  /** passport-kit: a 2xx token response without a usable `access_token` or with a malformed field. */
  | 'invalid_token_response';

/** @passport-kit/oidc: why an id_token was refused (`IdTokenError`). */
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

/** @passport-kit/oidc: why the UserInfo response was refused (`UserInfoError`). */
export type UserInfoErrorCode =
  /** Its `sub` is not the id_token's (OIDC Core §5.3.2: the response must not be used). */
  | 'ERR_USERINFO_SUBJECT'
  /** Not a JSON object (a signed or encrypted UserInfo response is not supported). */
  | 'ERR_USERINFO_BODY';

/** @passport-kit/oidc: why discovery failed (`DiscoveryError`). */
export type DiscoveryErrorCode =
  /** The metadata's `issuer` is not exactly the issuer asked for (OIDC Discovery §4.3, RFC 8414 §3.3). */
  | 'ERR_DISCOVERY_ISSUER_MISMATCH'
  /** A field is missing, of the wrong type, or not an absolute http(s) URL. */
  | 'ERR_DISCOVERY_INVALID_METADATA'
  /** Neither well-known document answered 200. */
  | 'ERR_DISCOVERY_NOT_FOUND';

/**
 * Every `code` a passport-kit error carries, from every package, to `switch` on:
 *
 * | code | class | package |
 * | --- | --- | --- |
 * | `ERR_NETWORK`, `ERR_TIMEOUT`, `ERR_RESPONSE_TOO_LARGE` | `NetworkError` | core |
 * | `ERR_UNEXPECTED_STATUS` | `UnexpectedStatusError` | core |
 * | `ERR_UNEXPECTED_BODY` | `UnexpectedBodyError` | core |
 * | `ERR_INTERNAL_OAUTH` | `InternalOAuthError` | core, oauth2, oauth1, github, twitter |
 * | `ERR_UNTRUSTED_HOST` | `UntrustedHostError` | core |
 * | {@link OAuthErrorCode} (or the provider's own string) | `AuthorizationError`, `TokenError` | oauth2 (and github, twitter) |
 * | `ERR_OAUTH_CALLBACK_NOT_CONFIRMED` | `CallbackNotConfirmedError` | oauth1 |
 * | `ERR_FACEBOOK_AUTHORIZATION`, `ERR_FACEBOOK_TOKEN`, `ERR_FACEBOOK_GRAPH_API` (or Facebook's number) | `FacebookAuthorizationError`, `FacebookTokenError`, `FacebookGraphAPIError` | facebook |
 * | `ERR_TWITTER_API` (or Twitter's number, an X problem's slug) | `APIError` | twitter |
 * | {@link IdTokenErrorCode}, {@link UserInfoErrorCode}, {@link DiscoveryErrorCode} | `IdTokenError`, `UserInfoError`, `DiscoveryError` | oidc |
 * | `ERR_JWKS_UNAVAILABLE`, `ERR_INTROSPECTION_FAILED` | `JwksUnavailableError`, `IntrospectionFailedError` | bearer |
 *
 * @example
 * ```ts
 * function explain(err: PassportKitError): string {
 *   switch (err.code) {
 *     case 'ERR_TIMEOUT': return 'The provider did not answer in time';
 *     case 'invalid_grant': return 'The login expired; please try again';
 *     case 'ERR_ID_TOKEN_EXPIRED': return 'Your sign-in expired';
 *     default: return 'Sign-in failed';
 *   }
 * }
 * ```
 */
export type PassportKitErrorCode =
  | NetworkErrorCode
  | 'ERR_UNEXPECTED_STATUS'
  | 'ERR_UNEXPECTED_BODY'
  | 'ERR_INTERNAL_OAUTH'
  | 'ERR_UNTRUSTED_HOST'
  | OAuthErrorCode
  | 'ERR_OAUTH_CALLBACK_NOT_CONFIRMED'
  | 'ERR_FACEBOOK_AUTHORIZATION'
  | 'ERR_FACEBOOK_TOKEN'
  | 'ERR_FACEBOOK_GRAPH_API'
  | 'ERR_TWITTER_API'
  | IdTokenErrorCode
  | UserInfoErrorCode
  | DiscoveryErrorCode
  | 'ERR_JWKS_UNAVAILABLE'
  | 'ERR_INTROSPECTION_FAILED';

interface Branded {
  [BRANDS]?: readonly string[];
}

/** Options shared by every passport-kit error. */
export interface PassportKitErrorOptions {
  /** The error (or value) that caused this one. */
  cause?: unknown;
}

/**
 * Base class of every passport-kit error.
 *
 * @example
 * ```ts
 * if (err instanceof PassportKitError) console.error(err.code, err.message);
 * ```
 */
export class PassportKitError extends Error {
  /**
   * Machine-readable error code: an RFC 6749 error code for protocol errors, `ERR_*` otherwise;
   * a provider's number (`190`) on the provider errors that carried one in the packages we replace.
   */
  code: PassportKitErrorCode | (string & {}) | number;

  constructor(message: string, code: PassportKitErrorCode | (string & {}) | number, options: PassportKitErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.code = code;
    // The brand lists every class name in the chain, so an instance made by another copy of
    // the package still satisfies `instanceof` below.
    const brands: string[] = [];
    for (let cls: unknown = new.target; cls !== Error && typeof cls === 'function'; cls = Object.getPrototypeOf(cls)) {
      brands.push(cls.name);
    }
    Object.defineProperty(this, BRANDS, { value: brands, enumerable: false });
  }

  /** `instanceof` that also accepts an error made by another installed copy of passport-kit (checked by class name). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== 'object' || value === null) return false;
    const brands = (value as Branded)[BRANDS];
    return Array.isArray(brands) && brands.includes(this.name);
  }
}

/** The provider could not be reached, did not answer in time, or sent more than the size cap. */
export class NetworkError extends PassportKitError {
  declare code: NetworkErrorCode;

  constructor(
    message: string,
    code: NetworkErrorCode,
    options: PassportKitErrorOptions = {},
  ) {
    super(message, code, options);
  }
}

/**
 * The provider answered with a status the caller did not expect. `statusCode` and `data` keep
 * the names passport-oauth2's `err.oauthError` used; `data` is not enumerable, so logging the
 * error does not print the body.
 */
export class UnexpectedStatusError extends PassportKitError {
  declare code: 'ERR_UNEXPECTED_STATUS';
  /** The HTTP status the provider answered with. */
  readonly statusCode: number;
  /** The response body as text (not enumerable, so logging the error leaves it out). */
  declare readonly data: string;

  constructor(message: string, statusCode: number, body: string, options: PassportKitErrorOptions = {}) {
    super(message, 'ERR_UNEXPECTED_STATUS', options);
    this.statusCode = statusCode;
    Object.defineProperty(this, 'data', { value: body, enumerable: false });
  }
}

/** The provider answered with a body that is not what the protocol requires. */
export class UnexpectedBodyError extends PassportKitError {
  declare code: 'ERR_UNEXPECTED_BODY';

  constructor(message: string, options: PassportKitErrorOptions = {}) {
    super(message, 'ERR_UNEXPECTED_BODY', options);
  }
}

/** Options of {@link InternalOAuthError}. */
export interface InternalOAuthErrorOptions {
  /**
   * `false`: passport-oauth1's message, as given; the cause's status then shows in `toString()`
   * only. Default `true`: the message also says what went wrong underneath (see the class).
   */
  quoteCause?: boolean | undefined;
}

/**
 * Talking to the provider failed for a reason that is not an OAuth error response: a timeout,
 * a refused connection, an unexpected status or body. passport-oauth2's and passport-oauth1's
 * error (both packages export this one class). `oauthError` (also `cause`) is what went wrong
 * underneath; a passport-kit cause's message, or the status of node-oauth's `{ statusCode,
 * data }`, is part of the message, so a log line shows the real cause. A foreign error's
 * message is never quoted: it may hold a secret.
 *
 * @example
 * ```ts
 * if (err instanceof InternalOAuthError && err.oauthError instanceof UnexpectedStatusError) {
 *   console.error(err.message, err.oauthError.statusCode);
 * }
 * ```
 */
export class InternalOAuthError extends PassportKitError {
  declare code: 'ERR_INTERNAL_OAUTH';
  /** What went wrong underneath, as passport-oauth2 and passport-oauth1 name it (also `cause`). */
  oauthError: unknown;
  readonly #statusInMessage: boolean;

  constructor(message: string, err?: unknown, options: InternalOAuthErrorOptions = {}) {
    const full = options.quoteCause === false ? message : withCause(message, err);
    super(full, 'ERR_INTERNAL_OAUTH', err === undefined ? {} : { cause: err });
    this.oauthError = err;
    this.#statusInMessage = full !== message;
  }

  /** `InternalOAuthError: message`, with `(status: 401)` when the message does not say it; never the body. */
  override toString(): string {
    const status = this.#statusInMessage ? undefined : statusOf(this.oauthError);
    return `${this.name}: ${this.message}${status === undefined ? '' : ` (status: ${status})`}`;
  }
}

// Only causes whose text we control are quoted: a foreign error's message may hold a secret.
function withCause(message: string, err: unknown): string {
  if (err instanceof PassportKitError) return `${message}: ${err.message}`;
  // node-oauth's `{ statusCode, data }` (an object, not an Error): its status, never its data.
  if (typeof err === 'object' && err !== null && !(err instanceof Error)) {
    const status = statusOf(err);
    if (status !== undefined) return `${message} (status ${status})`;
  }
  return message;
}

function statusOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const status = (value as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}
