// A real Express app (express-session, passport 0.7 with sessions) around one strategy, and a
// browser that logs in through it against the OAuth1Provider, which verifies every signature.
// Hard-coded https hosts are answered by nock, forwarding each expected call to the provider.
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import nock from 'nock';
import { Passport } from 'passport';
import type { Strategy } from 'passport-strategy';
import request from 'supertest';
import type { OAuth1ProviderHandle } from '@passport-kit/testing';

export const CALLBACK_URL = 'http://app.test/auth/callback';

/** What the app answers on the callback: the session's user, or the error. */
export interface LoginOutcome {
  status: number;
  user?: Record<string, unknown> | undefined;
  error?: { name: string; message: string } | undefined;
  /** Where the app sent the browser to approve. */
  authorizationURL: URL;
}

export function loginApp(strategy: Strategy & { name?: string }, loginOptions: Record<string, unknown> = {}): Express {
  const passport = new Passport();
  passport.use(strategy);
  passport.serializeUser((user, done) => done(null, JSON.stringify(user)));
  passport.deserializeUser((user: string, done) => done(null, JSON.parse(user) as Express.User));
  const name = strategy.name!;
  const app = express();
  app.use(session({ secret: 'ecosystem-session-secret', resave: false, saveUninitialized: false }));
  app.use(passport.initialize());
  app.use(passport.session());
  app.get('/auth/login', passport.authenticate(name, loginOptions));
  app.get('/auth/callback', passport.authenticate(name, { failWithError: true }), (req, res) => {
    res.json({ user: req.user });
  });
  app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    res.status(err.name === 'AuthenticationError' ? 401 : 500).json({ error: { name: err.name, message: err.message } });
  });
  return app;
}

/**
 * Starts a login, approves it at the provider as `user` (the provider's authorization page is
 * reached on loopback whatever host the app redirected to), and follows the callback.
 */
export async function logIn(app: Express, provider: OAuth1ProviderHandle, authorizePath: string, user = 'alice'): Promise<LoginOutcome> {
  const browser = request.agent(app);
  const start = await browser.get('/auth/login');
  if (start.status !== 302) return { status: start.status, error: (start.body as { error?: LoginOutcome['error'] }).error, authorizationURL: new URL('about:blank') };
  const authorizationURL = new URL(start.headers.location as string);
  const approve = new URL(`${provider.url}${authorizePath}`);
  approve.searchParams.set('oauth_token', authorizationURL.searchParams.get('oauth_token') ?? '');
  approve.searchParams.set('user', user);
  const approved = await request(provider.url).get(`${approve.pathname}${approve.search}`).expect(302);
  const back = new URL(approved.headers.location as string);
  const done = await browser.get(`${back.pathname}${back.search}`);
  const body = done.body as { user?: Record<string, unknown>; error?: LoginOutcome['error'] };
  return { status: done.status, authorizationURL, ...body };
}

/**
 * nock answers one call to a hard-coded https host by forwarding it (method, path and query,
 * Authorization, Content-Type, body) to the provider on loopback, whose `publicURL` is that
 * host, so the signature it checks is the one made for the real URL.
 */
export function forwardOnce(origin: string, method: 'GET' | 'POST', path: string, provider: OAuth1ProviderHandle): nock.Scope {
  const interceptor = nock(origin).intercept((uri) => uri.split('?')[0] === path, method);
  return interceptor.reply(async (req: globalThis.Request) => {
    const url = new URL(req.url);
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type']) {
      const value = req.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    const res = await fetch(`${provider.url}${url.pathname}${url.search}`, {
      method,
      headers,
      ...(method === 'GET' ? {} : { body: await req.text() }),
    });
    return [res.status, await res.text(), { 'content-type': res.headers.get('content-type') ?? 'text/plain' }];
  });
}
