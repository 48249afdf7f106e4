import { createRequire } from 'node:module';
import { expect } from 'chai';
import { OAuth2Strategy, type OAuth2StrategyOptions, type StateStoreMeta } from '@passport-kit/oauth2';
import { AUTHORIZATION_URL, Browser, CALLBACK_URL, TOKEN_URL, loginApp } from '@passport-kit/test-support/login-app';

const PassportOAuth2 = createRequire(import.meta.url)('passport-oauth2') as new (options: object, verify: unknown) => object;

const verify = (_at: string, _rt: string | undefined, profile: unknown, done: (err: unknown, user?: unknown) => void) => done(null, profile);

/** Where a strategy (ours or passport-oauth2's) redirects a login to, run as passport runs it. */
function redirectOf(s: object): Promise<string> {
  return new Promise((resolve, reject) => {
    const run = Object.assign(Object.create(s) as { authenticate(req: unknown, options: unknown): void }, { redirect: resolve, error: reject, fail: reject });
    run.authenticate({ query: {}, headers: { host: 'app.test' }, url: '/login', connection: {} }, {});
  });
}

function strategy(options: Partial<OAuth2StrategyOptions> = {}) {
  return new OAuth2Strategy(
    { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: 'client-secret-1', callbackURL: CALLBACK_URL, ...options },
    verify,
  );
}

describe('OAuth2Strategy', () => {
  describe('constructed', () => {
    it('is named oauth2', () => {
      expect(strategy().name).to.equal('oauth2');
    });

    it('requires a verify callback and the endpoints, with passport-oauth2’s messages', () => {
      const base = { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'c' };
      expect(() => new OAuth2Strategy(base, undefined as never)).to.throw(TypeError, 'OAuth2Strategy requires a verify callback');
      expect(() => new OAuth2Strategy({ ...base, authorizationURL: '' }, verify)).to.throw(TypeError, 'requires a authorizationURL option');
      expect(() => new OAuth2Strategy({ ...base, tokenURL: '' }, verify)).to.throw(TypeError, 'requires a tokenURL option');
      expect(() => new OAuth2Strategy({ ...base, clientID: '' }, verify)).to.throw(TypeError, 'requires a clientID option');
    });

    it('refuses relative endpoint URLs', () => {
      expect(() => strategy({ tokenURL: '/token' })).to.throw(TypeError, 'tokenURL to be an absolute URL');
    });

    it('refuses PKCE without state, as passport-oauth2 does', () => {
      expect(() => strategy({ state: false, pkce: true })).to.throw(TypeError, 'requires `state: true` option when PKCE is enabled');
    });

    it('refuses an unknown PKCE method', () => {
      expect(() => strategy({ pkce: 'S512' as never })).to.throw(TypeError, 'Unsupported code verifier transformation method');
    });

    it('refuses PKCE with a custom store that cannot keep the verifier', () => {
      const store = { store(_req: unknown, _meta: unknown, cb: (e: null, s: string) => void) { cb(null, 's'); }, verify() {} };
      expect(() => strategy({ store, pkce: 'S256' })).to.throw(TypeError, 'keeps the PKCE code verifier');
    });
  });

  describe('issuing the authorization request', () => {
    it('redirects to the authorization endpoint with code, client, callback, state and an S256 challenge', async () => {
      const params = await new Browser(loginApp(strategy())).startLogin();
      expect(params.url.origin + params.url.pathname).to.equal(AUTHORIZATION_URL);
      expect(params.get('response_type')).to.equal('code');
      expect(params.get('client_id')).to.equal('client-1');
      expect(params.get('redirect_uri')).to.equal(CALLBACK_URL);
      expect(params.get('state')).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(params.get('code_challenge')).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(params.get('code_challenge_method')).to.equal('S256');
      expect(params.has('scope')).to.equal(false);
      expect(params.has('client_secret')).to.equal(false);
    });

    it('sends a fresh state and challenge on every login', async () => {
      const browser = new Browser(loginApp(strategy()));
      const first = await browser.startLogin();
      const second = await browser.startLogin();
      expect(first.get('state')).to.not.equal(second.get('state'));
      expect(first.get('code_challenge')).to.not.equal(second.get('code_challenge'));
    });

    it('joins a scope array with the scope separator', async () => {
      const params = await new Browser(loginApp(strategy({ scope: ['read', 'write'], scopeSeparator: ',' }))).startLogin();
      expect(params.get('scope')).to.equal('read,write');
    });

    it('writes the scope separator as %20, as passport-oauth2 does, not +', async () => {
      const params = await new Browser(loginApp(strategy({ scope: ['read', 'write'] }))).startLogin();
      expect(params.url.search).to.contain('&scope=read%20write&').and.not.contain('+');
    });

    it('writes the authorization URL as passport-oauth2 1.8 writes it, character for character', async () => {
      const options = {
        authorizationURL: `${AUTHORIZATION_URL}?tenant=a+b&x=1&x=2`,
        tokenURL: TOKEN_URL,
        clientID: 'client 1',
        callbackURL: 'http://app.test/cb?next=/home',
        scope: ['openid', 'email', "it's"],
        state: false,
      };
      const hooks = { authorizationParams: () => ({ prompt: 'select_account consent', resource: ['a', 'b'] }) };
      const theirs = new PassportOAuth2(options, verify);
      Object.assign(theirs, hooks);
      const ours = strategy({ ...options, pkce: false });
      Object.assign(ours, hooks);

      const expected = await redirectOf(theirs);
      expect(expected).to.contain('&scope=openid%20email%20it');
      expect(await redirectOf(ours)).to.equal(expected);
    });

    it('lets authenticate() options override scope and callbackURL', async () => {
      const app = loginApp(strategy({ scope: 'read' }), { loginOptions: { scope: ['email', 'profile'], callbackURL: 'http://app.test/other' } });
      const params = await new Browser(app).startLogin();
      expect(params.get('scope')).to.equal('email profile');
      expect(params.get('redirect_uri')).to.equal('http://app.test/other');
    });

    it('keeps the query the authorization URL already has', async () => {
      const params = await new Browser(loginApp(strategy({ authorizationURL: `${AUTHORIZATION_URL}?audience=api&tenant=a` }))).startLogin();
      expect(params.get('audience')).to.equal('api');
      expect(params.get('tenant')).to.equal('a');
      expect(params.get('client_id')).to.equal('client-1');
    });

    it('adds the authorizationParams hook’s parameters, but never lets them replace client_id', async () => {
      class Subclass extends OAuth2Strategy {
        protected override authorizationParams(options: { prompt?: unknown }) {
          return { prompt: options.prompt, access_type: 'offline', client_id: 'evil' };
        }
      }
      const s = new Subclass({ authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: 's', callbackURL: CALLBACK_URL }, verify);
      const params = await new Browser(loginApp(s, { loginOptions: { prompt: 'consent' } })).startLogin();
      expect(params.get('prompt')).to.equal('consent');
      expect(params.get('access_type')).to.equal('offline');
      expect(params.get('client_id')).to.equal('client-1');
    });

    it('resolves a relative callbackURL from the Host header', async () => {
      const browser = new Browser(loginApp(strategy({ callbackURL: '/auth/callback' })));
      const res = await browser.agent.get('/login').set('Host', 'app.example:8080');
      expect(new URL(res.headers['location'] as string).searchParams.get('redirect_uri')).to.equal('http://app.example:8080/auth/callback');
    });

    it('ignores X-Forwarded-* headers unless the proxy is trusted', async () => {
      const untrusted = new Browser(loginApp(strategy({ callbackURL: '/auth/callback' })));
      const res = await untrusted.agent.get('/login').set('Host', 'internal:3000').set('X-Forwarded-Proto', 'https').set('X-Forwarded-Host', 'evil.example');
      expect(new URL(res.headers['location'] as string).searchParams.get('redirect_uri')).to.equal('http://internal:3000/auth/callback');
    });

    it('uses X-Forwarded-Proto and -Host with proxy: true', async () => {
      const trusted = new Browser(loginApp(strategy({ callbackURL: '/auth/callback', proxy: true })));
      const res = await trusted.agent.get('/login').set('Host', 'internal:3000').set('X-Forwarded-Proto', 'https').set('X-Forwarded-Host', 'app.example');
      expect(new URL(res.headers['location'] as string).searchParams.get('redirect_uri')).to.equal('https://app.example/auth/callback');
    });

    it('honours Express’s trust proxy setting', async () => {
      const app = loginApp(strategy({ callbackURL: '/auth/callback' }), { before: (req, _res, next) => { req.app.set('trust proxy', true); next(); } });
      const res = await new Browser(app).agent.get('/login').set('X-Forwarded-Proto', 'https').set('X-Forwarded-Host', 'app.example');
      expect(new URL(res.headers['location'] as string).searchParams.get('redirect_uri')).to.equal('https://app.example/auth/callback');
    });

    it('sends no state and no PKCE with state: false and pkce unset', async () => {
      const params = await new Browser(loginApp(strategy({ state: false }))).startLogin();
      expect(params.has('state')).to.equal(false);
      expect(params.has('code_challenge')).to.equal(false);
    });

    it('sends no PKCE challenge with pkce: false', async () => {
      const params = await new Browser(loginApp(strategy({ pkce: false }))).startLogin();
      expect(params.has('code_challenge')).to.equal(false);
      expect(params.get('state')).to.match(/^[A-Za-z0-9_-]{43}$/);
    });

    it('sends the plain method only when asked for it', async () => {
      const params = await new Browser(loginApp(strategy({ pkce: 'plain' }))).startLogin();
      expect(params.get('code_challenge_method')).to.equal('plain');
    });

    it('sends a string state verbatim with state: false, as passport-oauth2 does', async () => {
      const params = await new Browser(loginApp(strategy({ state: false }), { loginOptions: { state: 'app-chosen' } })).startLogin();
      expect(params.get('state')).to.equal('app-chosen');
    });

    it('keeps a string state server-side with the default store, sending a random one', async () => {
      const params = await new Browser(loginApp(strategy(), { loginOptions: { state: 'app-chosen' } })).startLogin();
      expect(params.get('state')).to.not.equal('app-chosen');
    });

    for (const arity of [2, 3, 4, 5] as const) {
      it(`calls a custom store with passport-oauth2’s ${arity}-argument store signature`, async () => {
        const calls: unknown[][] = [];
        const done = (args: unknown[]) => (args[args.length - 1] as (e: null, h: string) => void)(null, `handle-${arity}`);
        const signatures = {
          2: { store(req: unknown, cb: unknown) { calls.push([req, cb]); done([cb]); } },
          3: { store(req: unknown, meta: unknown, cb: unknown) { calls.push([req, meta, cb]); done([cb]); } },
          4: { store(req: unknown, state: unknown, meta: unknown, cb: unknown) { calls.push([req, state, meta, cb]); done([cb]); } },
          5: { store(req: unknown, verifier: unknown, state: unknown, meta: unknown, cb: unknown) { calls.push([req, verifier, state, meta, cb]); done([cb]); } },
        };
        const store = { ...signatures[arity], verify() {} };
        const params = await new Browser(loginApp(strategy({ store }))).startLogin();
        expect(params.get('state')).to.equal(`handle-${arity}`);
        expect(calls[0]).to.have.length(arity);
        const meta = calls[0]!.find((arg) => typeof arg === 'object' && arg !== null && 'tokenURL' in arg) as StateStoreMeta | undefined;
        if (arity >= 3) expect(meta).to.deep.equal({ authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', callbackURL: CALLBACK_URL });
        // Only the 5-argument store can keep a verifier, so only it gets PKCE.
        expect(params.has('code_challenge')).to.equal(arity === 5);
        if (arity === 5) expect(calls[0]![1]).to.match(/^[A-Za-z0-9_-]{43}$/);
      });
    }

    it('ends in an error, not a crash, when the store fails', async () => {
      const store = { store(_r: unknown, _v: unknown, _s: unknown, _m: unknown, cb: (e: Error) => void) { cb(new Error('store down')); }, verify() {} };
      const res = await new Browser(loginApp(strategy({ store }))).agent.get('/login');
      expect(res.status).to.equal(500);
      expect(res.body.error.message).to.equal('store down');
    });

    it('ends in an error, not a crash, when the store throws', async () => {
      const store = { store() { throw new Error('store threw'); }, verify() {} };
      const res = await new Browser(loginApp(strategy({ store }))).agent.get('/login');
      expect(res.status).to.equal(500);
      expect(res.body.error.message).to.equal('store threw');
    });
  });
});
