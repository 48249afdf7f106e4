import { PassportKitError } from '@passport-kit/core';

/**
 * A request-token, access-token or profile call failed: passport-oauth1's error, with the same
 * messages (`Failed to obtain request token`, `Failed to obtain access token`) and the failure
 * in `oauthError` (also `cause`): a core `NetworkError`, `UnexpectedStatusError` (with
 * `statusCode` and `data`, as node-oauth reported it) or `UnexpectedBodyError`.
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
  /** What went wrong underneath, as passport-oauth1 named it. */
  readonly oauthError: unknown;

  constructor(message: string, oauthError?: unknown) {
    super(message, 'ERR_INTERNAL_OAUTH', oauthError === undefined ? {} : { cause: oauthError });
    this.oauthError = oauthError;
  }

  /** `InternalOAuthError: message (status: 401)`; the response body stays in `oauthError.data`. */
  override toString(): string {
    const status = statusOf(this.oauthError);
    return `${this.name}: ${this.message}${status === undefined ? '' : ` (status: ${status})`}`;
  }
}

function statusOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const status = (value as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The provider's request-token response lacks `oauth_callback_confirmed=true`: it speaks OAuth
 * 1.0, not 1.0a, and its logins can be hijacked by session fixation (the attacker rewrites the
 * callback in the authorization link; see RFC 5849 §2.2 and the `allowOAuth10` option). The
 * strategy refuses it unless `allowOAuth10: true`.
 */
export class CallbackNotConfirmedError extends PassportKitError {
  declare code: 'ERR_OAUTH_CALLBACK_NOT_CONFIRMED';

  constructor() {
    super(
      'The provider did not confirm the callback (no oauth_callback_confirmed=true): it speaks OAuth 1.0, whose logins can be hijacked by session fixation. Set allowOAuth10: true only to accept that risk.',
      'ERR_OAUTH_CALLBACK_NOT_CONFIRMED',
    );
  }
}
