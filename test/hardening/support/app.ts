// A real Express app around passport-kit strategies, as users write it: express-session
// (memory or any store) or none, passport.authenticate with a custom callback, and an error
// handler that answers with the status the error carries. Every route works for any method.
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import session, { type Store } from 'express-session';
import { Passport } from 'passport';
import type { Strategy } from 'passport';

export interface AppOptions {
  /** express-session settings, or `false` for an app without sessions. Default: a MemoryStore. */
  session?: false | { store?: Store; secret?: string; name?: string };
  /** passport ≥ 0.6 regenerates the session on login; keep other tabs' pending logins. Default true. */
  keepSessionInfo?: boolean;
  /** Sees each error the error handler gets. */
  onError?: (err: unknown) => void;
}

/** What the app answered, as JSON. */
export interface Outcome {
  user?: Record<string, unknown>;
  info?: Record<string, unknown>;
  failure?: unknown;
  status?: number;
  error?: {
    name: string;
    message: string;
    code?: string | undefined;
    status?: number | undefined;
    statusCode?: number | undefined;
    /** What the error says went wrong underneath (`cause`). */
    cause?: { name: string; code?: string | undefined; statusCode?: number | undefined } | undefined;
  };
}

/**
 * An app with `/<name>/login` and `/<name>/callback` for each strategy (GET, POST, PUT, …).
 * Bodies: urlencoded and JSON up to 256 KB, so 100 KB values reach the strategy.
 */
export function createApp(strategies: readonly (Strategy & { name?: string })[], options: AppOptions = {}): Express {
  const app = express();
  const auth = new Passport();
  auth.serializeUser((user, done) => done(null, user));
  auth.deserializeUser((user: Express.User, done) => done(null, user));
  const useSession = options.session !== false;
  if (options.session !== false) {
    const { store, secret = 'hardening session secret', name } = options.session ?? {};
    app.use(session({ secret, resave: false, saveUninitialized: false, ...(store ? { store } : {}), ...(name ? { name } : {}) }));
  }
  app.use(auth.initialize());
  if (useSession) app.use(auth.session());
  app.use(express.urlencoded({ extended: false, limit: '256kb' }));
  app.use(express.json({ limit: '256kb' }));
  const keepSessionInfo = options.keepSessionInfo !== false;

  for (const strategy of strategies) {
    const name = strategy.name ?? 'oauth2';
    auth.use(name, strategy);
    const handler: RequestHandler = (req, res, next) => {
      auth.authenticate(name, { session: useSession }, (err: unknown, user: unknown, info: unknown, status: unknown) => {
        if (err) return next(err);
        if (!user) return res.status(typeof status === 'number' ? status : 401).json({ failure: info ?? null, status: typeof status === 'number' ? status : 401 } satisfies Outcome);
        if (!useSession) return res.json({ user: user as Record<string, unknown>, info: info as Record<string, unknown> } satisfies Outcome);
        req.logIn(user as Express.User, { session: true, keepSessionInfo }, (loginErr) => {
          if (loginErr) return next(loginErr);
          res.json({ user: user as Record<string, unknown>, info: info as Record<string, unknown> } satisfies Outcome);
        });
      })(req, res, next);
    };
    app.all(`/${name}/login`, handler);
    app.all(`/${name}/callback`, handler);
  }

  const onError: ErrorRequestHandler = (err: Error & { code?: string; status?: number; statusCode?: number }, _req, res, _next) => {
    options.onError?.(err);
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 600 ? err.status : 500;
    const cause = err.cause instanceof Error ? (err.cause as Error & { code?: string; statusCode?: number }) : undefined;
    res.status(status).json({
      error: {
        name: err.name,
        message: err.message,
        code: err.code,
        status: err.status,
        statusCode: err.statusCode,
        cause: cause && { name: cause.name, code: cause.code, statusCode: cause.statusCode },
      },
    } satisfies Outcome);
  };
  app.use(onError);
  return app;
}
