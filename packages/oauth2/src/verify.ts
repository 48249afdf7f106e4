import type { IncomingRequest } from '@passport-kit/core';

/** What a verify function calls when done: an error, or the user (`false`: not allowed in). */
export type VerifyCallback = (err?: unknown, user?: unknown, info?: unknown) => void;

type VerifyResult = void | Promise<unknown>;

/** `(accessToken, refreshToken, profile, done)` */
export type VerifyFunction<P = unknown> = (accessToken: string, refreshToken: string | undefined, profile: P, done: VerifyCallback) => VerifyResult;
/** `(accessToken, refreshToken, params, profile, done)`: `params` is the whole token response. */
export type VerifyFunctionWithParams<P = unknown> = (accessToken: string, refreshToken: string | undefined, params: Record<string, unknown>, profile: P, done: VerifyCallback) => VerifyResult;
/** `(req, accessToken, refreshToken, profile, done)`, with `passReqToCallback: true`. */
export type VerifyFunctionWithRequest<P = unknown, R = IncomingRequest> = (req: R, accessToken: string, refreshToken: string | undefined, profile: P, done: VerifyCallback) => VerifyResult;
/** `(req, accessToken, refreshToken, params, profile, done)`, with `passReqToCallback: true`. */
export type VerifyFunctionWithRequestAndParams<P = unknown, R = IncomingRequest> = (req: R, accessToken: string, refreshToken: string | undefined, params: Record<string, unknown>, profile: P, done: VerifyCallback) => VerifyResult;

/** The outcome of a verify function, whichever way it reported it. */
export interface Verified {
  user: unknown;
  info: unknown;
}

/**
 * Calls the app's verify function the way passport-oauth2 does, choosing the form by its
 * arity: 5 (6 with the request) gets `params`; any other arity, including NestJS's `(...args)`
 * (arity 0), gets the 4-argument form. A verify may call `done` or return a promise of the
 * user (`false` or `null`: not allowed in); whichever comes first wins. A promise of `undefined`
 * is an `async` function that reports through `done`, as NestJS's wrapper does, so `done` is
 * awaited.
 */
export function callVerify(
  verify: (...args: never[]) => VerifyResult,
  passReqToCallback: boolean,
  req: IncomingRequest,
  accessToken: string,
  refreshToken: string | undefined,
  params: Record<string, unknown>,
  profile: unknown,
): Promise<Verified> {
  return new Promise<Verified>((resolve, reject) => {
    let settled = false;
    const done: VerifyCallback = (err, user, info) => {
      if (settled) return;
      settled = true;
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve({ user, info });
    };
    const withParams = verify.length === (passReqToCallback ? 6 : 5);
    const args: unknown[] = withParams ? [accessToken, refreshToken, params, profile, done] : [accessToken, refreshToken, profile, done];
    if (passReqToCallback) args.unshift(req);
    const result = (verify as (...args: unknown[]) => VerifyResult)(...args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(
        (user) => {
          if (user !== undefined) done(null, user);
        },
        (err: unknown) => done(err ?? new Error('verify rejected')),
      );
    }
  });
}
