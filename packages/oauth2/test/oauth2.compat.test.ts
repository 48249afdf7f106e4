import { expect } from 'chai';
import nock from 'nock';
import { NetworkError } from '@passport-kit/core';
import {
  InternalOAuthError,
  OAuth2Strategy,
  TokenError,
  type LegacyOAuthError,
  type OAuth2AuthenticateOptions,
  type OAuth2StrategyOptions,
  type ProfileCallback,
} from '@passport-kit/oauth2';
import { AUTHORIZATION_URL, Browser, CALLBACK_URL, PROVIDER, TOKEN_URL, loginApp } from './support/login-app.js';

const USER_URL = `${PROVIDER}/api/user`;

type Done = (err?: unknown, user?: unknown, info?: unknown) => void;

function strategy(options: Partial<OAuth2StrategyOptions> = {}) {
  return new OAuth2Strategy(
    { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: 'secret-1', callbackURL: CALLBACK_URL, ...options },
    (_at: string, _rt: string | undefined, _p: unknown, done: Done) => done(null, { id: 'u' }),
  );
}

/** node-oauth's `get`, awaited: what the callback was called with. */
function get(s: OAuth2Strategy, url: string, accessToken: string) {
  return new Promise<{ err: LegacyOAuthError | Error | null; body: string | undefined }>((resolve) => {
    s._oauth2.get(url, accessToken, (err, body) => resolve({ err, body }));
  });
}

/** A provider strategy written the passport-oauth2 way, as an ES class. */
class ExampleStrategy extends OAuth2Strategy {
  constructor(options: Partial<OAuth2StrategyOptions>, verify: (at: string, rt: string | undefined, profile: unknown, done: Done) => void) {
    super(
      {
        authorizationURL: AUTHORIZATION_URL,
        tokenURL: TOKEN_URL,
        clientID: 'client-1',
        clientSecret: 'secret-1',
        callbackURL: CALLBACK_URL,
        ...options,
      },
      verify,
    );
    this.name = 'example';
    this._oauth2.useAuthorizationHeaderforGET(true);
  }

  override userProfile(accessToken: string, done: ProfileCallback): void {
    this._oauth2.get(USER_URL, accessToken, (err, body) => {
      if (err) return done(new InternalOAuthError('Failed to fetch user profile', err));
      try {
        const json = JSON.parse(body ?? '') as { id: number; name: string };
        done(null, { provider: 'example', id: String(json.id), displayName: json.name, _raw: body, _json: json });
      } catch (ex) {
        done(ex);
      }
    });
  }

  override authorizationParams(options: OAuth2AuthenticateOptions): Record<string, unknown> {
    return typeof options['prompt'] === 'string' ? { prompt: options['prompt'] } : {};
  }

  override tokenParams(_options: OAuth2AuthenticateOptions): Record<string, unknown> {
    return { audience: 'https://api.example' };
  }
}

describe('OAuth2Strategy', () => {
  describe('node-oauth compatibility (this._oauth2)', () => {
    describe('get(url, accessToken, callback)', () => {
      it('puts the token in the query by default, as node-oauth does, and calls back with the body', async () => {
        nock(PROVIDER, { badheaders: ['cookie', 'authorization'] })
          .get('/api/user')
          .query({ access_token: 'access-1' })
          .reply(200, { id: 42 });

        const { err, body } = await get(strategy(), USER_URL, 'access-1');

        expect(err).to.equal(null);
        expect(JSON.parse(body ?? '')).to.deep.equal({ id: 42 });
      });

      it('sends the token as a Bearer header after useAuthorizationHeaderforGET(true)', async () => {
        const s = strategy();
        s._oauth2.useAuthorizationHeaderforGET(true);
        nock(PROVIDER).get('/api/user').matchHeader('authorization', 'Bearer access-1').reply(200, 'ok');

        expect((await get(s, USER_URL, 'access-1')).err).to.equal(null);
      });

      it('puts the token in the query, under the configured name, with useAuthorizationHeaderforGET(false)', async () => {
        const s = strategy();
        s._oauth2.useAuthorizationHeaderforGET(false);
        s._oauth2.setAccessTokenName('oauth2_access_token');
        nock(PROVIDER, { badheaders: ['authorization'] })
          .get('/api/user')
          .query({ fields: 'id', oauth2_access_token: 'access-1' })
          .reply(200, 'ok');

        const { err, body } = await get(s, `${USER_URL}?fields=id`, 'access-1');

        expect(err).to.equal(null);
        expect(body).to.equal('ok');
      });

      it('uses access_token as the query name by default', async () => {
        const s = strategy();
        s._oauth2.useAuthorizationHeaderforGET(false);
        nock(PROVIDER).get('/api/user').query({ access_token: 'access-1' }).reply(200, 'ok');

        expect((await get(s, USER_URL, 'access-1')).err).to.equal(null);
      });

      it('sends the customHeaders', async () => {
        nock(PROVIDER).get('/api/user').query(true).matchHeader('x-api-version', '2').reply(200, 'ok');

        expect((await get(strategy({ customHeaders: { 'x-api-version': '2' } }), USER_URL, 'access-1')).err).to.equal(null);
      });

      it('calls back with { statusCode, data } on a non-2xx answer, as node-oauth does', async () => {
        nock(PROVIDER).get('/api/user').query(true).reply(401, '{"message":"Bad credentials"}');

        const { err, body } = await get(strategy(), USER_URL, 'expired');

        expect(err).to.deep.equal({ statusCode: 401, data: '{"message":"Bad credentials"}' });
        expect(body).to.equal(undefined);
      });

      it('calls back with a NetworkError when the request fails', async () => {
        nock(PROVIDER).get('/api/user').query(true).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));

        const { err } = await get(strategy(), USER_URL, 'access-1');

        expect(err).to.be.instanceOf(NetworkError);
        expect((err as NetworkError).code).to.equal('ERR_NETWORK');
        expect((err as NetworkError).message).not.to.contain('access-1');
      });
    });

    describe('getOAuthAccessToken(code, params, callback)', () => {
      it('exchanges the code and calls back with (err, accessToken, refreshToken, results without refresh_token)', async () => {
        nock(PROVIDER)
          .post('/token', {
            redirect_uri: CALLBACK_URL,
            grant_type: 'authorization_code',
            code: 'code-1',
            client_id: 'client-1',
            client_secret: 'secret-1',
          })
          .reply(200, { access_token: 'access-1', refresh_token: 'refresh-1', token_type: 'bearer', expires_in: 60 });

        const result = await new Promise<unknown[]>((resolve) => {
          strategy()._oauth2.getOAuthAccessToken('code-1', { grant_type: 'authorization_code', redirect_uri: CALLBACK_URL }, (...args) => resolve(args));
        });

        expect(result).to.deep.equal([
          null,
          'access-1',
          'refresh-1',
          { access_token: 'access-1', token_type: 'bearer', expires_in: 60 },
        ]);
      });

      it('calls back with a TokenError when the provider refuses', async () => {
        nock(PROVIDER).post('/token').reply(400, { error: 'invalid_grant', error_description: 'Code expired' });

        const err = await new Promise<unknown>((resolve) => {
          strategy()._oauth2.getOAuthAccessToken('code-1', { grant_type: 'authorization_code' }, (e) => resolve(e));
        });

        expect(err).to.be.instanceOf(TokenError);
        expect(err).to.deep.include({ code: 'invalid_grant', message: 'Code expired' });
      });
    });

    it('exposes the client id and endpoints under node-oauth’s names', () => {
      const { _oauth2 } = strategy();

      expect(_oauth2._clientId).to.equal('client-1');
      expect(_oauth2._authorizeUrl).to.equal(AUTHORIZATION_URL);
      expect(_oauth2._accessTokenUrl).to.equal(TOKEN_URL);
    });

    describe('a provider strategy written against passport-oauth2', () => {
      it('logs in end to end with its name, authorizationParams, tokenParams and a userProfile using this._oauth2.get', async () => {
        let profile: unknown;
        const s = new ExampleStrategy({}, (_at, _rt, p, done) => {
          profile = p;
          done(null, { id: 'user-1' });
        });
        const browser = new Browser(loginApp(s, { loginOptions: { prompt: 'consent' } }));

        const authorization = await browser.startLogin();
        expect(authorization.get('prompt')).to.equal('consent');

        const token = nock(PROVIDER)
          .post('/token', (body: Record<string, string>) => body['audience'] === 'https://api.example' && body['code'] === 'code-1')
          .reply(200, { access_token: 'access-1', token_type: 'Bearer' });
        const user = nock(PROVIDER).get('/api/user').matchHeader('authorization', 'Bearer access-1').reply(200, { id: 7, name: 'Ada' });
        const outcome = await browser.callback({ code: 'code-1', state: authorization.get('state') ?? '' });

        expect(outcome.status).to.equal(200);
        expect(outcome.user).to.deep.equal({ id: 'user-1' });
        expect(token.isDone() && user.isDone()).to.equal(true);
        expect(profile).to.deep.include({ provider: 'example', id: '7', displayName: 'Ada', _raw: '{"id":7,"name":"Ada"}' });
      });

      it('errors with its own InternalOAuthError when the profile request is refused', async () => {
        const s = new ExampleStrategy({}, (_at, _rt, _p, done) => done(null, { id: 'user-1' }));
        const errors: unknown[] = [];
        const browser = new Browser(loginApp(s, { onError: (err) => errors.push(err) }));
        const authorization = await browser.startLogin();
        nock(PROVIDER).post('/token').reply(200, { access_token: 'access-1', token_type: 'Bearer' });
        nock(PROVIDER).get('/api/user').query(true).reply(401, '{"message":"Bad credentials"}');

        const outcome = await browser.callback({ code: 'code-1', state: authorization.get('state') ?? '' });

        expect(outcome.status).to.equal(500);
        expect(errors[0]).to.be.instanceOf(InternalOAuthError);
        expect((errors[0] as InternalOAuthError).message).to.equal('Failed to fetch user profile (status 401)');
        expect((errors[0] as InternalOAuthError).oauthError).to.deep.equal({ statusCode: 401, data: '{"message":"Bad credentials"}' });
      });
    });
  });
});
