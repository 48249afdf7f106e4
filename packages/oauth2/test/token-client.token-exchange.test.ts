// TokenClient.exchangeToken (RFC 8693), live against panva's oidc-provider in-process, which has
// the grant registered by packages/test-support/src/oidc-provider.ts (it is not built in), and replayed from
// the recordings scripts/recorders/oauth2.ts made against the same server. The scenario: alice
// logs in to one client; a backend service trades her access token for one of its own.
import { expect } from 'chai';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { TOKEN_TYPES, TokenClient, TokenError, type TokenClientOptions } from '@passport-kit/oauth2';
import { TEST_CALLBACK_URL } from '@passport-kit/test-support/oidc-login-app';
import {
  TEST_API,
  TEST_EXCHANGE_AUDIENCE,
  TEST_GRANT_CLIENTS,
  TEST_PASSWORD,
  startOidcProvider,
  type OidcProvider,
} from '@passport-kit/test-support/oidc-provider';
import { replayRecording } from '@passport-kit/test-support/recordings';
import { tokensByLogin } from '@passport-kit/test-support/token-login';
import { rejection } from './support/assertions.js';

describe('TokenClient token exchange (RFC 8693)', () => {
  describe('against oidc-provider with the grant registered (live)', () => {
    let op: OidcProvider;
    // alice's access token from a login to the client_secret_post client, scope `openid profile`.
    let subjectToken: string;

    before(async () => {
      op = await startOidcProvider({ redirectURIs: [TEST_CALLBACK_URL] });
      const login = await tokensByLogin(op, client({ ...op.clients.secretPost }), op.clients.secretPost.clientID, { scope: 'openid profile' });
      subjectToken = login.accessToken;
    });

    after(async () => {
      await op.close();
    });

    function client(options: Omit<TokenClientOptions, 'tokenURL'>) {
      return new TokenClient({ tokenURL: op.tokenURL, revocationURL: op.revocationURL, introspectionURL: op.introspectionURL, ...options });
    }
    const service = () => client({ ...TEST_GRANT_CLIENTS.exchange, clientAuthentication: 'client_secret_basic' });
    const ofAlice = () => ({ subjectToken, subjectTokenType: TOKEN_TYPES.accessToken });

    it('trades the user\'s access token for one issued to the service, for the same user and scopes', async () => {
      const tokens = service();
      const exchanged = await tokens.exchangeToken({ ...ofAlice() });
      expect(exchanged).to.include({ issuedTokenType: TOKEN_TYPES.accessToken, tokenType: 'Bearer', expiresIn: 3600, scope: 'openid profile' });
      expect(exchanged.accessToken).not.to.equal(subjectToken);

      const info = await tokens.introspect(exchanged.accessToken, { tokenTypeHint: 'access_token' });
      expect(info).to.include({ active: true, sub: 'alice', client_id: TEST_GRANT_CLIENTS.exchange.clientID, scope: 'openid profile' });
    });

    it('narrows the scope and addresses the token to the audience asked for', async () => {
      const tokens = service();
      const exchanged = await tokens.exchangeToken({ ...ofAlice(), audience: TEST_EXCHANGE_AUDIENCE, scope: ['openid'] });
      expect(exchanged).to.include({ scope: 'openid', issuedTokenType: TOKEN_TYPES.accessToken });

      expect(await tokens.introspect(exchanged.accessToken)).to.include({ active: true, sub: 'alice', aud: TEST_EXCHANGE_AUDIENCE, scope: 'openid' });
    });

    it('gets an RFC 9068 JWT access token for a resource indicator, verifiable with the provider JWKS', async () => {
      const exchanged = await service().exchangeToken({ ...ofAlice(), resource: TEST_API.resource, scope: 'todos:read' });

      expect(decodeProtectedHeader(exchanged.accessToken)).to.include({ typ: 'at+jwt' });
      const { payload } = await jwtVerify(exchanged.accessToken, createRemoteJWKSet(new URL(op.jwksURL)), { issuer: op.issuer, audience: TEST_API.resource, typ: 'at+jwt' });
      expect(payload).to.include({ sub: 'alice', client_id: TEST_GRANT_CLIENTS.exchange.clientID, scope: 'todos:read' });
    });

    it('gets an ID token when asked for one, with token_type N_A (§2.2.1)', async () => {
      const exchanged = await service().exchangeToken({ ...ofAlice(), requestedTokenType: TOKEN_TYPES.idToken });
      expect(exchanged).to.include({ issuedTokenType: TOKEN_TYPES.idToken, tokenType: 'N_A', refreshToken: undefined });

      const { payload } = await jwtVerify(exchanged.accessToken, createRemoteJWKSet(new URL(op.jwksURL)), { issuer: op.issuer, audience: TEST_GRANT_CLIENTS.exchange.clientID });
      expect(payload).to.include({ sub: 'alice', name: 'Alice Liddell' });
    });

    it('delegates: with an actor token, the new token names the actor in its act claim (§4.1)', async () => {
      const actor = await client({ ...TEST_GRANT_CLIENTS.legacy }).password({ username: 'bob', password: TEST_PASSWORD });
      const tokens = service();
      const exchanged = await tokens.exchangeToken({ ...ofAlice(), actorToken: actor.accessToken, actorTokenType: TOKEN_TYPES.accessToken });

      expect(await tokens.introspect(exchanged.accessToken)).to.deep.include({ active: true, sub: 'alice', act: { sub: 'bob' } });
    });

    describe('refusals', () => {
      it('a subject token type other than an access token is unsupported_token_type', async () => {
        const err = await rejection(service().exchangeToken({ ...ofAlice(), subjectTokenType: TOKEN_TYPES.idToken }));
        expect(err).to.be.instanceOf(TokenError).and.include({ code: 'unsupported_token_type' });
        expect(err.message).not.to.contain(subjectToken);
      });

      it('a subject token the provider did not issue is invalid_grant', async () => {
        const err = await rejection(service().exchangeToken({ subjectToken: 'not-a-token-the-provider-issued', subjectTokenType: TOKEN_TYPES.accessToken }));
        expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_grant' });
      });

      it('a revoked subject token is invalid_grant', async () => {
        const issued = await client({ ...TEST_GRANT_CLIENTS.legacy }).password({ username: 'alice', password: TEST_PASSWORD, scope: 'openid' });
        await client({ ...TEST_GRANT_CLIENTS.legacy }).revoke(issued.accessToken, { tokenTypeHint: 'access_token' });

        const err = await rejection(service().exchangeToken({ subjectToken: issued.accessToken, subjectTokenType: TOKEN_TYPES.accessToken }));
        expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_grant' });
      });

      it('a scope the subject token does not have is invalid_scope', async () => {
        const err = await rejection(service().exchangeToken({ ...ofAlice(), scope: 'openid email' }));
        expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_scope' });
      });

      it('an unknown audience, or two of them, is invalid_target', async () => {
        const unknown = await rejection(service().exchangeToken({ ...ofAlice(), audience: 'payroll-api' }));
        expect(unknown).to.be.instanceOf(TokenError).and.include({ code: 'invalid_target' });
        const two = await rejection(service().exchangeToken({ ...ofAlice(), audience: [TEST_EXCHANGE_AUDIENCE, 'payroll-api'] }));
        expect(two).to.be.instanceOf(TokenError).and.include({ code: 'invalid_target' });
      });

      it('an unknown resource is invalid_target', async () => {
        const err = await rejection(service().exchangeToken({ ...ofAlice(), resource: 'https://unknown.example/' }));
        expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_target' });
      });

      it('a requested token type the provider does not issue is invalid_request', async () => {
        const err = await rejection(service().exchangeToken({ ...ofAlice(), requestedTokenType: TOKEN_TYPES.refreshToken }));
        expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_request' });
      });

      it('a client not registered for the grant is refused (oidc-provider answers invalid_request)', async () => {
        const machine = client({ ...TEST_GRANT_CLIENTS.machine, clientAuthentication: 'client_secret_basic' });
        const err = await rejection(machine.exchangeToken({ ...ofAlice() }));
        expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_request' });
      });

      it('a wrong client secret is invalid_client', async () => {
        const tokens = client({ clientID: TEST_GRANT_CLIENTS.exchange.clientID, clientSecret: 'not-the-service-secret', clientAuthentication: 'client_secret_basic' });
        const err = await rejection(tokens.exchangeToken({ ...ofAlice() }));
        expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_client' });
      });
    });
  });

  describe('replaying oidc-provider recordings', () => {
    type ExchangeContext = Record<string, string> & {
      tokenURL: string;
      introspectionURL: string;
      clientID: string;
      clientSecret: string;
      subjectToken: string;
      subjectTokenType: string;
      audience: string;
      scope: string;
    };
    const serviceFor = (context: ExchangeContext) =>
      new TokenClient({
        tokenURL: context.tokenURL,
        introspectionURL: context.introspectionURL,
        clientID: context.clientID,
        clientSecret: context.clientSecret,
        clientAuthentication: 'client_secret_basic',
      });
    const grantOf = (context: ExchangeContext) => ({
      subjectToken: context.subjectToken,
      subjectTokenType: context.subjectTokenType,
      audience: context.audience,
      scope: context.scope,
    });

    it('token-exchange: sends the subject token, its type, audience and scope with client_secret_basic; the token it gets introspects as the user for that audience', async () => {
      const recording = replayRecording<ExchangeContext>('oauth2/token-exchange');
      const { context } = recording;
      const recorded = recording.definitions[0]?.response as Record<string, unknown>;
      const tokens = serviceFor(context);

      const exchanged = await tokens.exchangeToken(grantOf(context));
      expect(exchanged).to.include({ accessToken: recorded['access_token'], issuedTokenType: TOKEN_TYPES.accessToken, tokenType: 'Bearer', scope: 'openid' });
      const info = await tokens.introspect(exchanged.accessToken, { tokenTypeHint: 'access_token' });
      expect(info).to.include({ active: true, sub: 'alice', aud: context.audience, client_id: context.clientID });
    });

    it('token-exchange-unsupported-token-type: a subject token offered as an ID token is an unsupported_token_type TokenError', async () => {
      const { context } = replayRecording<ExchangeContext>('oauth2/token-exchange-unsupported-token-type');

      const err = await rejection(serviceFor(context).exchangeToken(grantOf(context)));
      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'unsupported_token_type' });
      expect(err.message).not.to.contain(context.subjectToken);
    });
  });
});
