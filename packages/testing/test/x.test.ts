import { expect } from 'chai';
import { startEmulator, type Emulator } from '../src/index.js';
import { CALLBACK, basic, get, pkcePair, postForm, withParams } from './support/http.js';

const CONFIDENTIAL = { id: 'x-client-id', secret: 'x-client-secret' };
const PUBLIC_ID = 'x-public-client-id';

describe('X OAuth 2.0 emulation', () => {
  let emulator: Emulator;
  let pkce: { verifier: string; challenge: string };
  beforeEach(async () => {
    emulator = await startEmulator({ autoApprove: 'grace' });
    pkce = pkcePair();
  });
  afterEach(() => emulator.close());

  async function authorize(params: Record<string, string> = {}): Promise<URL> {
    const reply = await get(
      withParams(emulator.x.authorizationURL, {
        response_type: 'code',
        client_id: CONFIDENTIAL.id,
        redirect_uri: CALLBACK,
        scope: 'tweet.read users.read offline.access',
        state: 's1',
        code_challenge: pkce.challenge,
        code_challenge_method: 'S256',
        ...params,
      }),
    );
    expect(reply.status).to.equal(302);
    return reply.location();
  }

  function exchange(code: string, extra: Record<string, string> = {}, headers: Record<string, string> = { authorization: basic(CONFIDENTIAL.id, CONFIDENTIAL.secret) }) {
    return postForm(emulator.x.tokenURL, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: pkce.verifier, ...extra }, headers);
  }

  describe('issuing the authorization response', () => {
    it('redirects with state and code', async () => {
      const location = await authorize();
      expect(location.searchParams.get('state')).to.equal('s1');
      expect(location.searchParams.get('code')).to.be.a('string');
    });

    it('refuses a request without PKCE with an error page', async () => {
      const reply = await get(withParams(emulator.x.authorizationURL, { response_type: 'code', client_id: CONFIDENTIAL.id, redirect_uri: CALLBACK, scope: 'users.read', state: 's' }));
      expect(reply.status).to.equal(400);
      expect(reply.text).to.match(/code_challenge is required/);
    });

    it('redirects a denial with error=access_denied', async () => {
      emulator.setScenario('x.authorize', { kind: 'deny' });
      const location = await authorize();
      expect(Object.fromEntries(location.searchParams)).to.deep.equal({ error: 'access_denied', state: 's1' });
    });
  });

  describe('exchanging the code', () => {
    it('issues bearer, expires_in 7200, scope and a refresh token with offline.access (client_secret_basic)', async () => {
      const code = (await authorize()).searchParams.get('code')!;
      const reply = await exchange(code);
      expect(reply.status).to.equal(200);
      const body = reply.json() as Record<string, unknown>;
      expect(body).to.have.keys('token_type', 'expires_in', 'access_token', 'scope', 'refresh_token');
      expect(body).to.include({ token_type: 'bearer', expires_in: 7200, scope: 'tweet.read users.read offline.access' });
    });

    it('issues no refresh token without offline.access', async () => {
      const code = (await authorize({ scope: 'tweet.read users.read' })).searchParams.get('code')!;
      expect((await exchange(code)).json()).to.not.have.property('refresh_token');
    });

    it('lets a public client authenticate with client_id and PKCE alone', async () => {
      const code = (await authorize({ client_id: PUBLIC_ID })).searchParams.get('code')!;
      const reply = await exchange(code, { client_id: PUBLIC_ID }, {});
      expect(reply.json()).to.have.property('access_token');
    });

    it('refuses a confidential client without the Authorization header', async () => {
      const code = (await authorize()).searchParams.get('code')!;
      const reply = await exchange(code, { client_id: CONFIDENTIAL.id, client_secret: CONFIDENTIAL.secret }, {});
      expect(reply.status).to.equal(401);
      expect(reply.json()).to.deep.equal({ error: 'unauthorized_client', error_description: 'Missing valid authorization header' });
    });

    it('refuses a wrong code_verifier, and then the code is spent', async () => {
      const code = (await authorize()).searchParams.get('code')!;
      const wrong = await exchange(code, { code_verifier: pkcePair().verifier });
      expect(wrong.status).to.equal(400);
      expect(wrong.json()).to.include({ error: 'invalid_request' });
      const again = await exchange(code);
      expect(again.json()).to.deep.equal({ error: 'invalid_request', error_description: 'Value passed for the authorization code was invalid.' });
    });

    it('refreshes with the refresh token once (rotation)', async () => {
      const code = (await authorize()).searchParams.get('code')!;
      const first = (await exchange(code)).json() as { refresh_token: string; access_token: string };
      const auth = { authorization: basic(CONFIDENTIAL.id, CONFIDENTIAL.secret) };
      const refreshed = await postForm(emulator.x.tokenURL, { grant_type: 'refresh_token', refresh_token: first.refresh_token }, auth);
      const body = refreshed.json() as { access_token: string; refresh_token: string };
      expect(body.access_token).to.not.equal(first.access_token);
      expect(body.refresh_token).to.not.equal(first.refresh_token);
      const replay = await postForm(emulator.x.tokenURL, { grant_type: 'refresh_token', refresh_token: first.refresh_token }, auth);
      expect(replay.status).to.equal(400);
    });
  });

  describe('loading /2/users/me', () => {
    async function accessToken(scope?: string): Promise<string> {
      const code = (await authorize(scope === undefined ? {} : { scope })).searchParams.get('code')!;
      return ((await exchange(code)).json() as { access_token: string }).access_token;
    }

    it('answers {data:{id,name,username}} plus requested user.fields', async () => {
      const token = await accessToken();
      const bare = await get(emulator.x.userProfileURL, { authorization: `Bearer ${token}` });
      expect(bare.json()).to.deep.equal({ data: { id: '1002', name: 'Grace Hopper', username: 'grace' } });
      const full = await get(withParams(emulator.x.userProfileURL, { 'user.fields': 'profile_image_url,created_at,confirmed_email' }), { authorization: `Bearer ${token}` });
      expect(full.json()).to.deep.equal({
        data: { id: '1002', name: 'Grace Hopper', username: 'grace', profile_image_url: `${emulator.url}/avatars/grace.svg`, created_at: '2015-10-21T07:28:00.000Z' },
      });
    });

    it('shows confirmed_email only with users.email', async () => {
      const token = await accessToken('tweet.read users.read users.email');
      const reply = await get(withParams(emulator.x.userProfileURL, { 'user.fields': 'confirmed_email' }), { authorization: `Bearer ${token}` });
      expect(reply.json()).to.deep.equal({ data: { id: '1002', name: 'Grace Hopper', username: 'grace', confirmed_email: 'grace@example.com' } });
    });

    it('refuses unknown user.fields with X’s problem shape', async () => {
      const token = await accessToken();
      const reply = await get(withParams(emulator.x.userProfileURL, { 'user.fields': 'shoe_size' }), { authorization: `Bearer ${token}` });
      expect(reply.status).to.equal(400);
      expect(reply.json()).to.include({ title: 'Invalid Request' });
    });

    it('answers 401 for expired tokens (after two hours, or by scenario)', async () => {
      const token = await accessToken();
      emulator.setScenario('x.me', { kind: 'expiredToken' }, { times: 1 });
      const scenario = await get(emulator.x.userProfileURL, { authorization: `Bearer ${token}` });
      expect(scenario.status).to.equal(401);
      expect(scenario.json()).to.deep.equal({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
      expect((await get(emulator.x.userProfileURL, { authorization: `Bearer ${token}` })).status).to.equal(200);
      emulator.advanceClock(7200 * 1000);
      expect((await get(emulator.x.userProfileURL, { authorization: `Bearer ${token}` })).status).to.equal(401);
    });

    it('answers 403 when users.read was not granted', async () => {
      const token = await accessToken('tweet.read');
      expect((await get(emulator.x.userProfileURL, { authorization: `Bearer ${token}` })).status).to.equal(403);
    });
  });
});
