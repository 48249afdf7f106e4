/**
 * Calling the app's functions (a verify callback, a `userProfile` or `skipUserProfile` hook)
 * that may answer through a `done` callback, through a returned promise, or both.
 */

import type { VerifiedUser } from './app-types.js';

/**
 * A verify callback's `done`: an error, or the user (the app's `Express.User`; `false` refuses
 * the login), and `info` for `req.authInfo` or the failure.
 */
export type VerifyCallback = (err?: unknown, user?: VerifiedUser, info?: unknown) => void;

/** What a verify callback returns: nothing (it calls `done`), or a promise of the user. */
export type VerifyResult = void | Promise<VerifiedUser | undefined | void>;

/** What a function run by {@link settle} calls when done: an error, or its value. */
type SettleCallback = (err?: unknown, value?: unknown, info?: unknown) => void;

/** The outcome of a verify function, whichever way it reported it. */
export interface Verified {
  /** The user (`false` or `null`: not allowed in). */
  user: unknown;
  /** The third argument to `done`, for `req.authInfo` or the failure. */
  info: unknown;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Runs `fn(...args, done)` and settles with whichever answer comes first: `done(err, value,
 * info)`, a returned promise, or a throw. A promise of `undefined` from a function that declares
 * `done` (its arity counts it) is an `async` function reporting through `done`, so `done` is
 * awaited; from any other function, `undefined` is the answer.
 */
export function settle(fn: (...args: never[]) => unknown, args: readonly unknown[]): Promise<Verified> {
  return new Promise<Verified>((resolve, reject) => {
    let settled = false;
    const done: SettleCallback = (err, user, info) => {
      if (settled) return;
      settled = true;
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve({ user, info });
    };
    const declaresDone = fn.length > args.length;
    let returned: unknown;
    try {
      returned = (fn as (...all: unknown[]) => unknown)(...args, done);
    } catch (err) {
      return done(err ?? new Error(`${fn.name || 'callback'} threw`));
    }
    if (!isThenable(returned)) return;
    returned.then(
      (value) => {
        if (value !== undefined || !declaresDone) done(null, value);
      },
      (err: unknown) => done(err ?? new Error(`${fn.name || 'callback'} rejected`)),
    );
  });
}

/** What {@link callVerify} hands a verify callback. */
export interface VerifyArguments {
  /** The request, passed first with `passReqToCallback`. */
  req: unknown;
  /** The strategy's `passReqToCallback` option. */
  passReqToCallback: boolean;
  /** What the strategy obtained: `[accessToken, refreshToken]` or `[token, tokenSecret]`. */
  credentials: readonly [unknown, unknown];
  /** The whole token response, for the forms that take it. */
  params: Record<string, unknown>;
  /** The loaded profile, or `undefined` when `skipUserProfile` said so. */
  profile: unknown;
}

/**
 * Calls a passport verify function in the form its arity asks for, as passport-oauth2 and
 * passport-oauth1 do: 5 (6 with `req`) gets `params`; any other arity, including NestJS's
 * `(...args)` (arity 0), gets the 4-argument form `(credential, credential, profile, done)`.
 */
export function callVerify(verify: (...args: never[]) => unknown, call: VerifyArguments): Promise<Verified> {
  const withParams = verify.length === (call.passReqToCallback ? 6 : 5);
  const args: unknown[] = [...call.credentials];
  if (withParams) args.push(call.params);
  args.push(call.profile);
  if (call.passReqToCallback) args.unshift(call.req);
  return settle(verify, args);
}
