import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { authorizationHeader, signRequest } from '@passport-kit/oauth1';
import { request } from 'undici';
import { startEmulator, type Emulator } from '../src/index.js';
import { CALLBACK, get, postForm, withParams } from './support/http.js';

const CONSUMER = { key: 'twitter-consumer-key', secret: 'twitter-consumer-secret' };

describe('Twitter OAuth 1.0a emulation', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ autoApprove: 'ada' });
  });
  afterEach(() => emulator.close());

  /** A signed request, as an OAuth 1.0a client sends it. */
  async function signed(method: 'GET' | 'POST', url: string, opts: { token?: string; tokenSecret?: string; oauth?: Record<string, string>; consumerSecret?: string } = {}) {
    const { oauthParameters } = signRequest({
      method,
      url,
      parameters: opts.oauth ?? {},
      consumerKey: CONSUMER.key,
      consumerSecret: opts.consumerSecret ?? CONSUMER.secret,
      token: opts.token,
      tokenSecret: opts.tokenSecret,
      signatureMethod: 'HMAC-SHA1',
      nonce: randomBytes(16).toString('hex'),
      timestamp: Math.floor(Date.now() / 1000),
      version: '1.0',
    });
    const response = await request(url, { method, headers: { authorization: authorizationHeader(oauthParameters), 'user-agent': 'tests' } });
    const text = await response.body.text();
    return { status: response.statusCode, headers: response.headers, text };
  }

  async function requestToken(): Promise<{ token: string; secret: string }> {
    const reply = await signed('POST', emulator.twitter.requestTokenURL, { oauth: { oauth_callback: CALLBACK } });
    expect(reply.status).to.equal(200);
    const body = new URLSearchParams(reply.text);
    expect(body.get('oauth_callback_confirmed')).to.equal('true');
    return { token: body.get('oauth_token')!, secret: body.get('oauth_token_secret')! };
  }

  async function accessToken(): Promise<{ token: string; secret: string; body: URLSearchParams }> {
    const rt = await requestToken();
    const callback = (await get(withParams(emulator.twitter.authenticateURL, { oauth_token: rt.token }))).location();
    const reply = await signed('POST', emulator.twitter.accessTokenURL, { token: rt.token, tokenSecret: rt.secret, oauth: { oauth_verifier: callback.searchParams.get('oauth_verifier')! } });
    expect(reply.status).to.equal(200);
    const body = new URLSearchParams(reply.text);
    return { token: body.get('oauth_token')!, secret: body.get('oauth_token_secret')!, body };
  }

  it('runs the three legs: request token, authorize, access token with user_id and screen_name', async () => {
    const rt = await requestToken();
    const callback = (await get(withParams(emulator.twitter.authorizationURL, { oauth_token: rt.token }))).location();
    expect(callback.origin + callback.pathname).to.equal(CALLBACK);
    expect(callback.searchParams.get('oauth_token')).to.equal(rt.token);
    const reply = await signed('POST', emulator.twitter.accessTokenURL, { token: rt.token, tokenSecret: rt.secret, oauth: { oauth_verifier: callback.searchParams.get('oauth_verifier')! } });
    const body = new URLSearchParams(reply.text);
    expect(body.get('user_id')).to.equal('1001');
    expect(body.get('screen_name')).to.equal('ada');
    expect(body.get('oauth_token')).to.match(/^1001-/);
    expect(emulator.requests['twitter.requestToken']).to.equal(1);
    expect(emulator.requests['twitter.accessToken']).to.equal(1);
  });

  it('refuses a bad signature with Twitter’s error 32', async () => {
    const reply = await signed('POST', emulator.twitter.requestTokenURL, { oauth: { oauth_callback: CALLBACK }, consumerSecret: 'wrong' });
    expect(reply.status).to.equal(401);
    expect(JSON.parse(reply.text)).to.deep.equal({ errors: [{ code: 32, message: 'Could not authenticate you.' }] });
  });

  it('refuses an unregistered callback with error 415', async () => {
    const strict = await startEmulator({ clients: { twitter: { consumerKey: CONSUMER.key, consumerSecret: CONSUMER.secret, callbackURLs: ['http://127.0.0.1:9/cb'] } } });
    try {
      const url = strict.twitter.requestTokenURL;
      const { oauthParameters } = signRequest({ method: 'POST', url, parameters: { oauth_callback: CALLBACK }, consumerKey: CONSUMER.key, consumerSecret: CONSUMER.secret, signatureMethod: 'HMAC-SHA1', nonce: 'n1', timestamp: Math.floor(Date.now() / 1000) });
      const response = await request(url, { method: 'POST', headers: { authorization: authorizationHeader(oauthParameters) } });
      expect(response.statusCode).to.equal(403);
      expect(((await response.body.json()) as { errors: Array<{ code: number }> }).errors[0]!.code).to.equal(415);
    } finally {
      await strict.close();
    }
  });

  it('redirects a denial with denied=<request token>', async () => {
    emulator.setScenario('twitter.authorize', { kind: 'deny' });
    const rt = await requestToken();
    const callback = (await get(withParams(emulator.twitter.authenticateURL, { oauth_token: rt.token }))).location();
    expect(Object.fromEntries(callback.searchParams)).to.deep.equal({ denied: rt.token });
  });

  it('refuses a wrong verifier with Twitter’s text error, and the badCode scenario alike', async () => {
    const rt = await requestToken();
    await get(withParams(emulator.twitter.authenticateURL, { oauth_token: rt.token }));
    const wrong = await signed('POST', emulator.twitter.accessTokenURL, { token: rt.token, tokenSecret: rt.secret, oauth: { oauth_verifier: 'guess' } });
    expect(wrong.status).to.equal(401);
    expect(wrong.text).to.equal('Error processing your OAuth request: Invalid oauth_verifier parameter');

    emulator.setScenario('twitter.accessToken', { kind: 'badCode' });
    const forced = await postForm(emulator.twitter.accessTokenURL, {});
    expect(forced.status).to.equal(401);
    expect(forced.text).to.equal('Error processing your OAuth request: Invalid oauth_verifier parameter');
  });

  describe('verify_credentials', () => {
    it('answers the v1.1 user object with x-access-level, honouring include_email, skip_status, include_entities', async () => {
      const at = await accessToken();
      const url = withParams(emulator.twitter.userProfileURL, { include_email: 'true', skip_status: 'true', include_entities: 'false' });
      const reply = await signed('GET', url, { token: at.token, tokenSecret: at.secret });
      expect(reply.status).to.equal(200);
      expect(reply.headers['x-access-level']).to.equal('read-write');
      const user = JSON.parse(reply.text) as Record<string, unknown>;
      expect(user).to.include({ id: 1001, id_str: '1001', name: 'Ada Lovelace', screen_name: 'ada', email: 'ada@example.com', created_at: 'Wed Oct 21 07:28:00 +0000 2015' });
      expect(user.profile_image_url_https).to.equal(`${emulator.url}/avatars/ada.svg`);
      expect(user).to.not.have.property('status');
      expect(user).to.not.have.property('entities');

      const plain = JSON.parse((await signed('GET', emulator.twitter.userProfileURL, { token: at.token, tokenSecret: at.secret })).text) as Record<string, unknown>;
      expect(plain).to.have.property('status');
      expect(plain).to.have.property('entities');
      expect(plain).to.not.have.property('email');
    });

    it('answers error 89 for an unknown token and for the expiredToken scenario', async () => {
      const unknown = await signed('GET', emulator.twitter.userProfileURL, { token: '1-nope', tokenSecret: 'x' });
      expect(unknown.status).to.equal(401);
      expect(JSON.parse(unknown.text)).to.deep.equal({ errors: [{ code: 89, message: 'Invalid or expired token.' }] });

      const at = await accessToken();
      emulator.setScenario('twitter.verifyCredentials', { kind: 'expiredToken' }, { times: 1 });
      const expired = await signed('GET', emulator.twitter.userProfileURL, { token: at.token, tokenSecret: at.secret });
      expect(JSON.parse(expired.text)).to.deep.equal({ errors: [{ code: 89, message: 'Invalid or expired token.' }] });
      expect((await signed('GET', emulator.twitter.userProfileURL, { token: at.token, tokenSecret: at.secret })).status).to.equal(200);
    });

    it('sends the consumer’s configured access level', async () => {
      const readOnly = await startEmulator({ autoApprove: true, clients: { twitter: { consumerKey: CONSUMER.key, consumerSecret: CONSUMER.secret, accessLevel: 'read' } } });
      const previous = emulator;
      emulator = readOnly;
      try {
        const at = await accessToken();
        const reply = await signed('GET', emulator.twitter.userProfileURL, { token: at.token, tokenSecret: at.secret });
        expect(reply.headers['x-access-level']).to.equal('read');
      } finally {
        emulator = previous;
        await readOnly.close();
      }
    });
  });
});
