// The verify forms OAuth1Strategy accepts; core's callVerify picks one by arity.
import type { IncomingRequest, Profile } from '@passport-kit/core';

/** `done(err, user, info)`: `user` false for a failed login. */
export type VerifyCallback = (err?: unknown, user?: unknown, info?: unknown) => void;
/** Token-response parameters besides the token and its secret (`user_id`, `screen_name`, …). */
export type TokenParams = Record<string, string>;

/** `(token, tokenSecret, profile, done)`; may instead return (a promise of) the user. */
export type VerifyFunction<P = Profile> = (token: string, tokenSecret: string, profile: P, done: VerifyCallback) => unknown;
/** `(token, tokenSecret, params, profile, done)`: also the token response's other parameters. */
export type VerifyFunctionWithParams<P = Profile> = (token: string, tokenSecret: string, params: TokenParams, profile: P, done: VerifyCallback) => unknown;
// The request forms are declared as methods, so `req` is checked bivariantly: a verify written
// as `(req: express.Request, …)` fits whatever request type the framework hands passport.
/** `passReqToCallback: true`: `(req, token, tokenSecret, profile, done)`. */
export type VerifyFunctionWithRequest<P = Profile, R = IncomingRequest> = {
  /** The verify callback, request first. */
  verify(req: R, token: string, tokenSecret: string, profile: P, done: VerifyCallback): unknown;
}['verify'];
/** `passReqToCallback: true`: `(req, token, tokenSecret, params, profile, done)`. */
export type VerifyFunctionWithRequestAndParams<P = Profile, R = IncomingRequest> = {
  /** The verify callback, request first. */
  verify(req: R, token: string, tokenSecret: string, params: TokenParams, profile: P, done: VerifyCallback): unknown;
}['verify'];
/** Any of the verify forms; the strategy tells them apart by `passReqToCallback` and arity. */
export type OAuth1Verify = VerifyFunction | VerifyFunctionWithParams | VerifyFunctionWithRequest | VerifyFunctionWithRequestAndParams;
