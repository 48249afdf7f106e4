import { expect } from 'chai';
import express, { type ErrorRequestHandler } from 'express';
import session from 'express-session';
import nock from 'nock';
import passport from 'passport';
import request from 'supertest';
import { FacebookAuthorizationError, FacebookGraphAPIError, FacebookStrategy, FacebookTokenError } from '@passport-kit/facebook';
import { Browser, loginApp } from '@passport-kit/test-support/login-app';
import { loadRecording, replayRecording, pkceVerifierFor } from '@passport-kit/test-support/recordings';

// Recorded by scripts/recorders/facebook.ts against the @passport-kit/testing emulator.
interface Context extends Record<string, string> {
  clientID: string;
  clientSecret: string;
  callbackURL: string;
  graphAPIVersion: string;
  tokenURL: string;
  profileURL: string;
  scope: string;
  profileFields: string;
  /** What the login dialog sent back, without the state. */
  callbackQuery: string;
}

function recordedResponse(path: string, index: number): Record<string, unknown> {
  return loadRecording(path).definitions[index]!.response as Record<string, unknown>;
}

/** Logs in with the recorded strategy options; the back channel is answered from the recording. */
async function replayLogin(handshake: string) {
  const path = `facebook/${handshake}`;
  const { context } = loadRecording<Context>(path);
  const strategy = new FacebookStrategy(
    {
      clientID: context.clientID,
      clientSecret: context.clientSecret,
      callbackURL: context.callbackURL,
      graphAPIVersion: context.graphAPIVersion,
      tokenURL: context.tokenURL,
      profileURL: context.profileURL,
      scope: context.scope.split(','),
      profileFields: context.profileFields.split(','),
    },
    (accessToken, _refreshToken, profile, done) => done(null, { accessToken, profile }),
  );
  let error: unknown;
  const browser = new Browser(loginApp(strategy, { onError: (err) => (error = err) }));
  const authorization = await browser.startLogin();
  const recording = replayRecording<Context>(path, { matchBody: pkceVerifierFor(authorization.get('code_challenge')) });
  const outcome = await browser.callback({ ...Object.fromEntries(new URLSearchParams(context.callbackQuery)), state: authorization.get('state')! });
  return { outcome, error, authorization, recording };
}

describe('FacebookStrategy, replaying emulator recordings', () => {
  it('logs in with the requested fields, sending the token as Bearer and the appsecret_proof (login-with-fields)', async () => {
    const { outcome, authorization, recording } = await replayLogin('login-with-fields');

    expect(authorization.get('scope')).to.equal('email,public_profile');
    expect(outcome.status).to.equal(200);
    const me = recordedResponse('facebook/login-with-fields', 1);
    expect(outcome.user).to.deep.equal({
      accessToken: recordedResponse('facebook/login-with-fields', 0)['access_token'],
      profile: {
        provider: 'facebook',
        id: '1001',
        displayName: 'Ada Lovelace',
        name: { familyName: 'Lovelace', givenName: 'Ada' },
        emails: [{ value: 'ada@example.com' }],
        photos: [{ value: (me['picture'] as { data: { url: string } }).data.url }],
        _raw: JSON.stringify(me),
        _json: me,
      },
    });
    expect(recording.definitions[1]!.path).to.include('appsecret_proof=').and.not.include('access_token');
  });

  it('fails without calling Facebook when the user denies access (denied)', async () => {
    const { outcome, recording } = await replayLogin('denied');

    expect(recording.definitions).to.have.length(0);
    expect(outcome.status).to.equal(401);
    expect(outcome.failure).to.deep.equal({ message: 'Permissions error' });
    expect(nock.pendingMocks()).to.deep.equal([]);
  });

  it('errors with FacebookAuthorizationError when the dialog sends error_code (authorization-error)', async () => {
    const { outcome, error } = await replayLogin('authorization-error');

    expect(outcome.status).to.equal(500);
    expect(error).to.be.instanceOf(FacebookAuthorizationError);
    expect(error).to.include({ code: 1349003, message: 'App not set up: This app is still in development mode.' });
  });

  it('errors with FacebookTokenError when the code has expired (expired-code)', async () => {
    const { outcome, error } = await replayLogin('expired-code');
    const recorded = recordedResponse('facebook/expired-code', 0)['error'] as Record<string, unknown>;

    expect(outcome.error).to.deep.include({ name: 'FacebookTokenError', code: 100, message: 'This authorization code has expired.' });
    expect(error).to.be.instanceOf(FacebookTokenError);
    expect(error).to.include({ type: 'OAuthException', subcode: 36007, traceID: recorded['fbtrace_id'] });
  });

  it('errors with FacebookTokenError when the code is not one Facebook issued (invalid-code)', async () => {
    const { error } = await replayLogin('invalid-code');

    expect(error).to.be.instanceOf(FacebookTokenError);
    expect(error).to.include({ code: 100, subcode: undefined, message: 'Invalid verification code format.' });
  });

  it('errors with FacebookGraphAPIError when /me refuses the expired token (expired-token)', async () => {
    const { outcome, error } = await replayLogin('expired-token');
    const token = recordedResponse('facebook/expired-token', 0)['access_token'] as string;

    expect(outcome.status).to.equal(500);
    expect(error).to.be.instanceOf(FacebookGraphAPIError);
    expect(error).to.include({ code: 190, subcode: 463, type: 'OAuthException' });
    expect(outcome.error?.message).to.match(/^Error validating access token: Session has expired/).and.not.include(token);
  });

  it("runs an app's `err.code === 190` branch, written for passport-facebook, on an expired token (expired-token)", async () => {
    const { context } = loadRecording<Context>('facebook/expired-token');
    const auth = new passport.Passport();
    auth.use(new FacebookStrategy({ ...context, scope: context.scope.split(','), profileFields: context.profileFields.split(',') }, (_at, _rt, profile, done) => done(null, profile)));
    const app = express();
    app.use(session({ secret: 'test session secret', resave: false, saveUninitialized: false }));
    app.use(auth.initialize());
    app.get('/auth/facebook', auth.authenticate('facebook'));
    app.get('/auth/facebook/callback', auth.authenticate('facebook', { failureRedirect: '/login' }), (_req, res) => res.redirect('/'));
    // As a passport-facebook app notices an expired or revoked token.
    const onError: ErrorRequestHandler = (err: { code?: unknown }, _req, res, next) => (err.code === 190 ? res.redirect('/auth/facebook?auth_type=rerequest') : next(err));
    app.use(onError);
    const browser = request.agent(app);
    const login = await browser.get('/auth/facebook');
    const authorization = new URL(login.headers['location'] as string).searchParams;
    replayRecording<Context>('facebook/expired-token', { matchBody: pkceVerifierFor(authorization.get('code_challenge')) });

    const res = await browser.get(`/auth/facebook/callback?${context.callbackQuery}&state=${encodeURIComponent(authorization.get('state')!)}`);

    expect(res.status).to.equal(302);
    expect(res.headers['location']).to.equal('/auth/facebook?auth_type=rerequest');
  });
});
