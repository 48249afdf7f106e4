import { createSecretKey, generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import { decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import nock from 'nock';
import { TokenClient, type TokenClientOptions } from '@passport-kit/oauth2';
import { JWT_BEARER_ASSERTION_TYPE } from '../src/client-assertion.js';

const PROVIDER = 'http://127.0.0.1:4997';
const TOKEN_URL = `${PROVIDER}/oauth/token`;
const CLIENT_SECRET = 'assertion-secret-with-at-least-32-bytes!!';

/** A token endpoint that keeps the form bodies it received. */
function tokenEndpoint(times = 1) {
  const bodies: URLSearchParams[] = [];
  const scope = nock(PROVIDER).post(/.*/).times(times).reply(200, { access_token: 'at', token_type: 'Bearer' });
  scope.on('request', (_req: Request, _interceptor: unknown, body: string) => bodies.push(new URLSearchParams(body)));
  return bodies;
}

function client(options: Partial<TokenClientOptions>) {
  return new TokenClient({ tokenURL: TOKEN_URL, revocationURL: `${PROVIDER}/oauth/revoke`, clientID: 'client-jwt', ...options });
}

describe('TokenClient client authentication with JWT assertions (RFC 7523)', () => {
  describe('private_key_jwt', () => {
    it('sends a client_assertion signed with the private key: iss = sub = client_id, aud = token endpoint, jti, short exp', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256');
      const bodies = tokenEndpoint();
      const before = Math.floor(Date.now() / 1000);
      await client({ clientAuthentication: 'private_key_jwt', clientAssertion: { key: privateKey, alg: 'ES256', kid: 'key-1' } }).clientCredentials();

      const body = bodies[0] ?? new URLSearchParams();
      expect(body.get('client_assertion_type')).to.equal(JWT_BEARER_ASSERTION_TYPE);
      expect(body.get('client_id')).to.equal('client-jwt');
      expect(body.has('client_secret')).to.equal(false);
      const assertion = body.get('client_assertion') ?? '';
      const { payload, protectedHeader } = await jwtVerify(assertion, publicKey, { algorithms: ['ES256'], issuer: 'client-jwt', subject: 'client-jwt', audience: TOKEN_URL });
      expect(protectedHeader).to.include({ alg: 'ES256', kid: 'key-1' });
      expect(payload.jti).to.be.a('string').with.length.greaterThan(20);
      expect(payload.exp).to.be.within(before + 59, before + 61);
      expect(payload.iat).to.be.within(before, before + 1);
    });

    it('uses a fresh jti for every request', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const bodies = tokenEndpoint(2);
      const tokens = client({ clientAuthentication: 'private_key_jwt', clientAssertion: { key: privateKey } });
      await tokens.clientCredentials();
      await tokens.clientCredentials();

      const jtis = bodies.map((b) => JSON.parse(Buffer.from((b.get('client_assertion') ?? '').split('.')[1] ?? '', 'base64url').toString()).jti);
      expect(jtis[0]).to.be.a('string');
      expect(jtis[0]).not.to.equal(jtis[1]);
    });

    it('signs with a private JWK, taking alg and kid from it, and with a PKCS#8 PEM', async () => {
      const { privateKey, publicKey } = await generateKeyPair('PS256', { extractable: true });
      const jwk = { ...(await exportJWK(privateKey)), alg: 'PS256', kid: 'jwk-key' };
      const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const bodies = tokenEndpoint(2);
      await client({ clientAuthentication: 'private_key_jwt', clientAssertion: { key: jwk } }).clientCredentials();
      await client({ clientAuthentication: 'private_key_jwt', clientAssertion: { key: pem.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), alg: 'ES256' } }).clientCredentials();

      const [fromJWK, fromPEM] = bodies.map((b) => b.get('client_assertion') ?? '');
      expect(decodeProtectedHeader(fromJWK ?? '')).to.include({ alg: 'PS256', kid: 'jwk-key' });
      await jwtVerify(fromJWK ?? '', publicKey);
      await jwtVerify(fromPEM ?? '', pem.publicKey, { algorithms: ['ES256'] });
    });

    it('uses the configured audience (e.g. the issuer) for every endpoint, including revocation', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256');
      const bodies = tokenEndpoint();
      await client({ clientAuthentication: 'private_key_jwt', clientAssertion: { key: privateKey, alg: 'ES256', audience: PROVIDER } }).revoke('some-token');

      await jwtVerify(bodies[0]?.get('client_assertion') ?? '', publicKey, { audience: PROVIDER });
    });

    it('refuses to be configured without a key, or with an HMAC algorithm', async () => {
      expect(() => client({ clientAuthentication: 'private_key_jwt' })).to.throw(TypeError, 'private_key_jwt requires clientAssertion.key');
      const { privateKey } = await generateKeyPair('ES256');
      const tokens = client({ clientAuthentication: 'private_key_jwt', clientAssertion: { key: privateKey, alg: 'HS256' } });
      let error: unknown;
      await tokens.clientCredentials().catch((err: unknown) => (error = err));
      expect(error).to.be.instanceOf(TypeError).and.have.property('message').that.contains('private_key_jwt cannot sign with HS256');
    });
  });

  describe('client_secret_jwt', () => {
    it('signs with the client secret (HS256) and never sends the secret', async () => {
      const bodies = tokenEndpoint();
      await client({ clientAuthentication: 'client_secret_jwt', clientSecret: CLIENT_SECRET }).refresh('refresh-1');

      const body = bodies[0] ?? new URLSearchParams();
      expect(body.toString()).not.to.contain(encodeURIComponent(CLIENT_SECRET).slice(0, 16));
      expect(body.get('grant_type')).to.equal('refresh_token');
      const { protectedHeader } = await jwtVerify(body.get('client_assertion') ?? '', createSecretKey(Buffer.from(CLIENT_SECRET)), {
        issuer: 'client-jwt',
        subject: 'client-jwt',
        audience: TOKEN_URL,
      });
      expect(protectedHeader.alg).to.equal('HS256');
    });

    it('refuses an asymmetric algorithm and a missing secret', async () => {
      expect(() => client({ clientAuthentication: 'client_secret_jwt' })).to.throw(TypeError, 'client_secret_jwt requires clientSecret');
      let error: unknown;
      await client({ clientAuthentication: 'client_secret_jwt', clientSecret: CLIENT_SECRET, clientAssertion: { alg: 'RS256' } })
        .clientCredentials()
        .catch((err: unknown) => (error = err));
      expect(error).to.be.instanceOf(TypeError).and.have.property('message').that.contains('client_secret_jwt cannot sign with RS256');
    });
  });
});
