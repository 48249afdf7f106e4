import { PassportKitError } from '@passport-kit/core';

/**
 * Twitter or X answered with one of its own error bodies: Twitter's
 * `{"errors":[{"code":89,"message":"Invalid or expired token."}]}` (JSON, or the XML and text
 * forms of the OAuth endpoints), or an X API v2 problem
 * (`{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}`).
 * https://developer.x.com/en/support/x-api/error-troubleshooting
 *
 * `code` is Twitter's numeric code as a number (`89`, as in passport-twitter: apps branch on
 * `err.code === 89`), the last segment of an X problem `type` (`'invalid-request'`), a slug of
 * its `title` (`'unauthorized'`), or `'ERR_TWITTER_API'` when the body carried none (where
 * passport-twitter left it `undefined`). `status` is 500, as in passport-twitter (what passport
 * answers the browser); `statusCode` is what Twitter answered. The message never holds a token
 * or a secret.
 *
 * @example
 * ```ts
 * if (err instanceof APIError && err.code === 89) console.error('token revoked or expired');
 * ```
 */
export class APIError extends PassportKitError {
  /** Twitter's numeric code (`89`), an X problem's string code (`'invalid-request'`), or `'ERR_TWITTER_API'`. */
  declare code: number | string;
  /** What passport's error handling answers with, as passport-twitter's `APIError`. */
  status = 500;
  /** The HTTP status Twitter or X answered with, when known. */
  statusCode: number | undefined;
  /** An X API v2 problem's `type` URI, e.g. `https://api.twitter.com/2/problems/invalid-request`. */
  type: string | undefined;

  constructor(message: string | undefined, code?: number | string, statusCode?: number, type?: string) {
    const errorCode = apiErrorCode(code);
    super(message ?? `Twitter API call failed with code ${errorCode}`, errorCode);
    this.statusCode = statusCode;
    this.type = type;
  }
}

// Twitter's codes are integers (`89`); the XML form carries them as attribute text (`code="32"`).
function apiErrorCode(code: number | string | undefined): number | string {
  if (typeof code === 'number') return Number.isSafeInteger(code) ? code : 'ERR_TWITTER_API';
  if (code === undefined || code === '') return 'ERR_TWITTER_API';
  return /^\d{1,15}$/.test(code) ? Number(code) : code;
}
