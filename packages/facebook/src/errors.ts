import { PassportKitError, redact } from '@passport-kit/core';
import { AuthorizationError, TokenError } from '@passport-kit/oauth2';

/**
 * Facebook's errors do not follow RFC 6749: the token endpoint and the Graph API answer
 * `{ error: { message, type, code, error_subcode, fbtrace_id } }`, and the login dialog
 * redirects back with `error_code` and `error_message`.
 * https://developers.facebook.com/docs/graph-api/guides/error-handling
 *
 * Every Facebook error carries `type` (`OAuthException`), `code` (Facebook's numeric code, a
 * number as in passport-facebook: `err.code === 190` is an expired or revoked token),
 * `subcode` and `traceID` (the `fbtrace_id` Meta support asks for), and `status` 500 as in
 * passport-facebook. When Facebook sent no code, `code` is a passport-kit string
 * (`'ERR_FACEBOOK_TOKEN'`, …) where passport-facebook left it `undefined`.
 */
export interface FacebookErrorFields {
  /** Facebook's error type, e.g. `OAuthException`. */
  type: string | undefined;
  /** Facebook's numeric error code, e.g. `190`; an `ERR_FACEBOOK_*` string when it sent none. */
  code: number | string;
  /** Facebook's `error_subcode`, e.g. `463` for an expired session. */
  subcode: number | undefined;
  /** Facebook's `fbtrace_id`, for Meta support. */
  traceID: string | undefined;
  /** The HTTP status passport's error handling answers with (500). */
  status: number;
}

/**
 * The login dialog redirected back with `error_code` and `error_message` (an error other than
 * the user's denial, which is a `fail()`). `code` is the `error_code` as a number, as in
 * passport-facebook.
 *
 * @example
 * ```ts
 * if (err instanceof FacebookAuthorizationError) console.error(err.code, err.message); // 1349003 'App not set up'
 * ```
 */
export class FacebookAuthorizationError extends AuthorizationError implements FacebookErrorFields {
  /** Facebook's `error_code` (`1349003`); `'ERR_FACEBOOK_AUTHORIZATION'` when it is not a number. */
  declare code: number | 'ERR_FACEBOOK_AUTHORIZATION';
  type: string | undefined = undefined;
  subcode: number | undefined = undefined;
  traceID: string | undefined = undefined;

  constructor(message: string | undefined, code: number | string) {
    const errorCode = facebookCode(code) ?? 'ERR_FACEBOOK_AUTHORIZATION';
    super(message ?? `Facebook authorization failed with error_code ${String(code)}`, 'ERR_FACEBOOK_AUTHORIZATION', undefined, 500);
    this.code = errorCode;
  }
}

/**
 * The token endpoint refused the code (expired, used, for another redirect_uri) or the app's
 * credentials. A `TokenError` too, so generic OAuth 2.0 handling still catches it.
 *
 * @example
 * ```ts
 * if (err instanceof FacebookTokenError && err.subcode === 36007) console.error('code expired');
 * ```
 */
export class FacebookTokenError extends TokenError implements FacebookErrorFields {
  /** Facebook's numeric code (`100`, `190`); `'ERR_FACEBOOK_TOKEN'` when it sent none. */
  declare code: number | 'ERR_FACEBOOK_TOKEN';
  type: string | undefined;
  subcode: number | undefined;
  traceID: string | undefined;

  constructor(message: string | undefined, type?: string, code?: number | string, subcode?: number, traceID?: string) {
    const errorCode = facebookCode(code) ?? 'ERR_FACEBOOK_TOKEN';
    super(message ?? `Facebook token request failed with code ${errorCode}`, 'ERR_FACEBOOK_TOKEN', undefined, 500);
    this.code = errorCode;
    this.type = type;
    this.subcode = subcode;
    this.traceID = traceID;
  }
}

/**
 * A Graph API call (the profile request) answered with an error, e.g. code `190` for an
 * invalid or expired access token.
 *
 * @example
 * ```ts
 * if (err instanceof FacebookGraphAPIError && err.code === 190) console.error('token no longer valid');
 * ```
 */
export class FacebookGraphAPIError extends PassportKitError implements FacebookErrorFields {
  /** Facebook's numeric code (`190`); `'ERR_FACEBOOK_GRAPH_API'` when it sent none. */
  declare code: number | 'ERR_FACEBOOK_GRAPH_API';
  type: string | undefined;
  subcode: number | undefined;
  traceID: string | undefined;
  /** The HTTP status passport's error handling answers with, as in passport-facebook. */
  status = 500;

  constructor(message: string | undefined, type?: string, code?: number | string, subcode?: number, traceID?: string) {
    const errorCode = facebookCode(code) ?? 'ERR_FACEBOOK_GRAPH_API';
    super(message ?? `Facebook Graph API call failed with code ${errorCode}`, errorCode);
    this.type = type;
    this.subcode = subcode;
    this.traceID = traceID;
  }
}

// Facebook's codes are integers; the login dialog's `error_code` arrives as query text.
function facebookCode(code: number | string | undefined): number | undefined {
  if (typeof code === 'number') return Number.isSafeInteger(code) ? code : undefined;
  return typeof code === 'string' && /^\d{1,15}$/.test(code) ? Number(code) : undefined;
}

/** The fields of a Facebook error body, each checked. */
export interface FacebookErrorBody {
  message: string | undefined;
  type: string | undefined;
  code: number | string | undefined;
  subcode: number | undefined;
  traceID: string | undefined;
}

const MAX_MESSAGE = 500;

/**
 * Reads `{ error: { message, type, code, error_subcode, fbtrace_id } }`, or `undefined` when the
 * body is not one (not JSON, or an RFC 6749 string-valued `error`). Any of `secrets` found in
 * the message is replaced, so no token or app secret reaches an error message or a log.
 */
export function readFacebookError(body: string, secrets: readonly (string | undefined)[] = []): FacebookErrorBody | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const error = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['error'] : undefined;
  if (typeof error !== 'object' || error === null || Array.isArray(error)) return undefined;
  const fields = error as Record<string, unknown>;
  const code = fields['code'];
  return {
    // Redacted before truncation, so a secret cut in half by the length cap is still removed.
    message: truncate(typeof fields['message'] === 'string' ? redact(fields['message'], secrets) : undefined),
    type: stringField(fields, 'type'),
    code: typeof code === 'number' || (typeof code === 'string' && code !== '') ? code : undefined,
    subcode: typeof fields['error_subcode'] === 'number' ? fields['error_subcode'] : undefined,
    traceID: stringField(fields, 'fbtrace_id'),
  };
}

function stringField(fields: Record<string, unknown>, name: string): string | undefined {
  return truncate(fields[name]);
}

function truncate(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value.slice(0, MAX_MESSAGE) : undefined;
}
