// A real Express app around one strategy (Twitter's OAuth 1.0a or X's OAuth 2.0), as users
// write it, for driving logins in tests and in scripts/recorders/twitter.ts. A small copy of
// packages/oauth2/test/support/login-app.ts that takes any passport strategy.
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import session from 'express-session';
import passport from 'passport';
import request from 'supertest';

export const CALLBACK_URL = 'http://app.test/auth/callback';

export interface LoginAppOptions {
  /** Mount express-session (default true). */
  session?: boolean;
  /** Options for `passport.authenticate` on the login route. */
  loginOptions?: Record<string, unknown>;
  /** Sees each error the app's error handler gets, before it is answered as JSON. */
  onError?: (err: unknown) => void;
}

/** What the app answered, as JSON: `{ user, authInfo }`, `{ failure, status }` or `{ error }`. */
export interface Outcome {
  status: number;
  user?: unknown;
  authInfo?: Record<string, unknown>;
  failure?: unknown;
  error?: { name: string; message: string; code?: string; status?: number; statusCode?: number };
}

export function loginApp(strategy: { name?: string | undefined; authenticate(...args: never[]): void }, options: LoginAppOptions = {}) {
  const app = express();
  const auth = new passport.Passport();
  auth.use(strategy as unknown as passport.Strategy);
  const useSession = options.session !== false;
  if (useSession) app.use(session({ secret: 'test session secret', resave: false, saveUninitialized: false }));
  app.use(auth.initialize());
  const name = strategy.name!;
  app.get('/login', auth.authenticate(name, { session: false, ...options.loginOptions }));
  const callback: RequestHandler = (req, res, next) => {
    auth.authenticate(name, { session: false }, (err: unknown, user: unknown, info: unknown, status: unknown) => {
      if (err) return next(err);
      if (!user) return res.status(typeof status === 'number' ? status : 401).json({ failure: info ?? null, status });
      res.json({ user, authInfo: info });
    })(req, res, next);
  };
  app.get('/auth/callback', callback);
  const onError: ErrorRequestHandler = (err: Error & { code?: string; status?: number; statusCode?: number }, _req, res, _next) => {
    options.onError?.(err);
    res.status(err.status ?? 500).json({ error: { name: err.name, message: err.message, code: err.code, status: err.status, statusCode: err.statusCode } });
  };
  app.use(onError);
  return app;
}

/** A browser: one cookie jar, the login redirect parsed, the callback's JSON outcome. */
export class Browser {
  readonly agent: ReturnType<typeof request.agent>;

  constructor(app: express.Express) {
    this.agent = request.agent(app);
  }

  /** Starts a login; returns the redirect's URL (its `searchParams` hold the request's parameters). */
  async startLogin(query = ''): Promise<URL> {
    const res = await this.agent.get(`/login${query}`);
    if (res.status !== 302) throw new Error(`expected a redirect, got ${res.status}: ${res.text}`);
    return new URL(res.headers['location'] as string);
  }

  /** Comes back from the provider with these callback parameters. */
  async callback(params: Record<string, string> | URLSearchParams): Promise<Outcome> {
    const res = await this.agent.get(`/auth/callback?${new URLSearchParams(params).toString()}`);
    return { status: res.status, ...(res.body as object) };
  }
}
