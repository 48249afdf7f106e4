// `strategy._oauth2`, member by member, against node-oauth 0.10's lib/oauth2.js (the `OAuth2`
// passport-oauth2 keeps there and its subclasses on npm call), in the order that file has them.
import { Agent as HttpAgent, type IncomingMessage, type ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { expect } from 'chai';
import nock from 'nock';
import { Agent, type Dispatcher } from 'undici';
import { NetworkError } from '@passport-kit/core';
import {
  InternalOAuthError,
  OAuth2Strategy,
  TokenError,
  type LegacyOAuthError,
  type LegacyResponse,
  type OAuth2StrategyOptions,
} from '@passport-kit/oauth2';
import { AUTHORIZATION_URL, CALLBACK_URL, PROVIDER, TOKEN_URL } from '@passport-kit/test-support/login-app';
import { startLoopbackServer, type LoopbackServer } from '@passport-kit/test-support/loopback-server';

const USER_URL = `${PROVIDER}/api/user`;
const SECRET = 'secret-1-Qx7vR2';

type Done = (err?: unknown, user?: unknown) => void;

function strategy(options: Partial<OAuth2StrategyOptions> & { userAgent?: string } = {}) {
  return new OAuth2Strategy(
    { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: SECRET, callbackURL: CALLBACK_URL, ...options },
    (_at: string, _rt: string | undefined, _p: unknown, done: Done) => done(null, { id: 'u' }),
  );
}

interface Called {
  err: LegacyOAuthError | Error | null;
  body: string | undefined;
  response: LegacyResponse | undefined;
}

/** node-oauth's `_request`, awaited: what the callback was called with. */
function request(s: OAuth2Strategy, ...args: [string, string, Record<string, string> | null, string | Buffer | null, string | null]) {
  return new Promise<Called>((resolve) => {
    s._oauth2._request(...args, (err, body, response) => resolve({ err, body, response }));
  });
}

function get(s: OAuth2Strategy, url: string, accessToken: string, method: 'get' | 'getProtectedResource' = 'get') {
  return new Promise<Called>((resolve) => {
    s._oauth2[method](url, accessToken, (err, body, response) => resolve({ err, body, response }));
  });
}

/** node-oauth's `getOAuthAccessToken`, awaited: `[err, accessToken, refreshToken, results]`. */
function exchange(s: OAuth2Strategy, code: string, params: Record<string, unknown> | null) {
  return new Promise<unknown[]>((resolve) => {
    s._oauth2.getOAuthAccessToken(code, params, (...args) => resolve(args));
  });
}

/** A form body, as the provider received it. */
function form(body: string) {
  return Object.fromEntries(new URLSearchParams(body));
}

/** A loopback server answering each request with `handler`; closed after the test. */
async function loopback(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: LoopbackServer }> {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  return { url: server.origin, server };
}
const servers: LoopbackServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** Runs `start` with mocha's uncaught-exception handlers set aside; resolves with the exception. */
function uncaughtFrom(start: () => void): Promise<{ uncaught: unknown; unhandledRejection: unknown }> {
  const mochaHandlers = process.listeners('uncaughtException');
  process.removeAllListeners('uncaughtException');
  let unhandledRejection: unknown;
  const onRejection = (reason: unknown) => {
    unhandledRejection = reason;
  };
  process.on('unhandledRejection', onRejection);
  return new Promise((resolve) => {
    process.once('uncaughtException', (uncaught) => {
      // A turn later, so an unhandled rejection from the same failure would have been reported.
      setTimeout(() => {
        process.off('unhandledRejection', onRejection);
        for (const handler of mochaHandlers) process.on('uncaughtException', handler);
        resolve({ uncaught, unhandledRejection });
      }, 20);
    });
    start();
  });
}

describe('OAuth2Strategy', () => {
  describe('this._oauth2, node-oauth’s OAuth2 (lib/oauth2.js, 0.10)', () => {
    describe('constructed', () => {
      it('has node-oauth’s fields, as passport-oauth2 sets them up', () => {
        const { _oauth2 } = strategy();

        expect(_oauth2._clientId).to.equal('client-1');
        expect(_oauth2._clientSecret).to.equal(SECRET);
        expect(_oauth2._baseSite).to.equal('');
        expect(_oauth2._authorizeUrl).to.equal(AUTHORIZATION_URL);
        expect(_oauth2._accessTokenUrl).to.equal(TOKEN_URL);
        expect(_oauth2._accessTokenName).to.equal('access_token');
        expect(_oauth2._authMethod).to.equal('Bearer');
        expect(_oauth2._customHeaders).to.deep.equal({});
        expect(_oauth2._useAuthorizationHeaderForGET).to.equal(false);
        expect(_oauth2._agent).to.equal(undefined);
      });

      it('keeps the customHeaders option in _customHeaders', () => {
        expect(strategy({ customHeaders: { 'x-api-version': '2' } })._oauth2._customHeaders).to.deep.equal({ 'x-api-version': '2' });
      });

      it('keeps _clientSecret out of util.inspect and JSON.stringify of the strategy', () => {
        const s = strategy();

        expect(Object.keys(s._oauth2)).not.to.include('_clientSecret');
        expect(inspect(s, { depth: 8, showHidden: false })).not.to.contain(SECRET);
        expect(JSON.stringify(s)).not.to.contain(SECRET);
      });

      it('lets a subclass write _clientSecret, still out of sight', () => {
        const s = strategy();
        s._oauth2._clientSecret = 'rotated-secret-9';

        expect(s._oauth2._clientSecret).to.equal('rotated-secret-9');
        expect(inspect(s, { depth: 8 })).not.to.contain('rotated-secret-9');
      });
    });

    describe('setAgent(agent)', () => {
      it('keeps the agent in _agent and sends its calls through it when it is an undici dispatcher', async () => {
        const { url } = await loopback((_req, res) => res.end('ok'));
        const paths: string[] = [];
        class RecordingAgent extends Agent {
          override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
            paths.push(options.path);
            return super.dispatch(options, handler);
          }
        }
        const agent = new RecordingAgent();
        const s = strategy();
        s._oauth2.setAgent(agent);

        const { err, body } = await get(s, `${url}/api/user`, 'access-1');

        expect(s._oauth2._agent).to.equal(agent);
        expect(err).to.equal(null);
        expect(body).to.equal('ok');
        expect(paths).to.deep.equal(['/api/user?access_token=access-1']);
        await agent.close();
      });

      it('keeps an http.Agent too, and the call still goes out', async () => {
        const { url } = await loopback((_req, res) => res.end('ok'));
        const agent = new HttpAgent();
        const s = strategy();
        s._oauth2.setAgent(agent);

        expect(s._oauth2._agent).to.equal(agent);
        expect((await get(s, `${url}/api/user`, 'access-1')).body).to.equal('ok');
      });
    });

    describe('setAccessTokenName(name)', () => {
      it('names the query parameter the token goes in', async () => {
        const s = strategy();
        s._oauth2.setAccessTokenName('oauth2_access_token');
        nock(PROVIDER).get('/api/user').query({ oauth2_access_token: 'access-1' }).reply(200, 'ok');

        expect(s._oauth2._accessTokenName).to.equal('oauth2_access_token');
        expect((await get(s, USER_URL, 'access-1')).body).to.equal('ok');
      });
    });

    describe('setAuthMethod(authMethod)', () => {
      it('sets the scheme of the Authorization header, as Yandex’s OAuth scheme needs', async () => {
        const s = strategy();
        s._oauth2.setAuthMethod('OAuth');
        s._oauth2.useAuthorizationHeaderforGET(true);
        nock(PROVIDER, { badheaders: ['cookie'] }).get('/api/user').matchHeader('authorization', 'OAuth access-1').reply(200, 'ok');

        expect(s._oauth2._authMethod).to.equal('OAuth');
        expect((await get(s, USER_URL, 'access-1')).body).to.equal('ok');
      });
    });

    describe('useAuthorizationHeaderforGET(useIt)', () => {
      it('sets _useAuthorizationHeaderForGET', () => {
        const s = strategy();
        s._oauth2.useAuthorizationHeaderforGET(true);
        expect(s._oauth2._useAuthorizationHeaderForGET).to.equal(true);
        s._oauth2.useAuthorizationHeaderforGET(false);
        expect(s._oauth2._useAuthorizationHeaderForGET).to.equal(false);
      });
    });

    describe('_getAccessTokenUrl()', () => {
      it('is _baseSite followed by _accessTokenUrl, both read now', () => {
        const s = strategy();
        expect(s._oauth2._getAccessTokenUrl()).to.equal(TOKEN_URL);

        s._oauth2._baseSite = 'https://provider.test';
        s._oauth2._accessTokenUrl = '/oauth/token';
        expect(s._oauth2._getAccessTokenUrl()).to.equal('https://provider.test/oauth/token');
      });
    });

    describe('buildAuthHeader(token)', () => {
      it('is the auth method, a space and the token', () => {
        const s = strategy();
        expect(s._oauth2.buildAuthHeader('access-1')).to.equal('Bearer access-1');
        s._oauth2.setAuthMethod('token');
        expect(s._oauth2.buildAuthHeader('access-1')).to.equal('token access-1');
      });
    });

    describe('getAuthorizeUrl(params)', () => {
      it('is _baseSite + _authorizeUrl with the params and client_id, querystring-encoded', () => {
        const s = strategy();
        s._oauth2._baseSite = 'https://provider.test';
        s._oauth2._authorizeUrl = '/oauth/authorize';

        expect(s._oauth2.getAuthorizeUrl({ redirect_uri: 'https://app.test/cb?x=1', scope: 'read write', resource: ['a', 'b'] })).to.equal(
          'https://provider.test/oauth/authorize?redirect_uri=https%3A%2F%2Fapp.test%2Fcb%3Fx%3D1&scope=read%20write&resource=a&resource=b&client_id=client-1',
        );
      });

      it('writes client_id into the params given, and over theirs, as node-oauth does', () => {
        const s = strategy();
        const params: Record<string, unknown> = { client_id: 'other' };

        expect(s._oauth2.getAuthorizeUrl(params)).to.equal(`${AUTHORIZATION_URL}?client_id=client-1`);
        expect(params).to.deep.equal({ client_id: 'client-1' });
      });

      it('has only client_id without params', () => {
        expect(strategy()._oauth2.getAuthorizeUrl()).to.equal(`${AUTHORIZATION_URL}?client_id=client-1`);
      });
    });

    describe('_request(method, url, headers, postBody, accessToken, callback)', () => {
      it('sends _customHeaders, then the call’s headers over them', async () => {
        const s = strategy({ customHeaders: { 'x-a': 'custom', 'x-b': 'custom' } });
        nock(PROVIDER).get('/api/user').matchHeader('x-a', 'custom').matchHeader('x-b', 'call').reply(200, 'ok');

        expect((await request(s, 'GET', USER_URL, { 'x-b': 'call' }, null, null)).err).to.equal(null);
      });

      it('reads _customHeaders on every call, so a subclass can add to them', async () => {
        const s = strategy();
        s._oauth2._customHeaders['x-tenant'] = 't1';
        nock(PROVIDER).get('/api/user').matchHeader('x-tenant', 't1').reply(200, 'ok');

        expect((await request(s, 'GET', USER_URL, null, null, null)).err).to.equal(null);
      });

      it('puts the token in the query under _accessTokenName, after the query the URL has', async () => {
        nock(PROVIDER, { badheaders: ['authorization'] }).get('/api/user').query({ fields: 'id,name', access_token: 'access-1' }).reply(200, 'ok');

        expect((await request(strategy(), 'GET', `${USER_URL}?fields=id,name`, {}, null, 'access-1')).body).to.equal('ok');
      });

      it('leaves the token out of the query when an Authorization header is given', async () => {
        nock(PROVIDER).get('/api/user').matchHeader('authorization', 'Bearer access-1').reply(200, 'ok');

        expect((await request(strategy(), 'GET', USER_URL, { Authorization: 'Bearer access-1' }, null, 'access-1')).body).to.equal('ok');
      });

      it('leaves the token out of the query when the Authorization header is one of the customHeaders', async () => {
        nock(PROVIDER).get('/api/user').matchHeader('authorization', 'Basic abc').reply(200, 'ok');

        expect((await request(strategy({ customHeaders: { Authorization: 'Basic abc' } }), 'GET', USER_URL, null, null, 'access-1')).body).to.equal('ok');
      });

      for (const status of [200, 201, 204, 299, 301, 302]) {
        it(`calls back with (null, body, response) on ${status}, response carrying statusCode and headers`, async () => {
          nock(PROVIDER).get('/api/user').reply(status, status === 204 ? '' : 'the body', { 'x-request-id': 'r-1', location: 'http://127.0.0.1:4999/elsewhere' });

          const { err, body, response } = await request(strategy(), 'GET', USER_URL, null, null, null);

          expect(err).to.equal(null);
          expect(body).to.equal(status === 204 ? '' : 'the body');
          expect(response?.statusCode).to.equal(status);
          expect(response?.headers['x-request-id']).to.equal('r-1');
        });
      }

      it('does not follow a redirect, as node-oauth does not', async () => {
        nock(PROVIDER).get('/api/user').reply(302, '', { location: `${PROVIDER}/elsewhere` });

        const { response } = await request(strategy(), 'GET', USER_URL, null, null, null);

        expect(response?.statusCode).to.equal(302);
        expect(response?.headers['location']).to.equal(`${PROVIDER}/elsewhere`);
      });

      for (const status of [300, 304, 400, 401, 404, 500, 503]) {
        it(`calls back with only { statusCode, data } on ${status}`, async () => {
          nock(PROVIDER).get('/api/user').reply(status, status === 304 ? '' : '{"message":"no"}');

          const called = await request(strategy(), 'GET', USER_URL, null, null, null);

          expect(called.err).to.deep.equal({ statusCode: status, data: status === 304 ? '' : '{"message":"no"}' });
          expect(called.body).to.equal(undefined);
          expect(called.response).to.equal(undefined);
        });
      }

      it('calls back with a NetworkError when the connection is refused, the token not in its message', async () => {
        const { url, server } = await loopback((_req, res) => res.end());
        await server.close();

        const { err } = await request(strategy(), 'GET', `${url}/api/user`, null, null, 'access-secret-1');

        expect(err).to.be.instanceOf(NetworkError);
        expect((err as NetworkError).code).to.equal('ERR_NETWORK');
        expect(inspect(err)).not.to.contain('access-secret-1');
      });

      it('calls back with a NetworkError (ERR_TIMEOUT) when the provider does not answer within the timeout', async () => {
        const { url } = await loopback(() => {
          // never answers
        });

        const { err } = await request(strategy({ timeout: 150 }), 'GET', `${url}/api/user`, null, null, null);

        expect(err).to.be.instanceOf(NetworkError);
        expect((err as NetworkError).code).to.equal('ERR_TIMEOUT');
      });

      it('calls back with a NetworkError (ERR_RESPONSE_TOO_LARGE) past the size cap', async () => {
        const { url } = await loopback((_req, res) => res.end('x'.repeat(5000)));

        const { err } = await request(strategy({ maxResponseSize: 1000 }), 'GET', `${url}/api/user`, null, null, null);

        expect(err).to.be.instanceOf(NetworkError);
        expect((err as NetworkError).code).to.equal('ERR_RESPONSE_TOO_LARGE');
      });

      it('sends passport-kit’s User-Agent, not node-oauth’s', async () => {
        nock(PROVIDER).get('/api/user').matchHeader('user-agent', /^@passport-kit\/oauth2\/\S+ \(node v/).reply(200, 'ok');

        expect((await request(strategy(), 'GET', USER_URL, null, null, null)).err).to.equal(null);
      });

      it('sends the caller’s User-Agent when the headers or customHeaders give one', async () => {
        nock(PROVIDER).get('/api/user').matchHeader('user-agent', 'call-agent/1').reply(200, 'ok');
        nock(PROVIDER).get('/api/user').matchHeader('user-agent', 'custom-agent/1').reply(200, 'ok');

        expect((await request(strategy(), 'GET', USER_URL, { 'User-Agent': 'call-agent/1' }, null, null)).err).to.equal(null);
        expect((await request(strategy({ customHeaders: { 'User-Agent': 'custom-agent/1' } }), 'GET', USER_URL, null, null, null)).err).to.equal(null);
      });

      it('POSTs a string body and a Buffer body', async () => {
        nock(PROVIDER).post('/api/items', 'a=1&b=2').matchHeader('content-type', 'application/x-www-form-urlencoded').reply(201, 'made');
        nock(PROVIDER).post('/api/items', '{"json":true}').reply(201, 'made');
        const s = strategy();

        expect((await request(s, 'POST', `${PROVIDER}/api/items`, { 'Content-Type': 'application/x-www-form-urlencoded' }, 'a=1&b=2', null)).body).to.equal('made');
        expect((await request(s, 'POST', `${PROVIDER}/api/items`, null, Buffer.from('{"json":true}'), null)).body).to.equal('made');
      });

      it('sends PUT with its body and DELETE with the token', async () => {
        nock(PROVIDER).put('/api/items/1', 'name=x').reply(200, 'put');
        nock(PROVIDER).delete('/api/items/1').query({ access_token: 'access-1' }).reply(204);
        const s = strategy();

        expect((await request(s, 'PUT', `${PROVIDER}/api/items/1`, null, 'name=x', null)).body).to.equal('put');
        expect((await request(s, 'DELETE', `${PROVIDER}/api/items/1`, null, null, 'access-1')).response?.statusCode).to.equal(204);
      });

      it('lets a throwing callback surface as an uncaught exception, never as an unhandled rejection', async () => {
        nock(PROVIDER).get('/api/user').reply(200, 'ok');
        const s = strategy();

        const { uncaught, unhandledRejection } = await uncaughtFrom(() => {
          s._oauth2._request('GET', USER_URL, null, null, null, () => {
            throw new Error('thrown by the callback');
          });
        });

        expect((uncaught as Error).message).to.equal('thrown by the callback');
        expect(unhandledRejection).to.equal(undefined);
      });
    });

    describe('get(url, accessToken, callback)', () => {
      it('puts the token in the query by default, as node-oauth does, and calls back with the body', async () => {
        nock(PROVIDER, { badheaders: ['cookie', 'authorization'] })
          .get('/api/user')
          .query({ access_token: 'access-1' })
          .reply(200, { id: 42 });

        const { err, body } = await get(strategy(), USER_URL, 'access-1');

        expect(err).to.equal(null);
        expect(JSON.parse(body ?? '')).to.deep.equal({ id: 42 });
      });

      it('sends the token as a Bearer header after useAuthorizationHeaderforGET(true), not in the query', async () => {
        const s = strategy();
        s._oauth2.useAuthorizationHeaderforGET(true);
        nock(PROVIDER).get('/api/user').matchHeader('authorization', 'Bearer access-1').reply(200, 'ok');

        expect((await get(s, USER_URL, 'access-1')).err).to.equal(null);
      });

      it('puts the token in the query, under the configured name, with useAuthorizationHeaderforGET(false)', async () => {
        const s = strategy();
        s._oauth2.useAuthorizationHeaderforGET(false);
        s._oauth2.setAccessTokenName('oauth2_access_token');
        nock(PROVIDER, { badheaders: ['authorization'] })
          .get('/api/user')
          .query({ fields: 'id', oauth2_access_token: 'access-1' })
          .reply(200, 'ok');

        const { err, body } = await get(s, `${USER_URL}?fields=id`, 'access-1');

        expect(err).to.equal(null);
        expect(body).to.equal('ok');
      });

      it('sends the customHeaders', async () => {
        nock(PROVIDER).get('/api/user').query(true).matchHeader('x-api-version', '2').reply(200, 'ok');

        expect((await get(strategy({ customHeaders: { 'x-api-version': '2' } }), USER_URL, 'access-1')).err).to.equal(null);
      });

      it('calls back with { statusCode, data } on a non-2xx answer, as node-oauth does', async () => {
        nock(PROVIDER).get('/api/user').query(true).reply(401, '{"message":"Bad credentials"}');

        const { err, body } = await get(strategy(), USER_URL, 'expired');

        expect(err).to.deep.equal({ statusCode: 401, data: '{"message":"Bad credentials"}' });
        expect(body).to.equal(undefined);
      });

      it('calls back with a NetworkError when the request fails', async () => {
        nock(PROVIDER).get('/api/user').query(true).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));

        const { err } = await get(strategy(), USER_URL, 'access-1');

        expect(err).to.be.instanceOf(NetworkError);
        expect((err as NetworkError).code).to.equal('ERR_NETWORK');
        expect((err as NetworkError).message).not.to.contain('access-1');
      });
    });

    describe('getProtectedResource(url, accessToken, callback), deprecated', () => {
      it('always puts the token in the query, even after useAuthorizationHeaderforGET(true)', async () => {
        const s = strategy();
        s._oauth2.useAuthorizationHeaderforGET(true);
        nock(PROVIDER, { badheaders: ['authorization'] }).get('/api/user').query({ access_token: 'access-1' }).reply(200, 'ok');

        const { err, body } = await get(s, USER_URL, 'access-1', 'getProtectedResource');

        expect(err).to.equal(null);
        expect(body).to.equal('ok');
      });
    });

    describe('getOAuthAccessToken(code, params, callback)', () => {
      it('exchanges the code and calls back with (err, accessToken, refreshToken, results without refresh_token)', async () => {
        nock(PROVIDER)
          .post('/token', {
            redirect_uri: CALLBACK_URL,
            grant_type: 'authorization_code',
            code: 'code-1',
            client_id: 'client-1',
            client_secret: SECRET,
          })
          .reply(200, { access_token: 'access-1', refresh_token: 'refresh-1', token_type: 'bearer', expires_in: 60 });

        const result = await exchange(strategy(), 'code-1', { grant_type: 'authorization_code', redirect_uri: CALLBACK_URL });

        expect(result).to.deep.equal([
          null,
          'access-1',
          'refresh-1',
          { access_token: 'access-1', token_type: 'bearer', expires_in: 60 },
        ]);
      });

      it('authenticates with client_secret_post, with _clientId and _clientSecret as they are at call time', async () => {
        const s = strategy();
        s._oauth2._clientId = 'client-2';
        s._oauth2._clientSecret = 'secret-2-rotated';
        let sent: Record<string, string> = {};
        nock(PROVIDER, { badheaders: ['authorization'] })
          .post('/token', (body: string | Record<string, string>) => {
            sent = typeof body === 'string' ? form(body) : body;
            return true;
          })
          .matchHeader('content-type', /^application\/x-www-form-urlencoded/)
          .reply(200, { access_token: 'access-1' });

        const [err] = await exchange(s, 'code-1', { grant_type: 'authorization_code' });

        expect(err).to.equal(null);
        expect(sent).to.deep.include({ client_id: 'client-2', client_secret: 'secret-2-rotated', code: 'code-1' });
      });

      it('POSTs to _baseSite + _accessTokenUrl as they are at call time, with _customHeaders', async () => {
        const s = strategy();
        s._oauth2._baseSite = PROVIDER;
        s._oauth2._accessTokenUrl = '/v2/token';
        s._oauth2._customHeaders['x-tenant'] = 't1';
        nock(PROVIDER).post('/v2/token').matchHeader('x-tenant', 't1').reply(200, { access_token: 'access-1' });

        expect((await exchange(s, 'code-1', { grant_type: 'authorization_code' }))[1]).to.equal('access-1');
      });

      it('sends refresh_token=, not code=, for grant_type=refresh_token', async () => {
        nock(PROVIDER)
          .post('/token', { grant_type: 'refresh_token', refresh_token: 'refresh-1', client_id: 'client-1', client_secret: SECRET })
          .reply(200, { access_token: 'access-2', refresh_token: 'refresh-2', expires_in: 60 });

        const result = await exchange(strategy(), 'refresh-1', { grant_type: 'refresh_token' });

        expect(result).to.deep.equal([null, 'access-2', 'refresh-2', { access_token: 'access-2', expires_in: 60 }]);
      });

      it('reads a form-encoded answer, as node-oauth falls back to querystring (GitHub without Accept)', async () => {
        nock(PROVIDER).post('/token').reply(200, 'access_token=access-1&scope=repo%2Cgist&token_type=bearer', { 'content-type': 'application/x-www-form-urlencoded' });

        const result = await exchange(strategy(), 'code-1', { grant_type: 'authorization_code' });

        expect(result).to.deep.equal([null, 'access-1', undefined, { access_token: 'access-1', scope: 'repo,gist', token_type: 'bearer' }]);
      });

      it('works with params null, as node-oauth allows', async () => {
        nock(PROVIDER).post('/token', (body: Record<string, string>) => body['code'] === 'code-1').reply(200, { access_token: 'access-1' });

        expect((await exchange(strategy(), 'code-1', null))[1]).to.equal('access-1');
      });

      it('calls back with a TokenError carrying node-oauth’s statusCode and data, without the code or secret', async () => {
        const echoed = `{"error":"invalid_grant","error_description":"Code code-secret-77 is expired (client secret ${SECRET})"}`;
        nock(PROVIDER).post('/token').reply(400, echoed);

        const [err] = await exchange(strategy(), 'code-secret-77', { grant_type: 'authorization_code' });

        expect(err).to.be.instanceOf(TokenError);
        const tokenError = err as TokenError & LegacyOAuthError;
        expect(tokenError.code).to.equal('invalid_grant');
        expect(tokenError.message).to.equal('Code [redacted] is expired (client secret [redacted])');
        expect(tokenError.statusCode).to.equal(400);
        expect(tokenError.data).to.equal('{"error":"invalid_grant","error_description":"Code [redacted] is expired (client secret [redacted])"}');
        expect(Object.keys(tokenError)).not.to.include('data');
        expect(`${tokenError.message} ${inspect(tokenError, { depth: 6 })}`).not.to.contain('code-secret-77').and.not.contain(SECRET);
      });

      it('calls back with a TokenError for an OAuth error sent with 200, GitHub’s way', async () => {
        nock(PROVIDER).post('/token').reply(200, { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' });

        const [err, accessToken] = await exchange(strategy(), 'code-1', { grant_type: 'authorization_code' });

        expect(err).to.be.instanceOf(TokenError);
        expect(err).to.deep.include({ code: 'bad_verification_code', message: 'The code passed is incorrect or expired.' });
        expect(accessToken).to.equal(undefined);
      });

      it('calls back with an InternalOAuthError carrying statusCode and data for a status without an OAuth error, without the code or secret', async () => {
        nock(PROVIDER).post('/token').reply(502, `<html>upstream failed for code=code-secret-77&client_secret=${SECRET}</html>`);

        const [err] = await exchange(strategy(), 'code-secret-77', { grant_type: 'authorization_code' });

        expect(err).to.be.instanceOf(InternalOAuthError);
        const internal = err as InternalOAuthError & LegacyOAuthError;
        expect(internal.statusCode).to.equal(502);
        expect(internal.data).to.equal('<html>upstream failed for code=[redacted]&client_secret=[redacted]</html>');
        expect(`${internal.message} ${inspect(internal, { depth: 6 })}`).not.to.contain('code-secret-77').and.not.contain(SECRET);
        expect(String((internal.oauthError as LegacyOAuthError).data)).not.to.contain('code-secret-77').and.not.contain(SECRET);
      });

      it('calls back with an InternalOAuthError over a NetworkError when the provider cannot be reached', async () => {
        nock(PROVIDER).post('/token').replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));

        const [err] = await exchange(strategy(), 'code-1', { grant_type: 'authorization_code' });

        expect(err).to.be.instanceOf(InternalOAuthError);
        expect((err as InternalOAuthError).oauthError).to.be.instanceOf(NetworkError);
      });

      it('lets a throwing callback surface as an uncaught exception, never as an unhandled rejection', async () => {
        nock(PROVIDER).post('/token').reply(200, { access_token: 'access-1' });
        const s = strategy();

        const { uncaught, unhandledRejection } = await uncaughtFrom(() => {
          s._oauth2.getOAuthAccessToken('code-1', { grant_type: 'authorization_code' }, () => {
            throw new Error('thrown by the token callback');
          });
        });

        expect((uncaught as Error).message).to.equal('thrown by the token callback');
        expect(unhandledRejection).to.equal(undefined);
      });
    });
  });
});
