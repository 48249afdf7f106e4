import { PassportKitError } from '@passport-kit/core';

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

/**
 * Talking to the provider failed for a reason that is not an OAuth error response: a timeout,
 * a refused connection, an unexpected status or body. `oauthError` (also `cause`) is what went
 * wrong underneath, and its summary is part of the message, so a log line shows the real cause.
 */
export class InternalOAuthError extends PassportKitError {
  /** The underlying failure, as passport-oauth2 names it (also `cause`). */
  oauthError: unknown;

  constructor(message: string, err?: unknown) {
    super(withCause(message, err), 'ERR_INTERNAL_OAUTH', { cause: err });
    this.oauthError = err;
  }
}

// Only causes whose text we control are quoted: a foreign error's message may hold a secret.
function withCause(message: string, err: unknown): string {
  if (err instanceof PassportKitError) return `${message}: ${err.message}`;
  if (typeof err === 'object' && err !== null && typeof (err as { statusCode?: unknown }).statusCode === 'number') {
    return `${message} (status ${(err as { statusCode: number }).statusCode})`;
  }
  return message;
}
