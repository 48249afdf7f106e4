// The oauth2 recordings replay through a real Express app and OAuth2Strategy with no server
// running: checks the recorder's output and replayRecording() together.
import { expect } from 'chai';
import nock from 'nock';
import { appAgent, finishLogin, loginApp, oidcStrategy, startLogin, type AppAgent } from '../src/oidc-login-app.js';
import { loadRecording, pkceVerifierFor, replayRecording } from '../src/recordings.js';

type OAuth2Context = {
  authorizationURL: string;
  tokenURL: string;
  issuer: string;
  clientID: string;
  clientSecret?: string;
  clientAuthentication: 'client_secret_post' | 'client_secret_basic' | 'none';
  pkce: 'S256' | 'off';
  scope: string;
  callbackURL: string;
  code: string;
};

function appFor(path: string): { agent: AppAgent; context: OAuth2Context } {
  const { context } = loadRecording<OAuth2Context>(path);
  const strategy = oidcStrategy({
    authorizationURL: context.authorizationURL,
    tokenURL: context.tokenURL,
    issuer: context.issuer,
    clientID: context.clientID,
    clientSecret: context.clientSecret,
    clientAuthentication: context.clientAuthentication,
    pkce: context.pkce === 'off' ? false : 'S256',
    scope: context.scope,
    callbackURL: context.callbackURL,
  });
  return { agent: appAgent(loginApp(strategy)), context };
}

async function replayLogin(path: string) {
  const { agent, context } = appFor(path);
  const authorization = await startLogin(agent);
  replayRecording(path, context.pkce === 'off' ? {} : { matchBody: pkceVerifierFor(authorization.searchParams.get('code_challenge')) });
  const callback = new URL(context.callbackURL);
  callback.search = new URLSearchParams({ code: context.code, state: authorization.searchParams.get('state') ?? '', iss: context.issuer }).toString();
  return finishLogin(agent, callback);
}

describe('oauth2 recordings, replayed', () => {
  for (const handshake of ['client-secret-post', 'client-secret-basic', 'public-client-pkce']) {
    it(`logs in from the ${handshake} recording`, async () => {
      const outcome = await replayLogin(`oauth2/${handshake}`);
      expect(outcome.status).to.equal(200);
      expect(outcome.user).to.deep.include({ tokenType: 'Bearer', scope: 'openid profile email', expiresIn: 3600 });
    });
  }

  it('reports TokenError invalid_grant from the invalid-grant recording', async () => {
    const outcome = await replayLogin('oauth2/invalid-grant');
    expect(outcome.error).to.deep.include({ name: 'TokenError', code: 'invalid_grant' });
  });

  it('reports TokenError invalid_client from the invalid-client recording', async () => {
    const outcome = await replayLogin('oauth2/invalid-client');
    expect(outcome.error).to.deep.include({ name: 'TokenError', code: 'invalid_client' });
  });

  it('refuses a token request whose verifier does not match the challenge sent', async () => {
    const path = 'oauth2/public-client-pkce';
    const { agent, context } = appFor(path);
    const authorization = await startLogin(agent);
    const elsewhere = new URL(authorization);
    elsewhere.searchParams.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    replayRecording(path, { matchBody: pkceVerifierFor(elsewhere.searchParams.get('code_challenge')) });
    const callback = new URL(context.callbackURL);
    callback.search = new URLSearchParams({ code: context.code, state: authorization.searchParams.get('state') ?? '' }).toString();
    const outcome = await finishLogin(agent, callback);
    expect(outcome.status).to.equal(500);
    expect(outcome.user).to.equal(undefined);
    // nock answered 501 for the unmatched request; the definition stays pending.
    expect(nock.pendingMocks()).to.have.length(1);
    nock.cleanAll();
  });
});
