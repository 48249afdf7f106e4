import type { StateFailureReason } from './login-channels.js';
import type { IncomingRequest } from './request.js';

/**
 * Why the last login failed, where an app can read it: passport hands a strategy's failure to
 * `failureMessage`/`failureFlash` as its message text only, so the reason would be lost.
 */
export interface PassportKitFailure {
  /** The strategy's name. */
  strategy: string;
  /** The HTTP status of the failure. */
  status: number;
  /** The message passport shows (passport-oauth2's text, unchanged). */
  message?: string | undefined;
  /** For a state failure: `missing` (no pending login in this browser), `mismatch` or `expired`. */
  reason?: StateFailureReason | undefined;
}

/** The request and session field {@link recordLoginFailure} writes. */
export const LOGIN_FAILURE_FIELD = 'passportKitFailure';

/**
 * Keeps `failure` on `req.passportKitFailure` (a custom callback or `failWithError`'s error
 * handler reads it in the same request) and, when the app asked passport for `failureMessage`
 * or `failureFlash`, on `req.session.passportKitFailure` too, for the page `failureRedirect`
 * leads to. A later successful login does not clear it; the app deletes it once shown.
 */
export function recordLoginFailure(req: IncomingRequest, options: { failureMessage?: unknown; failureFlash?: unknown }, failure: PassportKitFailure): void {
  (req as unknown as Record<string, unknown>)[LOGIN_FAILURE_FIELD] = failure;
  if ((options.failureMessage || options.failureFlash) && req.session) {
    (req.session as Record<string, unknown>)[LOGIN_FAILURE_FIELD] = { ...failure };
  }
}
