import { PassportKitError } from '@passport-kit/core';

/**
 * The authorization server's key set (JWKS) could not be loaded: the endpoint is down, slow, or
 * answers something that is not a key set. Not the client's fault, so the strategy calls
 * `error()` (passport's `next(err)`) instead of answering 401: `status` is 503, and
 * `err.cause` says what went wrong.
 */
export class JwksUnavailableError extends PassportKitError {
  declare code: 'ERR_JWKS_UNAVAILABLE';
  /** The HTTP status passport's error handling answers with. */
  readonly status = 503;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, 'ERR_JWKS_UNAVAILABLE', options);
  }
}

/**
 * Introspection (RFC 7662) failed: the endpoint is down, refused this resource server's
 * credentials, or answered something that is not an introspection response. `status` is 503 and
 * `err.cause` is the `TokenError` or `InternalOAuthError` from the TokenClient.
 */
export class IntrospectionFailedError extends PassportKitError {
  declare code: 'ERR_INTROSPECTION_FAILED';
  /** The HTTP status passport's error handling answers with. */
  readonly status = 503;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, 'ERR_INTROSPECTION_FAILED', options);
  }
}
