import { expect } from 'chai';
import express, { type ErrorRequestHandler } from 'express';
import session from 'express-session';
import passport from 'passport';
import request from 'supertest';
import { OAuth2Strategy } from '@passport-kit/oauth2';
import { AUTHORIZATION_URL, CALLBACK_URL, TOKEN_URL } from '@passport-kit/test-support/login-app';

// The app as the passport docs write it: no custom callback, the failure page reads the session.
function appWithFailurePage(callbackOptions: passport.AuthenticateOptions) {
  const auth = new passport.Passport();
  auth.use(new OAuth2Strategy(
    { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: 'client-secret-1', callbackURL: CALLBACK_URL },
    (_at: string, _rt: string | undefined, profile: unknown, done: (err: unknown, user?: unknown) => void) => done(null, profile),
  ));
  const app = express();
  app.use(session({ secret: 'session secret', resave: false, saveUninitialized: false }));
  app.use(auth.initialize());
  app.get('/login', auth.authenticate('oauth2'));
  app.get('/auth/callback', auth.authenticate('oauth2', callbackOptions), (_req, res) => res.send('in'));
  app.get('/login-failed', (req, res) => {
    const kept = req.session as unknown as Record<string, unknown>;
    res.json({ messages: kept['messages'], failure: kept['passportKitFailure'] });
  });
  const onError: ErrorRequestHandler = (err: Error, req, res, _next) =>
    res.status(403).json({ error: err.message, failure: (req as unknown as Record<string, unknown>)['passportKitFailure'] });
  app.use(onError);
  return app;
}

describe('OAuth2Strategy failure reason', () => {
  it('reaches the failure page with failureMessage, passport-oauth2\'s message unchanged', async () => {
    const browser = request.agent(appWithFailurePage({ failureRedirect: '/login-failed', failureMessage: true }));
    const login = new URL((await browser.get('/login')).headers['location'] as string);
    const callback = await browser.get(`/auth/callback?code=code-1&state=${login.searchParams.get('state')}x`);
    expect(callback.headers['location']).to.equal('/login-failed');
    const page = await browser.get('/login-failed');
    expect(page.body).to.deep.equal({
      messages: ['Invalid authorization request state.'],
      failure: { strategy: 'oauth2', status: 403, message: 'Invalid authorization request state.', reason: 'mismatch' },
    });
  });

  it('says missing when this browser has no pending login at all', async () => {
    const browser = request.agent(appWithFailurePage({ failureRedirect: '/login-failed', failureMessage: true }));
    await browser.get('/login-failed');
    await browser.get('/auth/callback?code=code-1&state=anything');
    expect((await browser.get('/login-failed')).body.failure).to.include({ reason: 'missing', message: 'Unable to verify authorization request state.' });
  });

  it('is on the request for failWithError\'s error handler', async () => {
    const res = await request(appWithFailurePage({ failWithError: true })).get('/auth/callback?code=code-1&state=anything');
    expect(res.body).to.deep.equal({
      error: 'Forbidden',
      failure: { strategy: 'oauth2', status: 403, message: 'Unable to verify authorization request state.', reason: 'missing' },
    });
  });

  it('is not written to the session when the app asked for neither failureMessage nor failureFlash', async () => {
    const browser = request.agent(appWithFailurePage({ failureRedirect: '/login-failed' }));
    await browser.get('/login-failed');
    await browser.get('/auth/callback?code=code-1&state=anything');
    expect((await browser.get('/login-failed')).body).to.deep.equal({});
  });
});
