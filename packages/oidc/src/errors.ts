import {
  PassportKitError,
  type DiscoveryErrorCode,
  type IdTokenErrorCode,
  type PassportKitErrorOptions,
  type UserInfoErrorCode,
} from '@passport-kit/core';

// The codes are listed with every other package's in core's `PassportKitErrorCode`.
export type { DiscoveryErrorCode, IdTokenErrorCode, UserInfoErrorCode };

/**
 * The id_token failed verification, so the login ends before the verify callback runs. The
 * message names the check, never the token.
 *
 * @example
 * ```ts
 * app.use((err, req, res, next) => {
 *   if (err instanceof IdTokenError && err.code === 'ERR_ID_TOKEN_EXPIRED') return res.redirect('/login');
 *   next(err);
 * });
 * ```
 */
export class IdTokenError extends PassportKitError {
  declare code: IdTokenErrorCode;

  constructor(message: string, code: IdTokenErrorCode, options: PassportKitErrorOptions = {}) {
    super(message, code, options);
  }
}

/** The UserInfo endpoint answered, but with claims that cannot be used. */
export class UserInfoError extends PassportKitError {
  declare code: UserInfoErrorCode;

  constructor(message: string, code: UserInfoErrorCode, options: PassportKitErrorOptions = {}) {
    super(message, code, options);
  }
}

/**
 * The issuer's metadata could not be used. Transport failures are core's `NetworkError`; a
 * status other than 200 or 404 is core's `UnexpectedStatusError`.
 */
export class DiscoveryError extends PassportKitError {
  declare code: DiscoveryErrorCode;

  constructor(message: string, code: DiscoveryErrorCode, options: PassportKitErrorOptions = {}) {
    super(message, code, options);
  }
}
