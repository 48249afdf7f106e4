import { expect } from 'chai';
import nock from 'nock';
import {
  InternalOAuthError,
  OAuth2Strategy,
  type OAuth2AuthenticateOptions,
  type OAuth2StrategyOptions,
  type ProfileCallback,
} from '@passport-kit/oauth2';
import { AUTHORIZATION_URL, Browser, CALLBACK_URL, PROVIDER, TOKEN_URL, loginApp } from './support/login-app.js';

const USER_URL = `${PROVIDER}/api/user`;

type Done = (err?: unknown, user?: unknown, info?: unknown) => void;

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
