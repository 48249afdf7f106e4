// Full X (OAuth 2.0) logins through a real Express app, X's side replayed from exchanges
// recorded against the emulator of @passport-kit/testing (scripts/recorders/twitter.ts). The
// token request must carry a verifier matching this login's S256 challenge.
import { expect } from 'chai';
import { XStrategy, type XProfile } from '@passport-kit/twitter';
import { loadRecording, replayRecording, pkceVerifierFor } from '@passport-kit/test-support/recordings';
import { Browser, loginApp } from '@passport-kit/test-support/login-app';

interface XContext extends Record<string, string> {
  clientID: string;
  clientSecret: string;
  callbackURL: string;
  tokenURL: string;
  userProfileURL: string;
  scope: string;
  code: string;
}

function strategyFor(context: XContext) {
  return new XStrategy(
    {
      clientID: context.clientID,
      ...(context.clientSecret ? { clientSecret: context.clientSecret } : {}),
      callbackURL: context.callbackURL,
      tokenURL: context.tokenURL,
      userProfileURL: context.userProfileURL,
      scope: context.scope.split(' '),
    },
    (accessToken, refreshToken, profile, done) => done(null, { accessToken, refreshToken, profile }),
  );
}

async function logIn(fixture: string) {
  const { context } = loadRecording<XContext>(fixture);
  const browser = new Browser(loginApp(strategyFor(context)));
  const login = (await browser.startLogin()).url;
  const recording = replayRecording<XContext>(fixture, { matchBody: pkceVerifierFor(login.searchParams.get('code_challenge')) });
  const outcome = await browser.callback({ code: context.code, state: login.searchParams.get('state')! });
  return { context, login, outcome, definitions: recording.definitions };
}

describe('XStrategy against the X emulator (recorded)', () => {
  describe('a confidential client', () => {
    it('sends the user to x.com with the scope, state and an S256 challenge', async () => {
      const { login, context } = await logIn('x/login-confidential');
      expect(`${login.origin}${login.pathname}`).to.equal('https://x.com/i/oauth2/authorize');
      expect(Object.fromEntries(login.searchParams)).to.include({
        response_type: 'code',
        client_id: 'x-client-id',
        redirect_uri: context.callbackURL,
        scope: 'users.read tweet.read offline.access',
        code_challenge_method: 'S256',
      });
      expect(login.searchParams.get('state')).to.be.a('string').and.not.equal('');
    });

    it('redeems the code with HTTP Basic, no secret in the body, and gets a refresh token with offline.access', async () => {
      const { outcome, definitions } = await logIn('x/login-confidential');
      expect(outcome.status).to.equal(200);
      const token = definitions[0]!;
      expect(token.reqheaders?.['authorization']).to.equal(`Basic ${Buffer.from('x-client-id:x-client-secret').toString('base64')}`);
      expect(String(token.body)).to.not.include('client_secret').and.not.include('client_id');
      const { accessToken, refreshToken, profile } = outcome.user as { accessToken: string; refreshToken: string; profile: XProfile };
      expect(accessToken).to.equal((token.response as Record<string, string>)['access_token']);
      expect(refreshToken).to.equal((token.response as Record<string, string>)['refresh_token']).and.be.a('string');
      expect(profile).to.deep.include({
        provider: 'x',
        id: '1001',
        username: 'ada',
        displayName: 'Ada Lovelace',
        photos: [{ value: 'http://127.0.0.1:14760/avatars/ada.svg' }],
      });
      expect(profile._json).to.include({ location: 'London', description: 'Analyst of engines.' });
    });
  });

  it('logs a public client in with its client_id and the PKCE verifier alone', async () => {
    const { outcome, definitions, login } = await logIn('x/login-public');
    expect(login.searchParams.get('scope')).to.equal('users.read tweet.read');
    expect(definitions[0]!.reqheaders?.['authorization']).to.equal(undefined);
    expect(new URLSearchParams(String(definitions[0]!.body)).get('client_id')).to.equal('x-public-client-id');
    const { refreshToken, profile } = outcome.user as { refreshToken?: string; profile: XProfile };
    expect(refreshToken).to.equal(undefined);
    expect(profile).to.deep.include({ id: '1002', username: 'grace', displayName: 'Grace Hopper' });
  });

  it("reports X's token error as a TokenError with X's code", async () => {
    const { outcome } = await logIn('x/token-error');
    expect(outcome.status).to.equal(500);
    expect(outcome.error).to.deep.include({ name: 'TokenError', code: 'invalid_request', message: 'Value passed for the authorization code was invalid.' });
  });

  it("reports /2/users/me's 401 problem as an APIError, without the access token", async () => {
    const { outcome, definitions } = await logIn('x/users-me-401');
    expect(outcome.error).to.deep.equal({ name: 'APIError', code: 'unauthorized', message: 'Unauthorized', status: 500, statusCode: 401 });
    const accessToken = (definitions[0]!.response as Record<string, string>)['access_token']!;
    expect(JSON.stringify(outcome)).to.not.include(accessToken);
  });
});
