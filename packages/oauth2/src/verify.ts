// The verify forms OAuth2Strategy accepts; core's callVerify picks one by arity.
import type { IncomingRequest, VerifyCallback } from '@passport-kit/core';

export type { Verified, VerifyCallback } from '@passport-kit/core';

type VerifyResult = void | Promise<unknown>;

/** `(accessToken, refreshToken, profile, done)` */
export type VerifyFunction<P = unknown> = (accessToken: string, refreshToken: string | undefined, profile: P, done: VerifyCallback) => VerifyResult;
/** `(accessToken, refreshToken, params, profile, done)`: `params` is the whole token response. */
export type VerifyFunctionWithParams<P = unknown> = (accessToken: string, refreshToken: string | undefined, params: Record<string, unknown>, profile: P, done: VerifyCallback) => VerifyResult;
// The request forms are declared as methods, so `req` is checked bivariantly: a verify written
// as `(req: express.Request, …)` fits whatever request type the framework hands passport.
/** `(req, accessToken, refreshToken, profile, done)`, with `passReqToCallback: true`. */
export type VerifyFunctionWithRequest<P = unknown, R = IncomingRequest> = {
  /** The verify callback, request first. */
  verify(req: R, accessToken: string, refreshToken: string | undefined, profile: P, done: VerifyCallback): VerifyResult;
}['verify'];
/** `(req, accessToken, refreshToken, params, profile, done)`, with `passReqToCallback: true`. */
export type VerifyFunctionWithRequestAndParams<P = unknown, R = IncomingRequest> = {
  /** The verify callback, request first. */
  verify(req: R, accessToken: string, refreshToken: string | undefined, params: Record<string, unknown>, profile: P, done: VerifyCallback): VerifyResult;
}['verify'];
