import { PassportKitError } from '@passport-kit/core';

// One class for both protocols: passport-oauth1 and passport-oauth2 export the same error.
export { InternalOAuthError } from '@passport-kit/core';

/**
 * The provider redirected back with an error (RFC 6749 §4.1.2.1) other than `access_denied`,
 * which is a login failure (`fail()`), not an error. `status` is what passport's error
 * handling answers with: 403 for access_denied, 502 for server_error, 503 for
 * temporarily_unavailable, 500 otherwise.
 */
export class AuthorizationError extends PassportKitError {
  /** A URI identifying a page with information about the error, as the provider sent it. */
  uri: string | undefined;
  /** The HTTP status passport's error handling answers with. */
  status: number;

  constructor(message: string | undefined, code?: string, uri?: string, status?: number) {
    const errorCode = code || 'server_error';
    super(message ?? `Authorization failed: ${errorCode}`, errorCode);
    this.uri = uri;
    this.status = status || AUTHORIZATION_ERROR_STATUS[code ?? ''] || 500;
  }
}

const AUTHORIZATION_ERROR_STATUS: Record<string, number> = {
  access_denied: 403,
  server_error: 502,
  temporarily_unavailable: 503,
};

/**
 * The token endpoint refused the request (RFC 6749 §5.2): `code` is the provider's error code
 * (`invalid_grant`, `invalid_client`, …), `message` its description.
 */
export class TokenError extends PassportKitError {
  /** A URI identifying a page with information about the error, as the provider sent it. */
  uri: string | undefined;
  /** The HTTP status passport's error handling answers with: 500 unless given. */
  status: number;

  constructor(message: string | undefined, code?: string, uri?: string, status?: number) {
    const errorCode = code || 'invalid_request';
    super(message ?? `Token request failed: ${errorCode}`, errorCode);
    this.uri = uri;
    this.status = status || 500;
  }
}
