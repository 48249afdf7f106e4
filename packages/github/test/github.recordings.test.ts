import { expect } from 'chai';
import { GitHubStrategy, TokenError, type GitHubProfile } from '@passport-kit/github';
import { Browser, loginApp } from '@passport-kit/test-support/login-app';
import { loadRecording, replayRecording, pkceVerifierFor } from '@passport-kit/test-support/recordings';

// Recorded by scripts/recorders/github.ts against the @passport-kit/testing emulator.
interface Context extends Record<string, string> {
  clientID: string;
  clientSecret: string;
  callbackURL: string;
  /** The Enterprise-Server-style base URL every back-channel endpoint is derived from. */
  baseURL: string;
  authorizationURL: string;
  scope: string;
  user: string;
  /** What the authorize page sent back (code and iss), without the state. */
  callbackQuery: string;
}

function recordedResponse(handshake: string, path: string): unknown {
  return loadRecording(`github/${handshake}`).definitions.find((d) => d.path === path)?.response;
}

/** Logs in with the recorded strategy options; the back channel is answered from the recording. */
async function replayLogin(handshake: string) {
  const path = `github/${handshake}`;
  const { context } = loadRecording<Context>(path);
  const strategy = new GitHubStrategy(
    {
      clientID: context.clientID,
      clientSecret: context.clientSecret,
      callbackURL: context.callbackURL,
      baseURL: context.baseURL,
      authorizationURL: context.authorizationURL,
      scope: context.scope.split(','),
    },
    (accessToken, _refreshToken, profile, done) => done(null, { accessToken, profile }),
  );
  let error: unknown;
  const browser = new Browser(loginApp(strategy, { onError: (err) => (error = err) }));
  const authorization = await browser.startLogin();
  replayRecording<Context>(path, { matchBody: pkceVerifierFor(authorization.get('code_challenge')) });
  const outcome = await browser.callback({ ...Object.fromEntries(new URLSearchParams(context.callbackQuery)), state: authorization.get('state')! });
  return { outcome, error, authorization, context };
}

describe('GitHubStrategy, replaying emulator recordings', () => {
  it('logs in with the primary address from /user/emails, as passport-github2, and the iss the server sent (login-with-emails)', async () => {
    const { outcome, authorization, context } = await replayLogin('login-with-emails');
    expect(authorization.get('scope')).to.equal('user:email,read:org');
    expect(new URLSearchParams(context.callbackQuery).get('iss')).to.equal(`${context.baseURL}/login/oauth`);
    expect(outcome.status).to.equal(200);
    const user = recordedResponse('login-with-emails', '/github/api/v3/user') as Record<string, unknown>;
    const token = recordedResponse('login-with-emails', '/github/login/oauth/access_token') as { access_token: string };
    const { accessToken, profile } = outcome.user as { accessToken: string; profile: GitHubProfile };
    expect(accessToken).to.equal(token.access_token);
    expect(profile).to.deep.equal({
      provider: 'github',
      id: '1002',
      nodeId: user['node_id'],
      displayName: 'Grace Hopper',
      username: 'grace',
      profileUrl: user['html_url'],
      photos: [{ value: user['avatar_url'] }],
      emails: [{ value: 'grace@example.com', primary: true, verified: true }],
      _raw: JSON.stringify(user),
      _json: user,
    });
  });

  it('asks only /user without an email scope, keeping the public email (login-without-email-scope)', async () => {
    const { outcome } = await replayLogin('login-without-email-scope');
    expect(outcome.status).to.equal(200);
    expect((outcome.user as { profile: GitHubProfile }).profile.emails).to.deep.equal([{ value: 'grace@example.com' }]);
  });

  it('errors with TokenError bad_verification_code from an HTTP 200 answer (bad-verification-code)', async () => {
    const { outcome, error } = await replayLogin('bad-verification-code');
    expect(error).to.be.instanceOf(TokenError);
    expect(outcome.error).to.deep.include({ name: 'TokenError', code: 'bad_verification_code', message: 'The code passed is incorrect or expired.' });
    expect(outcome).not.to.have.property('user');
  });

  it('errors with TokenError incorrect_client_credentials from an HTTP 200 answer (incorrect-client-credentials)', async () => {
    const { outcome, error } = await replayLogin('incorrect-client-credentials');
    expect(error).to.be.instanceOf(TokenError);
    expect(outcome.error).to.deep.include({ name: 'TokenError', code: 'incorrect_client_credentials' });
    expect(outcome.error?.message).not.to.include('not-the-registered-secret');
  });
});
