// The app's own types, as @types/passport and @types/express declare them, without requiring
// either: these declarations merge with theirs when they are installed, and stand alone when not.
import type { IncomingRequest } from './request.js';

declare global {
  // The global `Express` namespace is where @types/passport, @types/express and express-session
  // put `User` and the request's fields; only a namespace merges with theirs.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    /**
     * The app's user. Declare its fields and every verify callback's `done(null, user)` (and a
     * returned promise) is checked against them:
     * `declare global { namespace Express { interface User { id: string } } }`.
     * Empty until then, so any value is accepted; @types/passport declares the same interface.
     */
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User {}
    /**
     * What the app's type packages add to a request: `user`, `login()`, `isAuthenticated()`
     * with @types/passport, `session` with express-session. Empty without them.
     */
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Request {}
  }
}

/** What a verify callback hands passport: the app's user, or `false` (or `null`) to refuse the login. */
export type VerifiedUser = Express.User | false | null;

/**
 * The request a verify callback gets first with `passReqToCallback: true`: the app's
 * `Express.Request` (with `req.user`, `req.session`, `req.login()` as the app's type packages
 * declare them), the fields passport-kit reads, and `req.user`, which passport sets when someone
 * is already logged in (account linking). Fastify and Koa apps name their own request type by
 * annotating `req`.
 */
export type PassportRequest = IncomingRequest &
  Express.Request & {
    /** The logged-in user, which passport sets (account linking reads it). */
    user?: Express.User | undefined;
  };
