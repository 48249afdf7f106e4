import { expect } from 'chai';
import nock from 'nock';
import { LOGIN_CHANNELS, loginId } from '@passport-kit/core';
import { OAuth2Strategy, type OAuth2StrategyOptions } from '@passport-kit/oauth2';
import { AUTHORIZATION_URL, Browser, CALLBACK_URL, PROVIDER, TOKEN_URL, loginApp } from '@passport-kit/test-support/login-app';
import { recordLoginSteps } from '@passport-kit/test-support/login-diagnostics';

const SECRET = 'client-secret-diagnostics-1';
const CODE = 'code-diagnostics-1';
const ACCESS_TOKEN = 'access-token-diagnostics-1';
const REFRESH_TOKEN = 'refresh-token-diagnostics-1';

// A provider strategy as users write one: the profile comes from a userinfo call.
class ProfileStrategy extends OAuth2Strategy {
  protected override async userProfile(accessToken: string): Promise<unknown> {
    const response = await this.requestResource(`${PROVIDER}/userinfo?fields=id,name`, accessToken);
    return JSON.parse(response.body) as unknown;
  }
}

function strategy(options: Partial<OAuth2StrategyOptions> = {}, user: unknown = { id: 'user-1' }) {
  return new ProfileStrategy(
    { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: SECRET, callbackURL: CALLBACK_URL, ...options },
    (_at: string, _rt: string | undefined, _profile: unknown, done: (err: unknown, user?: unknown) => void) => done(null, user),
  );
}

// The browser sees the app at app.test, the host CALLBACK_URL names.
const onAppHost = { before: (req: { headers: Record<string, unknown> }, _res: unknown, next: () => void) => ((req.headers['host'] = 'app.test'), next()) };

let sentVerifier = '';

function providerAnswers() {
  return [
    nock(PROVIDER).post('/token', (body: Record<string, string>) => ((sentVerifier = body['code_verifier'] ?? ''), true)).reply(200, { access_token: ACCESS_TOKEN, refresh_token: REFRESH_TOKEN, token_type: 'Bearer' }),
    nock(PROVIDER).get('/userinfo').query(true).reply(200, { id: 'user-1' }),
  ];
}

describe('OAuth2Strategy diagnostics channels', () => {
  let recorder: ReturnType<typeof recordLoginSteps>;
  beforeEach(() => {
    recorder = recordLoginSteps();
  });
  afterEach(() => recorder.stop());

  describe('a login that succeeds', () => {
    let state: string;
    beforeEach(async () => {
      const browser = new Browser(loginApp(strategy({ scope: ['read', 'write'] }), onAppHost));
      const login = await browser.startLogin();
      state = login.get('state')!;
      providerAnswers();
      const outcome = await browser.callback({ code: CODE, state });
      expect(outcome.status).to.equal(200);
    });

    it('publishes the steps in protocol order, each tied to the login by a hash of its state', () => {
      expect(recorder.messages.map((m) => m.channel)).to.deep.equal([
        LOGIN_CHANNELS.start,
        LOGIN_CHANNELS.callback,
        LOGIN_CHANNELS.state,
        LOGIN_CHANNELS.token,
        LOGIN_CHANNELS.profile,
        LOGIN_CHANNELS.verify,
      ]);
      for (const { message } of recorder.messages) expect(message).to.include({ strategy: 'oauth2', login: loginId(state) });
      expect(loginId(state)).to.have.length(8);
    });

    it('says where the login began, where it goes and what it asks for', () => {
      expect(recorder.on(LOGIN_CHANNELS.start)[0]).to.deep.include({
        origin: 'http://app.test',
        authorizationURL: AUTHORIZATION_URL,
        callbackURL: CALLBACK_URL,
        scope: 'read write',
        pkce: 'S256',
      });
    });

    it('reports the callback and the state check', () => {
      expect(recorder.on(LOGIN_CHANNELS.callback)[0]).to.deep.include({ url: CALLBACK_URL, code: true, state: true, error: undefined });
      expect(recorder.on(LOGIN_CHANNELS.state)[0]).to.deep.include({ ok: true, reason: undefined, loginOrigin: 'http://app.test', hint: undefined });
    });

    it('reports the token and profile requests without their query, with status and duration', () => {
      const [token] = recorder.on(LOGIN_CHANNELS.token);
      expect(token).to.deep.include({ method: 'POST', url: TOKEN_URL, status: 200, error: undefined });
      expect(token!['duration']).to.be.a('number').at.least(0);
      const [profile] = recorder.on(LOGIN_CHANNELS.profile);
      expect(profile).to.deep.include({ method: 'GET', url: `${PROVIDER}/userinfo`, status: 200 });
    });

    it('reports what the verify callback answered', () => {
      expect(recorder.on(LOGIN_CHANNELS.verify)[0]).to.deep.include({ outcome: 'user' });
    });

    it('never publishes the client secret, the code, the state, the PKCE verifier or a token', () => {
      const published = JSON.stringify(recorder.messages);
      expect(sentVerifier).to.have.length.greaterThan(40);
      for (const secret of [SECRET, CODE, state, sentVerifier, ACCESS_TOKEN, REFRESH_TOKEN]) expect(published).not.to.include(secret);
    });
  });

  it('reports a state failure with its reason, the likely cause and the fix', async () => {
    const outcome = await new Browser(loginApp(strategy(), onAppHost)).callback({ code: CODE, state: 'state-from-elsewhere' });
    expect(outcome.status).to.equal(403);
    const [state] = recorder.on(LOGIN_CHANNELS.state);
    expect(state).to.deep.include({ ok: false, reason: 'missing', callbackOrigin: 'http://app.test', loginOrigin: undefined });
    expect(state!['hint']).to.match(/^no pending login in this browser, and this process did not start this login/);
    expect(recorder.on(LOGIN_CHANNELS.fail)).to.deep.equal([
      { strategy: 'oauth2', login: loginId('state-from-elsewhere'), status: 403, message: 'Unable to verify authorization request state.', reason: 'missing' },
    ]);
    expect(JSON.stringify(recorder.messages)).not.to.include('state-from-elsewhere').and.not.to.include(CODE);
  });

  it('tells a replayed callback from a forged one', async () => {
    const browser = new Browser(loginApp(strategy(), { callbackOptions: { keepSessionInfo: true } }));
    const state = (await browser.startLogin()).get('state')!;
    await browser.startLogin();
    providerAnswers();
    expect((await browser.callback({ code: CODE, state })).status).to.equal(200);
    expect((await browser.callback({ code: CODE, state })).status).to.equal(403);
    const replay = recorder.on(LOGIN_CHANNELS.state)[1]!;
    expect(replay).to.deep.include({ ok: false, reason: 'mismatch' });
    expect(replay['hint']).to.match(/^this login already completed: the callback was replayed/);
  });

  it('reports a denial by the user as a callback with an error, then a failure', async () => {
    // The denial carries the state of a pending login: one that does not is refused before its text is used.
    const browser = new Browser(loginApp(strategy()));
    const state = (await browser.startLogin()).get('state')!;
    await browser.callback({ error: 'access_denied', error_description: 'No thanks', state });
    expect(recorder.on(LOGIN_CHANNELS.callback)[0]).to.deep.include({ code: false, error: 'access_denied' });
    expect(recorder.on(LOGIN_CHANNELS.fail)[0]).to.deep.include({ status: 401, message: 'No thanks', reason: undefined });
  });

  it('reports a token endpoint refusal as the token call and an error with the provider\'s code', async () => {
    const browser = new Browser(loginApp(strategy()));
    const state = (await browser.startLogin()).get('state')!;
    nock(PROVIDER).post('/token').reply(400, { error: 'invalid_grant', error_description: 'Code expired' });
    expect((await browser.callback({ code: CODE, state })).error).to.include({ name: 'TokenError' });
    expect(recorder.on(LOGIN_CHANNELS.token)[0]).to.deep.include({ url: TOKEN_URL, status: 400 });
    expect(recorder.on(LOGIN_CHANNELS.error)[0]).to.deep.include({ name: 'TokenError', code: 'invalid_grant', message: 'Code expired' });
  });

  it('reports a verify callback that finds no user, then the failure', async () => {
    const browser = new Browser(loginApp(strategy({}, false)));
    const state = (await browser.startLogin()).get('state')!;
    providerAnswers();
    expect((await browser.callback({ code: CODE, state })).status).to.equal(401);
    expect(recorder.on(LOGIN_CHANNELS.verify)[0]).to.deep.include({ outcome: 'none' });
    expect(recorder.on(LOGIN_CHANNELS.fail)[0]).to.deep.include({ status: 401 });
  });

  it('publishes nothing once nobody listens', async () => {
    recorder.stop();
    const browser = new Browser(loginApp(strategy()));
    const state = (await browser.startLogin()).get('state')!;
    providerAnswers();
    expect((await browser.callback({ code: CODE, state })).status).to.equal(200);
    expect(recorder.messages).to.deep.equal([]);
  });
});
