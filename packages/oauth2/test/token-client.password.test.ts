// TokenClient.password (RFC 6749 §4.3), live against panva's oidc-provider in-process, which
// has the grant registered by packages/test-support/src/oidc-provider.ts (it is not built in), and replayed
// from the recordings scripts/recorders/oauth2.ts made against the same server.
import { expect } from 'chai';
import { TokenClient, TokenError, type TokenClientOptions } from '@passport-kit/oauth2';
import { TEST_CALLBACK_URL } from '@passport-kit/test-support/oidc-login-app';
import { TEST_GRANT_CLIENTS, TEST_PASSWORD, startOidcProvider, type OidcProvider } from '@passport-kit/test-support/oidc-provider';
import { replayRecording } from '@passport-kit/test-support/recordings';
import { rejection, expectNoSecrets } from './support/assertions.js';

describe('TokenClient password grant (RFC 6749 §4.3)', () => {
  describe('against oidc-provider with the grant registered (live)', () => {
    let op: OidcProvider;

    before(async () => {
      op = await startOidcProvider({ redirectURIs: [TEST_CALLBACK_URL] });
    });

    after(async () => {
      await op.close();
    });

    function client(options: Omit<TokenClientOptions, 'tokenURL'>) {
      return new TokenClient({ tokenURL: op.tokenURL, introspectionURL: op.introspectionURL, ...options });
    }
    const legacy = () => client({ ...TEST_GRANT_CLIENTS.legacy, clientAuthentication: 'client_secret_post' });

    it('trades alice\'s username and password for an access token with the scope asked, which introspects as alice', async () => {
      const tokens = legacy();
      const issued = await tokens.password({ username: 'alice', password: TEST_PASSWORD, scope: ['openid', 'profile'] });
      expect(issued).to.include({ tokenType: 'Bearer', expiresIn: 3600, scope: 'openid profile', refreshToken: undefined });

      const info = await tokens.introspect(issued.accessToken, { tokenTypeHint: 'access_token' });
      expect(info).to.include({ active: true, sub: 'alice', client_id: TEST_GRANT_CLIENTS.legacy.clientID, scope: 'openid profile' });
    });

    it('gets a refresh token with offline_access, which then refreshes (not rotated for a confidential client)', async () => {
      const tokens = legacy();
      const issued = await tokens.password({ username: 'bob', password: TEST_PASSWORD, scope: 'openid offline_access' });
      expect(issued.refreshToken).to.be.a('string');

      const refreshed = await tokens.refresh(issued.refreshToken ?? '');
      expect(refreshed).to.include({ rotated: false, refreshToken: issued.refreshToken, tokenType: 'Bearer' });
      expect(await tokens.introspect(refreshed.accessToken)).to.include({ active: true, sub: 'bob' });
    });

    it('is refused with invalid_grant for a wrong password, and the error does not carry the password or the client secret', async () => {
      const err = await rejection(legacy().password({ username: 'alice', password: 'hunter2-not-alices-password' }));
      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_grant' });
      expectNoSecrets(err, ['hunter2-not-alices-password', TEST_GRANT_CLIENTS.legacy.clientSecret]);
    });

    it('is refused with invalid_grant for an unknown user, with the right password', async () => {
      const err = await rejection(legacy().password({ username: 'mallory', password: TEST_PASSWORD }));
      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_grant' });
    });

    it('surfaces a scope the provider does not know as invalid_scope', async () => {
      const err = await rejection(legacy().password({ username: 'alice', password: TEST_PASSWORD, scope: 'openid admin' }));
      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_scope' });
    });

    it('surfaces a wrong client secret as invalid_client, before the password is looked at', async () => {
      const tokens = client({ clientID: TEST_GRANT_CLIENTS.legacy.clientID, clientSecret: 'not-the-legacy-secret', clientAuthentication: 'client_secret_post' });
      const err = await rejection(tokens.password({ username: 'alice', password: TEST_PASSWORD }));
      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_client' });
    });

    it('is refused for a client not registered for the grant (oidc-provider answers invalid_request)', async () => {
      const machine = client({ ...TEST_GRANT_CLIENTS.machine, clientAuthentication: 'client_secret_basic' });
      const err = await rejection(machine.password({ username: 'alice', password: TEST_PASSWORD }));
      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_request' });
    });
  });

  describe('replaying oidc-provider recordings', () => {
    type PasswordContext = Record<string, string> & { tokenURL: string; clientID: string; clientSecret: string; username: string; password: string; scope: string };
    const legacyFor = (context: PasswordContext) =>
      new TokenClient({ tokenURL: context.tokenURL, clientID: context.clientID, clientSecret: context.clientSecret, clientAuthentication: 'client_secret_post' });

    it('password: sends the username, password, scope and client_secret_post credentials the provider accepted, and reads its tokens', async () => {
      const recording = replayRecording<PasswordContext>('oauth2/password');
      const { context } = recording;
      const recorded = recording.definitions[0]?.response as Record<string, unknown>;

      const issued = await legacyFor(context).password({ username: context.username, password: context.password, scope: context.scope });
      expect(issued).to.include({
        accessToken: recorded['access_token'],
        refreshToken: recorded['refresh_token'],
        tokenType: 'Bearer',
        expiresIn: 3600,
        scope: 'openid profile offline_access',
      });
    });

    it('password-invalid-grant: a wrong password is an invalid_grant TokenError without the password in it', async () => {
      const { context } = replayRecording<PasswordContext>('oauth2/password-invalid-grant');

      const err = await rejection(legacyFor(context).password({ username: context.username, password: context.password, scope: context.scope }));
      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_grant' });
      expectNoSecrets(err, [context.password, context.clientSecret]);
    });
  });
});
