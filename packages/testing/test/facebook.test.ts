import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import { startEmulator, type Emulator } from '../src/index.js';
import { CALLBACK, get, pkcePair, postForm, withParams } from './support/http.js';

const APP = { client_id: '1234567890123456', client_secret: 'facebook-app-secret' };

function proof(token: string, secret = APP.client_secret): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

describe('Facebook emulation', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ autoApprove: 'ada' });
  });
  afterEach(() => emulator.close());

  async function authorize(params: Record<string, string> = {}): Promise<URL> {
    const reply = await get(withParams(emulator.facebook.authorizationURL, { client_id: APP.client_id, redirect_uri: CALLBACK, scope: 'email,public_profile', state: 's1', ...params }));
    expect(reply.status).to.equal(302);
    return reply.location();
  }

  async function accessToken(scope = 'email'): Promise<string> {
    const code = (await authorize({ scope })).searchParams.get('code')!;
    const reply = await get(withParams(emulator.facebook.tokenURL, { ...APP, redirect_uri: CALLBACK, code }));
    return (reply.json() as { access_token: string }).access_token;
  }

  it('hands out versioned endpoint URLs and serves any version', async () => {
    expect(emulator.facebook.graphAPIVersion).to.equal('v26.0');
    expect(emulator.facebook.authorizationURL).to.equal(`${emulator.url}/facebook/v26.0/dialog/oauth`);
    const reply = await get(withParams(`${emulator.url}/facebook/v19.0/dialog/oauth`, { client_id: APP.client_id, redirect_uri: CALLBACK }));
    expect(reply.status).to.equal(302);
  });

  describe('issuing the authorization response', () => {
    it('redirects with code and state, and Facebook’s #_=_ fragment', async () => {
      const location = await authorize();
      expect(location.searchParams.get('state')).to.equal('s1');
      expect(location.searchParams.get('code')).to.be.a('string');
      expect(location.hash).to.equal('#_=_');
    });

    it('redirects a denial with error, error_code, error_description and error_reason', async () => {
      emulator.setScenario('facebook.authorize', { kind: 'deny' });
      const location = await authorize();
      expect(Object.fromEntries(location.searchParams)).to.deep.equal({
        error: 'access_denied',
        error_code: '200',
        error_description: 'Permissions error',
        error_reason: 'user_denied',
        state: 's1',
      });
    });

    it('redirects other errors as error_code and error_message', async () => {
      emulator.setScenario('facebook.authorize', { kind: 'error', error: 'app_not_setup', code: 1349003, description: 'App not set up' });
      const location = await authorize();
      expect(Object.fromEntries(location.searchParams)).to.deep.equal({ error_code: '1349003', error_message: 'App not set up', state: 's1' });
    });

    it('shows an error page for a redirect URI not registered (strict mode)', async () => {
      const strict = await startEmulator({ autoApprove: true, clients: { facebook: { clientID: '42', clientSecret: 's', redirectURIs: ['http://127.0.0.1:9/cb'] } } });
      try {
        const bad = await get(withParams(strict.facebook.authorizationURL, { client_id: '42', redirect_uri: 'http://127.0.0.1:9/cb/x' }));
        expect(bad.status).to.equal(400);
        expect(bad.text).to.match(/URL blocked/);
      } finally {
        await strict.close();
      }
    });
  });

  describe('exchanging the code', () => {
    it('answers {access_token, token_type, expires_in} to GET and POST', async () => {
      const code = (await authorize()).searchParams.get('code')!;
      const reply = await get(withParams(emulator.facebook.tokenURL, { ...APP, redirect_uri: CALLBACK, code }));
      expect(reply.status).to.equal(200);
      const body = reply.json() as Record<string, unknown>;
      expect(body).to.have.keys('access_token', 'token_type', 'expires_in');
      expect(body).to.include({ token_type: 'bearer', expires_in: 5183944 });

      const code2 = (await authorize()).searchParams.get('code')!;
      const posted = await postForm(emulator.facebook.tokenURL, { ...APP, redirect_uri: CALLBACK, code: code2 });
      expect(posted.json()).to.have.property('access_token');
    });

    it('reports errors as {error:{message,type,code,error_subcode,fbtrace_id}} with HTTP 400', async () => {
      const code = (await authorize()).searchParams.get('code')!;
      const wrongSecret = await get(withParams(emulator.facebook.tokenURL, { ...APP, client_secret: 'nope', redirect_uri: CALLBACK, code }));
      expect(wrongSecret.status).to.equal(400);
      const error = (wrongSecret.json() as { error: Record<string, unknown> }).error;
      expect(error).to.include({ message: 'Error validating client secret.', type: 'OAuthException', code: 1 });
      expect(error.fbtrace_id).to.be.a('string');

      const mismatch = await get(withParams(emulator.facebook.tokenURL, { ...APP, redirect_uri: 'http://127.0.0.1:9/other', code }));
      expect((mismatch.json() as { error: unknown }).error).to.include({ code: 100, error_subcode: 36008 });
      const used = await get(withParams(emulator.facebook.tokenURL, { ...APP, redirect_uri: CALLBACK, code }));
      expect((used.json() as { error: unknown }).error).to.include({ message: 'This authorization code has been used.', code: 100, error_subcode: 36009 });
    });

    it('expires codes', async () => {
      const code = (await authorize()).searchParams.get('code')!;
      emulator.advanceClock(601_000);
      const reply = await get(withParams(emulator.facebook.tokenURL, { ...APP, redirect_uri: CALLBACK, code }));
      expect((reply.json() as { error: unknown }).error).to.include({ code: 100, error_subcode: 36007 });
    });

    it('verifies PKCE, and then does not need the app secret', async () => {
      const { verifier, challenge } = pkcePair();
      const code = (await authorize({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
      const ok = await get(withParams(emulator.facebook.tokenURL, { client_id: APP.client_id, redirect_uri: CALLBACK, code, code_verifier: verifier }));
      expect(ok.json()).to.have.property('access_token');
      const code2 = (await authorize({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
      const bad = await get(withParams(emulator.facebook.tokenURL, { ...APP, redirect_uri: CALLBACK, code: code2, code_verifier: pkcePair().verifier }));
      expect((bad.json() as { error: unknown }).error).to.include({ message: 'Invalid code verifier.' });
    });

    it('plays the error scenario with the given type, code and subcode', async () => {
      emulator.setScenario('facebook.token', { kind: 'error', error: 'OAuthException', code: 191, subcode: 1, description: 'Nope' });
      const reply = await get(withParams(emulator.facebook.tokenURL, { ...APP, redirect_uri: CALLBACK, code: 'x' }));
      expect((reply.json() as { error: unknown }).error).to.include({ message: 'Nope', type: 'OAuthException', code: 191, error_subcode: 1 });
    });
  });

  describe('loading /me', () => {
    it('honours fields, takes the token from the Authorization header, and verifies appsecret_proof', async () => {
      const token = await accessToken('email');
      const reply = await get(withParams(emulator.facebook.profileURL, { fields: 'id,name,first_name,last_name,email,picture.type(large)', appsecret_proof: proof(token) }), {
        authorization: `Bearer ${token}`,
      });
      expect(reply.status).to.equal(200);
      expect(reply.json()).to.deep.equal({
        id: '1001',
        name: 'Ada Lovelace',
        first_name: 'Ada',
        last_name: 'Lovelace',
        email: 'ada@example.com',
        picture: { data: { height: 200, is_silhouette: false, url: `${emulator.url}/avatars/ada.svg`, width: 200 } },
      });
      expect(emulator.received('facebook.me')[0]!.headers.authorization).to.equal(`Bearer ${token}`);
    });

    it('answers id and name without fields, and omits email without the email permission', async () => {
      const token = await accessToken('public_profile');
      const bare = await get(withParams(emulator.facebook.profileURL, { access_token: token }));
      expect(bare.json()).to.deep.equal({ id: '1001', name: 'Ada Lovelace' });
      const noEmail = await get(withParams(emulator.facebook.profileURL, { fields: 'id,email' }), { authorization: `OAuth ${token}` });
      expect(noEmail.json()).to.deep.equal({ id: '1001' });
    });

    it('refuses a wrong appsecret_proof, and a missing one when the app requires it', async () => {
      const token = await accessToken();
      const wrong = await get(withParams(emulator.facebook.profileURL, { appsecret_proof: proof(token, 'other') }), { authorization: `Bearer ${token}` });
      expect(wrong.status).to.equal(400);
      expect((wrong.json() as { error: unknown }).error).to.include({ message: 'Invalid appsecret_proof provided in the API argument', type: 'GraphMethodException', code: 100 });

      const strict = await startEmulator({ autoApprove: true, facebook: { requireAppSecretProof: true } });
      try {
        const code = (await get(withParams(strict.facebook.authorizationURL, { client_id: APP.client_id, redirect_uri: CALLBACK }))).location().searchParams.get('code')!;
        const strictToken = ((await get(withParams(strict.facebook.tokenURL, { ...APP, redirect_uri: CALLBACK, code }))).json() as { access_token: string }).access_token;
        const missing = await get(strict.facebook.profileURL, { authorization: `Bearer ${strictToken}` });
        expect((missing.json() as { error: unknown }).error).to.include({ message: 'API calls from the server require an appsecret_proof argument' });
        const given = await get(withParams(strict.facebook.profileURL, { appsecret_proof: proof(strictToken) }), { authorization: `Bearer ${strictToken}` });
        expect(given.status).to.equal(200);
      } finally {
        await strict.close();
      }
    });

    it('computes the proof the issue documents for secret "secret" and token "token"', () => {
      expect(proof('token', 'secret')).to.equal('e941110e3d2bfe82621f0e3e1434730d7305d106c5f68c87165d0b27a4611a4a');
    });

    it('refuses unknown fields, including username, as the Graph API does', async () => {
      const token = await accessToken();
      const reply = await get(withParams(emulator.facebook.profileURL, { fields: 'id,username' }), { authorization: `Bearer ${token}` });
      expect(reply.status).to.equal(400);
      expect((reply.json() as { error: unknown }).error).to.include({ message: '(#100) Tried accessing nonexisting field (username) on node type (User)', code: 100 });
    });

    it('answers expired and invalid tokens with OAuthException 190', async () => {
      const token = await accessToken();
      emulator.setScenario('facebook.me', { kind: 'expiredToken' }, { times: 1 });
      const expired = await get(emulator.facebook.profileURL, { authorization: `Bearer ${token}` });
      expect(expired.status).to.equal(400);
      expect((expired.json() as { error: unknown }).error).to.include({ type: 'OAuthException', code: 190, error_subcode: 463 });

      emulator.advanceClock(5183944 * 1000);
      const lapsed = await get(emulator.facebook.profileURL, { authorization: `Bearer ${token}` });
      expect((lapsed.json() as { error: unknown }).error).to.include({ code: 190, error_subcode: 463 });

      const invalid = await get(emulator.facebook.profileURL, { authorization: 'Bearer EAAnope' });
      expect((invalid.json() as { error: unknown }).error).to.include({ message: 'Invalid OAuth access token - Cannot parse access token', code: 190 });
    });
  });
});
