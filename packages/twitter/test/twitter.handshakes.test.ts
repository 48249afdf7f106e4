// Full Twitter (OAuth 1.0a) logins through a real Express app, Twitter's side replayed from
// exchanges recorded against the emulator of @passport-kit/testing (scripts/recorders/twitter.ts).
// Every replayed call must carry a signature that verifies, and every recorded call must be made.
import { expect } from 'chai';
import { TwitterStrategy, type TwitterProfile, type TwitterStrategyOptions } from '@passport-kit/twitter';
import { replayOAuth1, type OAuth1Context } from '@passport-kit/test-support/oauth1-replay';
import { Browser, loginApp } from '@passport-kit/test-support/login-app';

interface TwitterContext extends OAuth1Context {
  requestTokenURL: string;
  accessTokenURL: string;
  userProfileURL: string;
  callbackQuery: string;
}

function strategyFor(context: TwitterContext, options: Partial<TwitterStrategyOptions> = {}) {
  return new TwitterStrategy(
    {
      consumerKey: context.consumerKey,
      consumerSecret: context.consumerSecret,
      callbackURL: context.callbackURL,
      requestTokenURL: context.requestTokenURL,
      accessTokenURL: context.accessTokenURL,
      userProfileURL: context.userProfileURL,
      ...options,
    },
    (token, tokenSecret, profile, done) => done(null, { token, tokenSecret, profile }),
  );
}

async function logIn(fixture: string, options: Partial<TwitterStrategyOptions> = {}) {
  const recording = replayOAuth1<TwitterContext>(fixture);
  const browser = new Browser(loginApp(strategyFor(recording.context, options)));
  const start = (await browser.startLogin()).url;
  const outcome = await browser.callback(new URLSearchParams(recording.context.callbackQuery));
  return { ...recording, start, outcome };
}

describe('TwitterStrategy against the Twitter emulator (recorded)', () => {
  describe('a full login', () => {
    it('sends the user to oauth/authenticate with the request token Twitter issued', async () => {
      const { start, context, requests } = await logIn('twitter/login', { includeEmail: true, includeStatus: false });
      expect(`${start.origin}${start.pathname}`).to.equal('https://api.twitter.com/oauth/authenticate');
      expect(start.searchParams.get('oauth_token')).to.equal(new URLSearchParams(context.callbackQuery).get('oauth_token'));
      expect(requests[0]!.oauth).to.include({ oauth_callback: context.callbackURL, oauth_consumer_key: 'twitter-consumer-key' });
    });

    it('exchanges the verifier and logs the user in with the verify_credentials profile', async () => {
      const { outcome, requests, context } = await logIn('twitter/login', { includeEmail: true, includeStatus: false });
      expect(outcome.status).to.equal(200);
      const { token, tokenSecret, profile } = outcome.user as { token: string; tokenSecret: string; profile: TwitterProfile };
      expect(token).to.match(/^1001-/);
      expect(tokenSecret).to.be.a('string').and.not.equal('');
      expect(profile).to.deep.include({
        provider: 'twitter',
        id: '1001',
        username: 'ada',
        displayName: 'Ada Lovelace',
        emails: [{ value: 'ada@example.com' }],
        photos: [{ value: 'http://127.0.0.1:14760/avatars/ada.svg' }],
        _accessLevel: 'read-write',
      });
      expect(profile._json).to.not.have.property('status');
      expect(JSON.parse(profile._raw!)).to.deep.equal(profile._json);
      expect(requests.map((r) => [r.path, r.signatureValid])).to.deep.equal([
        ['/twitter/oauth/request_token', true],
        ['/twitter/oauth/access_token', true],
        ['/twitter/1.1/account/verify_credentials.json?include_email=true&skip_status=true', true],
      ]);
      expect(requests[1]!.oauth).to.include({ oauth_verifier: new URLSearchParams(context.callbackQuery).get('oauth_verifier') });
    });

    it("adds the include_* options to a userProfileURL that has a query, and takes id_str over a lossy id", async () => {
      const { outcome, requests, context } = await logIn('twitter/login-profile-url-query', { includeEmail: true, includeEntities: false });
      expect(context.userProfileURL).to.match(/\?tweet_mode=extended$/);
      expect(requests[2]!.path).to.equal('/twitter/1.1/account/verify_credentials.json?tweet_mode=extended&include_email=true&include_entities=false');
      const { profile } = outcome.user as { profile: TwitterProfile };
      // Twitter sends id 9007199254740993 as the number 9007199254740992 beside id_str.
      expect(profile._json!['id']).to.equal(9007199254740992);
      expect(profile.id).to.equal('9007199254740993');
      expect(profile._json).to.not.have.property('entities');
      expect(profile.emails).to.deep.equal([{ value: 'hedy@example.com' }]);
    });
  });

  it('gives two interleaved logins (ada starts, hedy starts, hedy finishes, ada finishes) their own profiles', async () => {
    const { context, requests } = replayOAuth1<TwitterContext & { adaCallbackQuery: string; hedyCallbackQuery: string }>('twitter/two-users-interleaved');
    const app = loginApp(strategyFor(context));
    const ada = new Browser(app);
    const hedy = new Browser(app);
    await ada.startLogin();
    await hedy.startLogin();
    const hedyOutcome = await hedy.callback(new URLSearchParams(context.hedyCallbackQuery));
    const adaOutcome = await ada.callback(new URLSearchParams(context.adaCallbackQuery));
    expect((hedyOutcome.user as { profile: TwitterProfile }).profile).to.deep.include({ id: '9007199254740993', username: 'hedy' });
    expect((adaOutcome.user as { profile: TwitterProfile }).profile).to.deep.include({ id: '1001', username: 'ada' });
    expect(requests.every((r) => r.signatureValid)).to.equal(true);
  });

  it("fails the login (no error) when the user refuses and Twitter sends denied=", async () => {
    const { outcome, context } = await logIn('twitter/denied');
    expect(context.callbackQuery).to.match(/^denied=/);
    expect(outcome.status).to.equal(403);
    expect(outcome.failure).to.deep.equal({ message: 'The user denied the authorization request' });
    expect(outcome.user).to.equal(undefined);
  });

  it("reports Twitter's request-token refusal (401, error 32) as an APIError", async () => {
    const { context } = replayOAuth1<TwitterContext>('twitter/request-token-401');
    const res = await new Browser(loginApp(strategyFor(context))).agent.get('/login');
    expect(res.status).to.equal(500);
    expect(res.body.error).to.deep.equal({ name: 'APIError', code: 32, message: 'Could not authenticate you.', status: 500, statusCode: 401 });
    expect(JSON.stringify(res.body)).to.not.include(context.consumerSecret);
  });

  it("reports the access-token step's plain-text refusal as an APIError without the verifier", async () => {
    const { outcome, context } = await logIn('twitter/access-token-401');
    expect(outcome.error).to.deep.equal({
      name: 'APIError',
      code: 'ERR_TWITTER_API',
      message: 'Error processing your OAuth request: Invalid oauth_verifier parameter',
      status: 500,
      statusCode: 401,
    });
    const callback = new URLSearchParams(context.callbackQuery);
    expect(outcome.error!.message).to.not.include(callback.get('oauth_verifier')!).and.not.include(callback.get('oauth_token')!);
  });

  it("reports verify_credentials' error body (401, code 89) as an APIError with Twitter's code", async () => {
    const { outcome } = await logIn('twitter/verify-credentials-401');
    expect(outcome.error).to.deep.equal({ name: 'APIError', code: 89, message: 'Invalid or expired token.', status: 500, statusCode: 401 });
  });
});
