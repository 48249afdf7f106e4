import type { VerifyCallback } from '@passport-kit/oauth2';
import { OpenIDConnectStrategy, type OpenIDConnectProfile, type OpenIDConnectStrategyOptions } from '@passport-kit/oidc';
import { expect } from 'chai';
import nock from 'nock';
import { Browser, loginApp } from '@passport-kit/test-support/login-app';
import { CLIENT_ID, CLIENT_SECRET, ISSUER, atHash256, claims, jwks, signIdToken, signingKey, type SigningKey } from './support/tokens.js';

const CALLBACK_URL = 'http://app.test/auth/callback';
const endpoints = {
  issuer: ISSUER,
  authorizationURL: `${ISSUER}/auth`,
  tokenURL: `${ISSUER}/token`,
  jwksURL: `${ISSUER}/jwks`,
  userInfoURL: `${ISSUER}/me`,
};
const baseOptions: OpenIDConnectStrategyOptions = { ...endpoints, clientID: CLIENT_ID, clientSecret: CLIENT_SECRET, callbackURL: CALLBACK_URL };

interface Seen {
  accessToken: string;
  params: Record<string, unknown>;
  profile: OpenIDConnectProfile;
}

function strategy(options: Partial<OpenIDConnectStrategyOptions> = {}, seen: Seen[] = []) {
  return new OpenIDConnectStrategy(
    { ...baseOptions, ...options },
    (accessToken: string, _refreshToken: string | undefined, params: Record<string, unknown>, profile: OpenIDConnectProfile, done: VerifyCallback) => {
      seen.push({ accessToken, params, profile });
      done(null, { issuer: profile.issuer, sub: profile.id });
    },
  );
}

describe('OpenIDConnectStrategy', () => {
  let key: SigningKey;

  before(async () => {
    key = await signingKey('key-1');
  });

  describe('construction', () => {
    it("is named 'openidconnect' unless told otherwise", () => {
      expect(strategy().name).to.equal('openidconnect');
      expect(strategy({ name: 'corp-sso' }).name).to.equal('corp-sso');
    });

    it('requires an issuer, and a jwksURL for asymmetric id_tokens', () => {
      expect(() => strategy({ issuer: '' })).to.throw(TypeError, /issuer/);
      expect(() => strategy({ jwksURL: undefined })).to.throw(TypeError, /jwksURL/);
      expect(() => strategy({ jwksURL: undefined, idTokenSigningAlgValuesSupported: ['HS256'], idTokenSigningAlgorithms: ['HS256'] })).not.to.throw();
    });

    it('refuses state: false, which would leave the nonce nowhere to be kept', () => {
      expect(() => strategy({ state: false })).to.throw(TypeError, /nonce/);
    });

    it('refuses alg none and a negative clock tolerance', () => {
      expect(() => strategy({ idTokenSigningAlgorithms: ['none'] })).to.throw(TypeError, /none/);
      expect(() => strategy({ clockTolerance: -1 })).to.throw(TypeError, /clockTolerance/);
    });
  });

  describe('issuing the authorization request', () => {
    it('always asks for openid, before the configured scopes', async () => {
      expect((await new Browser(loginApp(strategy())).startLogin()).get('scope')).to.equal('openid');
      expect((await new Browser(loginApp(strategy({ scope: 'profile email' }))).startLogin()).get('scope')).to.equal('openid profile email');
      expect((await new Browser(loginApp(strategy({ scope: ['email', 'openid'] }))).startLogin()).get('scope')).to.equal('email openid');
    });

    it('adds openid to a scope given to passport.authenticate', async () => {
      const browser = new Browser(loginApp(strategy(), { loginOptions: { scope: ['email'] } }));
      expect((await browser.startLogin()).get('scope')).to.equal('openid email');
    });

    it('sends a fresh nonce with each login, next to state and an S256 code challenge', async () => {
      const browser = new Browser(loginApp(strategy()));
      const first = await browser.startLogin();
      const second = await browser.startLogin();
      expect(first.get('nonce')).to.match(/^[\w-]{43}$/);
      expect(second.get('nonce')).to.match(/^[\w-]{43}$/);
      expect(second.get('nonce')).not.to.equal(first.get('nonce'));
      expect(first.get('state')).to.match(/^[\w-]{43}$/);
      expect(first.get('code_challenge_method')).to.equal('S256');
      expect(first.url.origin + first.url.pathname).to.equal(endpoints.authorizationURL);
    });
  });

  describe('handling the callback', () => {
    async function tokenEndpointAnswers(nonce: string | null, overrides: Record<string, unknown> = {}, body: Record<string, unknown> = {}) {
      const idToken = await signIdToken(key, claims({ nonce: nonce ?? undefined, at_hash: atHash256('access-1'), ...overrides }));
      return nock(ISSUER).post('/token').reply(200, { access_token: 'access-1', token_type: 'Bearer', expires_in: 3600, id_token: idToken, ...body });
    }
    const jwksAnswers = () => nock(ISSUER).get('/jwks').reply(200, jwks(key));
    const userInfoAnswers = (body: Record<string, unknown> = { sub: 'alice', name: 'Alice Liddell', email: 'alice@example.test', email_verified: true }) =>
      nock(ISSUER).get('/me').matchHeader('authorization', 'Bearer access-1').reply(200, body);

    it('verifies the id_token, merges UserInfo into the profile, and hands the claims to verify', async () => {
      const seen: Seen[] = [];
      const browser = new Browser(loginApp(strategy({}, seen)));
      const login = await browser.startLogin();
      await tokenEndpointAnswers(login.get('nonce'));
      jwksAnswers();
      userInfoAnswers();
      const outcome = await browser.callback({ code: 'code-1', state: login.get('state')!, iss: ISSUER });
      expect(outcome.status).to.equal(200);
      expect(outcome.user).to.deep.equal({ issuer: ISSUER, sub: 'alice' });
      const [{ params, profile } = {} as Seen] = seen;
      expect(params['id_token_claims']).to.deep.include({ iss: ISSUER, sub: 'alice', aud: CLIENT_ID, nonce: login.get('nonce') });
      expect(params['id_token']).to.be.a('string');
      expect(profile).to.deep.include({ provider: 'openidconnect', id: 'alice', issuer: ISSUER, displayName: 'Alice Liddell' });
      expect(profile.emails).to.deep.equal([{ value: 'alice@example.test', verified: true }]);
      expect(profile._json).to.include({ iss: ISSUER, name: 'Alice Liddell' });
      expect(JSON.parse(String(profile._raw))).to.deep.equal({ sub: 'alice', name: 'Alice Liddell', email: 'alice@example.test', email_verified: true });
    });

    it('refuses an id_token whose nonce is not the one sent with this login, before UserInfo and verify', async () => {
      const seen: Seen[] = [];
      const browser = new Browser(loginApp(strategy({}, seen)));
      const first = await browser.startLogin();
      const second = await browser.startLogin();
      await tokenEndpointAnswers(first.get('nonce'));
      jwksAnswers();
      const outcome = await browser.callback({ code: 'code-1', state: second.get('state')! });
      expect(outcome.status).to.equal(500);
      expect(outcome.error).to.deep.include({ name: 'IdTokenError', code: 'ERR_ID_TOKEN_NONCE' });
      expect(seen).to.deep.equal([]);
    });

    it('refuses a token response without an id_token', async () => {
      const browser = new Browser(loginApp(strategy()));
      const login = await browser.startLogin();
      nock(ISSUER).post('/token').reply(200, { access_token: 'access-1', token_type: 'Bearer' });
      const outcome = await browser.callback({ code: 'code-1', state: login.get('state')! });
      expect(outcome.error).to.deep.include({ name: 'IdTokenError', code: 'ERR_ID_TOKEN_MISSING' });
    });

    it('refuses an id_token for another client', async () => {
      const browser = new Browser(loginApp(strategy()));
      const login = await browser.startLogin();
      await tokenEndpointAnswers(login.get('nonce'), { aud: 'another-client' });
      jwksAnswers();
      expect((await browser.callback({ code: 'code-1', state: login.get('state')! })).error).to.deep.include({ code: 'ERR_ID_TOKEN_AUDIENCE' });
    });

    it('refuses an id_token whose at_hash is not the access token’s', async () => {
      const browser = new Browser(loginApp(strategy()));
      const login = await browser.startLogin();
      await tokenEndpointAnswers(login.get('nonce'), {}, { access_token: 'access-swapped' });
      jwksAnswers();
      expect((await browser.callback({ code: 'code-1', state: login.get('state')! })).error).to.deep.include({ code: 'ERR_ID_TOKEN_AT_HASH' });
    });

    it('refuses a UserInfo response about another subject (OIDC Core §5.3.2)', async () => {
      const seen: Seen[] = [];
      const browser = new Browser(loginApp(strategy({}, seen)));
      const login = await browser.startLogin();
      await tokenEndpointAnswers(login.get('nonce'));
      jwksAnswers();
      userInfoAnswers({ sub: 'mallory', name: 'Mallory' });
      const outcome = await browser.callback({ code: 'code-1', state: login.get('state')! });
      expect(outcome.error).to.deep.include({ name: 'UserInfoError', code: 'ERR_USERINFO_SUBJECT' });
      expect(seen).to.deep.equal([]);
    });

    it('wraps a failing UserInfo endpoint in InternalOAuthError, as passport-oauth2 does', async () => {
      const browser = new Browser(loginApp(strategy()));
      const login = await browser.startLogin();
      await tokenEndpointAnswers(login.get('nonce'));
      jwksAnswers();
      nock(ISSUER).get('/me').reply(401, { error: 'invalid_token' });
      const outcome = await browser.callback({ code: 'code-1', state: login.get('state')! });
      expect(outcome.error).to.deep.include({ name: 'InternalOAuthError', code: 'ERR_INTERNAL_OAUTH' });
      expect(outcome.error?.message).to.match(/^Failed to fetch user profile/);
    });

    it('builds the profile from the id_token alone with skipUserProfile, or without a userInfoURL', async () => {
      for (const options of [{ skipUserProfile: true }, { userInfoURL: undefined }]) {
        const seen: Seen[] = [];
        const browser = new Browser(loginApp(strategy(options, seen)));
        const login = await browser.startLogin();
        await tokenEndpointAnswers(login.get('nonce'), { name: 'From The Token' });
        jwksAnswers();
        expect((await browser.callback({ code: 'code-1', state: login.get('state')! })).status).to.equal(200);
        expect(seen[0]?.profile).to.deep.include({ id: 'alice', displayName: 'From The Token' });
        expect(seen[0]?.profile._raw).to.equal(undefined);
      }
    });

    it('fails a callback whose iss names another issuer (RFC 9207), before the token request', async () => {
      const browser = new Browser(loginApp(strategy()));
      const login = await browser.startLogin();
      const outcome = await browser.callback({ code: 'code-1', state: login.get('state')!, iss: 'http://127.0.0.1:4998/other' });
      expect(outcome.status).to.equal(403);
      expect(outcome.failure).to.deep.equal({ message: 'Authorization response is from an unexpected issuer.' });
    });

    it('fails a callback without iss when the issuer always sends it', async () => {
      const browser = new Browser(loginApp(strategy({ requireIssParameter: true })));
      const login = await browser.startLogin();
      const outcome = await browser.callback({ code: 'code-1', state: login.get('state')! });
      expect(outcome.status).to.equal(403);
      expect(outcome.failure).to.deep.equal({ message: 'Authorization response has no iss parameter.' });
    });

    it('gives a passReqToCallback verify the request and the claims in params', async () => {
      let received: { hasReq: boolean; sub: unknown } | undefined;
      const reqStrategy = new OpenIDConnectStrategy(
        { ...baseOptions, passReqToCallback: true, skipUserProfile: true },
        (req: unknown, _at: string, _rt: string | undefined, params: Record<string, unknown>, profile: OpenIDConnectProfile, done: VerifyCallback) => {
          received = { hasReq: typeof req === 'object' && req !== null && 'headers' in req, sub: (params['id_token_claims'] as { sub: string }).sub };
          done(null, { id: profile.id });
        },
      );
      const browser = new Browser(loginApp(reqStrategy));
      const login = await browser.startLogin();
      await tokenEndpointAnswers(login.get('nonce'));
      jwksAnswers();
      expect((await browser.callback({ code: 'code-1', state: login.get('state')! })).user).to.deep.equal({ id: 'alice' });
      expect(received).to.deep.equal({ hasReq: true, sub: 'alice' });
    });

    it('works without a session, keeping the nonce in the encrypted state cookie', async () => {
      const browser = new Browser(loginApp(strategy({ skipUserProfile: true }), { session: false }));
      const login = await browser.startLogin();
      await tokenEndpointAnswers(login.get('nonce'));
      jwksAnswers();
      expect((await browser.callback({ code: 'code-1', state: login.get('state')! })).status).to.equal(200);
    });
  });

  describe('fromIssuer', () => {
    const discovery = {
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/authorize-discovered`,
      token_endpoint: `${ISSUER}/token`,
      jwks_uri: `${ISSUER}/jwks`,
      userinfo_endpoint: `${ISSUER}/me`,
      response_types_supported: ['code'],
      id_token_signing_alg_values_supported: ['RS256', 'HS256'],
      authorization_response_iss_parameter_supported: true,
    };
    const verify = (_at: string, _rt: string | undefined, profile: OpenIDConnectProfile, done: VerifyCallback) => done(null, { id: profile.id });

    it('configures the endpoints from discovery and requires iss when the issuer says it sends it', async () => {
      nock(ISSUER).get('/.well-known/openid-configuration').reply(200, discovery);
      const discovered = await OpenIDConnectStrategy.fromIssuer(ISSUER, { clientID: CLIENT_ID, clientSecret: CLIENT_SECRET, callbackURL: CALLBACK_URL }, verify);
      expect(discovered).to.be.instanceOf(OpenIDConnectStrategy);
      const browser = new Browser(loginApp(discovered));
      const login = await browser.startLogin();
      expect(login.url.pathname).to.equal('/authorize-discovered');
      const outcome = await browser.callback({ code: 'code-1', state: login.get('state')! });
      expect(outcome.failure).to.deep.equal({ message: 'Authorization response has no iss parameter.' });
    });

    it('lets given options win over discovered ones', async () => {
      nock(ISSUER).get('/.well-known/openid-configuration').reply(200, discovery);
      const discovered = await OpenIDConnectStrategy.fromIssuer(
        ISSUER,
        { clientID: CLIENT_ID, callbackURL: CALLBACK_URL, authorizationURL: 'http://127.0.0.1:4998/mine', requireIssParameter: false },
        verify,
      );
      const login = await new Browser(loginApp(discovered)).startLogin();
      expect(login.url.pathname).to.equal('/mine');
    });

    it('returns an instance of the subclass it is called on', async () => {
      class CorpStrategy extends OpenIDConnectStrategy {}
      nock(ISSUER).get('/.well-known/openid-configuration').reply(200, discovery);
      expect(await CorpStrategy.fromIssuer(ISSUER, { clientID: CLIENT_ID }, verify)).to.be.instanceOf(CorpStrategy);
    });

    it('rejects with the discovery error', async () => {
      nock(ISSUER).get('/.well-known/openid-configuration').reply(200, { ...discovery, issuer: 'https://elsewhere.example' });
      try {
        await OpenIDConnectStrategy.fromIssuer(ISSUER, { clientID: CLIENT_ID }, verify);
        expect.fail('expected fromIssuer to reject');
      } catch (err) {
        expect(err).to.have.property('code', 'ERR_DISCOVERY_ISSUER_MISMATCH');
      }
    });
  });
});
