// Each OAuth 1.0a login step on the passport-kit:login:* channels, through a real Express app
// against the in-process provider (which verifies every signature and the verifier).
import { expect } from 'chai';
import request from 'supertest';
import { LOGIN_CHANNELS, loginId } from '@passport-kit/core';
import type { OAuth1StrategyOptions } from '@passport-kit/oauth1';
import { OAuth1Provider, type OAuth1ProviderHandle } from '@passport-kit/testing';
import { recordLoginSteps } from '@passport-kit/test-support/login-diagnostics';
import { createApp, pathOf } from '@passport-kit/test-support/oauth1-login-app';
import { ProfileStrategy } from '@passport-kit/test-support/oauth1-profile-strategy';

const CALLBACK_URL = 'http://app.test/callback';
const CONSUMER = { key: 'diagnostics-consumer', secret: 'diagnostics-consumer-secret' };

describe('OAuth1Strategy diagnostics channels', () => {
  let provider: OAuth1Provider;
  let handle: OAuth1ProviderHandle;
  let recorder: ReturnType<typeof recordLoginSteps>;
  // What the verify callback was given: the access token and its secret.
  let credentials: string[];

  beforeEach(async () => {
    provider = new OAuth1Provider({ consumers: [CONSUMER] });
    handle = await provider.start();
    recorder = recordLoginSteps();
    credentials = [];
  });
  afterEach(async () => {
    recorder.stop();
    await handle.close();
  });

  function app(overrides: Partial<Omit<OAuth1StrategyOptions, 'passReqToCallback'>> = {}, user: unknown = { id: 'user-1' }) {
    const strategy = new ProfileStrategy(
      {
        requestTokenURL: `${handle.url}/oauth/request_token`,
        accessTokenURL: `${handle.url}/oauth/access_token`,
        userAuthorizationURL: `${handle.url}/oauth/authorize`,
        profileURL: `${handle.url}/api/me?skip_status=1`,
        consumerKey: CONSUMER.key,
        consumerSecret: CONSUMER.secret,
        callbackURL: CALLBACK_URL,
        ...overrides,
      },
      (token, tokenSecret, _profile, done) => {
        credentials.push(token, tokenSecret);
        done(null, user as Express.User);
      },
    );
    return request.agent(createApp(strategy));
  }

  /** Starts a login on app.test and approves it at the provider; returns the callback URL. */
  async function approvedLogin(browser: ReturnType<typeof app>, decision = 'allow'): Promise<URL> {
    const start = await browser.get('/login').set('host', 'app.test').expect(302);
    const authorize = new URL(start.headers['location'] as string);
    authorize.searchParams.set('user', 'alice');
    authorize.searchParams.set('decision', decision);
    const back = await request(handle.url).get(`${authorize.pathname}${authorize.search}`).expect(302);
    return new URL(back.headers['location'] as string);
  }

  describe('a login that succeeds', () => {
    let callback: URL;
    beforeEach(async () => {
      const browser = app();
      callback = await approvedLogin(browser);
      await browser.get(pathOf(callback.href)).set('host', 'app.test').expect(200);
    });

    it('publishes the steps in protocol order, each tied to the login by a hash of its request token', () => {
      expect(recorder.messages.map((m) => m.channel)).to.deep.equal([
        LOGIN_CHANNELS.token, // leg 1, before the login has a request token to be named by
        LOGIN_CHANNELS.start,
        LOGIN_CHANNELS.callback,
        LOGIN_CHANNELS.state,
        LOGIN_CHANNELS.token,
        LOGIN_CHANNELS.profile,
        LOGIN_CHANNELS.verify,
      ]);
      const login = loginId(callback.searchParams.get('oauth_token')!);
      expect(recorder.messages[0]!.message).to.include({ strategy: 'example', login: undefined });
      for (const { message } of recorder.messages.slice(1)) expect(message).to.include({ strategy: 'example', login });
    });

    it('says where the login began and where it goes', () => {
      expect(recorder.on(LOGIN_CHANNELS.start)[0]).to.deep.include({
        protocol: 'oauth1',
        origin: 'http://app.test',
        authorizationURL: `${handle.url}/oauth/authorize`,
        callbackURL: CALLBACK_URL,
        scope: undefined,
        pkce: undefined,
      });
    });

    it('reports the callback and the request-token check as OAuth 1.0a', () => {
      expect(recorder.on(LOGIN_CHANNELS.callback)[0]).to.deep.include({ protocol: 'oauth1', url: CALLBACK_URL, code: true, state: true, error: undefined });
      expect(recorder.on(LOGIN_CHANNELS.state)[0]).to.deep.include({ protocol: 'oauth1', ok: true, reason: undefined, loginOrigin: 'http://app.test', hint: undefined });
    });

    it('reports the request-token, access-token and profile calls without their query, with status and duration', () => {
      expect(recorder.on(LOGIN_CHANNELS.token).map(({ method, url, status }) => ({ method, url, status }))).to.deep.equal([
        { method: 'POST', url: `${handle.url}/oauth/request_token`, status: 200 },
        { method: 'POST', url: `${handle.url}/oauth/access_token`, status: 200 },
      ]);
      expect(recorder.on(LOGIN_CHANNELS.token)[1]!['duration']).to.be.a('number').at.least(0);
      expect(recorder.on(LOGIN_CHANNELS.profile)[0]).to.deep.include({ method: 'GET', url: `${handle.url}/api/me`, status: 200 });
      expect(recorder.on(LOGIN_CHANNELS.verify)[0]).to.deep.include({ outcome: 'user' });
    });

    it('never publishes the consumer secret, the request token, the verifier or the access token and its secret', () => {
      const published = JSON.stringify(recorder.messages);
      const requestToken = callback.searchParams.get('oauth_token')!;
      const verifier = callback.searchParams.get('oauth_verifier')!;
      expect(credentials).to.have.length(2);
      for (const secret of [CONSUMER.secret, requestToken, verifier, ...credentials]) expect(published).not.to.include(secret);
    });
  });

  it('reports a request token this browser never asked for with its reason, the likely cause and the fix', async () => {
    const res = await app().get('/callback?oauth_token=token-from-elsewhere&oauth_verifier=v').set('host', 'app.test').expect(403);
    expect(res.body.failure).to.deep.equal({ message: 'Failed to find request token in session' });
    const [check] = recorder.on(LOGIN_CHANNELS.state);
    expect(check).to.deep.include({ protocol: 'oauth1', ok: false, reason: 'missing', callbackOrigin: 'http://app.test', loginOrigin: undefined });
    expect(check!['hint']).to.match(/^no pending login in this browser, and this process did not start this login/);
    expect(recorder.on(LOGIN_CHANNELS.fail)).to.deep.equal([
      { strategy: 'example', login: loginId('token-from-elsewhere'), status: 403, message: 'Failed to find request token in session', reason: 'missing' },
    ]);
    expect(JSON.stringify(recorder.messages)).not.to.include('token-from-elsewhere');
  });

  it('tells a replayed callback from a forged one', async () => {
    const browser = app();
    const first = await approvedLogin(browser);
    await approvedLogin(browser); // a second pending login keeps the session's store
    await browser.get(pathOf(first.href)).set('host', 'app.test').expect(200);
    await browser.get(pathOf(first.href)).set('host', 'app.test').expect(403);
    const replay = recorder.on(LOGIN_CHANNELS.state)[1]!;
    expect(replay).to.deep.include({ ok: false, reason: 'mismatch' });
    expect(replay['hint']).to.match(/^this login already completed: the callback was replayed/);
  });

  it('names requestTokenTTL when a request token expired', async () => {
    const browser = app({ requestTokenTTL: 1 });
    const callback = await approvedLogin(browser);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await browser.get(pathOf(callback.href)).set('host', 'app.test').expect(403);
    expect(recorder.on(LOGIN_CHANNELS.state)[0]).to.deep.include({ ok: false, reason: 'expired' });
    expect(recorder.on(LOGIN_CHANNELS.state)[0]!['hint']).to.include('(requestTokenTTL, 10 minutes by default). Fix: log in again, or raise requestTokenTTL.');
    expect(recorder.on(LOGIN_CHANNELS.fail)[0]).to.deep.include({ status: 403, message: 'Request token expired', reason: 'expired' });
  });

  it('reports a refusal by the user as a callback with denied, then a failure', async () => {
    const browser = app();
    const back = await approvedLogin(browser, 'deny');
    await browser.get(pathOf(back.href)).set('host', 'app.test').expect(403);
    const login = loginId(back.searchParams.get('denied')!);
    expect(recorder.on(LOGIN_CHANNELS.callback)[0]).to.deep.include({ login, code: false, state: false, error: 'denied' });
    expect(recorder.on(LOGIN_CHANNELS.fail)[0]).to.deep.include({ login, status: 403, message: 'The user denied the authorization request', reason: undefined });
  });

  it('reports a refused request-token call (leg 1) and the error', async () => {
    const res = await app({ consumerSecret: 'not-the-secret' }).get('/login').expect(500);
    expect(res.body.error).to.include({ name: 'InternalOAuthError' });
    expect(recorder.on(LOGIN_CHANNELS.token)[0]).to.deep.include({ url: `${handle.url}/oauth/request_token`, status: 401 });
    expect(recorder.on(LOGIN_CHANNELS.error)[0]).to.deep.include({ strategy: 'example', name: 'InternalOAuthError', message: 'Failed to obtain request token' });
    expect(recorder.on(LOGIN_CHANNELS.start)).to.deep.equal([]);
  });

  it('reports a verify callback that finds no user, then the failure', async () => {
    const browser = app({}, false);
    const callback = await approvedLogin(browser);
    await browser.get(pathOf(callback.href)).set('host', 'app.test').expect(401);
    expect(recorder.on(LOGIN_CHANNELS.verify)[0]).to.deep.include({ outcome: 'none' });
    expect(recorder.on(LOGIN_CHANNELS.fail)[0]).to.deep.include({ status: 401 });
  });

  it('publishes nothing once nobody listens', async () => {
    recorder.stop();
    const browser = app();
    const callback = await approvedLogin(browser);
    await browser.get(pathOf(callback.href)).set('host', 'app.test').expect(200);
    expect(recorder.messages).to.deep.equal([]);
  });
});
