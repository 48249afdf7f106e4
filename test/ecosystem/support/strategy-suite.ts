// The tests every npm strategy gets: a full login through its provider's emulation on whichever
// passport-oauth2 it runs on, then what our base adds (state, PKCE, a timeout), which the real
// passport-oauth2 does not do by default and which the control run therefore skips.
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { Strategy } from 'passport';
import { ensureOurBaseBuilt, onOurBase, requireStrategyPackage } from './base.js';
import { CALLBACK_PATH, FAILURE_PATH, LOGIN_PATH, SUCCESS_PATH, startLoginApp, type LoginApp, type Verify, type VerifyCall } from './login-app.js';
import { CLIENT, ProviderEmulator, type ProviderDefinition } from './provider-emulator.js';

type StrategyConstructor = new (options: Record<string, unknown>, verify: Verify) => Strategy;

export interface EcosystemCase {
  /** The npm package, installed unmodified. */
  packageName: string;
  /** Its constructor among the package's exports. Default: the module itself. */
  constructorFrom?(exports: unknown): unknown;
  /** The name it registers with passport. */
  name: string;
  provider: ProviderDefinition;
  /** The strategy's options, pointing its configurable URLs at the emulator. */
  options(emulator: ProviderEmulator): Record<string, unknown>;
  /** The `scope` the authorization request carries. */
  expectedScope: string | undefined;
  toUser(call: VerifyCall): Record<string, unknown>;
  expectedUser: Record<string, unknown>;
  passReqToCallback?: boolean;
  /** The provider answers with an auto-submitted form (response_mode=form_post). */
  formPostCallback?: boolean;
  /** The strategy turns state on itself, so it is checked on the real passport-oauth2 too. */
  stateOnEveryBase?: boolean;
  /** Why the profile fetch does not go through the base's `_oauth2` (no timeout test), if so. */
  profileOutsideBase?: string;
}

/** The time the timeout test allows for `timeout: 500` to end the login. */
const TIMEOUT_BUDGET_MS = 3000;

/** The mocha suite for one strategy. */
export function describeEcosystemStrategy(testCase: EcosystemCase): void {
  describe(`${testCase.packageName} (unmodified, from npm)`, function () {
    let emulator: ProviderEmulator;
    let app: LoginApp | undefined;

    before(function () {
      this.timeout(300_000);
      ensureOurBaseBuilt();
    });

    beforeEach(async () => {
      emulator = await new ProviderEmulator(testCase.provider).start();
    });
    afterEach(async () => {
      await app?.close();
      app = undefined;
      await emulator.stop();
    });

    async function startApp(extraOptions: Record<string, unknown> = {}): Promise<LoginApp> {
      const exports = requireStrategyPackage(testCase.packageName);
      const StrategyClass = (testCase.constructorFrom?.(exports) ?? exports) as StrategyConstructor;
      app = await startLoginApp({
        name: testCase.name,
        createStrategy: (verify, callbackURL) =>
          new StrategyClass({ ...testCase.options(emulator), clientID: CLIENT.id, clientSecret: CLIENT.secret, callbackURL, ...extraOptions }, verify),
        toUser: testCase.toUser,
        ...(testCase.passReqToCallback ? { passReqToCallback: true } : {}),
      });
      return app;
    }

    /** GET /login: the redirect to the provider, checked for what every base sends. */
    async function startLogin(login: LoginApp): Promise<URL> {
      const start = await login.browser.get(LOGIN_PATH);
      expect(start.status, `GET ${LOGIN_PATH}: ${start.text}`).to.equal(302);
      const location = new URL(String(start.headers['location']));
      expect(location.origin + location.pathname).to.equal(emulator.authorizationURL);
      expect(location.searchParams.get('client_id')).to.equal(CLIENT.id);
      expect(location.searchParams.get('redirect_uri')).to.equal(login.url + CALLBACK_PATH);
      expect(location.searchParams.get('scope') ?? undefined).to.equal(testCase.expectedScope);
      return location;
    }

    /** The browser arrives back at the callback, as a query string or an auto-submitted form. */
    function returnToApp(login: LoginApp, callback: URL) {
      if (!testCase.formPostCallback) return login.browser.get(callback.pathname + callback.search);
      return login.browser.post(callback.pathname).type('form').send(Object.fromEntries(callback.searchParams));
    }

    function describeFailure(login: LoginApp): string {
      return `app errors: ${login.errors.map((err) => (err instanceof Error ? `${err.name}: ${err.message} ${JSON.stringify((err as { oauthError?: unknown }).oauthError ?? '')}` : String(err))).join(' | ')}; ` +
        `token requests: ${emulator.tokenRequests.map((t) => t.answered).join(',')}; API requests: ${emulator.apiRequests.map((a) => a.answered).join(',')}`;
    }

    it('logs the user in through the provider and hands verify the mapped profile', async () => {
      const login = await startApp();
      emulator.interceptFixedOrigins();
      const location = await startLogin(login);
      const back = await returnToApp(login, emulator.approve(location.href));
      expect(back.status, describeFailure(login)).to.equal(302);
      expect(back.headers['location'], describeFailure(login)).to.equal(SUCCESS_PATH);
      expect(emulator.tokenRequests.map((t) => t.answered)).to.deep.equal([200]);
      expect(emulator.apiRequests.map((a) => a.answered)).to.deep.equal(testCase.provider.apis.map(() => 200));
      const account = await login.browser.get(SUCCESS_PATH).expect(200);
      expect(account.body).to.deep.equal({ user: testCase.expectedUser });
    });

    it(`[our base${testCase.stateOnEveryBase ? ', and this strategy on any base' : ''}] sends state, and refuses a callback with a wrong state before any token request`, async function () {
      if (!onOurBase() && !testCase.stateOnEveryBase) this.skip();
      const login = await startApp();
      const location = await startLogin(login);
      const state = location.searchParams.get('state');
      expect(state, 'state on the authorization request').to.be.a('string').with.length.greaterThan(7);
      const callback = emulator.approve(location.href);
      callback.searchParams.set('state', 'forged-state-value');
      const back = await returnToApp(login, callback);
      expect(back.status, describeFailure(login)).to.equal(302);
      expect(back.headers['location']).to.equal(FAILURE_PATH);
      expect(emulator.tokenRequests).to.have.length(0);
      expect(login.verified).to.have.length(0);
    });

    it('[our base] sends a PKCE S256 challenge, and the verifier reaches the token endpoint', async function () {
      if (!onOurBase()) this.skip();
      const login = await startApp();
      emulator.interceptFixedOrigins();
      const location = await startLogin(login);
      expect(location.searchParams.get('code_challenge_method')).to.equal('S256');
      const challenge = location.searchParams.get('code_challenge');
      expect(challenge).to.match(/^[A-Za-z0-9_-]{43}$/);
      const back = await returnToApp(login, emulator.approve(location.href));
      expect(back.headers['location'], describeFailure(login)).to.equal(SUCCESS_PATH);
      const verifier = emulator.tokenRequests[0]?.form.get('code_verifier');
      expect(verifier, 'code_verifier at the token endpoint').to.be.a('string');
      expect(createHash('sha256').update(verifier as string).digest('base64url')).to.equal(challenge);
    });

    const timeoutTitle = '[our base] ends a login whose profile endpoint never answers in an error, within the timeout';
    if (testCase.profileOutsideBase !== undefined) {
      it.skip(`${timeoutTitle} (not applicable: ${testCase.profileOutsideBase})`);
      return;
    }
    it(timeoutTitle, async function () {
      if (!onOurBase()) this.skip();
      this.timeout(TIMEOUT_BUDGET_MS + 2000);
      const login = await startApp({ timeout: 500 });
      const [profileAPI] = testCase.provider.apis;
      if (profileAPI === undefined) throw new Error('this provider has no profile API');
      emulator.neverAnswer(profileAPI.path);
      emulator.interceptFixedOrigins(1);
      const location = await startLogin(login);
      const started = Date.now();
      const back = await returnToApp(login, emulator.approve(location.href)).timeout(TIMEOUT_BUDGET_MS);
      expect(Date.now() - started).to.be.lessThan(TIMEOUT_BUDGET_MS);
      expect(back.status).to.equal(500);
      expect(login.errors).to.have.length(1);
      expect(login.verified).to.have.length(0);
      expect(emulator.apiRequests.map((a) => a.answered)).to.deep.equal(['never']);
    });
  });
}
