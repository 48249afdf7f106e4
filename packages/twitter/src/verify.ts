// The verify forms of TwitterStrategy (OAuth1Strategy's) and XStrategy (OAuth2Strategy's), with
// their profiles.
import type {
  VerifyFunction as OAuth1VerifyFunction,
  VerifyFunctionWithParams as OAuth1VerifyFunctionWithParams,
  VerifyFunctionWithRequest as OAuth1VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams as OAuth1VerifyFunctionWithRequestAndParams,
} from '@passport-kit/oauth1';
import type {
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
} from '@passport-kit/oauth2';
import type { PassportRequest } from '@passport-kit/core';
import type { TwitterProfile } from './profile.js';
import type { XProfile } from './x-profile.js';

/** `(token, tokenSecret, profile, done)`; may instead return (a promise of) the user. */
export type TwitterVerifyFunction = OAuth1VerifyFunction<TwitterProfile>;
/** `(token, tokenSecret, params, profile, done)`: `params` holds `user_id` and `screen_name`. */
export type TwitterVerifyFunctionWithParams = OAuth1VerifyFunctionWithParams<TwitterProfile>;
/** `(req, token, tokenSecret, profile, done)`, with `passReqToCallback: true`. */
export type TwitterVerifyFunctionWithRequest<R = PassportRequest> = OAuth1VerifyFunctionWithRequest<TwitterProfile, R>;
/** `(req, token, tokenSecret, params, profile, done)`, with `passReqToCallback: true`. */
export type TwitterVerifyFunctionWithRequestAndParams<R = PassportRequest> = OAuth1VerifyFunctionWithRequestAndParams<TwitterProfile, R>;

/** `(accessToken, refreshToken, profile, done)`: `refreshToken` only with `offline.access`. */
export type XVerifyFunction = VerifyFunction<XProfile>;
/** `(accessToken, refreshToken, params, profile, done)`: `params` is the whole token response (`expires_in`, `scope`). */
export type XVerifyFunctionWithParams = VerifyFunctionWithParams<XProfile>;
/** `(req, accessToken, refreshToken, profile, done)`, with `passReqToCallback: true`. */
export type XVerifyFunctionWithRequest<R = PassportRequest> = VerifyFunctionWithRequest<XProfile, R>;
/** `(req, accessToken, refreshToken, params, profile, done)`, with `passReqToCallback: true`. */
export type XVerifyFunctionWithRequestAndParams<R = PassportRequest> = VerifyFunctionWithRequestAndParams<XProfile, R>;

