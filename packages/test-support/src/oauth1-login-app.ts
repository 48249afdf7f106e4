// A real Express app around a strategy: express-session (optional) and passport.authenticate
// with a custom callback that reports the outcome as JSON, so tests assert what a user sees.
import express, { type Express } from 'express';
import session from 'express-session';
import { Passport, type AuthenticateOptions } from 'passport';
import type { Strategy } from 'passport-strategy';

export interface Outcome {
  user?: Record<string, unknown>;
  info?: Record<string, unknown>;
  failure?: unknown;
  error?: { name: string; code?: string | undefined; message: string; string: string; cause?: string | undefined; statusCode?: number | undefined };
}

export function createApp(strategy: Strategy & { name?: string }, options: { session?: boolean } = {}): Express {
  const app = express();
  if (options.session !== false) {
    app.use(session({ secret: 'test-session-secret', resave: false, saveUninitialized: false }));
  }
  const passport = new Passport();
  passport.use(strategy);
  app.use(passport.initialize());
  const name = strategy.name ?? 'oauth';
  const authenticate = (extra: Record<string, unknown> = {}) =>
    ((req, res, next) => {
      passport.authenticate(name, { session: false, ...extra } as AuthenticateOptions, (err: unknown, user: unknown, info: unknown, status: unknown) => {
        if (err) {
          const e = err as Error & { code?: string; oauthError?: { message?: string; statusCode?: number } };
          res.status(500).json({
            error: {
              name: e.name,
              code: e.code,
              message: e.message,
              string: String(e),
              cause: e.oauthError?.message,
              statusCode: e.oauthError?.statusCode,
            },
          } satisfies Outcome);
          return;
        }
        if (!user) {
          res.status(typeof status === 'number' ? status : 401).json({ failure: info ?? null });
          return;
        }
        res.json({ user, info } as Outcome);
      })(req, res, next);
    }) as express.RequestHandler;
  app.get('/login', authenticate());
  app.get('/login/with-state', authenticate({ state: { returnTo: '/settings' } }));
  app.get('/callback', authenticate());
  app.post('/callback', express.urlencoded({ extended: false }), authenticate());
  return app;
}

/** Path and query of an absolute URL, for replaying a provider redirect against the app. */
export function pathOf(location: string): string {
  const url = new URL(location);
  return `${url.pathname}${url.search}`;
}
