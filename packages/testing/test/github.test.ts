import { expect } from 'chai';
import { startEmulator, type Emulator } from '../src/index.js';
import { CALLBACK, basic, get, pkcePair, postForm, postJSON, withParams } from './support/http.js';

const CLIENT = { client_id: 'github-client-id', client_secret: 'github-client-secret' };

describe('GitHub emulation', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ autoApprove: 'ada' });
  });
  afterEach(() => emulator.close());

  async function authorize(params: Record<string, string> = {}): Promise<URL> {
    const reply = await get(withParams(emulator.github.authorizationURL, { client_id: CLIENT.client_id, redirect_uri: CALLBACK, scope: 'user:email', state: 's1', ...params }));
    expect(reply.status).to.equal(302);
    return reply.location();
  }

  async function accessToken(scope = 'user:email'): Promise<string> {
    const code = (await authorize({ scope })).searchParams.get('code')!;
    const reply = await postForm(emulator.github.tokenURL, { ...CLIENT, code }, { accept: 'application/json' });
    return (reply.json() as { access_token: string }).access_token;
  }

  describe('issuing the authorization response', () => {
    it('redirects to redirect_uri with code, state and the emulator issuer', async () => {
      const location = await authorize();
      expect(location.origin + location.pathname).to.equal(CALLBACK);
      expect(location.searchParams.get('state')).to.equal('s1');
      expect(location.searchParams.get('code')).to.match(/^[A-Za-z0-9_-]{20}$/);
      expect(location.searchParams.get('iss')).to.equal(`${emulator.url}/github/login/oauth`);
      expect(emulator.github.issuer).to.equal(`${emulator.url}/github/login/oauth`);
    });

    it('sends a configured issuer, or none when turned off', async () => {
      const real = await startEmulator({ autoApprove: true, github: { issuer: 'https://github.com/login/oauth' } });
      const none = await startEmulator({ autoApprove: true, github: { issuer: false } });
      try {
        const a = await get(withParams(real.github.authorizationURL, { client_id: CLIENT.client_id, redirect_uri: CALLBACK }));
        expect(a.location().searchParams.get('iss')).to.equal('https://github.com/login/oauth');
        const b = await get(withParams(none.github.authorizationURL, { client_id: CLIENT.client_id, redirect_uri: CALLBACK }));
        expect(b.location().searchParams.has('iss')).to.equal(false);
        expect(none.github.issuer).to.equal(undefined);
      } finally {
        await real.close();
        await none.close();
      }
    });

    it('answers an unknown client_id with a 404 page, not a redirect', async () => {
      const reply = await get(withParams(emulator.github.authorizationURL, { client_id: 'nope', redirect_uri: CALLBACK }));
      expect(reply.status).to.equal(404);
      expect(reply.headers['content-type']).to.match(/^text\/html/);
    });

    it('sends a redirect_uri_mismatch to the registered callback', async () => {
      const strict = await startEmulator({ autoApprove: true, clients: { github: { clientID: 'c', clientSecret: 's', redirectURIs: ['http://127.0.0.1:9/cb'] } } });
      try {
        const ok = await get(withParams(strict.github.authorizationURL, { client_id: 'c', redirect_uri: 'http://127.0.0.1:9/cb/github' }));
        expect(ok.location().pathname).to.equal('/cb/github');
        expect(ok.location().searchParams.has('code')).to.equal(true);
        const bad = await get(withParams(strict.github.authorizationURL, { client_id: 'c', redirect_uri: 'http://127.0.0.1:10/cb', state: 'x' }));
        expect(bad.location().href.startsWith('http://127.0.0.1:9/cb?')).to.equal(true);
        expect(Object.fromEntries(bad.location().searchParams)).to.include({ error: 'redirect_uri_mismatch', state: 'x' });
        const omitted = await get(withParams(strict.github.authorizationURL, { client_id: 'c' }));
        expect(omitted.location().pathname).to.equal('/cb');
      } finally {
        await strict.close();
      }
    });

    it('redirects with access_denied when the user denies', async () => {
      emulator.setScenario('github.authorize', { kind: 'deny' });
      const location = await authorize();
      expect(Object.fromEntries(location.searchParams)).to.deep.equal({
        error: 'access_denied',
        error_description: 'The user has denied your application access.',
        error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#access-denied',
        state: 's1',
      });
    });
  });

  describe('exchanging the code', () => {
    it('answers in form encoding by default, JSON or XML when asked', async () => {
      const formCode = (await authorize()).searchParams.get('code')!;
      const form = await postForm(emulator.github.tokenURL, { ...CLIENT, code: formCode });
      expect(form.headers['content-type']).to.match(/^application\/x-www-form-urlencoded/);
      const parsed = new URLSearchParams(form.text);
      expect(parsed.get('access_token')).to.match(/^gho_/);
      expect(parsed.get('token_type')).to.equal('bearer');
      expect(parsed.get('scope')).to.equal('user:email');

      const jsonCode = (await authorize({ scope: 'user,repo' })).searchParams.get('code')!;
      const json = await postJSON(emulator.github.tokenURL, { ...CLIENT, code: jsonCode }, { accept: 'application/json' });
      expect(json.json()).to.have.keys('access_token', 'token_type', 'scope');
      expect((json.json() as { scope: string }).scope).to.equal('user,repo');

      const xmlCode = (await authorize()).searchParams.get('code')!;
      const xml = await postForm(emulator.github.tokenURL, { ...CLIENT, code: xmlCode }, { accept: 'application/xml' });
      expect(xml.text).to.match(/^<OAuth><access_token>gho_[^<]+<\/access_token><token_type>bearer<\/token_type>/);
    });

    it('takes client credentials with HTTP Basic too', async () => {
      const code = (await authorize()).searchParams.get('code')!;
      const reply = await postForm(emulator.github.tokenURL, { code }, { accept: 'application/json', authorization: basic(CLIENT.client_id, CLIENT.client_secret) });
      expect(reply.json()).to.have.property('access_token');
    });

    it('reports errors with HTTP 200 and {error, error_description, error_uri}', async () => {
      const code = (await authorize()).searchParams.get('code')!;
      const wrongSecret = await postForm(emulator.github.tokenURL, { ...CLIENT, client_secret: 'wrong', code }, { accept: 'application/json' });
      expect(wrongSecret.status).to.equal(200);
      expect(wrongSecret.json()).to.deep.equal({
        error: 'incorrect_client_credentials',
        error_description: 'The client_id and/or client_secret passed are incorrect.',
        error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#incorrect-client-credentials',
      });
      // The failed client authentication did not use up the code.
      const mismatch = await postForm(emulator.github.tokenURL, { ...CLIENT, code, redirect_uri: 'http://127.0.0.1:9/other' }, { accept: 'application/json' });
      expect(mismatch.status).to.equal(200);
      expect(mismatch.json()).to.include({ error: 'redirect_uri_mismatch' });
      const unknown = await postForm(emulator.github.tokenURL, { ...CLIENT, code: 'nonsense' });
      expect(unknown.status).to.equal(200);
      expect(new URLSearchParams(unknown.text).get('error')).to.equal('bad_verification_code');
    });

    it('accepts a code once only, and revokes the token it issued when replayed', async () => {
      const code = (await authorize()).searchParams.get('code')!;
      const first = await postForm(emulator.github.tokenURL, { ...CLIENT, code }, { accept: 'application/json' });
      const token = (first.json() as { access_token: string }).access_token;
      expect((await get(emulator.github.userProfileURL, { authorization: `Bearer ${token}` })).status).to.equal(200);
      const second = await postForm(emulator.github.tokenURL, { ...CLIENT, code }, { accept: 'application/json' });
      expect(second.json()).to.include({ error: 'bad_verification_code' });
      expect((await get(emulator.github.userProfileURL, { authorization: `Bearer ${token}` })).status).to.equal(401);
    });

    it('expires codes after codeTTL', async () => {
      const code = (await authorize()).searchParams.get('code')!;
      emulator.advanceClock(600_000);
      const reply = await postForm(emulator.github.tokenURL, { ...CLIENT, code }, { accept: 'application/json' });
      expect(reply.json()).to.include({ error: 'bad_verification_code' });
    });

    it('verifies the PKCE S256 code_verifier', async () => {
      const { verifier, challenge } = pkcePair();
      const good = (await authorize({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
      const ok = await postForm(emulator.github.tokenURL, { ...CLIENT, code: good, code_verifier: verifier }, { accept: 'application/json' });
      expect(ok.json()).to.have.property('access_token');

      const other = (await authorize({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
      const wrong = await postForm(emulator.github.tokenURL, { ...CLIENT, code: other, code_verifier: pkcePair().verifier }, { accept: 'application/json' });
      expect(wrong.json()).to.include({ error: 'bad_verification_code' });
      const third = (await authorize({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
      const missing = await postForm(emulator.github.tokenURL, { ...CLIENT, code: third }, { accept: 'application/json' });
      expect(missing.json()).to.include({ error: 'bad_verification_code' });
    });

    it('plays the 200-with-error scenario with any GitHub code', async () => {
      emulator.setScenario('github.token', { kind: 'error', error: 'redirect_uri_mismatch' });
      const reply = await postForm(emulator.github.tokenURL, { ...CLIENT, code: 'whatever' }, { accept: 'application/json' });
      expect(reply.status).to.equal(200);
      expect(reply.json()).to.deep.equal({
        error: 'redirect_uri_mismatch',
        error_description: 'The redirect_uri MUST match the registered callback URL for this application.',
        error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#redirect-uri-mismatch2',
      });
    });

    it('plays the badCode scenario even for a valid code', async () => {
      const code = (await authorize()).searchParams.get('code')!;
      emulator.setScenario('github.token', { kind: 'badCode' }, { times: 1 });
      const reply = await postForm(emulator.github.tokenURL, { ...CLIENT, code }, { accept: 'application/json' });
      expect(reply.json()).to.include({ error: 'bad_verification_code' });
    });
  });

  describe('loading the user profile', () => {
    it('serves /user in GitHub’s documented shape, with scope headers', async () => {
      const token = await accessToken('user:email');
      const reply = await get(emulator.github.userProfileURL, { authorization: `Bearer ${token}` });
      expect(reply.status).to.equal(200);
      expect(reply.headers['x-oauth-scopes']).to.equal('user:email');
      const user = reply.json() as Record<string, unknown>;
      expect(user).to.include({ login: 'ada', id: 1001, name: 'Ada Lovelace', email: 'ada@example.com', type: 'User', html_url: `${emulator.github.baseURL}/ada` });
      expect(user.node_id).to.equal(Buffer.from('04:User1001').toString('base64'));
      expect(user.avatar_url).to.equal(`${emulator.url}/avatars/ada.svg`);
      expect(user).to.not.have.property('plan');
    });

    it('adds private fields with the user scope and takes `token` authorization', async () => {
      const token = await accessToken('user');
      const reply = await get(emulator.github.userProfileURL, { authorization: `token ${token}` });
      expect(reply.json()).to.have.property('plan');
    });

    it('lists /user/emails primary first with user:email', async () => {
      emulator.setAutoApprove('grace');
      const token = await accessToken('user:email');
      const reply = await get(emulator.github.userEmailURL, { authorization: `Bearer ${token}` });
      expect(reply.json()).to.deep.equal([
        { email: 'grace@example.com', primary: true, verified: true, visibility: 'public' },
        { email: 'grace@navy.example.org', primary: false, verified: true, visibility: null },
        { email: '1002+grace@users.noreply.github.com', primary: false, verified: true, visibility: null },
      ]);
    });

    it('answers /user/emails with 404 without an email scope', async () => {
      const token = await accessToken('read:user');
      const reply = await get(emulator.github.userEmailURL, { authorization: `Bearer ${token}` });
      expect(reply.status).to.equal(404);
      expect(reply.json()).to.include({ message: 'Not Found' });
    });

    it('answers 401 Bad credentials for unknown, expired and scenario-expired tokens', async () => {
      const unknown = await get(emulator.github.userProfileURL, { authorization: 'Bearer gho_nope' });
      expect(unknown.status).to.equal(401);
      expect(unknown.json()).to.deep.equal({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
      const missing = await get(emulator.github.userProfileURL);
      expect(missing.status).to.equal(401);
      expect(missing.json()).to.include({ message: 'Requires authentication' });

      const token = await accessToken();
      emulator.setScenario('github.user', { kind: 'expiredToken' }, { times: 1 });
      expect((await get(emulator.github.userProfileURL, { authorization: `Bearer ${token}` })).status).to.equal(401);
      expect((await get(emulator.github.userProfileURL, { authorization: `Bearer ${token}` })).status).to.equal(200);
    });

    it('expires tokens after github.tokenTTL when one is set', async () => {
      const expiring = await startEmulator({ autoApprove: true, github: { tokenTTL: 60 } });
      try {
        const code = (await get(withParams(expiring.github.authorizationURL, { client_id: CLIENT.client_id, redirect_uri: CALLBACK }))).location().searchParams.get('code')!;
        const token = ((await postForm(expiring.github.tokenURL, { ...CLIENT, code }, { accept: 'application/json' })).json() as { access_token: string }).access_token;
        expect((await get(expiring.github.userProfileURL, { authorization: `Bearer ${token}` })).status).to.equal(200);
        expiring.advanceClock(60_000);
        expect((await get(expiring.github.userProfileURL, { authorization: `Bearer ${token}` })).status).to.equal(401);
      } finally {
        await expiring.close();
      }
    });

    it('refuses API requests without a User-Agent, as GitHub does', async () => {
      const { request } = await import('undici');
      const token = await accessToken();
      const response = await request(emulator.github.userProfileURL, { headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode).to.equal(403);
      expect(await response.body.text()).to.match(/User-Agent/);
    });
  });
});
