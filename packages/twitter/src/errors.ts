import { PassportKitError } from '@passport-kit/core';

/**
 * Twitter or X answered with one of its own error bodies: Twitter's
 * `{"errors":[{"code":89,"message":"Invalid or expired token."}]}` (JSON, or the XML and text
 * forms of the OAuth endpoints), or an X API v2 problem
 * (`{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}`).
 * https://developer.x.com/en/support/x-api/error-troubleshooting
 *
 * `code` is Twitter's numeric code as a string (`'89'`; every passport-kit code is a string),
 * the last segment of an X problem `type` (`'invalid-request'`), a slug of its `title`
 * (`'unauthorized'`), or `'ERR_TWITTER_API'` when the body carried none. `status` is 500, as in
 * passport-twitter (what passport answers the browser); `statusCode` is what Twitter answered.
 * The message never holds a token or a secret.
 *
 * @example
 * ```ts
 * if (err instanceof APIError && err.code === '89') console.error('token revoked or expired');
 * ```
 */
export class APIError extends PassportKitError {
  /** What passport's error handling answers with, as passport-twitter's `APIError`. */
  status = 500;
  /** The HTTP status Twitter or X answered with, when known. */
  statusCode: number | undefined;
  /** An X API v2 problem's `type` URI, e.g. `https://api.twitter.com/2/problems/invalid-request`. */
  type: string | undefined;

  constructor(message: string | undefined, code?: number | string, statusCode?: number, type?: string) {
    const errorCode = code === undefined || code === '' ? 'ERR_TWITTER_API' : String(code);
    super(message ?? `Twitter API call failed with code ${errorCode}`, errorCode);
    this.statusCode = statusCode;
    this.type = type;
  }
}
