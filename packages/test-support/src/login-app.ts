// A real Express app around one strategy, as users write it, for driving logins in tests and
// recorders: any passport strategy (OAuth 2.0 or 1.0a, generic or a provider's).
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import session from 'express-session';
import passport from 'passport';
import request from 'supertest';

export const PROVIDER = 'http://127.0.0.1:4999';
export const AUTHORIZATION_URL = `${PROVIDER}/authorize`;
export const TOKEN_URL = `${PROVIDER}/token`;
export const CALLBACK_URL = 'http://app.test/auth/callback';

export interface LoginAppOptions {
  /** Mount express-session (default true). */
  session?: boolean;
  /** Options for `passport.authenticate` on the login route. */
  loginOptions?: Record<string, unknown>;
  /** Options for `passport.authenticate` on the callback route. */
  callbackOptions?: Record<string, unknown>;
  /** Runs before passport on every request (e.g. to set `trust proxy`). */
  before?: RequestHandler;
  /** Sees each error the app's error handler gets, before it is answered as JSON. */
  onError?: (err: unknown) => void;
}

/** What the app answered, as JSON: `{ user, authInfo }`, `{ failure, status }` or `{ error }`. */
export interface Outcome {
  status: number;
  user?: unknown;
  authInfo?: Record<string, unknown>;
  failure?: unknown;
  error?: { name: string; message: string; code?: string; status?: number; uri?: string; statusCode?: number };
}

export function loginApp(strategy: { name?: string | undefined; authenticate(...args: never[]): void }, options: LoginAppOptions = {}) {
  const app = express();
  const auth = new passport.Passport();
  auth.use(strategy as unknown as passport.Strategy);
  auth.serializeUser((user, done) => done(null, user));
  auth.deserializeUser((user: Express.User, done) => done(null, user));
  const useSession = options.session !== false;
  if (options.before) app.use(options.before);
  if (useSession) {
    app.use(session({ secret: 'test session secret', resave: false, saveUninitialized: false }));
    app.use(auth.initialize());
    app.use(auth.session());
  } else {
    app.use(auth.initialize());
  }
  app.use(express.urlencoded({ extended: false }));
  const name = strategy.name ?? 'oauth2';
  app.get('/login', auth.authenticate(name, { session: useSession, ...options.loginOptions }));
  const callback: RequestHandler = (req, res, next) => {
    auth.authenticate(name, { session: useSession, failWithError: false, ...options.callbackOptions }, (err: unknown, user: unknown, info: unknown, status: unknown) => {
      if (err) return next(err);
      if (!user) return res.status(typeof status === 'number' ? status : 401).json({ failure: info ?? null, status });
      // passport ≥0.6 regenerates the session here; keepSessionInfo carries the old one over.
      const keepSessionInfo = options.callbackOptions?.['keepSessionInfo'] === true;
      req.logIn(user as Express.User, { session: useSession, keepSessionInfo }, (loginErr) => {
        if (loginErr) return next(loginErr);
        res.json({ user, authInfo: info });
      });
    })(req, res, next);
  };
  app.get('/auth/callback', callback);
  app.post('/auth/callback', callback);
  const onError: ErrorRequestHandler = (err: Error & { code?: string; status?: number; uri?: string; statusCode?: number }, _req, res, _next) => {
    options.onError?.(err);
    res.status(err.status ?? 500).json({ error: { name: err.name, message: err.message, code: err.code, status: err.status, uri: err.uri, statusCode: err.statusCode } });
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

  /** Starts a login; returns the authorization request's parameters. */
  async startLogin(query = ''): Promise<URLSearchParams & { url: URL }> {
    const res = await this.agent.get(`/login${query}`);
    if (res.status !== 302) throw new Error(`expected a redirect, got ${res.status}: ${res.text}`);
    const url = new URL(res.headers['location'] as string);
    return Object.assign(url.searchParams, { url });
  }

  /** Comes back from the provider with these callback parameters. */
  async callback(params: Record<string, string | string[]> | URLSearchParams): Promise<Outcome> {
    // A URLSearchParams is the provider's redirect as it came (e.g. a recorded OAuth 1.0a callback).
    const query = params instanceof URLSearchParams ? new URLSearchParams(params) : new URLSearchParams();
    if (!(params instanceof URLSearchParams)) {
      for (const [key, value] of Object.entries(params)) for (const v of ([] as string[]).concat(value)) query.append(key, v);
    }
    const res = await this.agent.get(`/auth/callback?${query}`);
    return { status: res.status, ...(res.body as object) };
  }
}

/**
 * An app with several strategies by name, for logins that must not cross between them:
 * `/login/:name` starts one, `/callback/:name` answers `{ user, info }` as JSON, with status 200
 * or the failure's status. express-session unless `session: false`.
 */
export function namedStrategiesApp(strategies: Record<string, { authenticate(...args: never[]): void }>, options: { session?: boolean } = {}) {
  const auth = new passport.Passport();
  for (const [name, strategy] of Object.entries(strategies)) auth.use(name, strategy as unknown as passport.Strategy);
  const app = express();
  if (options.session !== false) app.use(session({ secret: 'test session secret', resave: false, saveUninitialized: false }));
  app.use(auth.initialize());
  app.get('/login/:name', (req, res, next) => auth.authenticate(req.params.name, { session: false })(req, res, next));
  app.get('/callback/:name', (req, res, next) =>
    auth.authenticate(req.params.name, { session: false }, (err: unknown, user: unknown, info: unknown, status: unknown) => {
      if (err) return next(err);
      res.status(user ? 200 : Number(status ?? 401)).json({ user, info });
    })(req, res, next),
  );
  return app;
}
