// The verify forms OAuth2Strategy accepts; core's callVerify picks one by arity. `done` takes the
// app's `Express.User`; with `passReqToCallback`, `req` is the app's request (`PassportRequest`).
import type { PassportRequest, VerifyCallback, VerifyResult } from '@passport-kit/core';

export type { PassportRequest, Verified, VerifiedUser, VerifyCallback, VerifyResult } from '@passport-kit/core';

/** The whole token response (`expires_in`, `scope`, `id_token`, …), for the forms that take `params`. */
export type TokenResponseParams = Record<string, unknown>;

// Every form is declared as a method, so its parameters are checked bivariantly: a verify
// written as `(req: express.Request, …)`, with its own profile type, or with `done` typed more
// loosely fits, while an unannotated one gets exactly these types.
/** `(accessToken, refreshToken, profile, done)` */
export type VerifyFunction<P = unknown> = {
  /** The verify callback. */
  verify(accessToken: string, refreshToken: string | undefined, profile: P, done: VerifyCallback): VerifyResult;
}['verify'];
/** `(accessToken, refreshToken, params, profile, done)`: `params` is the whole token response. */
export type VerifyFunctionWithParams<P = unknown> = {
  /** The verify callback. */
  verify(accessToken: string, refreshToken: string | undefined, params: TokenResponseParams, profile: P, done: VerifyCallback): VerifyResult;
}['verify'];
/** `(req, accessToken, refreshToken, profile, done)`, with `passReqToCallback: true`. */
export type VerifyFunctionWithRequest<P = unknown, R = PassportRequest> = {
  /** The verify callback, request first. */
  verify(req: R, accessToken: string, refreshToken: string | undefined, profile: P, done: VerifyCallback): VerifyResult;
}['verify'];
/** `(req, accessToken, refreshToken, params, profile, done)`, with `passReqToCallback: true`. */
export type VerifyFunctionWithRequestAndParams<P = unknown, R = PassportRequest> = {
  /** The verify callback, request first. */
  verify(req: R, accessToken: string, refreshToken: string | undefined, params: TokenResponseParams, profile: P, done: VerifyCallback): VerifyResult;
}['verify'];
