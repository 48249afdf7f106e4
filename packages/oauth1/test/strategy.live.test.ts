// Full handshakes through a real Express app against the in-process OAuth 1.0a provider,
// which verifies every signature, nonce, timestamp and verifier.
import { generateKeyPairSync } from 'node:crypto';
import { InternalOAuthError, OAuth1Strategy, type OAuth1StrategyOptions, type SignatureMethod, type VerifyCallback } from '@passport-kit/oauth1';
import { OAuth1Provider, type OAuth1ProviderHandle } from '@passport-kit/testing';
import { SessionTransactionStore, UnexpectedStatusError, type IncomingRequest } from '@passport-kit/core';
import { expect } from 'chai';
import request from 'supertest';
import { createApp, pathOf, type Outcome } from '@passport-kit/test-support/oauth1-login-app';
import { ProfileStrategy } from '@passport-kit/test-support/oauth1-profile-strategy';

const CALLBACK_URL = 'http://app.test/callback';
const CONSUMER = { key: 'live-consumer', secret: 'live-consumer-secret-value' };

describe('OAuth1Strategy against a live OAuth 1.0a provider', () => {
  let provider: OAuth1Provider;
  let handle: OAuth1ProviderHandle;

  async function startProvider(options: ConstructorParameters<typeof OAuth1Provider>[0] = {}) {
    provider = new OAuth1Provider({ consumers: [CONSUMER], ...options });
    handle = await provider.start();
  }

  afterEach(async () => {
    await handle?.close();
  });

  function strategyOptions(overrides: Partial<Omit<OAuth1StrategyOptions, 'passReqToCallback'>> = {}) {
    return {
      requestTokenURL: `${handle.url}/oauth/request_token`,
      accessTokenURL: `${handle.url}/oauth/access_token`,
      userAuthorizationURL: `${handle.url}/oauth/authorize`,
      profileURL: `${handle.url}/api/me?include_entities=true&skip_status=1`,
      consumerKey: CONSUMER.key,
      consumerSecret: CONSUMER.secret,
      callbackURL: CALLBACK_URL,
      ...overrides,
    };
  }

  function profileApp(overrides: Partial<Omit<OAuth1StrategyOptions, 'passReqToCallback'>> = {}, appOptions: { session?: boolean } = {}) {
    const strategy = new ProfileStrategy(strategyOptions(overrides), (token, tokenSecret, profile, done) =>
      done(null, { id: profile.id, username: profile.username }),
    );
    return createApp(strategy, appOptions);
  }

  /** Follows the authorization redirect as the user's browser would, approving as `user`. */
  async function approve(location: string, user = 'alice', decision = 'allow'): Promise<string> {
    const url = new URL(location);
    url.searchParams.set('user', user);
    url.searchParams.set('decision', decision);
    const res = await request(handle.url).get(`${url.pathname}${url.search}`).expect(302);
    return res.headers.location as string;
  }

  describe('handshake', () => {
    beforeEach(() => startProvider());

    it('redirects to the authorization endpoint with the request token, then logs the user in', async () => {
      const agent = request.agent(profileApp());
      const start = await agent.get('/login').expect(302);
      const location = start.headers.location as string;
      expect(location).to.match(new RegExp(`^${handle.url}/oauth/authorize\\?oauth_token=[0-9a-f]{32}$`));

      const callback = await approve(location, 'bob');
      expect(callback).to.match(/^http:\/\/app\.test\/callback\?oauth_token=[0-9a-f]+&oauth_verifier=[0-9a-f]+$/);
      const done = await agent.get(pathOf(callback)).expect(200);
      expect((done.body as Outcome).user).to.deep.equal({ id: '1002', username: 'bob' });

      // What the provider received: a signed request-token call carrying the callback, a signed
      // access-token call with the verifier, and a signed profile call; every one accepted.
      const calls = provider.received.filter((r) => r.endpoint !== 'authorize');
      expect(calls.map((r) => [r.endpoint, r.method, r.problem])).to.deep.equal([
        ['requestToken', 'POST', undefined],
        ['accessToken', 'POST', undefined],
        ['resource', 'GET', undefined],
      ]);
      expect(calls[0]!.oauth).to.include({ oauth_callback: CALLBACK_URL, oauth_signature_method: 'HMAC-SHA1', oauth_version: '1.0' });
      expect(calls[1]!.oauth.oauth_verifier).to.equal(new URL(callback).searchParams.get('oauth_verifier'));
      expect(calls[0]!.oauth.oauth_nonce).to.not.equal(calls[1]!.oauth.oauth_nonce);
    });

    it('hands options.state back as info.state', async () => {
      const agent = request.agent(profileApp());
      const start = await agent.get('/login/with-state').expect(302);
      const done = await agent.get(pathOf(await approve(start.headers.location as string))).expect(200);
      expect((done.body as Outcome).info).to.deep.equal({ state: { returnTo: '/settings' } });
    });

    for (const signatureMethod of ['HMAC-SHA256', 'PLAINTEXT'] as SignatureMethod[]) {
      it(`signs every call with ${signatureMethod}`, async () => {
        const agent = request.agent(profileApp({ signatureMethod }));
        const start = await agent.get('/login').expect(302);
        await agent.get(pathOf(await approve(start.headers.location as string))).expect(200);
        const methods = provider.received.filter((r) => r.endpoint !== 'authorize').map((r) => r.oauth.oauth_signature_method);
        expect(methods).to.deep.equal([signatureMethod, signatureMethod, signatureMethod]);
      });
    }

    it('adds requestTokenParams to the signed body and userAuthorizationParams to the redirect', async () => {
      class Custom extends OAuth1Strategy {
        protected override requestTokenParams() {
          return { x_auth_access_type: 'read', oauth_extra: 'header' };
        }
        protected override userAuthorizationParams() {
          return { force_login: 'true', screen_name: 'a b' };
        }
      }
      const strategy = new Custom(strategyOptions(), (_t, _s, _p, done) => done(null, { ok: true }));
      const start = await request.agent(createApp(strategy)).get('/login').expect(302);
      expect(start.headers.location).to.match(/\?oauth_token=[0-9a-f]+&force_login=true&screen_name=a%20b$/);
      const [call] = provider.received;
      expect(call!.problem).to.equal(undefined);
      expect(call!.params).to.deep.equal([['x_auth_access_type', 'read']]);
      expect(call!.oauth.oauth_extra).to.equal('header');
    });
  });

  describe('RSA-SHA1', () => {
    it('signs with the private key given as consumerSecret, as passport-oauth1 does', async () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      await startProvider({ consumers: [{ key: CONSUMER.key, secret: '', publicKey }] });
      const agent = request.agent(profileApp({ signatureMethod: 'RSA-SHA1', consumerSecret: pem }));
      const start = await agent.get('/login').expect(302);
      const done = await agent.get(pathOf(await approve(start.headers.location as string))).expect(200);
      expect((done.body as Outcome).user).to.deep.equal({ id: '1001', username: 'alice' });
      expect(provider.received.filter((r) => r.problem)).to.deep.equal([]);
    });
  });

  describe('several logins at once', () => {
    beforeEach(() => startProvider());

    it('keeps two users apart when their logins interleave', async () => {
      const app = profileApp();
      const alice = request.agent(app);
      const bob = request.agent(app);
      const aliceStart = await alice.get('/login').expect(302);
      const bobStart = await bob.get('/login').expect(302);
      const bobBack = await approve(bobStart.headers.location as string, 'bob');
      const aliceBack = await approve(aliceStart.headers.location as string, 'alice');
      expect((await bob.get(pathOf(bobBack)).expect(200)).body.user).to.deep.equal({ id: '1002', username: 'bob' });
      expect((await alice.get(pathOf(aliceBack)).expect(200)).body.user).to.deep.equal({ id: '1001', username: 'alice' });
    });

    it('completes both of two tabs in one session, in either order', async () => {
      const agent = request.agent(profileApp());
      const first = await agent.get('/login').expect(302);
      const second = await agent.get('/login').expect(302);
      const secondBack = await approve(second.headers.location as string, 'bob');
      const firstBack = await approve(first.headers.location as string, 'alice');
      expect((await agent.get(pathOf(secondBack)).expect(200)).body.user.username).to.equal('bob');
      expect((await agent.get(pathOf(firstBack)).expect(200)).body.user.username).to.equal('alice');
    });

    it("refuses a request token from another user's session", async () => {
      const app = profileApp();
      const victim = request.agent(app);
      const attacker = request.agent(app);
      await attacker.get('/login').expect(302);
      const start = await victim.get('/login').expect(302);
      const back = await approve(start.headers.location as string);
      const res = await attacker.get(pathOf(back)).expect(403);
      expect(res.body.failure).to.deep.equal({ message: 'Unknown or already used request token' });
      expect(provider.received.map((r) => r.endpoint)).to.not.include('accessToken');
    });
  });

  describe('handling the callback', () => {
    beforeEach(() => startProvider());

    it('refuses a replayed oauth_token without calling the provider', async () => {
      const agent = request.agent(profileApp());
      const start = await agent.get('/login').expect(302);
      const back = await approve(start.headers.location as string);
      await agent.get(pathOf(back)).expect(200);
      await agent.get('/login').expect(302); // a pending login keeps the session entry alive
      const res = await agent.get(pathOf(back)).expect(403);
      expect(res.body.failure).to.deep.equal({ message: 'Unknown or already used request token' });
      expect(provider.received.filter((r) => r.endpoint === 'accessToken')).to.have.length(1);
    });

    it('fails with 403 for an oauth_token when no login is pending', async () => {
      const res = await request.agent(profileApp()).get('/callback?oauth_token=forged&oauth_verifier=x').expect(403);
      expect(res.body.failure).to.deep.equal({ message: 'Failed to find request token in session' });
      expect(provider.received).to.deep.equal([]);
    });

    it('fails when the user denies, and forgets the request token', async () => {
      const agent = request.agent(profileApp());
      const start = await agent.get('/login').expect(302);
      const back = await approve(start.headers.location as string, 'alice', 'deny');
      expect(back).to.match(/^http:\/\/app\.test\/callback\?denied=[0-9a-f]+$/);
      const res = await agent.get(pathOf(back)).expect(403);
      expect(res.body.failure).to.deep.equal({ message: 'The user denied the authorization request' });
      const token = new URL(back).searchParams.get('denied');
      await agent.get(`/callback?oauth_token=${token}&oauth_verifier=x`).expect(403);
    });

    it('fails once the request token has outlived requestTokenTTL', async () => {
      const agent = request.agent(profileApp({ requestTokenTTL: 1 }));
      const start = await agent.get('/login').expect(302);
      const back = await approve(start.headers.location as string);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const res = await agent.get(pathOf(back)).expect(403);
      expect(res.body.failure).to.deep.equal({ message: 'Request token expired' });
      expect(provider.received.map((r) => r.endpoint)).to.not.include('accessToken');
    });

    it('resolves a relative callbackURL against the request', async () => {
      const agent = request.agent(profileApp({ callbackURL: '/callback' }));
      await agent.get('/login').set('host', 'app.example:8080').expect(302);
      expect(provider.received[0]!.oauth.oauth_callback).to.equal('http://app.example:8080/callback');
    });

    it('fails with 400 for a repeated oauth_token', async () => {
      const res = await request.agent(profileApp()).get('/callback?oauth_token=a&oauth_token=b').expect(400);
      expect(res.body.failure).to.deep.equal({ message: 'Malformed oauth_token parameter' });
    });

    it('reports a wrong verifier as InternalOAuthError "Failed to obtain access token"', async () => {
      const agent = request.agent(profileApp());
      const start = await agent.get('/login').expect(302);
      const back = new URL(await approve(start.headers.location as string));
      back.searchParams.set('oauth_verifier', 'guessed');
      const res = await agent.get(pathOf(back.toString())).expect(500);
      expect(res.body.error).to.include({ name: 'InternalOAuthError', code: 'ERR_INTERNAL_OAUTH', message: 'Failed to obtain access token', statusCode: 401 });
      expect(res.body.error.cause).to.match(/answered 401: verifier_invalid: Invalid oauth_verifier\.$/);
    });
  });

  describe('obtaining the request token', () => {
    it('reports a refused signature as InternalOAuthError with the provider message and no secret', async () => {
      await startProvider({ errorFormat: 'text' });
      const res = await request.agent(profileApp({ consumerSecret: 'wrong-secret-value' })).get('/login').expect(500);
      expect(res.body.error).to.deep.include({
        name: 'InternalOAuthError',
        code: 'ERR_INTERNAL_OAUTH',
        message: 'Failed to obtain request token',
        statusCode: 401,
        string: 'InternalOAuthError: Failed to obtain request token (status: 401)',
      });
      expect(res.body.error.cause).to.equal(`POST ${handle.url}/oauth/request_token answered 401: Invalid signature.`);
      expect(JSON.stringify(res.body)).to.not.include('wrong-secret-value');
    });

    it('lets parseErrorResponse turn the body into the error', async () => {
      await startProvider({ errorFormat: 'json' });
      class Parsing extends OAuth1Strategy {
        protected override parseErrorResponse(body: string, status: number) {
          const json = JSON.parse(body) as { errors: { message: string }[] };
          return new Error(`${status} ${json.errors[0]!.message}`);
        }
      }
      const strategy = new Parsing(strategyOptions({ consumerKey: 'unknown' }), (_t, _s, _p, done) => done(null, {}));
      const res = await request.agent(createApp(strategy)).get('/login').expect(500);
      expect(res.body.error).to.include({ name: 'Error', message: '401 Unknown consumer key.' });
    });

    it('reports a 500 as InternalOAuthError', async () => {
      await startProvider();
      provider.failNext('requestToken', 500, 'Internal Server Error');
      const res = await request.agent(profileApp()).get('/login').expect(500);
      expect(res.body.error).to.include({ message: 'Failed to obtain request token', statusCode: 500 });
    });

    it('reports an unreachable provider as InternalOAuthError wrapping a NetworkError', async () => {
      await startProvider();
      const url = handle.url;
      await handle.close();
      const app = profileApp({ requestTokenURL: `${url}/oauth/request_token` });
      const res = await request.agent(app).get('/login').expect(500);
      expect(res.body.error).to.include({ message: 'Failed to obtain request token' });
      expect(res.body.error.cause).to.match(/^POST http:\/\/127\.0\.0\.1:\d+\/oauth\/request_token: request failed/);
      await startProvider();
    });
  });

  describe('an OAuth 1.0 provider (no oauth_callback_confirmed)', () => {
    /**
     * The session-fixation attack OAuth 1.0a fixed: the attacker starts a login in their own
     * session, points the authorization link's oauth_callback at their own page, the victim
     * approves, and the attacker completes the login with the request token they received.
     */
    async function attack(app: ReturnType<typeof profileApp>): Promise<request.Response> {
      const attacker = request.agent(app);
      const start = await attacker.get('/login');
      if (start.status !== 302) return start;
      const link = new URL(start.headers.location as string);
      link.searchParams.set('oauth_callback', 'http://attacker.test/steal');
      const stolen = new URL(await approve(link.toString(), 'bob'));
      expect(stolen.origin).to.equal('http://attacker.test');
      return attacker.get(`/callback${stolen.search}`);
    }

    it('is refused with CallbackNotConfirmedError, so the session-fixation attack gets nowhere', async () => {
      await startProvider({ callbackConfirmed: false });
      const res = await attack(profileApp());
      expect(res.status).to.equal(500);
      expect(res.body.error).to.include({ name: 'CallbackNotConfirmedError', code: 'ERR_OAUTH_CALLBACK_NOT_CONFIRMED' });
      expect(res.body.error.message).to.match(/allowOAuth10: true/);
      expect(res.body.user).to.equal(undefined);
      expect(provider.received.map((r) => r.endpoint)).to.deep.equal(['requestToken']);
    });

    it('with allowOAuth10, passes oauth_callback in the redirect and logs in without a verifier', async () => {
      await startProvider({ callbackConfirmed: false });
      const agent = request.agent(profileApp({ allowOAuth10: true }));
      const start = await agent.get('/login').expect(302);
      expect(start.headers.location).to.match(/\?oauth_token=[0-9a-f]+&oauth_callback=http%3A%2F%2Fapp\.test%2Fcallback$/);
      const back = await approve(start.headers.location as string);
      expect(back).to.not.include('oauth_verifier');
      expect((await agent.get(pathOf(back)).expect(200)).body.user.id).to.equal('1001');
    });

    it('with allowOAuth10, is open to the attack: the risk the option documents', async () => {
      await startProvider({ callbackConfirmed: false });
      const res = await attack(profileApp({ allowOAuth10: true }));
      expect(res.status).to.equal(200);
      expect(res.body.user).to.deep.equal({ id: '1002', username: 'bob' });
    });

    it('fails a callback without oauth_verifier from a 1.0a provider, without calling it', async () => {
      await startProvider();
      const agent = request.agent(profileApp());
      const start = await agent.get('/login').expect(302);
      const back = new URL(await approve(start.headers.location as string));
      back.searchParams.delete('oauth_verifier');
      const res = await agent.get(pathOf(back.toString())).expect(400);
      expect(res.body.failure).to.deep.equal({ message: 'Missing oauth_verifier parameter' });
      expect(provider.received.map((r) => r.endpoint)).to.not.include('accessToken');
    });
  });

  describe('without a session', () => {
    beforeEach(() => startProvider());

    it('keeps the request token in an encrypted cookie derived from the consumer secret', async () => {
      const agent = request.agent(profileApp({}, { session: false }));
      const start = await agent.get('/login').expect(302);
      const cookie = String(start.headers['set-cookie']);
      expect(cookie).to.match(/^pk\.tx\.[\w-]+=ey[\w.-]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/);
      const token = new URL(start.headers.location as string).searchParams.get('oauth_token')!;
      expect(cookie).to.not.include(token);
      const back = await approve(start.headers.location as string);
      const done = await agent.get(pathOf(back)).expect(200);
      expect(done.body.user.username).to.equal('alice');
      await agent.get(pathOf(back)).expect(403);
    });

    it('uses stateCookie.secret when given', async () => {
      const agent = request.agent(profileApp({ stateCookie: { secret: 'x'.repeat(32), name: 'oauth1.tx' } }, { session: false }));
      const start = await agent.get('/login').expect(302);
      expect(String(start.headers['set-cookie'])).to.match(/^oauth1\.tx\./);
      await agent.get(pathOf(await approve(start.headers.location as string))).expect(200);
    });

    it('errors when there is neither a session nor a secret to seal a cookie with', async () => {
      await handle.close();
      await startProvider({ consumers: [{ key: CONSUMER.key, secret: '' }] });
      const res = await request.agent(profileApp({ consumerSecret: '' }, { session: false })).get('/login').expect(500);
      expect(res.body.error.message).to.match(/session support/);
    });
  });

  describe('verify callbacks', () => {
    beforeEach(() => startProvider());

    async function login(strategy: OAuth1Strategy) {
      const agent = request.agent(createApp(strategy));
      const start = await agent.get('/login').expect(302);
      return agent.get(pathOf(await approve(start.headers.location as string, 'bob')));
    }

    it('passes params with arity 5, and req first with passReqToCallback (arity 6)', async () => {
      const five = new OAuth1Strategy(strategyOptions(), (token: string, tokenSecret: string, params: Record<string, string>, profile: unknown, done: VerifyCallback) =>
        done(null, { params, profile }),
      );
      expect((await login(five)).body.user).to.deep.equal({ params: { user_id: '1002', screen_name: 'bob' }, profile: {} });

      const six = new OAuth1Strategy(
        { ...strategyOptions(), passReqToCallback: true },
        (req: IncomingRequest, _t: string, _s: string, params: Record<string, string>, _p: unknown, done: VerifyCallback) =>
          done(null, { url: req.url?.split('?')[0], screen_name: params.screen_name }),
      );
      expect((await login(six)).body.user).to.deep.equal({ url: '/callback', screen_name: 'bob' });
    });

    it('accepts a verify that returns a promise, and a NestJS-style (...args) verify', async () => {
      const promised = new OAuth1Strategy(strategyOptions(), async (token: string) => ({ tokenLength: token.length > 0 }));
      expect((await login(promised)).body.user).to.deep.equal({ tokenLength: true });

      const nest = new OAuth1Strategy(strategyOptions(), (async (...args: unknown[]) => {
        const done = args[args.length - 1] as (e: unknown, u: unknown) => void;
        done(null, { arity: args.length });
      }) as never);
      expect((await login(nest)).body.user).to.deep.equal({ arity: 4 });
    });

    it('fails with the info a verify gives, and errors with what it throws', async () => {
      const refusing = new OAuth1Strategy(strategyOptions(), (_t, _s, _p, done) => done(null, false, { message: 'Not allowed' }));
      const res = await login(refusing);
      expect(res.status).to.equal(401);
      expect(res.body.failure).to.deep.equal({ message: 'Not allowed' });

      const throwing = new OAuth1Strategy(strategyOptions(), async () => {
        throw new Error('database down');
      });
      expect((await login(throwing)).body.error.message).to.equal('database down');
    });

    it('skips the profile when skipUserProfile says so', async () => {
      const strategy = new ProfileStrategy({ ...strategyOptions(), skipUserProfile: (_t: string, _s: string, done: (e: unknown, skip: boolean) => void) => done(null, true) }, (_t, _s, profile, done) =>
        done(null, { profile: profile ?? 'none' }),
      );
      expect((await login(strategy)).body.user).to.deep.equal({ profile: 'none' });
      expect(provider.received.map((r) => r.endpoint)).to.not.include('resource');
    });
  });

  describe('custom request-token stores', () => {
    beforeEach(() => startProvider());

    it('accepts a core TransactionStore (save/take)', async () => {
      const store = new SessionTransactionStore({ key: 'custom:oauth1' });
      const strategy = new ProfileStrategy(strategyOptions({ store }), (_t, _s, profile, done) => done(null, { id: profile.id }));
      const agent = request.agent(createApp(strategy));
      const start = await agent.get('/login').expect(302);
      const back = await approve(start.headers.location as string, 'bob');
      expect((await agent.get(pathOf(back)).expect(200)).body.user).to.deep.equal({ id: '1002' });
    });

    it('reads the callback parameters from a POST body too', async () => {
      const agent = request.agent(profileApp());
      const start = await agent.get('/login').expect(302);
      const back = new URL(await approve(start.headers.location as string));
      const res = await agent.post('/callback').type('form').send(back.search.slice(1)).expect(200);
      expect(res.body.user.username).to.equal('alice');
    });

    it("calls a passport-oauth1 store's get/set/destroy with the arities it declares", async () => {
      const calls: string[] = [];
      const secrets = new Map<string, string>();
      const store = {
        set(_req: unknown, token: string, tokenSecret: string, meta: { consumerKey: string }, cb: (err?: unknown) => void) {
          calls.push(`set/5 ${meta.consumerKey}`);
          secrets.set(token, tokenSecret);
          cb();
        },
        get(_req: unknown, token: string, cb: (err: unknown, secret?: string) => void) {
          calls.push('get/3');
          cb(null, secrets.get(token));
        },
        destroy(_req: unknown, token: string, cb: (err?: unknown) => void) {
          calls.push('destroy/3');
          secrets.delete(token);
          cb();
        },
      };
      const strategy = new ProfileStrategy(strategyOptions({ requestTokenStore: store }), (_t, _s, profile, done) => done(null, { id: profile.id }));
      const agent = request.agent(createApp(strategy, { session: false }));
      const start = await agent.get('/login').expect(302);
      const back = await approve(start.headers.location as string);
      expect((await agent.get(pathOf(back)).expect(200)).body.user).to.deep.equal({ id: '1001' });
      expect(calls).to.deep.equal([`set/5 ${CONSUMER.key}`, 'get/3', 'destroy/3']);
      expect((await agent.get(pathOf(back)).expect(403)).body.failure).to.deep.equal({ message: 'Unknown or already used request token' });
    });
  });

  it('never puts a secret, token or verifier in an error', async () => {
    await startProvider({ errorFormat: 'json' });
    // A provider that echoes what it was sent in its error body.
    const agent = request.agent(profileApp());
    const start = await agent.get('/login').expect(302);
    const back = new URL(await approve(start.headers.location as string));
    const requestToken = back.searchParams.get('oauth_token')!;
    provider.failNext('accessToken', 401, JSON.stringify({ errors: [{ message: `bad token ${requestToken} with secret ${CONSUMER.secret}` }] }), 'application/json');
    const res = await agent.get(pathOf(back.toString())).expect(500);
    const everything = JSON.stringify(res.body);
    expect(res.body.error.cause).to.include('[redacted]');
    for (const secret of [requestToken, CONSUMER.secret, back.searchParams.get('oauth_verifier')!]) expect(everything).to.not.include(secret);
    const err = new InternalOAuthError('Failed to obtain access token', new UnexpectedStatusError('x', 401, 'body'));
    expect(Object.keys(err.oauthError as object)).to.not.include('data');
  });
});
