// The app a user of an npm strategy writes: Express, express-session, passport 0.7, a login
// route and a callback route on passport.authenticate('<name>'), a verify that maps the
// profile to a user, and an error handler. Served on 127.0.0.1 so the callback URL the login
// starts with is the one it finishes on.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';
import session from 'express-session';
import { Passport, type Strategy } from 'passport';
import request from 'supertest';

/** What the strategy handed the app's verify callback. */
export interface VerifyCall {
  accessToken: unknown;
  refreshToken: unknown;
  params: unknown;
  profile: Record<string, unknown>;
}

export type Verify = (...args: unknown[]) => void;

export interface LoginAppOptions {
  /** The name the strategy registers under (`strategy.name`). */
  name: string;
  /** Builds the strategy around the app's verify and absolute callback URL. */
  createStrategy(verify: Verify, callbackURL: string): Strategy;
  /** Maps what verify received to the user the app logs in. */
  toUser(call: VerifyCall): Record<string, unknown>;
  /** The verify takes `req` first (passReqToCallback). */
  passReqToCallback?: boolean;
  /** Options for passport.authenticate on the login route. */
  authenticateOptions?: Record<string, unknown>;
}

export interface LoginApp {
  url: string;
  /** A browser: keeps the session cookie between requests. */
  browser: ReturnType<typeof request.agent>;
  verified: VerifyCall[];
  errors: unknown[];
  close(): Promise<void>;
}

export const LOGIN_PATH = '/auth/login';
export const CALLBACK_PATH = '/auth/callback';
export const SUCCESS_PATH = '/account';
export const FAILURE_PATH = '/login-failed';

export async function startLoginApp(options: LoginAppOptions): Promise<LoginApp> {
  const verified: VerifyCall[] = [];
  const errors: unknown[] = [];
  const finish = (call: VerifyCall, done: unknown): void => {
    verified.push(call);
    (done as (err: unknown, user?: unknown) => void)(null, options.toUser(call));
  };
  // passport-oauth2 picks the verify's arguments by its arity: keep these two arities exact.
  const verify: Verify = options.passReqToCallback
    ? (_req: unknown, accessToken: unknown, refreshToken: unknown, params: unknown, profile: unknown, done: unknown) =>
        finish({ accessToken, refreshToken, params, profile: profile as Record<string, unknown> }, done)
    : (accessToken: unknown, refreshToken: unknown, params: unknown, profile: unknown, done: unknown) =>
        finish({ accessToken, refreshToken, params, profile: profile as Record<string, unknown> }, done);

  const app = express();
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const auth = new Passport();
  auth.use(options.name, options.createStrategy(verify, url + CALLBACK_PATH));
  auth.serializeUser((user, done) => done(null, user));
  auth.deserializeUser((user: Express.User, done) => done(null, user));
  app.use(session({ secret: 'ecosystem session secret', resave: false, saveUninitialized: false }));
  app.use(express.urlencoded({ extended: false }));
  app.use(auth.initialize());
  app.use(auth.session());
  app.get(LOGIN_PATH, auth.authenticate(options.name, options.authenticateOptions ?? {}));
  // GET for query-string callbacks; POST for providers that answer with response_mode=form_post.
  app.all(CALLBACK_PATH, auth.authenticate(options.name, { successRedirect: SUCCESS_PATH, failureRedirect: FAILURE_PATH }));
  app.get(SUCCESS_PATH, (req, res) => {
    res.json({ user: req.user ?? null });
  });
  app.get(FAILURE_PATH, (_req, res) => {
    res.status(401).json({ failed: true });
  });
  const onError: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
    errors.push(err);
    res.status(500).json({ error: err instanceof Error ? err.name : String(err) });
  };
  app.use(onError);

  return {
    url,
    browser: request.agent(url),
    verified,
    errors,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
