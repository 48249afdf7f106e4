import type { IncomingRequest } from '@passport-kit/core';
import type { TokenParams } from '@passport-kit/oauth1';
import type { VerifyCallback } from '@passport-kit/oauth2';
import type { TwitterProfile } from './profile.js';
import type { XProfile } from './x-profile.js';

type VerifyResult = unknown;

/** `(token, tokenSecret, profile, done)`; may instead return (a promise of) the user. */
export type TwitterVerifyFunction = (token: string, tokenSecret: string, profile: TwitterProfile, done: VerifyCallback) => VerifyResult;
/** `(token, tokenSecret, params, profile, done)`: `params` holds `user_id` and `screen_name`. */
export type TwitterVerifyFunctionWithParams = (token: string, tokenSecret: string, params: TokenParams, profile: TwitterProfile, done: VerifyCallback) => VerifyResult;
// Declared as methods, so `req` is checked bivariantly: `(req: express.Request, ...)` fits.
/** `(req, token, tokenSecret, profile, done)`, with `passReqToCallback: true`. */
export type TwitterVerifyFunctionWithRequest = {
  /** The verify callback, request first. */
  verify(req: IncomingRequest, token: string, tokenSecret: string, profile: TwitterProfile, done: VerifyCallback): VerifyResult;
}['verify'];
/** `(req, token, tokenSecret, params, profile, done)`, with `passReqToCallback: true`. */
export type TwitterVerifyFunctionWithRequestAndParams = {
  /** The verify callback, request first. */
  verify(req: IncomingRequest, token: string, tokenSecret: string, params: TokenParams, profile: TwitterProfile, done: VerifyCallback): VerifyResult;
}['verify'];

/** `(accessToken, refreshToken, profile, done)`: `refreshToken` only with `offline.access`. */
export type XVerifyFunction = (accessToken: string, refreshToken: string | undefined, profile: XProfile, done: VerifyCallback) => VerifyResult;
/** `(accessToken, refreshToken, params, profile, done)`: `params` is the whole token response (`expires_in`, `scope`). */
export type XVerifyFunctionWithParams = (
  accessToken: string,
  refreshToken: string | undefined,
  params: Record<string, unknown>,
  profile: XProfile,
  done: VerifyCallback,
) => VerifyResult;
/** `(req, accessToken, refreshToken, profile, done)`, with `passReqToCallback: true`. */
export type XVerifyFunctionWithRequest = {
  /** The verify callback, request first. */
  verify(req: IncomingRequest, accessToken: string, refreshToken: string | undefined, profile: XProfile, done: VerifyCallback): VerifyResult;
}['verify'];
/** `(req, accessToken, refreshToken, params, profile, done)`, with `passReqToCallback: true`. */
export type XVerifyFunctionWithRequestAndParams = {
  /** The verify callback, request first. */
  verify(
    req: IncomingRequest,
    accessToken: string,
    refreshToken: string | undefined,
    params: Record<string, unknown>,
    profile: XProfile,
    done: VerifyCallback,
  ): VerifyResult;
}['verify'];
