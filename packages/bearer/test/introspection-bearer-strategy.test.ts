import { expect } from 'chai';
import nock from 'nock';
import type passport from 'passport';
import sinon from 'sinon';
import { IntrospectionBearerStrategy, IntrospectionFailedError, type IntrospectionBearerStrategyOptions } from '@passport-kit/bearer';
import { TokenClient } from '@passport-kit/oauth2';
import { AUDIENCE, ISSUER, apiApp } from './support/api-app.js';

const AS = 'http://127.0.0.1:4996';
const TOKEN = 'opaque-access-token-8xLOxBtZp8';

function introspectionEndpoint(body: unknown, status = 200) {
  const tokens: string[] = [];
  const scope = nock(AS).post('/introspect').basicAuth({ user: 'todo-api', pass: 'api-secret' }).reply(status, body as nock.Body);
  scope.on('request', (_req: Request, _i: unknown, requestBody: string) => tokens.push(new URLSearchParams(requestBody).get('token') ?? ''));
  return tokens;
}

const active = (extra: Record<string, unknown> = {}) => ({
  active: true,
  sub: 'alice',
  client_id: 'web-app',
  scope: 'todos:read',
  token_type: 'Bearer',
  iss: ISSUER,
  aud: AUDIENCE,
  exp: Math.floor(Date.now() / 1000) + 300,
  ...extra,
});

describe('IntrospectionBearerStrategy', () => {
  afterEach(() => sinon.restore());

  function api(options: Partial<IntrospectionBearerStrategyOptions> = {}) {
    const client = new TokenClient({
      tokenURL: `${AS}/token`,
      introspectionURL: `${AS}/introspect`,
      clientID: 'todo-api',
      clientSecret: 'api-secret',
      clientAuthentication: 'client_secret_basic',
    });
    const errors: unknown[] = [];
    const app = apiApp(new IntrospectionBearerStrategy({ client, audience: AUDIENCE, issuer: ISSUER, ...options }) as unknown as passport.Strategy, {
      onError: (e) => errors.push(e),
    });
    return { get: (path = '/todos') => app.get(path).set('authorization', `Bearer ${TOKEN}`), errors };
  }

  it('accepts an active token, authenticating to the endpoint, and passes the introspection claims as the user', async () => {
    const sent = introspectionEndpoint(active());
    const res = await api().get().expect(200);

    expect(sent).to.deep.equal([TOKEN]);
    expect(res.body.user).to.include({ active: true, sub: 'alice', client_id: 'web-app' });
    expect(res.body.authInfo).to.deep.equal({ scope: ['todos:read'] });
  });

  it('answers an inactive token with 401 invalid_token', async () => {
    introspectionEndpoint({ active: false });
    const res = await api().get().expect(401);

    expect(res.headers['www-authenticate']).to.equal('Bearer realm="api", error="invalid_token", error_description="The access token is not active"');
  });

  for (const [what, claims, description] of [
    ['an expired token the server still calls active', { exp: Math.floor(Date.now() / 1000) - 5 }, 'The access token expired'],
    ['a token not valid yet', { nbf: Math.floor(Date.now() / 1000) + 600 }, 'The access token is not valid yet'],
    ['a refresh token', { token_type: 'refresh_token' }, 'The token is not an access token'],
    ['a token for another API', { aud: ['https://other.example.test'] }, "The access token's aud claim is not accepted"],
    ['a token from another issuer', { iss: 'https://evil.example.test' }, "The access token's iss claim is not accepted"],
  ] as const) {
    it(`answers ${what} with 401 invalid_token`, async () => {
      introspectionEndpoint(active(claims));
      const res = await api().get().expect(401);

      expect(res.headers['www-authenticate']).to.contain(`error_description="${description}"`);
    });
  }

  it('answers a token without token_type with 401 (a refresh token may look like that), unless requireTokenType is false', async () => {
    introspectionEndpoint(active({ token_type: undefined }));
    await api().get().expect(401);
    introspectionEndpoint(active({ token_type: undefined }));
    await api({ requireTokenType: false }).get().expect(200);
  });

  it('answers a missing scope with 403 insufficient_scope', async () => {
    introspectionEndpoint(active());
    const res = await api().get('/todos/admin').expect(403);

    expect(res.headers['www-authenticate']).to.contain('error="insufficient_scope"').and.contain('scope="todos:admin"');
  });

  it('reuses a cached answer instead of asking again', async () => {
    introspectionEndpoint(active());
    const app = api();
    await app.get().expect(200);
    await app.get().expect(200);
  });

  it('shares one introspection among concurrent requests with the same token', async () => {
    const sent = introspectionEndpoint(active());
    const app = api();
    await Promise.all([app.get().expect(200), app.get().expect(200), app.get().expect(200)]);

    expect(sent).to.have.length(1);
  });

  it('asks again once the cache TTL passed', async () => {
    const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    introspectionEndpoint(active({ exp: Math.floor(Date.now() / 1000) + 3600 }));
    const app = api({ cache: { ttl: 1_000 } });
    await app.get().expect(200);

    clock.tick(1_500);
    introspectionEndpoint({ active: false });
    await app.get().expect(401);
  });

  it("never keeps an answer past the token's exp, even with a longer TTL", async () => {
    const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    introspectionEndpoint(active({ exp: Math.floor(Date.now() / 1000) + 2 }));
    const app = api({ cache: { ttl: 60_000 } });
    await app.get().expect(200);

    clock.tick(3_000);
    introspectionEndpoint({ active: false });
    await app.get().expect(401);
  });

  it('asks every time with cache: false', async () => {
    introspectionEndpoint(active());
    introspectionEndpoint({ active: false });
    const app = api({ cache: false });
    await app.get().expect(200);
    await app.get().expect(401);
  });

  it('answers 503 through the app error handler when the endpoint fails, and does not cache the failure', async () => {
    introspectionEndpoint('<html>down</html>', 500);
    const app = api();
    const res = await app.get().expect(503);

    expect(res.body).to.deep.equal({ error: { name: 'IntrospectionFailedError', code: 'ERR_INTROSPECTION_FAILED' } });
    expect(app.errors[0]).to.be.instanceOf(IntrospectionFailedError);
    expect(JSON.stringify(res.body) + String((app.errors[0] as Error).message)).not.to.contain(TOKEN);
    introspectionEndpoint(active());
    await app.get().expect(200);
  });

  it('answers 401 without asking the server when there is no token', async () => {
    const client = new TokenClient({ tokenURL: `${AS}/token`, introspectionURL: `${AS}/introspect`, clientID: 'x', clientSecret: 'y' });
    const res = await apiApp(new IntrospectionBearerStrategy({ client }) as unknown as passport.Strategy).get('/todos').expect(401);

    expect(res.headers['www-authenticate']).to.equal('Bearer realm="api"');
  });

  it('requires a TokenClient', () => {
    expect(() => new IntrospectionBearerStrategy({} as IntrospectionBearerStrategyOptions)).to.throw(TypeError, 'requires a TokenClient');
  });
});
