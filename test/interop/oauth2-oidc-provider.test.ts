// Live interop: OAuth2Strategy in a real Express app against panva's oidc-provider, in-process
// on loopback. Nothing here is replayed: every token request reaches the real server.
import { createHash } from 'node:crypto';
import type { OAuth2StrategyOptions } from '@passport-kit/oauth2';
import { expect } from 'chai';
import { startOidcProvider, type OidcProvider } from '@passport-kit/test-support/oidc-provider';
import { appAgent, finishLogin, login, loginApp, oidcStrategy, startLogin, TEST_CALLBACK_URL } from '@passport-kit/test-support/oidc-login-app';
import { loginThroughProvider } from '@passport-kit/test-support/browserless-login';
import { startRecordingProxy, type RecordingProxy } from '@passport-kit/test-support/recording-proxy';

describe('OAuth2Strategy against oidc-provider (live)', function () {
  let op: OidcProvider;

  before(async () => {
    op = await startOidcProvider({ redirectURIs: [TEST_CALLBACK_URL] });
  });

  after(async () => {
    await op.close();
  });

  function agentFor(options: Partial<OAuth2StrategyOptions> & Pick<OAuth2StrategyOptions, 'clientID'>) {
    const strategy = oidcStrategy({ authorizationURL: op.authorizationURL, tokenURL: op.tokenURL, issuer: op.issuer, ...options });
    return appAgent(loginApp(strategy));
  }

  describe('issuing the authorization request', () => {
    it('redirects to the authorization endpoint with state and an S256 code challenge', async () => {
      const authorization = await startLogin(agentFor(op.clients.secretPost));
      expect(authorization.origin + authorization.pathname).to.equal(op.authorizationURL);
      expect(authorization.searchParams.get('client_id')).to.equal(op.clients.secretPost.clientID);
      expect(authorization.searchParams.get('redirect_uri')).to.equal(TEST_CALLBACK_URL);
      expect(authorization.searchParams.get('state')).to.match(/^[\w-]{20,}$/);
      expect(authorization.searchParams.get('code_challenge')).to.match(/^[\w-]{43}$/);
      expect(authorization.searchParams.get('code_challenge_method')).to.equal('S256');
    });
  });

  describe('completing a login', () => {
    it('logs in with client_secret_post', async () => {
      const { callback, outcome } = await login(agentFor(op.clients.secretPost), { account: 'alice' });
      expect(callback.searchParams.get('iss')).to.equal(op.issuer);
      expect(outcome.status).to.equal(200);
      expect(outcome.user).to.deep.include({ tokenType: 'Bearer', expiresIn: 3600, hasRefreshToken: false });
      expect(String(outcome.user?.scope).split(' ')).to.include.members(['openid', 'profile', 'email']);
    });

    it('logs in with client_secret_basic', async () => {
      const { outcome } = await login(agentFor({ ...op.clients.secretBasic, clientAuthentication: 'client_secret_basic' }));
      expect(outcome.status).to.equal(200);
      expect(outcome.user).to.deep.include({ tokenType: 'Bearer' });
    });

    it('logs in as a public client, proving PKCE with the verifier of the challenge it sent', async () => {
      const proxy: RecordingProxy = await startRecordingProxy(op.issuer);
      try {
        const agent = agentFor({ clientID: op.clients.public.clientID, clientAuthentication: 'none', tokenURL: `${proxy.url}/token` });
        const { authorization, outcome } = await login(agent);
        expect(outcome.status).to.equal(200);
        const [tokenRequest] = proxy.definitions();
        const sent = new URLSearchParams(String(tokenRequest?.body));
        expect(sent.get('client_secret')).to.equal(null);
        expect(sent.get('client_id')).to.equal(op.clients.public.clientID);
        expect(createHash('sha256').update(sent.get('code_verifier') ?? '').digest('base64url')).to.equal(authorization.searchParams.get('code_challenge'));
      } finally {
        await proxy.close();
      }
    });

    it('logs in through an app without sessions, keeping state and PKCE in the encrypted cookie', async () => {
      const strategy = oidcStrategy({ authorizationURL: op.authorizationURL, tokenURL: op.tokenURL, issuer: op.issuer, ...op.clients.secretPost });
      const agent = appAgent(loginApp(strategy, { session: false }));
      const { authorization, outcome } = await login(agent, { account: 'bob' });
      expect(authorization.searchParams.get('code_challenge')).to.match(/^[\w-]{43}$/);
      expect(outcome.status).to.equal(200);
    });

    it('completes a login started in one tab after another tab started its own', async () => {
      // The second tab's redirect must not overwrite the first one's state and verifier. (Only
      // one of them can finish: passport 0.7 regenerates the session on logIn.)
      const agent = agentFor(op.clients.secretPost);
      const first = await startLogin(agent);
      const second = await startLogin(agent);
      expect(second.searchParams.get('state')).not.to.equal(first.searchParams.get('state'));
      const callback = new URL(await loginThroughProvider(first.href, { account: 'alice' }));
      expect((await finishLogin(agent, callback)).status).to.equal(200);
    });
  });

  describe('refusing a callback', () => {
    it('fails when the state was tampered with, before any token request', async () => {
      const proxy = await startRecordingProxy(op.issuer);
      try {
        const agent = agentFor({ ...op.clients.secretPost, tokenURL: `${proxy.url}/token` });
        const authorization = await startLogin(agent);
        const callback = new URL(await loginThroughProvider(authorization.href));
        callback.searchParams.set('state', 'forged-state-value-0123456789');
        const outcome = await finishLogin(agent, callback);
        expect(outcome.status).to.equal(403);
        expect(outcome.failure?.message).to.equal('Invalid authorization request state.');
        expect(proxy.definitions()).to.deep.equal([]);
      } finally {
        await proxy.close();
      }
    });

    it('fails a replayed callback: state is single-use', async () => {
      const agent = agentFor(op.clients.secretPost);
      const { callback, outcome } = await login(agent);
      expect(outcome.status).to.equal(200);
      const replayed = await finishLogin(agent, callback);
      expect(replayed.status).to.equal(403);
    });

    it('fails when the callback names another issuer (RFC 9207)', async () => {
      const { outcome } = await login(agentFor({ ...op.clients.secretPost, issuer: 'http://127.0.0.1:1/other-issuer' }));
      expect(outcome.status).to.equal(403);
      expect(outcome.failure?.message).to.equal('Authorization response is from an unexpected issuer.');
    });

    it('fails, without an error, when the user denies consent', async () => {
      const { callback, outcome } = await login(agentFor(op.clients.secretPost), { consent: 'deny' });
      expect(callback.searchParams.get('error')).to.equal('access_denied');
      expect(outcome.status).to.equal(401);
      expect(outcome.failure?.message).to.equal('End-User denied the request');
      expect(outcome.error).to.equal(undefined);
    });
  });

  describe('exchanging the code', () => {
    it('reports a reused code as TokenError invalid_grant', async () => {
      // PKCE off: each login has its own verifier, so only without PKCE does the provider get as
      // far as noticing the code was already used.
      const agent = agentFor({ ...op.clients.secretPost, pkce: false });
      const first = await login(agent);
      expect(first.outcome.status).to.equal(200);
      const fresh = await startLogin(agent);
      const reused = new URL(first.callback);
      reused.searchParams.set('state', fresh.searchParams.get('state') ?? '');
      const refusals: unknown[] = [];
      const listener = (_ctx: unknown, err: unknown) => refusals.push((err as { error_detail?: string }).error_detail);
      op.provider.on('grant.error', listener);
      const outcome = await finishLogin(agent, reused);
      op.provider.off('grant.error', listener);
      expect(outcome.error).to.deep.include({ name: 'TokenError', code: 'invalid_grant' });
      expect(refusals).to.deep.equal(['authorization code already consumed']);
    });

    it('reports a wrong client secret as TokenError invalid_client, without the secret', async () => {
      const wrongSecret = 'not-the-registered-secret-4242';
      const { outcome } = await login(agentFor({ clientID: op.clients.secretPost.clientID, clientSecret: wrongSecret }));
      expect(outcome.error).to.deep.include({ name: 'TokenError', code: 'invalid_client' });
      expect(outcome.error?.message).not.to.include(wrongSecret);
    });
  });
});
