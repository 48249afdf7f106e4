import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { HttpClient, type HttpResponse } from '@passport-kit/core';
import { authorizationHeader, parseFormEncoded, percentEncode, signRequest, type SignatureMethod } from '@passport-kit/oauth1';
import { expect } from 'chai';
import { OAuth1Provider, parseAuthorization, type OAuth1ProviderHandle, type OAuth1ProviderOptions } from '../src/oauth1-provider.js';

const CONSUMER = { key: 'provider-test-key', secret: 'provider-test-secret' };
const CALLBACK = 'http://client.test/cb';
const http = new HttpClient({ userAgent: 'oauth1-provider-test' });

interface Call {
  method?: 'GET' | 'POST';
  path: string;
  token?: string | undefined;
  tokenSecret?: string | undefined;
  oauth?: Record<string, string>;
  body?: Record<string, string>;
  consumerSecret?: string;
  signatureMethod?: SignatureMethod;
  privateKey?: string;
  nonce?: string;
  timestamp?: number;
  tamper?: (header: string) => string;
}

describe('OAuth1Provider', () => {
  let provider: OAuth1Provider;
  let handle: OAuth1ProviderHandle;

  async function start(options: OAuth1ProviderOptions = {}) {
    provider = new OAuth1Provider({ consumers: [CONSUMER], ...options });
    handle = await provider.start();
  }

  afterEach(async () => {
    await handle?.close();
  });

  function send(call: Call): Promise<HttpResponse> {
    const method = call.method ?? 'POST';
    const url = `${handle.url}${call.path}`;
    const signed = signRequest({
      method,
      url,
      parameters: { ...call.body, ...call.oauth },
      consumerKey: CONSUMER.key,
      consumerSecret: call.consumerSecret ?? CONSUMER.secret,
      privateKey: call.privateKey,
      token: call.token,
      tokenSecret: call.tokenSecret,
      signatureMethod: call.signatureMethod ?? 'HMAC-SHA1',
      nonce: call.nonce ?? randomBytes(8).toString('hex'),
      timestamp: call.timestamp ?? Math.floor(Date.now() / 1000),
      version: '1.0',
    });
    const header = authorizationHeader(signed.oauthParameters);
    const body = Object.entries(call.body ?? {}).map(([n, v]) => `${percentEncode(n)}=${percentEncode(v)}`).join('&');
    return http.request({
      method,
      url,
      headers: { authorization: call.tamper ? call.tamper(header) : header, 'content-type': 'application/x-www-form-urlencoded' },
      ...(method === 'POST' ? { body } : {}),
    });
  }

  const form = (res: HttpResponse) => Object.fromEntries(parseFormEncoded(res.body));

  async function requestToken(extra: Partial<Call> = {}) {
    const res = await send({ path: '/oauth/request_token', oauth: { oauth_callback: CALLBACK }, ...extra });
    expect(res.status, res.body).to.equal(200);
    return form(res) as { oauth_token: string; oauth_token_secret: string; oauth_callback_confirmed?: string };
  }

  async function authorize(token: string, query = ''): Promise<HttpResponse> {
    return http.request({ method: 'GET', url: `${handle.url}/oauth/authorize?oauth_token=${token}${query}` });
  }

  async function accessToken(signatureMethod: SignatureMethod = 'HMAC-SHA1', extra: Partial<Call> = {}) {
    const rt = await requestToken({ signatureMethod, ...extra });
    const back = new URL((await authorize(rt.oauth_token, '&user=bob')).headers.location as string);
    const res = await send({
      path: '/oauth/access_token',
      token: rt.oauth_token,
      tokenSecret: rt.oauth_token_secret,
      oauth: { oauth_verifier: back.searchParams.get('oauth_verifier')! },
      signatureMethod,
      ...extra,
    });
    expect(res.status, res.body).to.equal(200);
    return form(res);
  }

  describe('request-token endpoint', () => {
    beforeEach(() => start());

    it('issues a request token for a correctly signed request and confirms the callback', async () => {
      const rt = await requestToken();
      expect(rt.oauth_token).to.match(/^[0-9a-f]{32}$/);
      expect(rt.oauth_token_secret).to.match(/^[0-9a-f]{32}$/);
      expect(rt.oauth_callback_confirmed).to.equal('true');
      expect(provider.received[0]).to.deep.include({ endpoint: 'requestToken', method: 'POST' });
      expect(provider.received[0]!.problem).to.equal(undefined);
    });

    it('signs form body parameters too', async () => {
      await requestToken({ body: { x_auth_access_type: 'read', note: 'a b+c' } });
      expect(provider.received[0]!.params).to.deep.equal([['x_auth_access_type', 'read'], ['note', 'a b+c']]);
    });

    it('refuses a wrong consumer secret with 401 and an oauth_problem body', async () => {
      const res = await send({ path: '/oauth/request_token', oauth: { oauth_callback: CALLBACK }, consumerSecret: 'nope' });
      expect(res.status).to.equal(401);
      expect(res.headers['www-authenticate']).to.equal('OAuth realm="oauth1-provider"');
      expect(res.body).to.equal('oauth_problem=signature_invalid&oauth_problem_advice=Invalid%20signature.');
      expect(provider.received[0]!.problem).to.equal('signature_invalid');
    });

    it('refuses a request whose signed parameters were altered', async () => {
      const res = await send({
        path: '/oauth/request_token',
        oauth: { oauth_callback: CALLBACK },
        tamper: (header) => header.replace(percentEncode(CALLBACK), percentEncode('http://evil.test/cb')),
      });
      expect(res.status).to.equal(401);
      expect(form(res).oauth_problem).to.equal('signature_invalid');
    });

    it('refuses a reused nonce and a stale timestamp', async () => {
      const timestamp = Math.floor(Date.now() / 1000);
      await requestToken({ nonce: 'same', timestamp });
      const reused = await send({ path: '/oauth/request_token', oauth: { oauth_callback: CALLBACK }, nonce: 'same', timestamp });
      expect([reused.status, form(reused).oauth_problem]).to.deep.equal([401, 'nonce_used']);
      const stale = await send({ path: '/oauth/request_token', oauth: { oauth_callback: CALLBACK }, timestamp: timestamp - 3600 });
      expect([stale.status, form(stale).oauth_problem]).to.deep.equal([401, 'timestamp_refused']);
    });

    it('refuses an unknown consumer, a missing callback and a rejected signature method', async () => {
      await handle.close();
      await start({ signatureMethods: ['HMAC-SHA1'] });
      const noCallback = await send({ path: '/oauth/request_token' });
      expect([noCallback.status, form(noCallback).oauth_problem]).to.deep.equal([400, 'parameter_absent']);
      const plaintext = await send({ path: '/oauth/request_token', oauth: { oauth_callback: CALLBACK }, signatureMethod: 'PLAINTEXT' });
      expect([plaintext.status, form(plaintext).oauth_problem]).to.deep.equal([400, 'signature_method_rejected']);
      const unknown = await http.request({
        method: 'POST',
        url: `${handle.url}/oauth/request_token`,
        headers: { authorization: 'OAuth oauth_consumer_key="who", oauth_signature_method="HMAC-SHA1", oauth_signature="x", oauth_timestamp="1", oauth_nonce="n"' },
      });
      expect([unknown.status, form(unknown).oauth_problem]).to.deep.equal([401, 'consumer_key_unknown']);
    });
  });

  describe('authorize endpoint', () => {
    beforeEach(() => start());

    it('approves as the chosen user and redirects with the token and a verifier', async () => {
      const rt = await requestToken();
      const res = await authorize(rt.oauth_token, '&user=bob');
      expect(res.status).to.equal(302);
      expect(res.headers.location).to.match(new RegExp(`^${CALLBACK}\\?oauth_token=${rt.oauth_token}&oauth_verifier=[0-9a-f]{32}$`));
    });

    it('redirects with denied= when the user refuses', async () => {
      const rt = await requestToken();
      const res = await authorize(rt.oauth_token, '&decision=deny');
      expect(res.headers.location).to.equal(`${CALLBACK}?denied=${rt.oauth_token}`);
    });

    it('shows a consent form in form mode, and approves on POST', async () => {
      await handle.close();
      await start({ consent: 'form' });
      const rt = await requestToken();
      const page = await authorize(rt.oauth_token);
      expect(page.status).to.equal(200);
      expect(page.body).to.include(`name="oauth_token" value="${rt.oauth_token}"`).and.include('Authorize app');
      const posted = await http.request({
        method: 'POST',
        url: `${handle.url}/oauth/authorize`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `oauth_token=${rt.oauth_token}&user=1002&decision=allow`,
      });
      expect(posted.status).to.equal(302);
      expect(posted.headers.location).to.include('oauth_verifier=');
    });

    it('refuses an unknown request token', async () => {
      const res = await authorize('unknown');
      expect(res.status).to.equal(400);
    });
  });

  describe('access-token endpoint', () => {
    beforeEach(() => start());

    it('exchanges an authorized request token and its verifier for an access token', async () => {
      const at = await accessToken();
      expect(at).to.include({ user_id: '1002', screen_name: 'bob' });
      expect(at.oauth_token).to.match(/^1002-[0-9a-f]{32}$/);
    });

    it('refuses a wrong verifier, then the token itself: it is single-use', async () => {
      const rt = await requestToken();
      const back = new URL((await authorize(rt.oauth_token)).headers.location as string);
      const call = { path: '/oauth/access_token', token: rt.oauth_token, tokenSecret: rt.oauth_token_secret };
      const wrong = await send({ ...call, oauth: { oauth_verifier: 'guess' } });
      expect([wrong.status, form(wrong).oauth_problem]).to.deep.equal([401, 'verifier_invalid']);
      const right = await send({ ...call, oauth: { oauth_verifier: back.searchParams.get('oauth_verifier')! } });
      expect([right.status, form(right).oauth_problem]).to.deep.equal([401, 'token_used']);
    });

    it('refuses a request token signed with the wrong token secret', async () => {
      const rt = await requestToken();
      const back = new URL((await authorize(rt.oauth_token)).headers.location as string);
      const res = await send({
        path: '/oauth/access_token',
        token: rt.oauth_token,
        tokenSecret: 'not-the-token-secret',
        oauth: { oauth_verifier: back.searchParams.get('oauth_verifier')! },
      });
      expect([res.status, form(res).oauth_problem]).to.deep.equal([401, 'signature_invalid']);
    });

    it('refuses a request token the user has not authorized yet', async () => {
      const rt = await requestToken();
      const res = await send({ path: '/oauth/access_token', token: rt.oauth_token, tokenSecret: rt.oauth_token_secret, oauth: { oauth_verifier: 'x' } });
      expect([res.status, form(res).oauth_problem]).to.deep.equal([401, 'permission_unknown']);
    });
  });

  describe('protected resource', () => {
    it('answers a call signed with the access token, with each signature method', async () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      await start({ consumers: [CONSUMER, { key: 'rsa', secret: '', publicKey }] });
      for (const signatureMethod of ['HMAC-SHA1', 'HMAC-SHA256', 'PLAINTEXT'] as const) {
        const at = await accessToken(signatureMethod);
        const res = await send({ method: 'GET', path: '/api/me?include=all', token: at.oauth_token, tokenSecret: at.oauth_token_secret, signatureMethod });
        expect(res.status, `${signatureMethod}: ${res.body}`).to.equal(200);
        expect(JSON.parse(res.body)).to.include({ id: '1002', username: 'bob' });
      }
      expect(provider.received.filter((r) => r.problem)).to.deep.equal([]);
      // RSA-SHA1 with the "rsa" consumer's key pair.
      const rsa = signRequest({
        method: 'POST',
        url: `${handle.url}/oauth/request_token`,
        parameters: { oauth_callback: CALLBACK },
        consumerKey: 'rsa',
        consumerSecret: '',
        privateKey: pem,
        signatureMethod: 'RSA-SHA1',
        nonce: 'rsa-nonce',
        timestamp: Math.floor(Date.now() / 1000),
      });
      const res = await http.request({ method: 'POST', url: `${handle.url}/oauth/request_token`, headers: { authorization: authorizationHeader(rsa.oauthParameters) } });
      expect(res.status, res.body).to.equal(200);
    });

    it('refuses an unknown access token', async () => {
      await start({ errorFormat: 'json' });
      const res = await send({ method: 'GET', path: '/api/me', token: 'nope', tokenSecret: 'nope' });
      expect(res.status).to.equal(401);
      expect(JSON.parse(res.body)).to.deep.equal({ errors: [{ code: 32, message: 'Invalid or expired token.' }] });
    });
  });

  describe('error formats and forced failures', () => {
    it('writes XML and text error bodies when asked', async () => {
      await start({ errorFormat: 'xml' });
      const xml = await send({ path: '/oauth/request_token', oauth: { oauth_callback: CALLBACK }, consumerSecret: 'x' });
      expect(xml.body).to.include('<request>/oauth/request_token</request>').and.include('<error>Invalid signature.</error>');
      await handle.close();
      await start({ errorFormat: 'text' });
      const text = await send({ path: '/oauth/request_token', oauth: { oauth_callback: CALLBACK }, consumerSecret: 'x' });
      expect(text.body).to.equal('Invalid signature.');
    });

    it('answers the next call to an endpoint with a forced status, once', async () => {
      await start();
      provider.failNext('requestToken', 503, 'Over capacity');
      const failed = await send({ path: '/oauth/request_token', oauth: { oauth_callback: CALLBACK } });
      expect([failed.status, failed.body]).to.deep.equal([503, 'Over capacity']);
      await requestToken();
    });
  });

  it('parses an Authorization header, dropping realm', () => {
    expect(parseAuthorization('OAuth realm="Example", oauth_consumer_key="a%20b", oauth_signature="x%3D"')).to.deep.equal([
      ['oauth_consumer_key', 'a b'],
      ['oauth_signature', 'x='],
    ]);
  });
});
