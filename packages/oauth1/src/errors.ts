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
