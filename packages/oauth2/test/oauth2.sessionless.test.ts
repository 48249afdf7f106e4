import { createHash } from 'node:crypto';
import { expect } from 'chai';
import nock from 'nock';
import request from 'supertest';
import { OAuth2Strategy, type OAuth2StrategyOptions } from '@passport-kit/oauth2';
import { AUTHORIZATION_URL, Browser, CALLBACK_URL, PROVIDER, TOKEN_URL, loginApp } from '@passport-kit/test-support/login-app';

type Done = (err?: unknown, user?: unknown, info?: unknown) => void;

const SHARED_SECRET = 'a-cookie-secret-shared-by-every-instance-0123456789';

function strategy(options: Partial<OAuth2StrategyOptions> = {}) {
  return new OAuth2Strategy(
    { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: 'client-secret-1', callbackURL: CALLBACK_URL, ...options },
    (accessToken: string, _rt: string | undefined, _p: unknown, done: Done) => done(null, { id: 'user-1', accessToken }),
  );
}

/** The token endpoint; `verifiers` collects the code_verifier of each request. */
function tokenEndpoint(accessToken = 'access-1') {
  const verifiers: string[] = [];
  const scope = nock(PROVIDER).post('/token').reply(200, { access_token: accessToken, token_type: 'Bearer' });
  scope.on('request', (_req: unknown, _interceptor: unknown, body: string) => verifiers.push(new URLSearchParams(body).get('code_verifier') ?? ''));
  return { scope, verifiers };
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function setCookies(res: request.Response): string[] {
  const header = res.headers['set-cookie'] as unknown;
  return Array.isArray(header) ? (header as string[]) : [];
}

/** `name=value` of each cookie set, for a Cookie header. */
function cookiePairs(res: request.Response): string {
  return setCookies(res).map((cookie) => cookie.split(';')[0]).join('; ');
}

/** A login started on one app (a fresh user agent each time): its state, challenge and cookie. */
async function startLoginOn(app: ReturnType<typeof loginApp>) {
  const res = await request(app).get('/login');
  expect(res.status, res.text).to.equal(302);
  const params = new URL(res.headers['location'] as string).searchParams;
  return { res, state: params.get('state') ?? '', challenge: params.get('code_challenge') ?? '', cookie: cookiePairs(res) };
}

async function callbackOn(app: ReturnType<typeof loginApp>, cookie: string, state: string, code = 'code-1') {
  const req = request(app).get(`/auth/callback?${new URLSearchParams({ code, state })}`);
  return cookie ? req.set('cookie', cookie) : req;
}

describe('OAuth2Strategy', () => {
  describe('without a session (state and PKCE in an encrypted cookie)', () => {
    it('completes a login, keeping state and the PKCE verifier in the cookie', async () => {
      const browser = new Browser(loginApp(strategy(), { session: false }));
      const authorization = await browser.startLogin();
      const token = tokenEndpoint();

      const outcome = await browser.callback({ code: 'code-1', state: authorization.get('state') ?? '' });

      expect(outcome.status).to.equal(200);
      expect(outcome.user).to.deep.equal({ id: 'user-1', accessToken: 'access-1' });
      expect(s256(token.verifiers[0] ?? '')).to.equal(authorization.get('code_challenge'));
    });

    it('sets one short-lived HttpOnly SameSite=Lax cookie whose value is encrypted', async () => {
      const login = await startLoginOn(loginApp(strategy(), { session: false }));

      const cookies = setCookies(login.res);
      expect(cookies).to.have.length(1);
      const [cookie] = cookies as [string];
      expect(cookie).to.match(/^pk\.tx\.[\w-]+=[\w-]*\.[\w-]*\.[\w-]+\.[\w-]+\.[\w-]+; /);
      expect(cookie).to.contain('; Path=/; Max-Age=600; HttpOnly; SameSite=Lax');
      expect(cookie).not.to.contain('Secure');
      expect(cookie).not.to.contain(login.state);
      expect(cookie).not.to.contain('verifier');
    });

    it('marks the cookie Secure when the app is reached over HTTPS', async () => {
      const res = await request(loginApp(strategy(), { session: false })).get('/login').set('x-forwarded-proto', 'https');

      expect(setCookies(res)[0]).to.match(/; Secure$/);
    });

    it('keeps logins started in two tabs apart', async () => {
      const browser = new Browser(loginApp(strategy(), { session: false }));
      const first = await browser.startLogin();
      const second = await browser.startLogin();

      const token2 = tokenEndpoint('access-2');
      const outcome2 = await browser.callback({ code: 'code-2', state: second.get('state') ?? '' });
      const token1 = tokenEndpoint('access-1');
      const outcome1 = await browser.callback({ code: 'code-1', state: first.get('state') ?? '' });

      expect([outcome1.status, outcome2.status]).to.deep.equal([200, 200]);
      expect(s256(token1.verifiers[0] ?? '')).to.equal(first.get('code_challenge'));
      expect(s256(token2.verifiers[0] ?? '')).to.equal(second.get('code_challenge'));
    });

    it('clears the cookie on the callback', async () => {
      const app = loginApp(strategy(), { session: false });
      const login = await startLoginOn(app);
      tokenEndpoint();

      const res = await callbackOn(app, login.cookie, login.state);

      expect(res.status).to.equal(200);
      const name = login.cookie.split('=')[0] ?? '';
      const cleared = setCookies(res).find((cookie) => cookie.startsWith(`${name}=;`));
      expect(cleared, setCookies(res).join('\n')).to.be.a('string');
      expect(cleared).to.contain('Max-Age=0');
      expect(cleared).to.contain('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
    });

    it('refuses a replayed callback with the same cookie, without asking for a token', async () => {
      const app = loginApp(strategy(), { session: false });
      const login = await startLoginOn(app);
      tokenEndpoint();
      expect((await callbackOn(app, login.cookie, login.state)).status).to.equal(200);

      const replay = await callbackOn(app, login.cookie, login.state);

      expect(replay.status).to.equal(403);
      expect(replay.body).to.deep.include({ failure: { message: 'Invalid authorization request state.', reason: 'mismatch' } });
    });

    it('refuses a callback whose state belongs to no cookie the browser holds', async () => {
      const app = loginApp(strategy(), { session: false });
      const login = await startLoginOn(app);

      const res = await callbackOn(app, login.cookie, 'forged-state');

      expect(res.status).to.equal(403);
      expect(res.body.failure).to.deep.equal({ message: 'Invalid authorization request state.', reason: 'mismatch' });
    });

    it('refuses a callback from a browser that holds no login cookie', async () => {
      const app = loginApp(strategy(), { session: false });
      const login = await startLoginOn(app);

      const res = await callbackOn(app, '', login.state);

      expect(res.status).to.equal(403);
      expect(res.body.failure).to.deep.equal({ message: 'Unable to verify authorization request state.', reason: 'missing' });
    });

    describe('across instances', () => {
      it('lets instance B complete a login instance A started, with a shared stateCookie.secret', async () => {
        // Public clients: without the explicit secret each instance would pick a random key.
        const a = loginApp(strategy({ clientSecret: undefined, stateCookie: { secret: SHARED_SECRET } }), { session: false });
        const b = loginApp(strategy({ clientSecret: undefined, stateCookie: { secret: SHARED_SECRET } }), { session: false });
        const login = await startLoginOn(a);
        const token = tokenEndpoint();

        const res = await callbackOn(b, login.cookie, login.state);

        expect(res.status, res.text).to.equal(200);
        expect(res.body.user).to.deep.equal({ id: 'user-1', accessToken: 'access-1' });
        expect(s256(token.verifiers[0] ?? '')).to.equal(login.challenge);
      });

      it('cannot complete another public client instance’s login without a shared secret (random per-process key)', async () => {
        const a = loginApp(strategy({ clientSecret: undefined }), { session: false });
        const b = loginApp(strategy({ clientSecret: undefined }), { session: false });
        const login = await startLoginOn(a);

        const res = await callbackOn(b, login.cookie, login.state);

        expect(res.status).to.equal(403);
        expect(res.body.failure).to.deep.equal({ message: 'Invalid authorization request state.', reason: 'mismatch' });
      });

      it('lets instances sharing a client secret complete each other’s logins without a cookie secret', async () => {
        const a = loginApp(strategy(), { session: false });
        const b = loginApp(strategy(), { session: false });
        const login = await startLoginOn(a);
        tokenEndpoint();

        expect((await callbackOn(b, login.cookie, login.state)).status).to.equal(200);
      });

      it('fails with the state message when instance B has another secret', async () => {
        const a = loginApp(strategy({ stateCookie: { secret: SHARED_SECRET } }), { session: false });
        const b = loginApp(strategy({ stateCookie: { secret: 'another-secret-of-at-least-32-characters!' } }), { session: false });
        const login = await startLoginOn(a);

        const res = await callbackOn(b, login.cookie, login.state);

        expect(res.status).to.equal(403);
        expect(res.body.failure).to.deep.equal({ message: 'Invalid authorization request state.', reason: 'mismatch' });
      });

      it('completes logins started under the old secret after a rotation ([new, old])', async () => {
        const before = loginApp(strategy({ stateCookie: { secret: SHARED_SECRET } }), { session: false });
        const after = loginApp(strategy({ stateCookie: { secret: ['the-new-secret-of-at-least-32-characters!', SHARED_SECRET] } }), { session: false });
        const login = await startLoginOn(before);
        tokenEndpoint();

        expect((await callbackOn(after, login.cookie, login.state)).status).to.equal(200);
      });
    });
  });
});
