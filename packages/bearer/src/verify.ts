import type { IncomingRequest } from '@passport-kit/core';

/** `done(err, user, info)`: a falsy `user` fails the request with 401 `invalid_token`. */
export type BearerVerifyCallback = (err?: unknown, user?: unknown, info?: unknown) => void;

/**
 * Turns the token's claims (a JWT payload, or an introspection response) into your user. Call
 * `done(null, user)`, or return a promise of the user; `false` rejects the token.
 */
export type BearerVerifyFunction<Claims> = (claims: Claims, done: BearerVerifyCallback) => void | Promise<unknown>;

/** The same with `passReqToCallback: true`. */
export type BearerVerifyFunctionWithRequest<Claims, R = IncomingRequest> = (req: R, claims: Claims, done: BearerVerifyCallback) => void | Promise<unknown>;

export interface Verified {
  user: unknown;
  info: unknown;
}

/** Calls a verify function in either form and waits for `done` or its promise, whichever comes first. */
export function callVerify<Claims>(
  verify: BearerVerifyFunction<Claims> | BearerVerifyFunctionWithRequest<Claims, never>,
  passReqToCallback: boolean,
  req: IncomingRequest,
  claims: Claims,
): Promise<Verified> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done: BearerVerifyCallback = (err, user, info) => {
      if (settled) return;
      settled = true;
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve({ user, info });
    };
    try {
      const result = passReqToCallback
        ? (verify as BearerVerifyFunctionWithRequest<Claims>)(req, claims, done)
        : (verify as BearerVerifyFunction<Claims>)(claims, done);
      if (result && typeof result.then === 'function') {
        result.then(
          (user) => done(null, user),
          (err: unknown) => done(err ?? new Error('verify rejected')),
        );
      }
    } catch (err) {
      done(err);
    }
  });
}
