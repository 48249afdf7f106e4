import { createPublicKey } from 'node:crypto';
import { expect } from 'chai';
import { SignJWT, UnsecuredJWT, base64url, exportSPKI, type JWTPayload } from 'jose';
import type passport from 'passport';
import sinon from 'sinon';
import { JwksUnavailableError, JwtBearerStrategy, type BearerVerifyCallback, type JwtBearerStrategyOptions } from '@passport-kit/bearer';
import { AUDIENCE, ISSUER, JwksServer, accessToken, apiApp, testKey, type TestKey } from './support/api-app.js';

const REALM_ONLY = 'Bearer realm="api"';
const invalidToken = (description: string) => `Bearer realm="api", error="invalid_token", error_description="${description}"`;

describe('JwtBearerStrategy', () => {
  let key: TestKey;
  let jwks: JwksServer;

  before(async () => {
    key = await testKey('key-1');
  });

  beforeEach(async () => {
    jwks = await new JwksServer().start();
    jwks.keys = [key.publicJwk];
  });

  afterEach(async () => {
    sinon.restore();
    await jwks.close();
  });

  function api(options: Partial<JwtBearerStrategyOptions> = {}, verify?: ConstructorParameters<typeof JwtBearerStrategy>[1]) {
    const errors: unknown[] = [];
    const strategy = new JwtBearerStrategy({ issuer: ISSUER, audience: AUDIENCE, jwksURL: jwks.url, ...options }, verify);
    return { get: (path = '/todos') => apiApp(strategy as unknown as passport.Strategy, { onError: (e) => errors.push(e) }).get(path), errors };
  }

  describe('reading the token (RFC 6750 §2.1)', () => {
    it('accepts a valid token from the Authorization header and passes its claims as the user', async () => {
      const token = await accessToken(key, { sub: 'alice', scope: 'todos:read todos:write' });
      const res = await api().get().set('authorization', `Bearer ${token}`).expect(200);

      expect(res.body.user).to.include({ sub: 'alice', iss: ISSUER, aud: AUDIENCE, client_id: 'web-app' });
      expect(res.body.authInfo).to.deep.equal({ scope: ['todos:read', 'todos:write'] });
    });

    it('answers a request without a token with 401 and a challenge that carries no error (§3.1)', async () => {
      const res = await api().get().expect(401);

      expect(res.headers['www-authenticate']).to.equal(REALM_ONLY);
      expect(res.text).to.equal('Unauthorized');
      expect(jwks.requests).to.equal(0);
    });

    it('treats another scheme (Basic) as no token', async () => {
      const res = await api({ realm: 'todos' }).get().set('authorization', 'Basic dXNlcjpwYXNz').expect(401);

      expect(res.headers['www-authenticate']).to.equal('Bearer realm="todos"');
    });

    it('answers a malformed Bearer header with 400 invalid_request', async () => {
      const res = await api().get().set('authorization', 'Bearer two words').expect(400);

      expect(res.headers['www-authenticate']).to.equal('Bearer realm="api", error="invalid_request", error_description="Malformed Bearer authorization header"');
    });

    it('reads the token from a configured cookie, as a browser front end sends it', async () => {
      const token = await accessToken(key);
      const res = await api({ cookie: 'access_token' }).get().set('cookie', `theme=dark; access_token=${token}`).expect(200);

      expect(res.body.user.sub).to.equal('alice');
    });

    it('refuses different tokens in the header and the cookie with 400 (one method per request, §2)', async () => {
      const [a, b] = [await accessToken(key), await accessToken(key, { sub: 'bob' })];
      await api({ cookie: 'access_token' }).get().set('authorization', `Bearer ${a}`).set('cookie', `access_token=${b}`).expect(400);
    });

    it('ignores the cookie unless configured', async () => {
      const res = await api().get().set('cookie', `access_token=${await accessToken(key)}`).expect(401);
      expect(res.headers['www-authenticate']).to.equal(REALM_ONLY);
    });
  });

  describe('rejecting tokens with 401 invalid_token', () => {
    async function rejected(token: string, options: Partial<JwtBearerStrategyOptions> = {}) {
      const res = await api(options).get().set('authorization', `Bearer ${token}`).expect(401);
      expect(res.text).to.equal('Unauthorized');
      expect(res.text + JSON.stringify(res.headers)).not.to.contain(token.split('.')[2] || token);
      return String(res.headers['www-authenticate']);
    }

    it('a tampered payload', async () => {
      const [header, , signature] = (await accessToken(key, { sub: 'alice' })).split('.');
      const forged = base64url.encode(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, sub: 'admin', exp: Math.floor(Date.now() / 1000) + 300 }));

      expect(await rejected(`${header}.${forged}.${signature}`)).to.equal(invalidToken('The access token signature is invalid'));
    });

    it('an expired token', async () => {
      const token = await accessToken(key, { exp: Math.floor(Date.now() / 1000) - 60 });
      expect(await rejected(token)).to.equal(invalidToken('The access token expired'));
    });

    it('accepts a token expired within the clock tolerance', async () => {
      const token = await accessToken(key, { exp: Math.floor(Date.now() / 1000) - 10 });
      await api({ clockTolerance: 30 }).get().set('authorization', `Bearer ${token}`).expect(200);
    });

    it('a token whose nbf is in the future', async () => {
      const token = await accessToken(key, { nbf: Math.floor(Date.now() / 1000) + 600 });
      expect(await rejected(token)).to.equal(invalidToken('The access token is not valid yet'));
    });

    it('a token for another audience', async () => {
      const token = await accessToken(key, { aud: 'https://other-api.example.test' });
      expect(await rejected(token)).to.equal(invalidToken('The access token\'s aud claim is not accepted'));
    });

    it('a token from another issuer', async () => {
      const token = await accessToken(key, { iss: 'https://evil.example.test' });
      expect(await rejected(token)).to.equal(invalidToken('The access token\'s iss claim is not accepted'));
    });

    it('a token without exp', async () => {
      const token = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'key-1' }).setIssuer(ISSUER).setAudience(AUDIENCE).sign(key.privateKey);
      expect(await rejected(token)).to.equal(invalidToken('The access token\'s exp claim is not accepted'));
    });

    it('an unsigned token (alg: none)', async () => {
      const claims: JWTPayload = { iss: ISSUER, aud: AUDIENCE, sub: 'admin', exp: Math.floor(Date.now() / 1000) + 300 };
      const unsigned = new UnsecuredJWT(claims).encode();
      const withTyp = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: 'key-1' }))}.${unsigned.split('.')[1]}.`;

      for (const token of [unsigned, withTyp]) {
        expect(await rejected(token)).to.equal(invalidToken('The access token is signed with an algorithm that is not accepted'));
      }
    });

    it('HS256 signed with the public key as the secret (algorithm confusion)', async () => {
      const rsa = await testKey('rsa-1', 'RS256');
      jwks.keys = [rsa.publicJwk];
      const pem = await exportSPKI(rsa.publicKey);
      const claims = { iss: ISSUER, aud: AUDIENCE, sub: 'admin', exp: Math.floor(Date.now() / 1000) + 300 };
      const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: 'rsa-1' }).sign(new TextEncoder().encode(pem));

      expect(await rejected(forged)).to.equal(invalidToken('The access token is signed with an algorithm that is not accepted'));
      expect(await rejected(forged, { jwksURL: undefined, key: createPublicKey(pem) })).to.equal(
        invalidToken('The access token is signed with an algorithm that is not accepted'),
      );
    });

    it('an ID token (typ JWT) where an access token is expected (RFC 9068 §4); typ: false allows it', async () => {
      const token = await accessToken(key, {}, { typ: 'JWT' });
      expect(await rejected(token)).to.equal(invalidToken('The access token\'s typ claim is not accepted'));
      await api({ typ: false }).get().set('authorization', `Bearer ${token}`).expect(200);
    });

    it('a token that is not a JWT at all', async () => {
      expect(await rejected('opaque-token-abc')).to.equal(invalidToken('The access token is malformed'));
    });

    it('a token signed by a key that is not in the key set', async () => {
      const stranger = await testKey('key-1');
      expect(await rejected(await accessToken(stranger))).to.equal(invalidToken('The access token signature is invalid'));
    });
  });

  describe('scopes', () => {
    it('answers a missing route scope with 403 insufficient_scope and the scope needed', async () => {
      const token = await accessToken(key, { scope: 'todos:read' });
      const res = await api().get('/todos/admin').set('authorization', `Bearer ${token}`).expect(403);

      expect(res.headers['www-authenticate']).to.equal(
        'Bearer realm="api", error="insufficient_scope", error_description="The access token does not grant the required scope", scope="todos:admin"',
      );
      expect(res.text).to.equal('Forbidden');
    });

    it('checks requiredScopes on every route, reading scp arrays too', async () => {
      const withScp = await accessToken(key, { scope: undefined, scp: ['todos:read', 'todos:admin'] });
      const without = await accessToken(key, { scope: 'todos:read' });
      const app = api({ requiredScopes: ['todos:admin'] });

      await app.get().set('authorization', `Bearer ${withScp}`).expect(200);
      await api({ requiredScopes: 'todos:admin' }).get().set('authorization', `Bearer ${without}`).expect(403);
    });
  });

  describe('the verify callback', () => {
    it('turns the claims into the user with done(null, user, info)', async () => {
      const app = api({}, (claims: JWTPayload, done: BearerVerifyCallback) => done(null, { id: claims.sub }, { via: 'jwt' }));
      const res = await app.get().set('authorization', `Bearer ${await accessToken(key)}`).expect(200);

      expect(res.body).to.deep.equal({ user: { id: 'alice' }, authInfo: { via: 'jwt' } });
    });

    it('may return a promise, and receives req first with passReqToCallback', async () => {
      const app = api({ passReqToCallback: true }, async (req: { headers: Record<string, unknown> }, claims: JWTPayload) => ({ id: claims.sub, ua: req.headers['x-client'] }));
      const res = await app.get().set('x-client', 'cli').set('authorization', `Bearer ${await accessToken(key)}`).expect(200);

      expect(res.body.user).to.deep.equal({ id: 'alice', ua: 'cli' });
    });

    it('fails with 401 invalid_token when verify gives no user', async () => {
      const res = await api({}, (_claims: JWTPayload, done: BearerVerifyCallback) => done(null, false)).get().set('authorization', `Bearer ${await accessToken(key)}`).expect(401);
      expect(res.headers['www-authenticate']).to.equal(invalidToken('The access token is not accepted'));
    });

    it('passes a verify error to the app as an error', async () => {
      const app = api({}, async () => {
        throw Object.assign(new Error('db down'), { status: 500 });
      });
      const res = await app.get().set('authorization', `Bearer ${await accessToken(key)}`).expect(500);
      expect(app.errors).to.have.length(1);
      expect(res.body.error.name).to.equal('Error');
    });
  });

  describe('the remote key set', () => {
    it('fetches the JWKS once for concurrent first requests, then serves from cache', async () => {
      const app = api();
      const token = await accessToken(key);
      await Promise.all(Array.from({ length: 10 }, () => app.get().set('authorization', `Bearer ${token}`).expect(200)));
      await app.get().set('authorization', `Bearer ${token}`).expect(200);

      expect(jwks.requests).to.equal(1);
    });

    it('refetches once for an unknown kid after the cooldown (a rotated key), and not for forged kids within it', async () => {
      const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
      const app = api();
      await app.get().set('authorization', `Bearer ${await accessToken(key)}`).expect(200);
      expect(jwks.requests).to.equal(1);

      const rotated = await testKey('key-2');
      jwks.keys = [key.publicJwk, rotated.publicJwk];
      clock.tick(31_000);
      await app.get().set('authorization', `Bearer ${await accessToken(rotated)}`).expect(200);
      expect(jwks.requests).to.equal(2);

      const forged = await testKey('no-such-kid');
      await Promise.all(Array.from({ length: 5 }, async () => app.get().set('authorization', `Bearer ${await accessToken(forged)}`).expect(401)));
      expect(jwks.requests).to.equal(2);
    });

    it('answers 503 through the app error handler when the JWKS endpoint is down, and backs off', async () => {
      jwks.status = 503;
      const app = api();
      const token = await accessToken(key);
      const res = await app.get().set('authorization', `Bearer ${token}`).expect(503);
      await app.get().set('authorization', `Bearer ${token}`).expect(503);

      expect(res.body).to.deep.equal({ error: { name: 'JwksUnavailableError', code: 'ERR_JWKS_UNAVAILABLE' } });
      expect(app.errors[0]).to.be.instanceOf(JwksUnavailableError);
      expect(String((app.errors[0] as Error).message)).to.equal(`GET ${jwks.url} answered 503`);
      expect(jwks.requests).to.equal(1);
    });

    it('answers 503 when nothing listens at the JWKS URL', async () => {
      await jwks.close();
      const res = await api().get().set('authorization', `Bearer ${await accessToken(key)}`).expect(503);
      expect(res.body.error.code).to.equal('ERR_JWKS_UNAVAILABLE');
      jwks = await new JwksServer().start();
    });

    it('answers 503 for a JWKS URL that serves something other than a key set', async () => {
      jwks.keys = 'not-keys' as never;
      await api().get().set('authorization', `Bearer ${await accessToken(key)}`).expect(503);
    });

    it('keeps verifying with the last key set while the endpoint is down (staleIfError)', async () => {
      const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
      const app = api({ jwksOptions: { maxAge: 60_000 } });
      await app.get().set('authorization', `Bearer ${await accessToken(key)}`).expect(200);

      jwks.status = 500;
      clock.tick(120_000);
      await app.get().set('authorization', `Bearer ${await accessToken(key)}`).expect(200);
      expect(jwks.requests).to.equal(2);
    });
  });

  describe('local keys', () => {
    it('verifies against a local JWKS', async () => {
      await api({ jwksURL: undefined, jwks: { keys: [key.publicJwk] } }).get().set('authorization', `Bearer ${await accessToken(key)}`).expect(200);
      expect(jwks.requests).to.equal(0);
    });

    it('verifies HS256 with a shared secret when explicitly allowed', async () => {
      const secret = new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!!');
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime(now + 60).sign(secret);

      await api({ jwksURL: undefined, key: secret, algorithms: ['HS256'] }).get().set('authorization', `Bearer ${token}`).expect(200);
    });
  });

  describe('configuration', () => {
    const base = { issuer: ISSUER, audience: AUDIENCE, jwksURL: 'https://id.example.test/jwks' };
    for (const [what, options, message] of [
      ['alg none', { ...base, algorithms: ['RS256', 'none'] }, 'never accepts alg "none"'],
      ['HMAC with a JWKS', { ...base, algorithms: ['HS256'] }, 'only with a shared-secret key'],
      ['no issuer', { ...base, issuer: '' }, 'requires an issuer'],
      ['no audience', { ...base, audience: [] }, 'requires an audience'],
      ['two key sources', { ...base, jwks: { keys: [] } }, 'exactly one of jwksURL, jwks or key'],
      ['a relative jwksURL', { ...base, jwksURL: '/jwks' }, 'absolute URL'],
    ] as const) {
      it(`refuses ${what}`, () => {
        expect(() => new JwtBearerStrategy(options as unknown as JwtBearerStrategyOptions)).to.throw(TypeError, message);
      });
    }

    it("is named 'jwt-bearer'", () => {
      expect(new JwtBearerStrategy(base).name).to.equal('jwt-bearer');
    });
  });
});
