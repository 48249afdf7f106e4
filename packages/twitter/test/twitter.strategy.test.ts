// TwitterStrategy through a real Express app, with nock answering as api.twitter.com: the
// redirect a user sees, what Twitter is sent, and the errors a login ends in.
import util from 'node:util';
import { expect } from 'chai';
import nock from 'nock';
import { APIError, AUTHORIZE_URL, TwitterStrategy, type TwitterProfile, type TwitterStrategyOptions } from '@passport-kit/twitter';
import { Browser, loginApp, type LoginAppOptions } from '@passport-kit/test-support/login-app';
import { INVALID_TOKEN, VERIFY_CREDENTIALS, XML_ERROR } from './support/payloads.js';

const API = 'https://api.twitter.com';
const ACCESS_TOKEN = '2244994945-accesstokenvalue';
const ACCESS_SECRET = 'access-token-secret-value';

function strategy(options: Partial<TwitterStrategyOptions> = {}) {
  return new TwitterStrategy(
    { consumerKey: 'consumer-key', consumerSecret: 'consumer-secret-value', callbackURL: 'http://app.test/auth/callback', ...options },
    (token, tokenSecret, profile, done) => done(null, { token, profile }),
  );
}

function requestToken() {
  return nock(API)
    .post('/oauth/request_token')
    .reply(200, 'oauth_token=request-token&oauth_token_secret=request-secret&oauth_callback_confirmed=true', { 'content-type': 'application/x-www-form-urlencoded' });
}

function accessToken() {
  return nock(API)
    .post('/oauth/access_token')
    .reply(200, `oauth_token=${ACCESS_TOKEN}&oauth_token_secret=${ACCESS_SECRET}&user_id=2244994945&screen_name=TwitterDev`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
}

/** nock for the profile call: records the path (with its query) and the Authorization header. */
function profileCall(reply: { status?: number; body?: string; headers?: Record<string, string> } = {}) {
  const seen: { path?: string; authorization?: string | undefined } = {};
  nock(API, { reqheaders: { authorization: (value: string | null) => ((seen.authorization = value ?? undefined), true) } })
    .get((path) => ((seen.path = path), path.startsWith('/1.1/')))
    .reply(reply.status ?? 200, reply.body ?? VERIFY_CREDENTIALS, { 'content-type': 'application/json', ...reply.headers });
  return seen;
}

async function logIn(options: Partial<TwitterStrategyOptions> = {}, app: LoginAppOptions = {}) {
  requestToken();
  accessToken();
  const browser = new Browser(loginApp(strategy(options), app));
  await browser.startLogin();
  return browser.callback({ oauth_token: 'request-token', oauth_verifier: 'verifier' });
}

describe('TwitterStrategy', () => {
  describe('issuing the request token and redirecting', () => {
    it('signs the request-token call with the callback and sends the user to oauth/authenticate', async () => {
      let authorization = '';
      nock(API, { reqheaders: { authorization: (value: string | null) => ((authorization = value ?? ''), true) } })
        .post('/oauth/request_token')
        .reply(200, 'oauth_token=request-token&oauth_token_secret=request-secret&oauth_callback_confirmed=true');
      const location = (await new Browser(loginApp(strategy())).startLogin()).url;
      expect(location.toString()).to.equal('https://api.twitter.com/oauth/authenticate?oauth_token=request-token');
      expect(authorization).to.match(/^OAuth /).and.include('oauth_consumer_key="consumer-key"').and.include('oauth_callback="http%3A%2F%2Fapp.test%2Fauth%2Fcallback"');
      expect(authorization).to.not.include('consumer-secret-value');
    });

    it('goes to oauth/authorize when userAuthorizationURL says so', async () => {
      requestToken();
      const location = (await new Browser(loginApp(strategy({ userAuthorizationURL: AUTHORIZE_URL }))).startLogin()).url;
      expect(`${location.origin}${location.pathname}`).to.equal('https://api.twitter.com/oauth/authorize');
    });

    it('passes the forceLogin and screenName authenticate() options as force_login and screen_name', async () => {
      requestToken();
      const app = loginApp(strategy(), { loginOptions: { forceLogin: true, screenName: 'TwitterDev' } });
      const location = (await new Browser(app).startLogin()).url;
      expect(location.search).to.equal('?oauth_token=request-token&force_login=true&screen_name=TwitterDev');
    });

    it('reports an XML refusal of the request token as an APIError with its message', async () => {
      nock(API).post('/oauth/request_token').reply(401, XML_ERROR, { 'content-type': 'application/xml' });
      const res = await new Browser(loginApp(strategy())).agent.get('/login');
      expect(res.status).to.equal(500);
      expect(res.body.error).to.deep.include({ name: 'APIError', code: 'ERR_TWITTER_API', statusCode: 401 });
      expect(res.body.error.message).to.equal("Desktop applications only support the oauth_callback value 'oob'");
    });

    it('keeps the consumer secret out of an APIError even if Twitter echoes it', async () => {
      nock(API).post('/oauth/request_token').reply(401, 'Invalid signature for consumer-secret-value', { 'content-type': 'text/plain' });
      const res = await new Browser(loginApp(strategy())).agent.get('/login');
      expect(res.body.error).to.deep.include({ name: 'APIError', message: 'Invalid signature for [redacted]' });
    });

    it('reports a 503 page as InternalOAuthError, as passport-twitter does', async () => {
      nock(API).post('/oauth/request_token').reply(503, '<html><body>Over capacity</body></html>', { 'content-type': 'text/html' });
      const res = await new Browser(loginApp(strategy())).agent.get('/login');
      expect(res.body.error).to.deep.include({ name: 'InternalOAuthError', code: 'ERR_INTERNAL_OAUTH', message: 'Failed to obtain request token' });
    });
  });

  describe('exchanging the request token', () => {
    it('keeps the request token, its secret and the verifier out of an APIError when Twitter echoes them', async () => {
      requestToken();
      nock(API)
        .post('/oauth/access_token')
        .reply(401, { errors: [{ code: 89, message: 'Invalid request token request-token (secret request-secret) for verifier verifier-echoed' }] });
      let seen: Error | undefined;
      const browser = new Browser(loginApp(strategy(), { onError: (err) => (seen = err as Error) }));
      await browser.startLogin();

      const outcome = await browser.callback({ oauth_token: 'request-token', oauth_verifier: 'verifier-echoed' });

      expect(outcome.error).to.deep.include({ name: 'APIError', code: 89, message: 'Invalid request token [redacted] (secret [redacted]) for verifier [redacted]' });
      expect(seen?.stack).to.not.match(/request-token|request-secret|verifier-echoed/);
    });
  });

  describe('loading the profile', () => {
    it('GETs verify_credentials signed with the access token, with no query by default', async () => {
      const seen = profileCall({ headers: { 'x-access-level': 'read-write-directmessages' } });
      const outcome = await logIn();
      expect(seen.path).to.equal('/1.1/account/verify_credentials.json');
      expect(seen.authorization).to.include(`oauth_token="${ACCESS_TOKEN}"`);
      const { profile } = outcome.user as { profile: TwitterProfile };
      expect(profile).to.deep.include({ id: '2244994945', username: 'TwitterDev', displayName: 'Twitter Dev', _accessLevel: 'read-write-directmessages' });
    });

    it('adds include_email, skip_status and include_entities as the options ask', async () => {
      const seen = profileCall();
      await logIn({ includeEmail: true, includeStatus: false, includeEntities: false });
      expect(seen.path).to.equal('/1.1/account/verify_credentials.json?include_email=true&skip_status=true&include_entities=false');
    });

    it('still adds them when userProfileURL has a query, keeping a value the URL sets', async () => {
      const seen = profileCall();
      await logIn({
        userProfileURL: `${API}/1.1/account/verify_credentials.json?tweet_mode=extended&include_email=false`,
        includeEmail: true,
        includeStatus: false,
      });
      expect(seen.path).to.equal('/1.1/account/verify_credentials.json?tweet_mode=extended&include_email=false&skip_status=true');
    });

    it('adds user_id to a users/show.json profile URL', async () => {
      const seen = profileCall();
      await logIn({ userProfileURL: `${API}/1.1/users/show.json` });
      expect(seen.path).to.equal('/1.1/users/show.json?user_id=2244994945');
    });

    it('builds the profile from the token response without an API call with skipExtendedUserProfile', async () => {
      const outcome = await logIn({ skipExtendedUserProfile: true });
      expect((outcome.user as { profile: TwitterProfile }).profile).to.deep.equal({
        provider: 'twitter',
        id: '2244994945',
        username: 'TwitterDev',
        displayName: 'TwitterDev',
      });
    });

    it("reports Twitter's error body as an APIError with its code and without the token", async () => {
      profileCall({ status: 401, body: `{"errors":[{"code":89,"message":"Invalid or expired token ${ACCESS_TOKEN}."}]}` });
      const outcome = await logIn();
      expect(outcome.error).to.deep.include({ name: 'APIError', code: 89, statusCode: 401 });
      expect(outcome.error!.message).to.equal('Invalid or expired token [redacted].');
      profileCall({ status: 401, body: INVALID_TOKEN });
      expect((await logIn()).error!.message).to.equal('Invalid or expired token.');
    });

    it('reports a profile call that fails without an error body, or with a body that is no user, as InternalOAuthError', async () => {
      profileCall({ status: 500, body: 'Internal Server Error' });
      expect((await logIn()).error).to.deep.include({ name: 'InternalOAuthError', message: 'Failed to fetch user profile' });
      profileCall({ body: '<html>not json</html>' });
      expect((await logIn()).error).to.deep.include({ name: 'InternalOAuthError', message: 'Failed to fetch user profile' });
    });
  });

  describe('userProfile, called directly as with passport-twitter', () => {
    type Hook = { userProfile(token: string, tokenSecret: string, params: Record<string, string>, done: (err: unknown, profile?: TwitterProfile) => void): unknown };
    const call = (options: Partial<TwitterStrategyOptions> = {}) =>
      new Promise<{ err: unknown; profile: TwitterProfile | undefined }>((resolve) =>
        (strategy(options) as unknown as Hook).userProfile(ACCESS_TOKEN, ACCESS_SECRET, { user_id: '2244994945', screen_name: 'TwitterDev' }, (err, profile) => resolve({ err, profile })),
      );

    it('calls done with the profile', async () => {
      profileCall();

      const { err, profile } = await call();

      expect(err).to.equal(null);
      expect(profile).to.deep.include({ provider: 'twitter', id: '2244994945', username: 'TwitterDev' });
    });

    it('calls done with the profile built from the token response with skipExtendedUserProfile', async () => {
      expect((await call({ skipExtendedUserProfile: true })).profile).to.deep.include({ id: '2244994945', username: 'TwitterDev' });
    });

    it("calls done with an APIError whose code is Twitter's number", async () => {
      profileCall({ status: 401, body: INVALID_TOKEN });

      const { err } = await call();

      expect(err).to.be.instanceOf(APIError).and.include({ code: 89 });
    });
  });

  describe('extended as passport-twitter subclasses do', () => {
    it('runs an ES5 subclass (util.inherits + TwitterStrategy.call(this, options, verify)) through a login', async () => {
      interface LegacyThis {
        name: string;
      }
      function Legacy(this: LegacyThis, options: object, verify: unknown) {
        (TwitterStrategy as unknown as (this: LegacyThis, o: object, v: unknown) => void).call(this, options, verify);
        this.name = 'legacy-twitter';
      }
      util.inherits(Legacy, TwitterStrategy as unknown as new () => object);
      const LegacyStrategy = Legacy as unknown as new (o: object, v: unknown) => TwitterStrategy;
      const legacy = new LegacyStrategy(
        { consumerKey: 'consumer-key', consumerSecret: 'consumer-secret-value', callbackURL: 'http://app.test/auth/callback' },
        (token: string, _secret: string, profile: TwitterProfile, done: (e: unknown, u?: unknown) => void) => done(null, { token, profile }),
      );
      expect(legacy).to.be.instanceOf(TwitterStrategy);
      expect(legacy.name).to.equal('legacy-twitter');
      requestToken();
      accessToken();
      profileCall();
      const browser = new Browser(loginApp(legacy));
      await browser.startLogin();
      const outcome = await browser.callback({ oauth_token: 'request-token', oauth_verifier: 'verifier' });
      expect((outcome.user as { profile: TwitterProfile }).profile.username).to.equal('TwitterDev');
    });
  });
});
