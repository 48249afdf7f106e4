import { createHash } from 'node:crypto';
import { expect } from 'chai';
import nock from 'nock';
import { FacebookAuthorizationError, FacebookGraphAPIError, FacebookStrategy, FacebookTokenError, appSecretProof, type FacebookStrategyOptions } from '@passport-kit/facebook';
import { InternalOAuthError, TokenError } from '@passport-kit/oauth2';
import { Browser, CALLBACK_URL, loginApp, type LoginAppOptions } from '@passport-kit/test-support/login-app';

const GRAPH = 'https://graph.facebook.com';
const APP = { clientID: 'app-id-1', clientSecret: 'app-secret-1' };
const ACCESS_TOKEN = 'EAAGm0PX4ZCpsBAAccessToken123';
// Shaped as Graph API `/me` answers: https://developers.facebook.com/docs/graph-api/reference/user/
const ME = {
  id: '10158812345678901',
  name: 'Ada Lovelace',
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.com',
  picture: { data: { height: 50, is_silhouette: false, url: 'https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=10158812345678901', width: 50 } },
};
const EXPIRED_TOKEN = {
  error: {
    message: 'Error validating access token: Session has expired on Thursday, 01-Jan-26 00:00:00 PST. The current time is Friday, 02-Jan-26 00:00:00 PST.',
    type: 'OAuthException',
    code: 190,
    error_subcode: 463,
    fbtrace_id: 'AbCdEfGhIjK',
  },
};

function strategy(options: Partial<Omit<FacebookStrategyOptions, 'passReqToCallback'>> = {}) {
  return new FacebookStrategy({ ...APP, callbackURL: CALLBACK_URL, ...options }, (accessToken, _rt, profile, done) => done(null, { accessToken, profile }));
}

/** Logs in through a real Express app up to the callback, with `code-1` and the state it was sent. */
async function login(options: Partial<Omit<FacebookStrategyOptions, 'passReqToCallback'>> = {}, appOptions: LoginAppOptions = {}) {
  const browser = new Browser(loginApp(strategy(options), appOptions));
  const request = await browser.startLogin();
  return { request, finish: () => browser.callback({ code: 'code-1', state: request.get('state')! }) };
}

function tokenEndpoint(version = 'v26.0') {
  return nock(GRAPH).post(`/${version}/oauth/access_token`);
}

const issuesToken = () => tokenEndpoint().reply(200, { access_token: ACCESS_TOKEN, token_type: 'bearer', expires_in: 5183944 });

describe('FacebookStrategy', () => {
  describe('handling the callback', () => {
    it('fails, not errors, when the user denies access (error=access_denied)', async () => {
      const browser = new Browser(loginApp(strategy()));
      const login = await browser.startLogin();
      const outcome = await browser.callback({
        error: 'access_denied',
        error_code: '200',
        error_description: 'Permissions error',
        error_reason: 'user_denied',
        state: login.get('state') ?? '',
      });

      expect(outcome.status).to.equal(401);
      expect(outcome.failure).to.deep.equal({ message: 'Permissions error' });
    });

    it('errors with FacebookAuthorizationError for error_code/error_message without error', async () => {
      let seen: unknown;
      const browser = new Browser(loginApp(strategy(), { onError: (err) => (seen = err) }));
      const state = (await browser.startLogin()).get('state') ?? '';
      const outcome = await browser.callback({ error_code: '1349003', error_message: 'App not set up', state });

      expect(outcome.status).to.equal(500);
      expect(outcome.error).to.deep.include({ name: 'FacebookAuthorizationError', code: 1349003, message: 'App not set up' });
      expect(seen).to.be.instanceOf(FacebookAuthorizationError);
    });

    it('drops the text of an error_code redirect that matches no pending login (RFC 6749 §10.12)', async () => {
      const browser = new Browser(loginApp(strategy()));
      const state = (await browser.startLogin()).get('state') ?? '';
      const phishing = 'Your account is locked. Call +1 555 0100 to unlock it.';

      const withoutState = await browser.callback({ error_code: '1349003', error_message: phishing });
      const forged = await browser.callback({ error_code: '1349003', error_message: phishing, state: 'forged' });
      const genuine = await browser.callback({ error_code: '1349003', error_message: 'App not set up', state });

      for (const outcome of [withoutState, forged]) {
        expect(outcome.status).to.equal(403);
        expect(JSON.stringify(outcome)).not.to.contain('Call +1');
        expect(outcome.failure).to.deep.equal({ message: 'Invalid authorization request state.', reason: 'mismatch' });
      }
      expect(genuine.error).to.deep.include({ name: 'FacebookAuthorizationError', code: 1349003, message: 'App not set up' });
    });

    it('consumes the pending login an error_code redirect answers, so its state cannot complete a login afterwards', async () => {
      const browser = new Browser(loginApp(strategy()));
      const state = (await browser.startLogin()).get('state') ?? '';

      await browser.callback({ error_code: '1349003', error_message: 'App not set up', state });
      const replay = await browser.callback({ code: 'code-1', state });

      expect(replay.status).to.equal(403);
      expect(replay.failure).to.include({ reason: 'missing' });
    });

    it("takes Facebook's error_code as passport-facebook does when state is off", async () => {
      const outcome = await new Browser(loginApp(strategy({ state: false, pkce: false }))).callback({ error_code: '1349003', error_message: 'App not set up' });

      expect(outcome.status).to.equal(500);
      expect(outcome.error).to.deep.include({ name: 'FacebookAuthorizationError', code: 1349003, message: 'App not set up' });
    });

    it('fails with 400 on a repeated error_code', async () => {
      const outcome = await new Browser(loginApp(strategy())).callback({ error_code: ['1', '2'] });

      expect(outcome.status).to.equal(400);
      expect(outcome.failure).to.deep.equal({ message: 'Invalid authorization response.' });
    });
  });

  describe('exchanging the code', () => {
    it('posts the code, secret, callback and PKCE verifier to the Graph API token endpoint', async () => {
      const { request, finish } = await login({ skipUserProfile: true });
      let sent: Record<string, string> = {};
      nock(GRAPH)
        .post('/v26.0/oauth/access_token', (body: Record<string, string>) => {
          sent = { ...body };
          return true;
        })
        .reply(200, { access_token: ACCESS_TOKEN, token_type: 'bearer', expires_in: 5183944 });

      const outcome = await finish();

      expect(outcome.status).to.equal(200);
      expect(sent).to.deep.include({ grant_type: 'authorization_code', code: 'code-1', redirect_uri: CALLBACK_URL, client_id: APP.clientID, client_secret: APP.clientSecret });
      expect(createHash('sha256').update(sent['code_verifier']!).digest('base64url')).to.equal(request.get('code_challenge'));
    });

    it("errors with FacebookTokenError keeping Facebook's type, code, subcode and trace id", async () => {
      let seen: unknown;
      const { finish } = await login({}, { onError: (err) => (seen = err) });
      tokenEndpoint().reply(400, { error: { message: 'This authorization code has expired.', type: 'OAuthException', code: 100, error_subcode: 36007, fbtrace_id: 'A1b2C3' } });

      const outcome = await finish();

      expect(outcome.status).to.equal(500);
      expect(outcome.error).to.deep.include({ name: 'FacebookTokenError', code: 100, message: 'This authorization code has expired.' });
      expect(seen).to.be.instanceOf(FacebookTokenError).and.instanceOf(TokenError);
      expect(seen).to.include({ type: 'OAuthException', code: 100, subcode: 36007, traceID: 'A1b2C3' });
    });

    it('never puts the app secret in a token error message', async () => {
      const { finish } = await login();
      tokenEndpoint().reply(400, { error: { message: `Error validating client secret ${APP.clientSecret}.`, type: 'OAuthException', code: 1 } });

      const outcome = await finish();

      expect(outcome.error?.message).to.equal('Error validating client secret [redacted].');
    });

    it('still reads an RFC 6749 error body as a TokenError', async () => {
      const { finish } = await login();
      tokenEndpoint().reply(400, { error: 'invalid_grant', error_description: 'Bad code' });

      const outcome = await finish();

      expect(outcome.error).to.deep.include({ name: 'TokenError', code: 'invalid_grant', message: 'Bad code' });
    });

    it('uses the tokenURL of the configured Graph API version', async () => {
      const { finish } = await login({ graphAPIVersion: 'v25.0', skipUserProfile: true });
      tokenEndpoint('v25.0').reply(200, { access_token: ACCESS_TOKEN, token_type: 'bearer' });

      expect((await finish()).status).to.equal(200);
    });
  });

  describe('loading the profile', () => {
    it('sends the token as a Bearer header, never in the URL, with appsecret_proof and the profileFields', async () => {
      const { finish } = await login({ profileFields: ['id', 'displayName', 'name', 'emails', 'photos'] });
      issuesToken();
      let query: Record<string, unknown> = {};
      nock(GRAPH, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } })
        .get('/v26.0/me')
        .query((sent) => {
          query = { ...sent };
          return true;
        })
        .reply(200, ME);

      const outcome = await finish();

      expect(query).to.deep.equal({
        fields: 'id,name,last_name,first_name,middle_name,email,picture',
        appsecret_proof: appSecretProof(ACCESS_TOKEN, APP.clientSecret),
      });
      expect(outcome.status).to.equal(200);
      expect((outcome.user as { profile: unknown }).profile).to.deep.equal({
        provider: 'facebook',
        id: ME.id,
        displayName: 'Ada Lovelace',
        name: { familyName: 'Lovelace', givenName: 'Ada' },
        emails: [{ value: 'ada@example.com' }],
        photos: [{ value: ME.picture.data.url }],
        _raw: JSON.stringify(ME),
        _json: ME,
      });
    });

    it('sends no fields and no appsecret_proof when neither is configured', async () => {
      const { finish } = await login({ enableProof: false });
      issuesToken();
      nock(GRAPH).get('/v26.0/me').reply(200, { id: ME.id, name: ME.name });

      expect((await finish()).status).to.equal(200);
    });

    it('keeps a profileURL query and replaces its fields with profileFields', async () => {
      const { finish } = await login({ profileURL: `${GRAPH}/v26.0/me?fields=first_name&locale=en_US`, profileFields: ['id', 'emails'], enableProof: false });
      issuesToken();
      nock(GRAPH).get('/v26.0/me').query({ fields: 'id,email', locale: 'en_US' }).reply(200, { id: ME.id });

      expect((await finish()).status).to.equal(200);
    });

    it('errors with FacebookGraphAPIError on a Graph error, without the token in the message', async () => {
      let seen: unknown;
      const { finish } = await login({}, { onError: (err) => (seen = err) });
      issuesToken();
      nock(GRAPH).get('/v26.0/me').query(true).reply(400, EXPIRED_TOKEN);

      const outcome = await finish();

      expect(outcome.status).to.equal(500);
      expect(outcome.error).to.deep.include({ name: 'FacebookGraphAPIError', code: 190, message: EXPIRED_TOKEN.error.message });
      expect(seen).to.be.instanceOf(FacebookGraphAPIError);
      expect(seen).to.include({ type: 'OAuthException', subcode: 463, traceID: 'AbCdEfGhIjK' });
    });

    it('redacts the access token if Facebook echoes it in an error message', async () => {
      const { finish } = await login();
      issuesToken();
      nock(GRAPH).get('/v26.0/me').query(true).reply(400, { error: { message: `Malformed access token ${ACCESS_TOKEN}`, type: 'OAuthException', code: 190 } });

      const outcome = await finish();

      expect(outcome.error?.message).to.equal('Malformed access token [redacted]');
    });

    it('errors with InternalOAuthError on a non-JSON error page', async () => {
      let seen: unknown;
      const { finish } = await login({}, { onError: (err) => (seen = err) });
      issuesToken();
      nock(GRAPH).get('/v26.0/me').query(true).reply(502, '<html>Bad Gateway</html>', { 'content-type': 'text/html' });

      const outcome = await finish();

      expect(outcome.error).to.deep.include({ name: 'InternalOAuthError', message: 'Failed to fetch user profile: GET https://graph.facebook.com/v26.0/me answered 502' });
      expect(seen).to.be.instanceOf(InternalOAuthError);
    });

    it('errors with InternalOAuthError on a user without an id', async () => {
      const { finish } = await login();
      issuesToken();
      nock(GRAPH).get('/v26.0/me').query(true).reply(200, { name: 'Nobody' });

      const outcome = await finish();

      expect(outcome.error?.name).to.equal('InternalOAuthError');
      expect(outcome.error?.message).to.match(/^Failed to fetch user profile: GET https:\/\/graph\.facebook\.com\/v26\.0\/me answered with a user that has no id$/);
    });
  });

  describe('userProfile, called directly as with passport-facebook', () => {
    it('calls back with the profile', async () => {
      nock(GRAPH).get('/v26.0/me').query(true).reply(200, ME);
      const subject = strategy() as unknown as { userProfile(token: string, done: (err: unknown, profile?: unknown) => void): void };

      const profile = await new Promise((resolve, reject) => subject.userProfile(ACCESS_TOKEN, (err, loaded) => (err ? reject(err as Error) : resolve(loaded))));

      expect(profile).to.deep.include({ id: ME.id, displayName: ME.name });
    });

    it('calls back with the error', async () => {
      nock(GRAPH).get('/v26.0/me').query(true).reply(400, EXPIRED_TOKEN);
      const subject = strategy() as unknown as { userProfile(token: string, done: (err: unknown) => void): void };

      const err = await new Promise((resolve) => subject.userProfile(ACCESS_TOKEN, resolve));

      expect(err).to.be.instanceOf(FacebookGraphAPIError);
    });
  });
});
