// Full logins through a real Express app, the provider's side replayed from exchanges recorded
// against oidc-provider (scripts/recorders/oauth2.ts). Every recorded request must be made.
import { expect } from 'chai';
import { OAuth2Strategy, type ClientAuthenticationMethod, type VerifyCallback } from '@passport-kit/oauth2';
import { replayRecording, loadRecording, pkceVerifierFor } from '@passport-kit/test-support/recordings';
import { Browser, loginApp } from '@passport-kit/test-support/login-app';

interface OAuth2Context extends Record<string, string> {
  authorizationURL: string;
  tokenURL: string;
  callbackURL: string;
  clientID: string;
  clientAuthentication: ClientAuthenticationMethod;
  code: string;
  issuer: string;
  pkce: string;
  scope: string;
}

function strategyFor(context: OAuth2Context & { clientSecret?: string }) {
  return new OAuth2Strategy(
    {
      authorizationURL: context.authorizationURL,
      tokenURL: context.tokenURL,
      clientID: context.clientID,
      clientSecret: context.clientSecret,
      clientAuthentication: context.clientAuthentication,
      callbackURL: context.callbackURL,
      scope: context.scope,
      issuer: context.issuer,
      pkce: context.pkce === 'off' ? false : 'S256',
    },
    (accessToken: string, refreshToken: string | undefined, params: Record<string, unknown>, _profile: unknown, done: VerifyCallback) =>
      done(null, { accessToken, refreshToken, params }),
  );
}

async function logIn(fixture: string) {
  const { context } = loadRecording<OAuth2Context>(fixture);
  const browser = new Browser(loginApp(strategyFor(context)));
  const login = await browser.startLogin();
  const recording = replayRecording<OAuth2Context>(
    fixture,
    // Without PKCE the recorded body must match exactly, so a stray verifier is refused too.
    context.pkce === 'off' ? {} : { matchBody: pkceVerifierFor(login.get('code_challenge')) },
  );
  const outcome = await browser.callback({ code: context.code, state: login.get('state')!, iss: context.issuer });
  return { context, login, outcome, recorded: recording.definitions[0]!.response as Record<string, unknown> };
}

describe('OAuth2Strategy against oidc-provider (recorded)', () => {
  for (const [fixture, method] of [
    ['oauth2/client-secret-post', 'client_secret_post'],
    ['oauth2/client-secret-basic', 'client_secret_basic'],
    ['oauth2/public-client-pkce', 'none'],
  ] as const) {
    describe(`a login with ${method} client authentication`, () => {
      it('sends the user to the authorization endpoint with the client, scope, state and S256 challenge', async () => {
        const { context } = loadRecording<OAuth2Context>(fixture);
        const login = await new Browser(loginApp(strategyFor(context))).startLogin();
        expect(`${login.url.origin}${login.url.pathname}`).to.equal(context.authorizationURL);
        expect(login.get('client_id')).to.equal(context.clientID);
        expect(login.get('scope')).to.equal(context.scope);
        expect(login.get('redirect_uri')).to.equal(context.callbackURL);
        expect(login.get('code_challenge_method')).to.equal('S256');
      });

      it('redeems the code the way the server accepted it and hands the tokens to verify', async () => {
        const { outcome, recorded } = await logIn(fixture);
        expect(outcome.status).to.equal(200);
        const user = outcome.user as { accessToken: string; params: Record<string, unknown> };
        expect(user.accessToken).to.equal(recorded['access_token']);
        expect(user.params).to.deep.equal(recorded);
      });
    });
  }

  it('turns the server’s invalid_grant for a used code into a TokenError', async () => {
    const { outcome } = await logIn('oauth2/invalid-grant');
    expect(outcome.status).to.equal(500);
    expect(outcome.error).to.include({ name: 'TokenError', code: 'invalid_grant' });
  });

  it('turns the server’s invalid_client for a wrong secret into a TokenError, without the secret', async () => {
    const { outcome, context } = await logIn('oauth2/invalid-client');
    expect(outcome.error).to.include({ name: 'TokenError', code: 'invalid_client' });
    expect(JSON.stringify(outcome)).to.not.include((context as { clientSecret?: string }).clientSecret);
  });
});
