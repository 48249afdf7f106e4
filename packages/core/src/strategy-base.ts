import passportStrategy from 'passport-strategy';
import type { IncomingRequest } from './request.js';

/**
 * What passport adds to the per-request copy of a strategy (`Object.create(strategy)`): the
 * ways an `authenticate()` call ends.
 */
export interface StrategyActions {
  /** The user is authenticated; `info` reaches `req.authInfo`. */
  success(user: unknown, info?: unknown): void;
  /** Authentication failed: a challenge or info object, and the HTTP status (default 401). */
  fail(challenge?: unknown, status?: number): void;
  /** Send the user elsewhere (the provider's authorization endpoint). */
  redirect(url: string, status?: number): void;
  /** Neither success nor failure: let the request through unauthenticated. */
  pass(): void;
  /** Something broke (network, provider, store): `next(err)`. */
  error(err: Error): void;
}

/** A Passport strategy instance, typed without needing `@types/passport-strategy`. */
export interface PassportStrategy extends StrategyActions {
  /** The name `passport.authenticate(name)` refers to. */
  name?: string | undefined;
  /** Handles one request: redirects to the provider, or completes the login on the callback. */
  authenticate(req: IncomingRequest, options?: object): void;
}

/**
 * The `passport-strategy` base class every passport-kit strategy extends, with types of our own
 * so the published declarations need no `@types/*` package from the user.
 */
export const Strategy = passportStrategy.Strategy as unknown as {
  /** A strategy with passport's actions, for a subclass to give a `name` and `authenticate()`. */
  new (): PassportStrategy;
};
