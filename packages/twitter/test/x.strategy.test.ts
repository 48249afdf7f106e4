// XStrategy through a real Express app, with nock answering as api.x.com: the authorization
// redirect, how the client authenticates, the profile request and X's errors.
import { expect } from 'chai';
import nock from 'nock';
import { XStrategy, type XProfile, type XStrategyOptions } from '@passport-kit/twitter';
import { Browser, loginApp } from '@passport-kit/test-support/login-app';
import { USERS_ME, X_UNAUTHORIZED } from './support/payloads.js';

const API = 'https://api.x.com';
const TOKEN_RESPONSE = { token_type: 'bearer', expires_in: 7200, access_token: 'x-access-token-value', scope: 'users.read tweet.read' };

function strategy(options: Partial<XStrategyOptions> = {}) {
  return new XStrategy({ clientID: 'client-id', clientSecret: 'client-secret', callbackURL: 'http://app.test/auth/callback', ...options }, (accessToken, refreshToken, profile, done) =>
    done(null, { accessToken, profile }),
  );
}

function tokenEndpoint(seen: { body?: Record<string, string>; authorization?: string | undefined } = {}, options: nock.Options = {}) {
  nock(API, options)
    .post('/2/oauth2/token', (body: Record<string, string>) => ((seen.body = { ...body }), true))
    .reply(200, TOKEN_RESPONSE);
  return seen;
}

function usersMe(reply: { status?: number; body?: string } = {}) {
  const seen: { path?: string; authorization?: string | undefined } = {};
  nock(API, { reqheaders: { authorization: (value: string | null) => ((seen.authorization = value ?? undefined), true) } })
    .get((path) => ((seen.path = path), path.startsWith('/2/users/me')))
    .reply(reply.status ?? 200, reply.body ?? USERS_ME, { 'content-type': 'application/json' });
  return seen;
}

async function logIn(options: Partial<XStrategyOptions> = {}) {
  const browser = new Browser(loginApp(strategy(options)));
  const login = (await browser.startLogin()).url;
  return browser.callback({ code: 'authorization-code', state: login.searchParams.get('state')! });
}

describe('XStrategy', () => {
  describe('constructing', () => {
    it("is named 'x'", () => {
      expect(strategy().name).to.equal('x');
    });

    it('refuses to turn PKCE off or down to plain, since X requires S256', () => {
      expect(() => strategy({ pkce: false } as never)).to.throw(TypeError, /XStrategy requires PKCE with S256/);
      expect(() => strategy({ pkce: 'plain' } as never)).to.throw(TypeError, /got plain/);
      expect(() => strategy({ pkce: true })).to.not.throw();
    });

    it('refuses a client authentication X does not accept for the client type', () => {
      expect(() => strategy({ clientAuthentication: 'client_secret_post' } as never)).to.throw(TypeError, /client_secret_basic for a confidential client/);
      expect(() => strategy({ clientSecret: undefined, clientAuthentication: 'client_secret_basic' })).to.throw(TypeError, /none for a public client/);
    });

    it('refuses state: false, which PKCE needs', () => {
      expect(() => strategy({ state: false })).to.throw(TypeError, /state/);
    });
  });

  describe('issuing the authorization request', () => {
    it('sends the user to x.com with users.read tweet.read and an S256 challenge', async () => {
      const login = (await new Browser(loginApp(strategy())).startLogin()).url;
      expect(`${login.origin}${login.pathname}`).to.equal('https://x.com/i/oauth2/authorize');
      expect(Object.fromEntries(login.searchParams)).to.include({
        client_id: 'client-id',
        response_type: 'code',
        redirect_uri: 'http://app.test/auth/callback',
        scope: 'users.read tweet.read',
        code_challenge_method: 'S256',
      });
      expect(login.searchParams.get('code_challenge')).to.match(/^[\w-]{43}$/);
    });

    it('joins a scope array with spaces', async () => {
      const login = (await new Browser(loginApp(strategy({ scope: ['users.read', 'tweet.read', 'offline.access'] }))).startLogin()).url;
      expect(login.searchParams.get('scope')).to.equal('users.read tweet.read offline.access');
    });
  });

  describe('exchanging the code', () => {
    it('authenticates a confidential client with HTTP Basic and keeps the secret out of the body', async () => {
      const seen = tokenEndpoint({}, { reqheaders: { authorization: `Basic ${Buffer.from('client-id:client-secret').toString('base64')}` } });
      usersMe();
      const outcome = await logIn();
      expect(outcome.status).to.equal(200);
      expect(seen.body).to.include({ grant_type: 'authorization_code', code: 'authorization-code', redirect_uri: 'http://app.test/auth/callback' });
      expect(seen.body).to.not.have.any.keys('client_secret', 'client_id');
      expect(seen.body!['code_verifier']).to.match(/^[\w-]{43,128}$/);
    });

    it('sends only client_id for a public client, with no Authorization header', async () => {
      const seen = tokenEndpoint({}, { badheaders: ['authorization'] });
      usersMe();
      await logIn({ clientID: 'public-client-id', clientSecret: undefined });
      expect(seen.body).to.include({ client_id: 'public-client-id' });
      expect(seen.body).to.not.have.property('client_secret');
    });
  });

  describe('loading the profile', () => {
    it('GETs /2/users/me with the Bearer token and the default user.fields', async () => {
      tokenEndpoint();
      const seen = usersMe();
      const outcome = await logIn();
      expect(seen.path).to.equal('/2/users/me?user.fields=profile_image_url,created_at,description,location,protected,public_metrics,url,verified');
      expect(seen.authorization).to.equal('Bearer x-access-token-value');
      expect((outcome.user as { profile: XProfile }).profile).to.deep.include({ provider: 'x', id: '2244994945', username: 'TwitterDev' });
    });

    it('asks for the userFields given, and leaves a userProfileURL that names user.fields as it is', async () => {
      tokenEndpoint();
      const seen = usersMe();
      await logIn({ userFields: ['profile_image_url', 'confirmed_email'] });
      expect(seen.path).to.equal('/2/users/me?user.fields=profile_image_url,confirmed_email');
      tokenEndpoint();
      const again = usersMe();
      await logIn({ userProfileURL: `${API}/2/users/me?user.fields=id` });
      expect(again.path).to.equal('/2/users/me?user.fields=id');
    });

    it("reports X's problem bodies as an APIError with the provider status", async () => {
      tokenEndpoint();
      usersMe({ status: 401, body: X_UNAUTHORIZED });
      expect((await logIn()).error).to.deep.equal({ name: 'APIError', code: 'unauthorized', message: 'Unauthorized', status: 500, statusCode: 401 });
      tokenEndpoint();
      usersMe({ status: 403, body: '{"title":"Forbidden","type":"about:blank","status":403,"detail":"Forbidden"}' });
      expect((await logIn()).error).to.deep.include({ name: 'APIError', code: 'forbidden', statusCode: 403 });
    });

    it('reports a 200 carrying only errors as an APIError', async () => {
      tokenEndpoint();
      usersMe({ body: '{"errors":[{"detail":"Could not find user.","title":"Not Found Error","type":"https://api.twitter.com/2/problems/resource-not-found"}]}' });
      expect((await logIn()).error).to.deep.include({ name: 'APIError', code: 'resource-not-found', message: 'Could not find user.', statusCode: 200 });
      tokenEndpoint();
      usersMe({ body: '{"errors":[{"message":"User has been suspended: [jack]."}],"title":"Forbidden","type":"https://api.twitter.com/2/problems/resource-not-found"}' });
      expect((await logIn()).error).to.deep.include({ name: 'APIError', code: 'resource-not-found', message: 'User has been suspended: [jack].', statusCode: 200 });
    });

    it('reports a failure without a problem body as InternalOAuthError', async () => {
      tokenEndpoint();
      usersMe({ status: 502, body: 'Bad Gateway' });
      expect((await logIn()).error).to.deep.include({ name: 'InternalOAuthError', code: 'ERR_INTERNAL_OAUTH' });
    });
  });

  describe('userProfile, called directly with a callback', () => {
    type Hook = { userProfile(accessToken: string, done: (err: unknown, profile?: XProfile) => void): unknown };
    const call = () => new Promise<{ err: unknown; profile: XProfile | undefined }>((resolve) => (strategy() as unknown as Hook).userProfile('x-access-token-value', (err, profile) => resolve({ err, profile })));

    it('calls done with the profile', async () => {
      usersMe();

      const { err, profile } = await call();

      expect(err).to.equal(null);
      expect(profile).to.include({ provider: 'x' });
    });

    it("calls done with X's error", async () => {
      usersMe({ status: 401, body: X_UNAUTHORIZED });

      expect((await call()).err).to.include({ name: 'APIError', code: 'unauthorized' });
    });
  });
});
