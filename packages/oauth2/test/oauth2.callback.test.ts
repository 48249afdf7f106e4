import { expect } from 'chai';
import nock from 'nock';
import sinon from 'sinon';
import { OAuth2Strategy, type OAuth2StrategyOptions } from '@passport-kit/oauth2';
import { AUTHORIZATION_URL, Browser, CALLBACK_URL, PROVIDER, TOKEN_URL, loginApp } from '@passport-kit/test-support/login-app';

const verify = (accessToken: string, _rt: string | undefined, _profile: unknown, done: (err: unknown, user?: unknown) => void) =>
  done(null, { id: 'user-1', accessToken });

function strategy(options: Partial<OAuth2StrategyOptions> = {}) {
  return new OAuth2Strategy(
    { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: 'client-secret-1', callbackURL: CALLBACK_URL, ...options },
    verify,
  );
}

function tokenEndpointAnswers(accessToken = 'access-1') {
  return nock(PROVIDER).post('/token').reply(200, { access_token: accessToken, token_type: 'Bearer', expires_in: 3600 });
}

describe('OAuth2Strategy', () => {
  describe('handling the callback', () => {
    describe('with an error response (RFC 6749 §4.1.2.1)', () => {
      /** The state of a login this browser started, for the provider's error redirect. */
      async function pendingState(browser: Browser): Promise<string> {
        return (await browser.startLogin()).get('state') ?? '';
      }

      it('fails, not errors, when the user denies access', async () => {
        const browser = new Browser(loginApp(strategy()));
        const state = await pendingState(browser);
        const outcome = await browser.callback({ error: 'access_denied', error_description: 'The user said no', state });
        expect(outcome.status).to.equal(401);
        expect(outcome.failure).to.deep.equal({ message: 'The user said no' });
      });

      it('errors with an AuthorizationError carrying the code, description, uri and status', async () => {
        const browser = new Browser(loginApp(strategy()));
        const outcome = await browser.callback({
          error: 'temporarily_unavailable',
          error_description: 'Try later',
          error_uri: 'https://provider.example/errors/1',
          state: await pendingState(browser),
        });
        expect(outcome.status).to.equal(503);
        expect(outcome.error).to.deep.include({ name: 'AuthorizationError', code: 'temporarily_unavailable', message: 'Try later', uri: 'https://provider.example/errors/1' });
      });

      it('maps server_error to 502 and an unknown code to 500', async () => {
        const browser = new Browser(loginApp(strategy()));
        expect((await browser.callback({ error: 'server_error', state: await pendingState(browser) })).status).to.equal(502);
        expect((await browser.callback({ error: 'invalid_scope', state: await pendingState(browser) })).status).to.equal(500);
      });

      it('drops the text of an error response that matches no pending login (RFC 6749 §10.12)', async () => {
        const browser = new Browser(loginApp(strategy()));
        const state = await pendingState(browser);
        const phishing = 'Your account is locked. Call +1 555 0100 to unlock it.';

        const withoutState = await browser.callback({ error: 'access_denied', error_description: phishing });
        const forged = await browser.callback({ error: 'server_error', error_description: phishing, state: 'forged' });
        const genuine = await browser.callback({ error: 'access_denied', error_description: 'The user said no', state });

        for (const outcome of [withoutState, forged]) {
          expect(outcome.status).to.equal(403);
          expect(JSON.stringify(outcome)).not.to.contain('Call +1');
          expect(outcome.failure).to.deep.equal({ message: 'Invalid authorization request state.', reason: 'mismatch' });
        }
        expect(genuine.failure).to.deep.equal({ message: 'The user said no' });
      });

      it('consumes the pending login it answers, so its state cannot complete a login afterwards', async () => {
        const browser = new Browser(loginApp(strategy()));
        const state = await pendingState(browser);

        await browser.callback({ error: 'access_denied', state });
        const replay = await browser.callback({ code: 'code-1', state });

        expect(replay.status).to.equal(403);
        expect(replay.failure).to.include({ reason: 'missing' });
      });

      it('takes the provider’s text as passport-oauth2 does when state is off', async () => {
        const outcome = await new Browser(loginApp(strategy({ state: false, pkce: false }))).callback({ error: 'access_denied', error_description: 'The user said no' });
        expect(outcome.status).to.equal(401);
        expect(outcome.failure).to.deep.equal({ message: 'The user said no' });
      });

      it('fails cleanly on a repeated error parameter', async () => {
        const outcome = await new Browser(loginApp(strategy())).callback({ error: ['access_denied', 'server_error'] });
        expect(outcome.status).to.equal(400);
        expect(outcome.failure).to.deep.equal({ message: 'Invalid authorization response.' });
      });
    });

    describe('checking state', () => {
      it('completes a login whose state matches', async () => {
        const browser = new Browser(loginApp(strategy()));
        const login = await browser.startLogin();
        tokenEndpointAnswers();
        const outcome = await browser.callback({ code: 'code-1', state: login.get('state')! });
        expect(outcome.status).to.equal(200);
        expect(outcome.user).to.deep.equal({ id: 'user-1', accessToken: 'access-1' });
      });

      it('fails with 403 when there is no pending login (session lost, other browser)', async () => {
        const outcome = await new Browser(loginApp(strategy())).callback({ code: 'code-1', state: 'anything' });
        expect(outcome.status).to.equal(403);
        expect(outcome.failure).to.deep.equal({ message: 'Unable to verify authorization request state.', reason: 'missing' });
      });

      it('fails with 403 when the state is not one this session sent', async () => {
        const browser = new Browser(loginApp(strategy()));
        await browser.startLogin();
        const outcome = await browser.callback({ code: 'code-1', state: 'forged' });
        expect(outcome.status).to.equal(403);
        expect(outcome.failure).to.deep.equal({ message: 'Invalid authorization request state.', reason: 'mismatch' });
      });

      it('fails when the state is missing from the callback', async () => {
        const browser = new Browser(loginApp(strategy()));
        await browser.startLogin();
        const outcome = await browser.callback({ code: 'code-1' });
        expect(outcome.status).to.equal(403);
        expect(outcome.failure).to.deep.equal({ message: 'Invalid authorization request state.', reason: 'mismatch' });
      });

      it('accepts a state once: a replayed callback fails without calling the token endpoint', async () => {
        const browser = new Browser(loginApp(strategy()));
        const login = await browser.startLogin();
        tokenEndpointAnswers();
        expect((await browser.callback({ code: 'code-1', state: login.get('state')! })).status).to.equal(200);
        const replay = await browser.callback({ code: 'code-1', state: login.get('state')! });
        expect(replay.status).to.equal(403);
      });

      it('completes logins started in two tabs of one session, in either order', async () => {
        const browser = new Browser(loginApp(strategy(), { callbackOptions: { keepSessionInfo: true } }));
        const tab1 = await browser.startLogin();
        const tab2 = await browser.startLogin();
        tokenEndpointAnswers('access-2');
        expect((await browser.callback({ code: 'code-2', state: tab2.get('state')! })).user).to.deep.equal({ id: 'user-1', accessToken: 'access-2' });
        tokenEndpointAnswers('access-1');
        expect((await browser.callback({ code: 'code-1', state: tab1.get('state')! })).user).to.deep.equal({ id: 'user-1', accessToken: 'access-1' });
      });

      it('loses the other tabs’ pending logins when passport regenerates the session at login', async () => {
        // passport ≥0.6 starts a new session on login unless keepSessionInfo is set.
        const browser = new Browser(loginApp(strategy()));
        const tab1 = await browser.startLogin();
        const tab2 = await browser.startLogin();
        tokenEndpointAnswers();
        expect((await browser.callback({ code: 'code-2', state: tab2.get('state')! })).status).to.equal(200);
        const outcome = await browser.callback({ code: 'code-1', state: tab1.get('state')! });
        expect(outcome.failure).to.deep.equal({ message: 'Unable to verify authorization request state.', reason: 'missing' });
      });

      it('does not accept one browser’s state in another browser', async () => {
        const app = loginApp(strategy());
        const alice = new Browser(app);
        const mallory = new Browser(app);
        const login = await alice.startLogin();
        await mallory.startLogin();
        const outcome = await mallory.callback({ code: 'code-1', state: login.get('state')! });
        expect(outcome.status).to.equal(403);
      });

      describe('after the state’s lifetime', () => {
        let clock: sinon.SinonFakeTimers;
        beforeEach(() => {
          clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
        });
        afterEach(() => clock.restore());

        it('fails a login that took longer than stateTTL', async () => {
          const browser = new Browser(loginApp(strategy({ stateTTL: 60_000 })));
          const login = await browser.startLogin();
          clock.tick(60_001);
          const outcome = await browser.callback({ code: 'code-1', state: login.get('state')! });
          expect(outcome.status).to.equal(403);
          expect(outcome.failure).to.deep.equal({ message: 'Authorization request state has expired.', reason: 'expired' });
        });

        it('expires logins after 10 minutes by default', async () => {
          const browser = new Browser(loginApp(strategy()));
          const login = await browser.startLogin();
          clock.tick(9 * 60_000);
          tokenEndpointAnswers();
          expect((await browser.callback({ code: 'code-1', state: login.get('state')! })).status).to.equal(200);
          const late = await browser.startLogin();
          clock.tick(10 * 60_000 + 1);
          expect((await browser.callback({ code: 'code-1', state: late.get('state')! })).status).to.equal(403);
        });
      });

      it('returns the app state given to authenticate() as info.state', async () => {
        const browser = new Browser(loginApp(strategy(), { loginOptions: { state: { returnTo: '/settings' } } }));
        const login = await browser.startLogin();
        tokenEndpointAnswers();
        const outcome = await browser.callback({ code: 'code-1', state: login.get('state')! });
        expect(outcome.authInfo).to.deep.equal({ state: { returnTo: '/settings' } });
      });

      it('skips the state check with state: false', async () => {
        tokenEndpointAnswers();
        const outcome = await new Browser(loginApp(strategy({ state: false }))).callback({ code: 'code-1' });
        expect(outcome.status).to.equal(200);
      });

      it('calls a custom store’s 3- and 4-argument verify and fails with its info', async () => {
        const seen: number[] = [];
        const store3 = { store(_r: unknown, cb: (e: null, h: string) => void) { cb(null, 'h'); }, verify(_r: unknown, state: string, cb: (e: null, ok: boolean, info: unknown) => void) { seen.push(3); cb(null, false, { message: `bad ${state}` }); } };
        const store4 = { store(_r: unknown, cb: (e: null, h: string) => void) { cb(null, 'h'); }, verify(_r: unknown, state: string, meta: { clientID: string }, cb: (e: null, ok: boolean, info: unknown) => void) { seen.push(4); cb(null, false, { message: `bad ${state} for ${meta.clientID}` }); } };
        expect((await new Browser(loginApp(strategy({ store: store3 }))).callback({ code: 'c', state: 's' })).failure).to.deep.equal({ message: 'bad s' });
        expect((await new Browser(loginApp(strategy({ store: store4 }))).callback({ code: 'c', state: 's' })).failure).to.deep.equal({ message: 'bad s for client-1' });
        expect(seen).to.deep.equal([3, 4]);
      });

      it('ends in an error when a custom store’s verify fails', async () => {
        const store = { store() {}, verify(_r: unknown, _s: unknown, cb: (e: Error) => void) { cb(new Error('store unreachable')); } };
        const outcome = await new Browser(loginApp(strategy({ store }))).callback({ code: 'c', state: 's' });
        expect(outcome.status).to.equal(500);
        expect(outcome.error?.message).to.equal('store unreachable');
      });
    });

    describe('checking the issuer (RFC 9207)', () => {
      const issuer = 'https://provider.example';

      it('accepts a matching iss', async () => {
        const browser = new Browser(loginApp(strategy({ issuer })));
        const login = await browser.startLogin();
        tokenEndpointAnswers();
        expect((await browser.callback({ code: 'c', state: login.get('state')!, iss: issuer })).status).to.equal(200);
      });

      it('accepts a response without iss', async () => {
        const browser = new Browser(loginApp(strategy({ issuer })));
        const login = await browser.startLogin();
        tokenEndpointAnswers();
        expect((await browser.callback({ code: 'c', state: login.get('state')! })).status).to.equal(200);
      });

      it('fails a response from another issuer before redeeming the code', async () => {
        const browser = new Browser(loginApp(strategy({ issuer })));
        const login = await browser.startLogin();
        const outcome = await browser.callback({ code: 'c', state: login.get('state')!, iss: 'https://attacker.example' });
        expect(outcome.status).to.equal(403);
        expect(outcome.failure).to.deep.equal({ message: 'Authorization response is from an unexpected issuer.' });
      });
    });

    describe('with malformed parameters', () => {
      it('fails a repeated code with 400 before touching the state', async () => {
        const browser = new Browser(loginApp(strategy()));
        const login = await browser.startLogin();
        const outcome = await browser.callback({ code: ['a', 'b'], state: login.get('state')! });
        expect(outcome.status).to.equal(400);
        // The state was not consumed: the real callback still completes.
        tokenEndpointAnswers();
        expect((await browser.callback({ code: 'a', state: login.get('state')! })).status).to.equal(200);
      });

      it('fails an empty code', async () => {
        const outcome = await new Browser(loginApp(strategy())).callback({ code: '', state: 's' });
        expect(outcome.status).to.equal(400);
      });

      it('fails a repeated state as a state mismatch', async () => {
        const browser = new Browser(loginApp(strategy()));
        const login = await browser.startLogin();
        const outcome = await browser.callback({ code: 'c', state: [login.get('state')!, login.get('state')!] });
        expect(outcome.status).to.equal(403);
      });

      it('accepts a form_post callback (code and state in the body)', async () => {
        const browser = new Browser(loginApp(strategy()));
        const login = await browser.startLogin();
        tokenEndpointAnswers();
        const res = await browser.agent.post('/auth/callback').type('form').send({ code: 'code-1', state: login.get('state')! });
        expect(res.status).to.equal(200);
        expect(res.body.user).to.deep.equal({ id: 'user-1', accessToken: 'access-1' });
      });
    });
  });
});
