// TokenClient against panva's oidc-provider in-process on loopback: every request reaches the
// real server, which checks client authentication, rotation and revocation itself.
import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { OAuth2Strategy, TokenClient, TokenError, type TokenClientOptions } from '@passport-kit/oauth2';
import { TEST_CALLBACK_URL } from '@passport-kit/test-support/oidc-login-app';
import { TEST_API, TEST_GRANT_CLIENTS, startOidcProvider, testClientPrivateKey, type OidcProvider } from '@passport-kit/test-support/oidc-provider';
import { tokensByLogin } from '@passport-kit/test-support/token-login';
import { rejection } from './support/assertions.js';

describe('TokenClient against oidc-provider (live)', function () {
  let op: OidcProvider;

  before(async () => {
    op = await startOidcProvider({ redirectURIs: [TEST_CALLBACK_URL] });
  });

  after(async () => {
    await op.close();
  });

  function client(options: Omit<TokenClientOptions, 'tokenURL'>) {
    return new TokenClient({ tokenURL: op.tokenURL, revocationURL: op.revocationURL, introspectionURL: op.introspectionURL, ...options });
  }
  const publicClient = () => client({ clientID: op.clients.public.clientID, clientAuthentication: 'none' });
  const basicClient = () => client({ ...op.clients.secretBasic, clientAuthentication: 'client_secret_basic' });
  const machine = () => client({ ...TEST_GRANT_CLIENTS.machine, clientAuthentication: 'client_secret_basic' });

  describe('refreshing', () => {
    it('gets a rotated refresh token for a public client; the old one is then refused with invalid_grant', async () => {
      const tokens = publicClient();
      const login = await tokensByLogin(op, tokens, op.clients.public.clientID);
      expect(login.refreshToken).to.be.a('string');

      const refreshed = await tokens.refresh(login.refreshToken ?? '');
      expect(refreshed.rotated).to.equal(true);
      expect(refreshed.refreshToken).not.to.equal(login.refreshToken);
      expect(refreshed.accessToken).not.to.equal(login.accessToken);

      const err = await rejection(tokens.refresh(login.refreshToken ?? ''));
      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_grant' });
    });

    it('sends concurrent refreshes of one refresh token as one request, so the rotating provider keeps the grant alive', async () => {
      const tokens = publicClient();
      const login = await tokensByLogin(op, tokens, op.clients.public.clientID);

      const results = await Promise.all([1, 2, 3].map(() => tokens.refresh(login.refreshToken ?? '')));
      expect(new Set(results.map((r) => r.refreshToken)).size).to.equal(1);
      // Had the same refresh token reached the provider twice, it would have revoked the grant
      // (reuse detection): the rotated token would then be refused.
      const next = await tokens.refresh(results[0]?.refreshToken ?? '');
      expect(next.rotated).to.equal(true);
    });

    it('keeps the refresh token when a confidential client is not rotated', async () => {
      const tokens = basicClient();
      const login = await tokensByLogin(op, tokens, op.clients.secretBasic.clientID);

      const refreshed = await tokens.refresh(login.refreshToken ?? '');
      expect(refreshed).to.include({ rotated: false, refreshToken: login.refreshToken, tokenType: 'Bearer' });
    });

    it('works through strategy.tokens', async () => {
      const strategy = new OAuth2Strategy(
        { authorizationURL: op.authorizationURL, tokenURL: op.tokenURL, revocationURL: op.revocationURL, ...op.clients.secretPost },
        () => undefined,
      );
      const login = await tokensByLogin(op, strategy.tokens, op.clients.secretPost.clientID);

      expect((await strategy.tokens.refresh(login.refreshToken ?? '')).accessToken).to.be.a('string');
      await strategy.tokens.revoke(login.refreshToken ?? '', { tokenTypeHint: 'refresh_token' });
      expect(await rejection(strategy.tokens.refresh(login.refreshToken ?? ''))).to.include({ code: 'invalid_grant' });
    });
  });

  describe('revocation and introspection', () => {
    it('introspects an access token as active with its subject, client and scope', async () => {
      const tokens = basicClient();
      const login = await tokensByLogin(op, tokens, op.clients.secretBasic.clientID, { account: 'bob' });

      const info = await tokens.introspect(login.accessToken, { tokenTypeHint: 'access_token' });
      expect(info).to.include({ active: true, sub: 'bob', client_id: op.clients.secretBasic.clientID, token_type: 'Bearer' });
      expect(info.active && info.scope?.split(' ')).to.include('openid');
      expect(info.active && info.exp).to.be.greaterThan(Date.now() / 1000);
    });

    it('revokes a refresh token: introspection then says inactive and refreshing fails', async () => {
      const tokens = basicClient();
      const login = await tokensByLogin(op, tokens, op.clients.secretBasic.clientID);

      await tokens.revoke(login.refreshToken ?? '', { tokenTypeHint: 'refresh_token' });
      expect(await tokens.introspect(login.refreshToken ?? '')).to.deep.equal({ active: false });
      expect(await rejection(tokens.refresh(login.refreshToken ?? ''))).to.be.instanceOf(TokenError).and.include({ code: 'invalid_grant' });
    });

    it('revokes an access token', async () => {
      const tokens = basicClient();
      const login = await tokensByLogin(op, tokens, op.clients.secretBasic.clientID);

      await tokens.revoke(login.accessToken, { tokenTypeHint: 'access_token' });
      expect(await tokens.introspect(login.accessToken)).to.deep.equal({ active: false });
    });

    it('answers an unknown token as inactive', async () => {
      expect(await machine().introspect('not-a-token-the-provider-issued')).to.deep.equal({ active: false });
    });

    it('refuses a client with the wrong secret with invalid_client', async () => {
      const err = await rejection(client({ clientID: TEST_GRANT_CLIENTS.machine.clientID, clientSecret: 'wrong', clientAuthentication: 'client_secret_basic' }).introspect('x'));
      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_client' });
    });
  });

  describe('client credentials', () => {
    it('gets an access token for the client itself, which introspects as the client', async () => {
      const tokens = machine();
      const issued = await tokens.clientCredentials({ scope: 'todos:read' });
      expect(issued).to.include({ tokenType: 'Bearer', refreshToken: undefined });

      const info = await tokens.introspect(issued.accessToken);
      expect(info).to.include({ active: true, client_id: TEST_GRANT_CLIENTS.machine.clientID });
    });

    it('gets an RFC 9068 JWT access token for a resource indicator, verifiable with the provider JWKS', async () => {
      const issued = await machine().clientCredentials({ resource: TEST_API.resource, scope: 'todos:read' });

      expect(decodeProtectedHeader(issued.accessToken)).to.include({ typ: 'at+jwt', alg: 'RS256' });
      const { payload } = await jwtVerify(issued.accessToken, createRemoteJWKSet(new URL(op.jwksURL)), {
        issuer: op.issuer,
        audience: TEST_API.resource,
        typ: 'at+jwt',
      });
      expect(payload).to.include({ client_id: TEST_GRANT_CLIENTS.machine.clientID, scope: 'todos:read' });
    });

    it('authenticates with private_key_jwt', async () => {
      const tokens = client({
        clientID: TEST_GRANT_CLIENTS.privateKeyJwt.clientID,
        clientAuthentication: 'private_key_jwt',
        clientAssertion: { key: testClientPrivateKey().privateKey, alg: 'ES256', kid: 'client-key-1' },
      });

      expect((await tokens.clientCredentials({ scope: 'todos:read' })).accessToken).to.be.a('string');
      // The provider remembers each jti: a second call works only with a fresh assertion.
      expect((await tokens.clientCredentials({ scope: 'todos:read' })).accessToken).to.be.a('string');
    });

    it('is refused with invalid_client when the assertion is signed by another key', async () => {
      const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
      const tokens = client({
        clientID: TEST_GRANT_CLIENTS.privateKeyJwt.clientID,
        clientAuthentication: 'private_key_jwt',
        clientAssertion: { key: other, alg: 'ES256', kid: 'client-key-1' },
      });

      expect(await rejection(tokens.clientCredentials())).to.be.instanceOf(TokenError).and.include({ code: 'invalid_client' });
    });

    it('authenticates with client_secret_jwt, and is refused with the wrong secret', async () => {
      const { clientID, clientSecret } = TEST_GRANT_CLIENTS.clientSecretJwt;
      const good = client({ clientID, clientSecret, clientAuthentication: 'client_secret_jwt' });
      const bad = client({ clientID, clientSecret: `${clientSecret}-wrong`, clientAuthentication: 'client_secret_jwt' });

      expect((await good.clientCredentials()).accessToken).to.be.a('string');
      expect(await rejection(bad.clientCredentials())).to.be.instanceOf(TokenError).and.include({ code: 'invalid_client' });
    });

    it('surfaces an unknown resource as invalid_target', async () => {
      const err = await rejection(machine().clientCredentials({ resource: 'https://unknown.example/' }));
      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_target' });
    });
  });
});
