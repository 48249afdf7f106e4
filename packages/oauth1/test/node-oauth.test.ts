// `OAuth` (this._oauth) member by member against node-oauth 0.10 itself: with the same nonce
// and timestamp both must sign, order and send the same, and the callbacks must have node-oauth's
// shapes. The signed calls then go to the OAuth1Provider, which verifies each signature.
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import util from 'node:util';
import { HttpClient, NetworkError, UnexpectedStatusError } from '@passport-kit/core';
import { OAuth, type OAuthResponse } from '@passport-kit/oauth1';
import { expect } from 'chai';
import nock from 'nock';
import { OAuth1Provider, type OAuth1ProviderHandle } from '@passport-kit/testing';

interface NodeOAuthInstance {
  [member: string]: unknown;
  _prepareParameters(...args: unknown[]): [string, string][];
  signUrl(...args: unknown[]): string;
  authHeader(...args: unknown[]): string;
  _performSecureRequest(...args: unknown[]): void;
  post(...args: unknown[]): void;
  put(...args: unknown[]): void;
  delete(...args: unknown[]): void;
  get(...args: unknown[]): void;
}
const require = createRequire(import.meta.url);
const NodeOAuth = (require('oauth') as { OAuth: new (...args: unknown[]) => NodeOAuthInstance }).OAuth;

const API = 'https://api.provider.test';
const CONSUMER = { key: 'node-oauth-consumer', secret: 'consumer secret!*()' };
const NONCE = 'fixedNonce0123456789';
const TIMESTAMP = 1_700_000_000;

/** Ours and node-oauth's, built with the same arguments and the same nonce and clock. */
function pair(signatureMethod = 'HMAC-SHA1', secret = CONSUMER.secret, headers: Record<string, string> | null = null) {
  const args = [`${API}/oauth/request_token`, `${API}/oauth/access_token`, CONSUMER.key, secret, '1.0', null, signatureMethod, null, headers];
  const ours = new OAuth(...(args as ConstructorParameters<typeof OAuth>));
  const theirs = new NodeOAuth(...args);
  for (const client of [ours, theirs] as unknown as Record<string, unknown>[]) {
    client['_getNonce'] = () => NONCE;
    client['_getTimestamp'] = () => TIMESTAMP;
  }
  return { ours, theirs };
}

/** Runs a callback-style call and resolves with the arguments its callback got. */
function call<T extends unknown[] = unknown[]>(run: (callback: (...results: unknown[]) => void) => void): Promise<T> {
  return new Promise((resolve) => run((...results) => resolve(results as T)));
}

/** What the provider (nock) received: method, path, Authorization and Content-Type, body. */
function capture(method: 'get' | 'post' | 'put' | 'delete', path: string, times = 2) {
  const seen: { method: string; path: string; authorization: string | null; contentType: string | null; body: string }[] = [];
  const scope = nock(API)[method](path).times(times).reply(200, 'ok');
  // nock 15 hands listeners a fetch Request: its headers are a Headers object.
  scope.on('request', (req: { method: string; url: string; headers: Headers }, _interceptor: unknown, body: string) => {
    const url = new URL(req.url);
    seen.push({ method: req.method, path: `${url.pathname}${url.search}`, authorization: req.headers.get('authorization'), contentType: req.headers.get('content-type'), body });
  });
  return seen;
}

describe('OAuth (node-oauth on passport-kit)', () => {
  afterEach(() => {
    expect(nock.pendingMocks()).to.deep.equal([]);
    nock.cleanAll();
  });

  describe('construction', () => {
    it("keeps node-oauth's fields", () => {
      const { ours, theirs } = pair();
      for (const field of ['_isEcho', '_requestUrl', '_accessUrl', '_consumerKey', '_consumerSecret', '_version', '_authorize_callback', '_signatureMethod', '_nonceSize', '_clientOptions', '_oauthParameterSeperator']) {
        expect((ours as unknown as Record<string, unknown>)[field], field).to.deep.equal(theirs[field]);
      }
      expect(new OAuth('a', 'b', 'k', 's', '1.0', undefined, 'HMAC-SHA1')._authorize_callback).to.equal('oob');
    });

    it('refuses an unknown signature method with the same error', () => {
      expect(() => new OAuth('a', 'b', 'k', 's', '1.0', null, 'MD5')).to.throw(Error, 'Un-supported signature method: MD5');
      expect(() => new NodeOAuth('a', 'b', 'k', 's', '1.0', null, 'MD5')).to.throw(Error, 'Un-supported signature method: MD5');
    });

    it('keeps the consumer secret readable but out of util.inspect and JSON.stringify', () => {
      const oauth = new OAuth('a', 'b', 'k', 'hidden-consumer-secret', '1.0', null, 'HMAC-SHA1');
      expect(oauth._consumerSecret).to.equal('hidden-consumer-secret');
      expect(util.inspect(oauth)).to.not.include('hidden-consumer-secret');
      expect(JSON.stringify(oauth)).to.not.include('hidden-consumer-secret');
    });

    it('merges setClientOptions over the defaults', () => {
      const { ours, theirs } = pair();
      ours.setClientOptions({ followRedirects: false });
      (theirs['setClientOptions'] as (o: object) => void).call(theirs, { followRedirects: false });
      expect(ours._clientOptions).to.deep.equal(theirs['_clientOptions']);
      expect(ours._clientOptions).to.deep.equal({ requestTokenHttpMethod: 'POST', accessTokenHttpMethod: 'POST', followRedirects: false });
    });
  });

  describe('signing', () => {
    for (const method of ['HMAC-SHA1', 'HMAC-SHA256', 'PLAINTEXT']) {
      it(`orders and signs as node-oauth does with ${method}: _prepareParameters, authHeader, signUrl`, () => {
        const { ours, theirs } = pair(method);
        const url = `${API}/1/statuses?b=2&a=1&q=caf%C3%A9%20au%20lait`;
        const extra = { status: 'Hello Ladies + Gentlemen, a signed OAuth request!', oauth_callback: 'http://app.test/cb' };
        // node-oauth keeps the timestamp a number; the pairs are otherwise the same.
        const asText = (pairs: [string, unknown][]) => pairs.map(([name, value]) => [name, String(value)]);
        expect(ours._prepareParameters('token', 'token secret', 'POST', url, { ...extra })).to.deep.equal(
          asText(theirs._prepareParameters('token', 'token secret', 'POST', url, { ...extra })),
        );
        expect(ours.authHeader(url, 'token', 'token secret', 'GET')).to.equal(theirs.authHeader(url, 'token', 'token secret', 'GET'));
        expect(ours.signUrl(url, 'token', 'token secret')).to.equal(theirs.signUrl(url, 'token', 'token secret'));
      });
    }

    it('signs RSA-SHA1 with the consumer secret as the private key, as node-oauth does', () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      const { ours, theirs } = pair('RSA-SHA1', pem);
      expect(ours.authHeader(`${API}/me`, 'token', 'secret')).to.equal(theirs.authHeader(`${API}/me`, 'token', 'secret'));
    });

    it('signs with a _consumerSecret or _signatureMethod written after construction, as node-oauth does', () => {
      const { ours, theirs } = pair();
      for (const client of [ours, theirs] as unknown as Record<string, unknown>[]) {
        client['_consumerSecret'] = ours._encodeData('rotated secret/+');
        client['_signatureMethod'] = 'HMAC-SHA256';
      }
      expect(ours.authHeader(`${API}/me`, 'token', 'secret')).to.equal(theirs.authHeader(`${API}/me`, 'token', 'secret'));
      expect(ours.authHeader(`${API}/me`, 'token', 'secret')).to.not.equal(pair().ours.authHeader(`${API}/me`, 'token', 'secret'));
    });

    it('encodes and normalizes as node-oauth does', () => {
      const { ours, theirs } = pair();
      for (const value of ["!*'() café", '', 'a+b=c&d']) expect(ours._encodeData(value)).to.equal((theirs['_encodeData'] as (v: string) => string)(value));
      expect(ours._normalizeUrl('HTTPS://Api.Provider.TEST:443/a/b?c=d')).to.equal((theirs['_normalizeUrl'] as (u: string) => string)('HTTPS://Api.Provider.TEST:443/a/b?c=d'));
      const params = { b: '2', a: ['3', '1'], 'c d': 'e f' };
      expect(ours._normaliseRequestParams(params)).to.equal((theirs['_normaliseRequestParams'] as (p: object) => string)(params));
    });

    it('makes nonces of [a-zA-Z0-9] from the CSPRNG, never the same twice', () => {
      const oauth = new OAuth('a', 'b', 'k', 's', '1.0', null, 'HMAC-SHA1');
      const nonces = new Set(Array.from({ length: 200 }, () => oauth._getNonce(32)));
      expect(nonces.size).to.equal(200);
      for (const nonce of nonces) expect(nonce).to.match(/^[a-zA-Z0-9]{32}$/);
    });
  });

  describe('sending, as node-oauth sends', () => {
    it('get and delete: the same Authorization header, callback(null, data, response)', async () => {
      const { ours, theirs } = pair();
      const seen = capture('get', '/me?x=1');
      const [err, data, response] = await call<[unknown, string, OAuthResponse]>((cb) => ours.get(`${API}/me?x=1`, 'token', 'secret', cb));
      await call((cb) => theirs.get(`${API}/me?x=1`, 'token', 'secret', cb));
      expect([err, data, response.statusCode]).to.deep.equal([null, 'ok', 200]);
      expect(seen[0]!.authorization).to.match(/^OAuth oauth_consumer_key="node-oauth-consumer",oauth_nonce="fixedNonce0123456789",/);
      expect(seen[0]!.authorization).to.equal(seen[1]!.authorization);

      const deleted = capture('delete', '/me/1');
      await call((cb) => ours.delete(`${API}/me/1`, 'token', 'secret', cb));
      await call((cb) => theirs.delete(`${API}/me/1`, 'token', 'secret', cb));
      expect(deleted.map((s) => s.method)).to.deep.equal(['DELETE', 'DELETE']);
      expect(deleted[0]!.authorization).to.equal(deleted[1]!.authorization);
    });

    it('post and put of an object: the same signed form body; of a string: the body and content type given', async () => {
      const { ours, theirs } = pair();
      const form = capture('post', '/statuses');
      const body = { status: "it's (nearly) done!", tags: ['a', 'b'] };
      await call((cb) => ours.post(`${API}/statuses`, 'token', 'secret', body, null, cb));
      await call((cb) => theirs.post(`${API}/statuses`, 'token', 'secret', body, null, cb));
      expect(form[0]).to.deep.equal(form[1]);
      expect(form[0]).to.include({ contentType: 'application/x-www-form-urlencoded', body: 'status=it%27s%20%28nearly%29%20done%21&tags=a&tags=b' });

      const json = capture('put', '/statuses/1');
      await call((cb) => ours.put(`${API}/statuses/1`, 'token', 'secret', '{"a":1}', 'application/json', cb));
      await call((cb) => theirs.put(`${API}/statuses/1`, 'token', 'secret', '{"a":1}', 'application/json', cb));
      expect(json[0]).to.deep.equal(json[1]);
      expect(json[0]).to.include({ method: 'PUT', contentType: 'application/json', body: '{"a":1}' });
    });

    it('honours writes to _requestUrl, _headers and _clientOptions', async () => {
      const { ours } = pair();
      ours._requestUrl = `${API}/oauth/initiate`;
      ours._headers = { 'X-Custom': 'yes', Accept: 'application/x-www-form-urlencoded' };
      ours.setClientOptions({ requestTokenHttpMethod: 'GET' });
      const scope = nock(API, { reqheaders: { 'x-custom': 'yes' } })
        .get('/oauth/initiate')
        .reply(200, 'oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true');
      const [err, token, secret, results] = await call((cb) => ours.getOAuthRequestToken({ scope: 'read' }, cb));
      expect([err, token, secret, results]).to.deep.equal([null, 't', 's', { oauth_callback_confirmed: 'true' }]);
      scope.done();
    });

    it('reports a status outside 2xx as { statusCode, data }, with data and response, and no secret in the message', async () => {
      const { ours } = pair();
      nock(API).get('/me').reply(401, 'Invalid token: the-token-value');
      const [err, data, response] = await call<[UnexpectedStatusError, string, OAuthResponse]>((cb) => ours.get(`${API}/me`, 'the-token-value', 'secret', cb));
      expect(err).to.be.instanceOf(UnexpectedStatusError);
      expect(err).to.include({ statusCode: 401, data: 'Invalid token: the-token-value' });
      expect(err.message).to.equal(`GET ${API}/me answered 401: Invalid token: [redacted]`);
      expect([data, response.statusCode]).to.deep.equal(['Invalid token: the-token-value', 401]);
    });

    it('reports a network failure, an oversized body and a missed deadline as callback(err) alone', async () => {
      const oauth = new OAuth('a', 'b', 'k', 's', '1.0', null, 'HMAC-SHA1', null, null, new HttpClient({ userAgent: 'test', maxResponseSize: 16, timeout: 200 }));
      nock(API).get('/big').reply(200, 'x'.repeat(100));
      const big = await call((cb) => oauth.get(`${API}/big`, 't', 's', cb));
      expect(big).to.have.length(1);
      expect(big[0]).to.be.instanceOf(NetworkError).and.include({ code: 'ERR_RESPONSE_TOO_LARGE' });
      nock(API).get('/slow').delay(1000).reply(200, 'late');
      const [slow] = await call((cb) => oauth.get(`${API}/slow`, 't', 's', cb));
      expect(slow).to.include({ code: 'ERR_TIMEOUT' });
      const [refused] = await call((cb) => oauth.get('http://127.0.0.1:1/me', 't', 's', cb));
      expect(refused).to.be.instanceOf(NetworkError);
    });

    it('follows a redirect on the same origin only (a PLAINTEXT signature is the secrets)', async () => {
      const { ours } = pair('PLAINTEXT');
      nock(API).get('/old').reply(302, '', { location: '/new' }).get('/new').reply(200, 'moved');
      expect((await call((cb) => ours.get(`${API}/old`, 't', 's', cb)))[1]).to.equal('moved');
      const elsewhere = nock('https://elsewhere.test').get('/steal').reply(200, 'x');
      nock(API).get('/away').reply(302, '', { location: 'https://elsewhere.test/steal' });
      const [err] = await call((cb) => ours.get(`${API}/away`, 't', 's', cb));
      expect(err).to.include({ statusCode: 302 });
      expect(elsewhere.isDone()).to.equal(false);
      nock.cleanAll();
    });

    it('throws a TypeError when called without a callback, and delivers a bad URL to the callback', async () => {
      const { ours } = pair();
      expect(() => ours._performSecureRequest(null, null, 'GET', `${API}/me`, null, '', null)).to.throw(TypeError, /callback/);
      const [err] = await call((cb) => ours.get('not a url', 't', 's', cb));
      expect(err).to.be.instanceOf(Error);
    });
  });

  describe('the three legs against the OAuth1Provider, which verifies each signature', () => {
    let provider: OAuth1Provider;
    let handle: OAuth1ProviderHandle;
    afterEach(() => handle?.close());

    async function threeLegs(signatureMethod: string, consumerSecret: string, publicKey?: ReturnType<typeof generateKeyPairSync>['publicKey']) {
      provider = new OAuth1Provider({ consumers: [{ key: CONSUMER.key, secret: publicKey ? '' : consumerSecret, publicKey }] });
      handle = await provider.start();
      const oauth = new OAuth(`${handle.url}/oauth/request_token`, `${handle.url}/oauth/access_token`, CONSUMER.key, consumerSecret, '1.0', 'http://app.test/cb', signatureMethod);
      const [err, token, tokenSecret, results] = await call<[unknown, string, string, object]>((cb) => oauth.getOAuthRequestToken(cb));
      expect(err).to.equal(null);
      expect(results).to.deep.equal({ oauth_callback_confirmed: 'true' });
      const authorize = await fetch(`${handle.url}/oauth/authorize?oauth_token=${token}&user=alice`, { redirect: 'manual' });
      const verifier = new URL(authorize.headers.get('location')!).searchParams.get('oauth_verifier');
      const [err2, access, accessSecret, params] = await call<[unknown, string, string, object]>((cb) => oauth.getOAuthAccessToken(token, tokenSecret, verifier, cb));
      expect(err2).to.equal(null);
      expect(params).to.deep.equal({ user_id: '1001', screen_name: 'alice' });
      const [err3, body] = await call<[unknown, string]>((cb) => oauth.get(`${handle.url}/api/me?include_email=true`, access, accessSecret, cb));
      expect(err3).to.equal(null);
      expect(JSON.parse(body)).to.include({ id: '1001' });
      expect(provider.received.filter((r) => r.problem)).to.deep.equal([]);
      expect(provider.received.filter((r) => r.endpoint !== 'authorize').map((r) => r.oauth.oauth_signature_method)).to.deep.equal([signatureMethod, signatureMethod, signatureMethod]);
    }

    it('HMAC-SHA1', () => threeLegs('HMAC-SHA1', CONSUMER.secret));
    it('PLAINTEXT', () => threeLegs('PLAINTEXT', CONSUMER.secret));
    it('RSA-SHA1', () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      return threeLegs('RSA-SHA1', privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, publicKey);
    });

    it("reports a refused access token as node-oauth does: callback({ statusCode, data })", async () => {
      provider = new OAuth1Provider({ consumers: [{ key: CONSUMER.key, secret: CONSUMER.secret }] });
      handle = await provider.start();
      const oauth = new OAuth(`${handle.url}/oauth/request_token`, `${handle.url}/oauth/access_token`, CONSUMER.key, CONSUMER.secret, '1.0', null, 'HMAC-SHA1');
      const result = await call((cb) => oauth.getOAuthAccessToken('unknown-token', 'secret', 'verifier', cb));
      expect(result).to.have.length(1);
      expect(result[0]).to.include({ statusCode: 401 });
      expect((result[0] as { data: string }).data).to.include('token_rejected');
    });
  });
});
