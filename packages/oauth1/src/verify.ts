// The verify forms OAuth1Strategy accepts; core's callVerify picks one by arity. `done` takes the
// app's `Express.User`; with `passReqToCallback`, `req` is the app's request (`PassportRequest`).
import type { PassportRequest, Profile, VerifyCallback } from '@passport-kit/core';

export type { PassportRequest, VerifiedUser, VerifyCallback } from '@passport-kit/core';
/** Token-response parameters besides the token and its secret (`user_id`, `screen_name`, …). */
export type TokenParams = Record<string, string>;

// Every form is declared as a method, so its parameters are checked bivariantly: a verify
// written as `(req: express.Request, …)`, with its own profile type, or with `done` typed more
// loosely fits, while an unannotated one gets exactly these types.
/** `(token, tokenSecret, profile, done)`; may instead return (a promise of) the user. */
export type VerifyFunction<P = Profile> = {
  /** The verify callback. */
  verify(token: string, tokenSecret: string, profile: P, done: VerifyCallback): unknown;
}['verify'];
/** `(token, tokenSecret, params, profile, done)`: also the token response's other parameters. */
export type VerifyFunctionWithParams<P = Profile> = {
  /** The verify callback. */
  verify(token: string, tokenSecret: string, params: TokenParams, profile: P, done: VerifyCallback): unknown;
}['verify'];
/** `passReqToCallback: true`: `(req, token, tokenSecret, profile, done)`. */
export type VerifyFunctionWithRequest<P = Profile, R = PassportRequest> = {
  /** The verify callback, request first. */
  verify(req: R, token: string, tokenSecret: string, profile: P, done: VerifyCallback): unknown;
}['verify'];
/** `passReqToCallback: true`: `(req, token, tokenSecret, params, profile, done)`. */
export type VerifyFunctionWithRequestAndParams<P = Profile, R = PassportRequest> = {
  /** The verify callback, request first. */
  verify(req: R, token: string, tokenSecret: string, params: TokenParams, profile: P, done: VerifyCallback): unknown;
}['verify'];
/**
 * Any of the verify forms, whatever its profile and request types; the strategy tells them apart
 * by `passReqToCallback` and arity.
 */
export type OAuth1Verify =
  | VerifyFunction<never>
  | VerifyFunctionWithParams<never>
  | VerifyFunctionWithRequest<never, never>
  | VerifyFunctionWithRequestAndParams<never, never>;
