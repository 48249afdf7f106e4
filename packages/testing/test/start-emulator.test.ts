import { expect } from 'chai';
import { request } from 'undici';
import { DEFAULT_CLIENTS, DEFAULT_USERS, ENDPOINT_NAMES, startEmulator, type Emulator } from '../src/index.js';
import { CALLBACK, get, postForm, withParams } from './support/http.js';

const GITHUB = { client_id: 'github-client-id', client_secret: 'github-client-secret' };

describe('startEmulator', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ autoApprove: true });
  });
  afterEach(() => emulator.close());

  function githubAuthorize(params: Record<string, string> = {}): Promise<Awaited<ReturnType<typeof get>>> {
    return get(withParams(emulator.github.authorizationURL, { client_id: GITHUB.client_id, redirect_uri: CALLBACK, ...params }));
  }

  describe('the server', () => {
    it('listens on a loopback port and publishes every provider’s endpoints under it', () => {
      expect(emulator.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(emulator.github).to.deep.equal({
        baseURL: `${emulator.url}/github`,
        authorizationURL: `${emulator.url}/github/login/oauth/authorize`,
        tokenURL: `${emulator.url}/github/login/oauth/access_token`,
        apiURL: `${emulator.url}/github/api/v3`,
        userProfileURL: `${emulator.url}/github/api/v3/user`,
        userEmailURL: `${emulator.url}/github/api/v3/user/emails`,
        issuer: `${emulator.url}/github/login/oauth`,
      });
      expect(emulator.x.tokenURL).to.equal(`${emulator.url}/x/2/oauth2/token`);
      expect(emulator.twitter.userProfileURL).to.equal(`${emulator.url}/twitter/1.1/account/verify_credentials.json`);
      expect(emulator.users.map((u) => u.username)).to.deep.equal(['ada', 'grace', 'alan']);
      expect(emulator.clients).to.deep.equal(DEFAULT_CLIENTS);
    });

    it('listens on the port asked for', async () => {
      const probe = await startEmulator();
      const port = Number(new URL(probe.url).port);
      await probe.close();
      const fixed = await startEmulator({ port });
      try {
        expect(fixed.url).to.equal(`http://127.0.0.1:${port}`);
      } finally {
        await fixed.close();
      }
    });

    it('answers 404 JSON for paths it does not serve and 405 for wrong methods', async () => {
      const missing = await get(`${emulator.url}/github/nope`);
      expect(missing.status).to.equal(404);
      expect(missing.json()).to.include({ error: 'not_found' });
      const wrongMethod = await get(emulator.github.tokenURL);
      expect(wrongMethod.status).to.equal(405);
      expect(wrongMethod.headers.allow).to.equal('POST');
    });

    it('serves an SVG avatar for each user', async () => {
      const reply = await get(emulator.users[0]!.avatarURL);
      expect(reply.status).to.equal(200);
      expect(reply.headers['content-type']).to.equal('image/svg+xml');
      expect(reply.text).to.contain('>AL</text>');
    });

    it('closes cleanly: pooled keep-alive connections do not hold it open, and it refuses afterwards', async () => {
      await githubAuthorize();
      const started = Date.now();
      await emulator.close();
      expect(Date.now() - started).to.be.below(1000);
      let error: unknown;
      try {
        await request(emulator.github.authorizationURL);
      } catch (err) {
        error = err;
      }
      expect((error as { code?: string }).code).to.equal('ECONNREFUSED');
      await emulator.close(); // a second close is harmless
    });

    it('closes while a delayed request is pending, dropping it', async () => {
      emulator.setScenario('github.token', { kind: 'delay', ms: 60_000 });
      const pending = postForm(emulator.github.tokenURL, { ...GITHUB, code: 'x' }).then(
        () => 'answered',
        () => 'dropped',
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      await emulator.close();
      expect(Date.now() - started).to.be.below(1000);
      expect(await pending).to.equal('dropped');
    });

    it('checks its options', async () => {
      for (const users of [[], [{ username: 'a b' }], [{ username: 'a' }, { username: 'A' }], [{ username: 'a', id: 'x1' }]]) {
        let error: unknown;
        try {
          await (await startEmulator({ users })).close();
        } catch (err) {
          error = err;
        }
        expect(error, JSON.stringify(users)).to.be.instanceOf(TypeError);
      }
    });

    it('takes custom users, filling in defaults', async () => {
      const custom = await startEmulator({ users: [{ username: 'zoe' }], autoApprove: true });
      try {
        expect(custom.users).to.deep.equal([
          {
            id: '1001',
            username: 'zoe',
            name: 'zoe',
            email: 'zoe@example.com',
            otherEmails: [],
            avatarURL: `${custom.url}/avatars/zoe.svg`,
            location: null,
            bio: null,
            createdAt: '2015-10-21T07:28:00Z',
          },
        ]);
        expect(DEFAULT_USERS).to.have.length(3);
      } finally {
        await custom.close();
      }
    });
  });

  describe('counting and recording requests', () => {
    it('counts requests per endpoint and keeps what each received', async () => {
      expect(Object.keys(emulator.requests)).to.deep.equal([...ENDPOINT_NAMES]);
      const code = (await githubAuthorize()).location().searchParams.get('code')!;
      await postForm(emulator.github.tokenURL, { ...GITHUB, code }, { accept: 'application/json' });
      expect(emulator.requests['github.authorize']).to.equal(1);
      expect(emulator.requests['github.token']).to.equal(1);
      expect(emulator.requests['github.user']).to.equal(0);
      const [received] = emulator.received('github.token');
      expect(received).to.include({ endpoint: 'github.token', method: 'POST', url: '/github/login/oauth/access_token' });
      expect(new URLSearchParams(received!.body).get('code')).to.equal(code);
      expect(received!.headers.accept).to.equal('application/json');
    });

    it('reset() clears counts, received requests, scenarios and autoApprove changes', async () => {
      emulator.setScenario('github.authorize', { kind: 'deny' });
      emulator.setAutoApprove(false);
      await githubAuthorize();
      emulator.reset();
      expect(emulator.requests['github.authorize']).to.equal(0);
      expect(emulator.received('github.authorize')).to.deep.equal([]);
      const reply = await githubAuthorize();
      expect(reply.status).to.equal(302);
      expect(reply.location().searchParams.has('code')).to.equal(true);
    });
  });

  describe('scenario switches', () => {
    it('delays an endpoint by ms, then answers normally', async () => {
      emulator.setScenario('github.authorize', { kind: 'delay', ms: 200 });
      const started = Date.now();
      const reply = await githubAuthorize();
      expect(Date.now() - started).to.be.at.least(190);
      expect(reply.status).to.equal(302);
    });

    it('fails an endpoint with a status and body', async () => {
      emulator.setScenario('github.user', { kind: 'fail' }, { times: 1 });
      const failed = await get(emulator.github.userProfileURL);
      expect(failed.status).to.equal(500);
      emulator.setScenario('facebook.me', { kind: 'fail', status: 503, body: 'busy' });
      const busy = await get(emulator.facebook.profileURL);
      expect([busy.status, busy.text]).to.deep.equal([503, 'busy']);
      expect((await get(emulator.github.userProfileURL)).status).to.equal(401);
    });

    it('resets the connection', async () => {
      emulator.setScenario('x.token', { kind: 'reset' });
      let error: unknown;
      try {
        await postForm(emulator.x.tokenURL, {});
      } catch (err) {
        error = err;
      }
      expect((error as { code?: string }).code).to.be.oneOf(['UND_ERR_SOCKET', 'ECONNRESET']);
    });

    it('applies for `times` requests, and until cleared without it', async () => {
      emulator.setScenario('github.authorize', { kind: 'deny' }, { times: 2 });
      const errors = [];
      for (let i = 0; i < 3; i++) errors.push((await githubAuthorize()).location().searchParams.get('error'));
      expect(errors).to.deep.equal(['access_denied', 'access_denied', null]);

      emulator.setScenario('github.authorize', { kind: 'deny' });
      expect((await githubAuthorize()).location().searchParams.get('error')).to.equal('access_denied');
      emulator.setScenario('github.authorize', null);
      expect((await githubAuthorize()).location().searchParams.get('error')).to.equal(null);
      emulator.setScenario('github.authorize', { kind: 'deny' });
      emulator.clearScenarios();
      expect((await githubAuthorize()).location().searchParams.get('error')).to.equal(null);
    });

    it('throws a TypeError for a scenario that does not fit the endpoint', () => {
      expect(() => emulator.setScenario('github.user', { kind: 'deny' })).to.throw(TypeError, 'Scenario deny does not apply to github.user');
      expect(() => emulator.setScenario('github.authorize', { kind: 'expiredToken' })).to.throw(TypeError);
      expect(() => emulator.setScenario('twitter.authorize', { kind: 'error', error: 'x' })).to.throw(TypeError);
      expect(() => emulator.setScenario('x.me', { kind: 'delay', ms: -1 })).to.throw(TypeError);
      expect(() => emulator.setScenario('nope' as 'x.me', { kind: 'fail' })).to.throw(TypeError, 'Unknown emulator endpoint');
      expect(() => emulator.setScenario('x.me', { kind: 'fail' }, { times: 0 })).to.throw(TypeError);
    });
  });

  describe('approving', () => {
    it('approves as the user login_hint names, even without autoApprove', async () => {
      emulator.setAutoApprove(false);
      const code = (await githubAuthorize({ login_hint: 'grace@example.com' })).location().searchParams.get('code')!;
      const token = ((await postForm(emulator.github.tokenURL, { ...GITHUB, code }, { accept: 'application/json' })).json() as { access_token: string }).access_token;
      const user = (await get(emulator.github.userProfileURL, { authorization: `Bearer ${token}` })).json();
      expect(user).to.include({ login: 'grace' });
      const unknown = await githubAuthorize({ login_hint: 'nobody' });
      expect(unknown.status).to.equal(400);
    });

    it('with autoApprove true, approves as the user GitHub’s login parameter names, else the first', async () => {
      const viaLogin = (await githubAuthorize({ login: 'alan' })).location().searchParams.get('code')!;
      const token = ((await postForm(emulator.github.tokenURL, { ...GITHUB, code: viaLogin }, { accept: 'application/json' })).json() as { access_token: string }).access_token;
      expect((await get(emulator.github.userProfileURL, { authorization: `Bearer ${token}` })).json()).to.include({ login: 'alan', email: null });
    });
  });
});
