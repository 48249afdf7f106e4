// Live interop: OpenIDConnectStrategy, configured by discovery, in a real Express app against
// panva's oidc-provider in-process on loopback. Nothing is replayed: discovery, the token
// request, the JWKS and UserInfo all reach the real server.
import type { VerifyCallback } from '@passport-kit/oauth2';
import { discover, OpenIDConnectStrategy, type FromIssuerOptions, type OpenIDConnectProfile } from '@passport-kit/oidc';
import { expect } from 'chai';
import { loginThroughProvider } from '@passport-kit/test-support/browserless-login';
import { appAgent, finishLogin, login, loginApp, startLogin, TEST_CALLBACK_URL } from '@passport-kit/test-support/oidc-login-app';
import { startOidcProvider, TEST_ACCOUNTS, type OidcProvider } from '@passport-kit/test-support/oidc-provider';
import { startRecordingProxy } from '@passport-kit/test-support/recording-proxy';

/** What the app's verify keeps: the profile and the id_token claims, never a token. */
interface LoggedIn {
  profile: OpenIDConnectProfile;
  claims: Record<string, unknown>;
}

function keepProfile(_accessToken: string, _refreshToken: string | undefined, params: Record<string, unknown>, profile: OpenIDConnectProfile, done: VerifyCallback): void {
  done(null, { profile, claims: params['id_token_claims'] });
}

describe('OpenIDConnectStrategy against oidc-provider (live)', function () {
  let op: OidcProvider;

  before(async () => {
    op = await startOidcProvider({ redirectURIs: [TEST_CALLBACK_URL] });
  });

  after(async () => {
    await op.close();
  });

  async function agentFor(options: FromIssuerOptions, app: { session?: boolean } = {}) {
    const strategy = await OpenIDConnectStrategy.fromIssuer(op.issuer, { callbackURL: TEST_CALLBACK_URL, scope: 'profile email', ...options }, keepProfile);
    return appAgent(loginApp(strategy, app));
  }

  it('discovers the provider: endpoints, JWKS, UserInfo, RFC 9207 support', async () => {
    const metadata = await discover(op.issuer);
    expect(metadata).to.deep.include({
      issuer: op.issuer,
      authorization_endpoint: op.authorizationURL,
      token_endpoint: op.tokenURL,
      userinfo_endpoint: op.userInfoURL,
      jwks_uri: `${op.issuer}/jwks`,
      authorization_response_iss_parameter_supported: true,
    });
  });

  it('logs in with a nonce, a verified id_token and UserInfo merged into the profile', async () => {
    const { authorization, callback, outcome } = await login(await agentFor(op.clients.secretPost), { account: 'alice' });
    expect(authorization.searchParams.get('scope')).to.equal('openid profile email');
    expect(callback.searchParams.get('iss')).to.equal(op.issuer);
    expect(outcome.status).to.equal(200);
    const { profile, claims } = outcome.user as unknown as LoggedIn;
    expect(claims).to.include({ iss: op.issuer, sub: 'alice', aud: op.clients.secretPost.clientID, nonce: authorization.searchParams.get('nonce') });
    expect(claims['at_hash']).to.be.a('string');
    expect(profile).to.deep.include({
      provider: 'openidconnect',
      id: 'alice',
      issuer: op.issuer,
      displayName: TEST_ACCOUNTS.alice.name,
      emails: [{ value: TEST_ACCOUNTS.alice.email, verified: true }],
      photos: [{ value: TEST_ACCOUNTS.alice.picture }],
    });
  });

  it('logs in with client_secret_basic, reporting an unverified email as such', async () => {
    const { outcome } = await login(await agentFor({ ...op.clients.secretBasic, clientAuthentication: 'client_secret_basic' }), { account: 'bob' });
    expect(outcome.status).to.equal(200);
    expect((outcome.user as unknown as LoggedIn).profile.emails).to.deep.equal([{ value: TEST_ACCOUNTS.bob.email, verified: false }]);
  });

  it('logs in as a public client with PKCE', async () => {
    const { outcome } = await login(await agentFor({ clientID: op.clients.public.clientID, clientAuthentication: 'none' }));
    expect(outcome.status).to.equal(200);
  });

  it('logs in through an app without sessions, the nonce kept in the encrypted state cookie', async () => {
    const { outcome } = await login(await agentFor(op.clients.secretPost, { session: false }), { account: 'carol' });
    expect(outcome.status).to.equal(200);
    expect((outcome.user as unknown as LoggedIn).profile.id).to.equal('carol');
  });

  it('fetches the JWKS once for several logins', async () => {
    const proxy = await startRecordingProxy(op.issuer);
    try {
      const strategy = await OpenIDConnectStrategy.fromIssuer(
        op.issuer,
        { ...op.clients.secretPost, callbackURL: TEST_CALLBACK_URL, jwksURL: `${proxy.url}/jwks` },
        keepProfile,
      );
      for (const account of ['alice', 'bob', 'carol']) {
        expect((await login(appAgent(loginApp(strategy)), { account })).outcome.status).to.equal(200);
      }
      expect(proxy.definitions().map((def) => `${def.method} ${def.path}`)).to.deep.equal(['GET /jwks']);
    } finally {
      await proxy.close();
    }
  });

  it('refuses an id_token whose nonce belongs to another login', async () => {
    // PKCE off: otherwise the provider itself refuses the code for the other login's verifier.
    const agent = await agentFor({ ...op.clients.secretPost, pkce: false });
    const first = await startLogin(agent);
    const second = await startLogin(agent);
    const callback = new URL(await loginThroughProvider(first.href));
    callback.searchParams.set('state', second.searchParams.get('state') ?? '');
    const outcome = await finishLogin(agent, callback);
    expect(outcome.status).to.equal(500);
    expect(outcome.error).to.deep.include({ name: 'IdTokenError', code: 'ERR_ID_TOKEN_NONCE' });
  });

  it('refuses an id_token signed with an algorithm the client does not accept', async () => {
    const agent = await agentFor({ ...op.clients.secretPost, idTokenSigningAlgValuesSupported: ['RS256', 'ES256'], idTokenSigningAlgorithms: ['ES256'] });
    const { outcome } = await login(agent);
    expect(outcome.error).to.deep.include({ name: 'IdTokenError', code: 'ERR_ID_TOKEN_ALGORITHM' });
  });

  it('refuses to be configured when no accepted algorithm is one the provider signs with', async () => {
    try {
      await agentFor({ ...op.clients.secretPost, idTokenSigningAlgorithms: ['ES256'] });
      expect.fail('expected fromIssuer to reject');
    } catch (err) {
      expect(err).to.be.instanceOf(TypeError);
      expect((err as Error).message).to.match(/supports RS256/);
    }
  });
});
