// A real Express app (express-session + passport.authenticate) around one OAuth2Strategy, and a
// login driven through it and the test oidc-provider: shared by the live interop suite and the
// fixture recorder.
import { Strategy, type OAuth2StrategyOptions, type VerifyCallback } from '@passport-kit/oauth2';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import session from 'express-session';
import passport from 'passport';
import request from 'supertest';
import { loginThroughProvider, type LoginThroughProviderOptions } from './browserless-login.js';

/** The callback every test provider registers; nothing listens there, the login stops at the redirect. */
export const TEST_CALLBACK_URL = 'http://127.0.0.1:14719/auth/callback';

/** What the app's callback route answered. Never holds a token: the verify keeps only metadata. */
export interface LoginOutcome {
  status: number;
  user?: { tokenType: unknown; scope: unknown; expiresIn: unknown; hasRefreshToken: boolean; profile: unknown };
  authInfo?: Record<string, unknown>;
  failure?: { message?: string } | null;
  error?: { name: string; message: string; code?: string; status?: number };
}

/** One login: the authorization request the app made, the callback the provider made, and the app's answer. */
export interface Login {
  authorization: URL;
  callback: URL;
  outcome: LoginOutcome;
}

/** The strategy with the test provider's defaults, any option overridable. */
export function oidcStrategy(options: OAuth2StrategyOptions): Strategy {
  return new Strategy(
    { scope: 'openid profile email', callbackURL: TEST_CALLBACK_URL, ...options },
    (_accessToken: string, refreshToken: string | undefined, params: Record<string, unknown>, profile: unknown, done: VerifyCallback) => {
      done(null, { tokenType: params['token_type'], scope: params['scope'], expiresIn: params['expires_in'], hasRefreshToken: refreshToken !== undefined, profile });
    },
  );
}

/**
 * An Express app with `GET /login` and `GET /auth/callback` answering a {@link LoginOutcome} as
 * JSON. With `session: false` there is no express-session (the strategy falls back to its
 * encrypted state cookie).
 */
export function loginApp(strategy: Strategy, options: { session?: boolean } = {}): Express {
  const useSession = options.session !== false;
  const app = express();
  const auth = new passport.Passport();
  auth.use(strategy as unknown as passport.Strategy);
  auth.serializeUser((user, done) => done(null, user));
  auth.deserializeUser((user: Express.User, done) => done(null, user));
  if (useSession) app.use(session({ secret: 'interop session secret', resave: false, saveUninitialized: false }));
  app.use(auth.initialize());
  if (useSession) app.use(auth.session());
  app.get('/login', auth.authenticate(strategy.name, { session: useSession }));
  const callback: RequestHandler = (req, res, next) => {
    auth.authenticate(strategy.name, { session: useSession }, (err: unknown, user: unknown, info: unknown, status: unknown) => {
      if (err) return next(err);
      if (!user) return res.status(typeof status === 'number' ? status : 401).json({ failure: info ?? null });
      req.logIn(user as Express.User, { session: useSession }, (loginErr) => (loginErr ? next(loginErr) : res.json({ user, authInfo: info })));
    })(req, res, next);
  };
  app.get('/auth/callback', callback);
  const onError: ErrorRequestHandler = (err: Error & { code?: string; status?: number }, _req, res, _next) => {
    res.status(500).json({ error: { name: err.name, message: err.message, code: err.code, status: err.status } });
  };
  app.use(onError);
  return app;
}

/** A browser session with the app: one cookie jar for the app, another for the provider. */
export type AppAgent = ReturnType<typeof request.agent>;

export function appAgent(app: Express): AppAgent {
  return request.agent(app);
}

/** Starts a login at the app and returns the authorization URL it redirected to. */
export async function startLogin(agent: AppAgent): Promise<URL> {
  const res = await agent.get('/login');
  if (res.status !== 302) throw new Error(`expected a redirect from /login, got ${res.status}: ${res.text}`);
  return new URL(String(res.headers['location']));
}

/** Brings a provider callback URL back to the app and returns the app's answer. */
export async function finishLogin(agent: AppAgent, callback: URL): Promise<LoginOutcome> {
  const res = await agent.get(callback.pathname + callback.search);
  return { status: res.status, ...(res.body as object) };
}

/** A whole login: app → provider (log in, consent) → app. */
export async function login(agent: AppAgent, options: LoginThroughProviderOptions = {}): Promise<Login> {
  const authorization = await startLogin(agent);
  const callback = new URL(await loginThroughProvider(authorization.href, options));
  return { authorization, callback, outcome: await finishLogin(agent, callback) };
}
