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
  code: string | number;

  constructor(message: string, code: string | number, options: PassportKitErrorOptions = {}) {
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
  declare code: 'ERR_NETWORK' | 'ERR_TIMEOUT' | 'ERR_RESPONSE_TOO_LARGE';

  constructor(
    message: string,
    code: 'ERR_NETWORK' | 'ERR_TIMEOUT' | 'ERR_RESPONSE_TOO_LARGE',
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
