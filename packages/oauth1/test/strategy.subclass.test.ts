// The ways passport-oauth1 strategies on npm extend the base, each logging in through a real
// Express app against the OAuth1Provider: ES5 (`util.inherits` + `OAuthStrategy.call(this)`),
// `class extends`, a wrapped `this._oauth.getOAuthRequestToken`, fields written after the base
// constructor, an overridden `authenticate`, and a passport-oauth1 store's own failure info.
import util from 'node:util';
import type { Profile } from '@passport-kit/core';
import { OAuth1Strategy, type OAuth1AuthenticateOptions, type OAuth1StrategyOptions, type OAuthTokenCallback } from '@passport-kit/oauth1';
import { expect } from 'chai';
import request from 'supertest';
import { OAuth1Provider, type OAuth1ProviderHandle } from '@passport-kit/testing';
import { createApp, pathOf } from '@passport-kit/test-support/oauth1-login-app';

const CONSUMER = { key: 'subclass-consumer', secret: 'subclass-consumer-secret' };
type Done = (err: unknown, value?: unknown) => void;
type Verify = (token: string, tokenSecret: string, profile: { id: string; username: string }, done: Done) => void;

/** What an ES5 strategy sees on `this`: passport-oauth1's protected members. */
interface LegacyThis {
  name: string;
  _profileURL: string;
  _oauth: {
    _requestUrl: string;
    _authorize_callback: string | null;
    _clientOptions: { requestTokenHttpMethod: string };
    _performSecureRequest(...args: unknown[]): void;
    getOAuthRequestToken(extraParams: Record<string, string> | OAuthTokenCallback, callback?: OAuthTokenCallback): void;
    get(url: string, token: string, tokenSecret: string, callback: (err: unknown, body?: string) => void): void;
  };
}

describe('OAuth1Strategy subclassed as strategies on npm do', () => {
  let provider: OAuth1Provider;
  let handle: OAuth1ProviderHandle;
  beforeEach(async () => {
    provider = new OAuth1Provider({ consumers: [CONSUMER] });
    handle = await provider.start();
  });
  afterEach(() => handle.close());

  const options = (): OAuth1StrategyOptions & { profileURL: string } => ({
    requestTokenURL: `${handle.url}/oauth/request_token`,
    accessTokenURL: `${handle.url}/oauth/access_token`,
    userAuthorizationURL: `${handle.url}/oauth/authorize`,
    consumerKey: CONSUMER.key,
    consumerSecret: CONSUMER.secret,
    callbackURL: 'http://app.test/callback',
    profileURL: `${handle.url}/api/me`,
  });
  const verify: Verify = (_token, _tokenSecret, profile, done) => done(null, { id: profile.id, username: profile.username });

  /** An ES5 strategy written for passport-oauth1, in the style of passport-linkedin. */
  function legacyStrategyClass() {
    function LegacyStrategy(this: LegacyThis, opts: OAuth1StrategyOptions & { profileURL: string }, verifyFn: Verify) {
      (OAuth1Strategy as unknown as (this: LegacyThis, o: object, v: Verify) => void).call(this, opts, verifyFn);
      this.name = 'legacy';
      this._profileURL = opts.profileURL;
    }
    util.inherits(LegacyStrategy, OAuth1Strategy as unknown as new () => object);
    const proto = LegacyStrategy.prototype as LegacyThis & Record<string, unknown>;
    proto['userProfile'] = function (this: LegacyThis, token: string, tokenSecret: string, _params: unknown, done: Done) {
      this._oauth.get(this._profileURL, token, tokenSecret, (err, body) => {
        if (err) return done(err);
        const json = JSON.parse(body!) as { id: string; username: string };
        done(null, { provider: 'legacy', id: json.id, username: json.username });
      });
    };
    return LegacyStrategy as unknown as new (o: OAuth1StrategyOptions & { profileURL: string }, v: Verify) => LegacyThis & { authenticate(): void };
  }

  async function logIn(strategy: object, user = 'alice') {
    const agent = request.agent(createApp(strategy as Parameters<typeof createApp>[0]));
    const start = await agent.get('/login').expect(302);
    const authorize = new URL(start.headers.location as string);
    authorize.searchParams.set('user', user);
    const back = await request(handle.url).get(`${authorize.pathname}${authorize.search}`).expect(302);
    return agent.get(pathOf(back.headers.location as string));
  }

  it('runs an ES5 subclass (util.inherits + OAuth1Strategy.call(this, options, verify)) with its prototype userProfile on this._oauth.get', async () => {
    const Legacy = legacyStrategyClass();
    const strategy = new Legacy(options(), verify);
    expect(strategy).to.be.instanceOf(OAuth1Strategy);
    expect(strategy.name).to.equal('legacy');
    const res = await logIn(strategy, 'bob');
    expect(res.status).to.equal(200);
    expect(res.body.user).to.deep.equal({ id: '1002', username: 'bob' });
    expect(provider.received.filter((r) => r.endpoint !== 'authorize').map((r) => [r.endpoint, r.problem])).to.deep.equal([
      ['requestToken', undefined],
      ['accessToken', undefined],
      ['resource', undefined],
    ]);
  });

  it('uses a getOAuthRequestToken the subclass wrapped in its constructor (passport-linkedin adds its scope there)', async () => {
    const Legacy = legacyStrategyClass();
    const strategy = new Legacy(options(), verify);
    const wrapped: unknown[] = [];
    strategy._oauth.getOAuthRequestToken = function (this: LegacyThis['_oauth'], extraParams, callback) {
      if (typeof extraParams === 'function') [callback, extraParams] = [extraParams, {}];
      wrapped.push({ ...extraParams });
      this._performSecureRequest(null, null, this._clientOptions.requestTokenHttpMethod, `${this._requestUrl}?scope=r_basicprofile`, extraParams, null, null, (err: unknown, data: string) => {
        if (err) return callback!(err as never);
        const results = new URLSearchParams(data);
        callback!(null, results.get('oauth_token')!, results.get('oauth_token_secret')!, { oauth_callback_confirmed: results.get('oauth_callback_confirmed')! });
      });
    };
    const res = await logIn(strategy);
    expect(res.status).to.equal(200);
    expect(wrapped).to.deep.equal([{ oauth_callback: 'http://app.test/callback' }]);
    const leg1 = provider.received.find((r) => r.endpoint === 'requestToken')!;
    expect(leg1.problem).to.equal(undefined);
    expect(leg1.path).to.equal('/oauth/request_token');
  });

  it('reads endpoints a subclass writes after the base constructor, at request time', async () => {
    class Moved extends OAuth1Strategy {
      constructor(opts: OAuth1StrategyOptions, verifyFn: Verify) {
        super({ ...opts, requestTokenURL: 'https://unused.test/rt', userAuthorizationURL: 'https://unused.test/auth' }, verifyFn as never);
        this._oauth._requestUrl = opts.requestTokenURL;
        (this as unknown as { _userAuthorizationURL: string })._userAuthorizationURL = opts.userAuthorizationURL;
      }
    }
    const res = await logIn(new Moved(options(), verify));
    expect(res.status).to.equal(200);
    expect(provider.received.map((r) => [r.endpoint, r.problem])).to.deep.equal([
      ['requestToken', undefined],
      ['authorize', undefined],
      ['accessToken', undefined],
    ]);
  });

  it('runs a class extends subclass whose prototype hooks win, and an authenticate override that calls the base', async () => {
    class Modern extends OAuth1Strategy {
      override name = 'modern';
      override authenticate(req: Parameters<OAuth1Strategy['authenticate']>[0], opts?: OAuth1AuthenticateOptions) {
        const url = new URL(req.url ?? '/', 'http://app.test');
        if (url.searchParams.has('oauth_problem')) return this.fail({ message: 'provider problem' }, 401);
        return super.authenticate(req, opts);
      }
      protected override userAuthorizationParams() {
        return { force_login: 'true' };
      }
      protected override userProfile(_t: string, _s: string, _p: unknown, done: (err: unknown, profile?: Profile) => void) {
        done(null, { provider: 'modern', id: 'from-hook', username: 'hook', displayName: 'Hook' });
      }
    }
    const strategy = new Modern(options(), verify as never);
    const res = await logIn(strategy);
    expect(res.body.user).to.deep.equal({ id: 'from-hook', username: 'hook' });
    expect(provider.received.find((r) => r.endpoint === 'authorize')!.params).to.deep.include(['force_login', 'true']);
    const problem = await request(createApp(strategy)).get('/callback?oauth_problem=user_refused').expect(401);
    expect(problem.body.failure).to.deep.equal({ message: 'provider problem' });
  });

  it("fails with a passport-oauth1 store's own info when it does not know the token", async () => {
    const store = {
      get: (_req: unknown, _token: string, cb: (err: unknown, secret?: unknown, state?: unknown) => void) => cb(null, false, { message: 'Possible XSRF attack detected.' }),
      set: (_req: unknown, _token: string, _secret: string, cb: (err?: unknown) => void) => cb(),
      destroy: (_req: unknown, _token: string, cb: (err?: unknown) => void) => cb(),
    };
    const strategy = new OAuth1Strategy({ ...options(), requestTokenStore: store }, verify as never);
    const res = await request(createApp(strategy)).get('/callback?oauth_token=forged&oauth_verifier=v').expect(403);
    expect(res.body.failure).to.deep.equal({ message: 'Possible XSRF attack detected.' });
  });
});
