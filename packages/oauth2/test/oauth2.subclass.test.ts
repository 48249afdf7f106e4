// The ways strategies on npm extend passport-oauth2, each through a real Express login:
// util.inherits with OAuth2Strategy.call(this, ...) and prototype hooks, an instance that
// replaced or wrapped this._oauth2.getOAuthAccessToken, and class extends.
import { stringify } from 'node:querystring';
import { inherits } from 'node:util';
import { expect } from 'chai';
import nock from 'nock';
import {
  InternalOAuthError,
  OAuth2Strategy,
  TokenError,
  type LegacyTokenCallback,
  type OAuth2AuthenticateOptions,
  type OAuth2StrategyOptions,
  type ProfileCallback,
  type StateStore,
} from '@passport-kit/oauth2';
import { AUTHORIZATION_URL, Browser, CALLBACK_URL, PROVIDER, TOKEN_URL, loginApp } from '@passport-kit/test-support/login-app';

const USER_URL = `${PROVIDER}/api/user`;
const SECRET = 'secret-1-Hw3pK8';

type Done = (err?: unknown, user?: unknown, info?: unknown) => void;
type Verify = (accessToken: string, refreshToken: string | undefined, profile: unknown, done: Done) => void;

/** What the hooks see on `this`: passport-oauth2's protected members are plain properties at run time. */
interface Hooks {
  userProfile(accessToken: string, done: ProfileCallback): void;
  authorizationParams(options: OAuth2AuthenticateOptions): Record<string, unknown>;
  tokenParams(options: OAuth2AuthenticateOptions): Record<string, unknown>;
  parseErrorResponse(body: string, status: number): Error | null;
  authenticate(req: unknown, options?: OAuth2AuthenticateOptions): void;
}

interface LegacyStrategy extends OAuth2Strategy {
  _profileURL: string;
  authenticateCalls: number;
}
type LegacyConstructor = new (options: Partial<OAuth2StrategyOptions> & { profileURL?: string }, verify: Verify) => LegacyStrategy;

// A provider strategy as most on npm are written: ES5, util.inherits, prototype overrides.
function LegacyExampleStrategy(this: LegacyStrategy, options: Partial<OAuth2StrategyOptions> & { profileURL?: string }, verify: Verify) {
  options = { ...options };
  options.authorizationURL = options.authorizationURL || AUTHORIZATION_URL;
  options.tokenURL = options.tokenURL || TOKEN_URL;
  OAuth2Strategy.call(this, options as OAuth2StrategyOptions, verify as never);
  this.name = 'legacy-example';
  this._profileURL = options.profileURL || USER_URL;
  this.authenticateCalls = 0;
  this._oauth2.useAuthorizationHeaderforGET(true);
}
inherits(LegacyExampleStrategy, OAuth2Strategy);
const LegacyExample = LegacyExampleStrategy as unknown as LegacyConstructor;
const legacyPrototype = LegacyExampleStrategy.prototype as Hooks;
const basePrototype = OAuth2Strategy.prototype as unknown as Hooks;

legacyPrototype.userProfile = function (this: LegacyStrategy, accessToken: string, done: ProfileCallback) {
  this._oauth2.get(this._profileURL, accessToken, (err, body) => {
    if (err) return done(new InternalOAuthError('Failed to fetch user profile', err));
    try {
      const json = JSON.parse(body ?? '') as { id: number; name: string };
      done(null, { provider: 'legacy-example', id: String(json.id), displayName: json.name, _raw: body, _json: json });
    } catch (ex) {
      done(ex);
    }
  });
};

legacyPrototype.authorizationParams = function (options: OAuth2AuthenticateOptions) {
  return typeof options['prompt'] === 'string' ? { prompt: options['prompt'] } : {};
};

legacyPrototype.tokenParams = function () {
  return { audience: 'https://api.example' };
};

// The provider reports token errors as { errors: [{ code, message }] }.
legacyPrototype.parseErrorResponse = function (this: LegacyStrategy, body: string, status: number) {
  const json = JSON.parse(body) as { errors?: { code: string; message: string }[] };
  const first = json.errors?.[0];
  if (first) return new TokenError(first.message, first.code);
  return basePrototype.parseErrorResponse.call(this, body, status);
};

legacyPrototype.authenticate = function (this: LegacyStrategy, req: unknown, options?: OAuth2AuthenticateOptions) {
  // `this` is passport's per-request copy; the count lands on the strategy it inherits from.
  (Object.getPrototypeOf(this) as LegacyStrategy).authenticateCalls += 1;
  basePrototype.authenticate.call(this, req, options);
};

/** A provider strategy written the passport-oauth2 way, as an ES class. */
class ExampleStrategy extends OAuth2Strategy {
  constructor(options: Partial<OAuth2StrategyOptions>, verify: Verify) {
    super(
      {
        authorizationURL: AUTHORIZATION_URL,
        tokenURL: TOKEN_URL,
        clientID: 'client-1',
        clientSecret: SECRET,
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

function legacy(verify: Verify = (_at, _rt, _p, done) => done(null, { id: 'user-1' })) {
  return new LegacyExample({ clientID: 'client-1', clientSecret: SECRET, callbackURL: CALLBACK_URL }, verify);
}

function plain(verify: (...args: never[]) => void = (_at: string, _rt: string, params: unknown, _p: unknown, done: Done) => done(null, { id: 'user-1' }, { params })) {
  return new OAuth2Strategy(
    { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: SECRET, callbackURL: CALLBACK_URL },
    verify as never,
  );
}

/** Starts a login and comes back with `code`; returns the outcome and the errors the app saw. */
async function login(strategy: OAuth2Strategy, code = 'code-1', loginOptions: Record<string, unknown> = {}) {
  const errors: unknown[] = [];
  const browser = new Browser(loginApp(strategy, { loginOptions, onError: (err) => errors.push(err) }));
  const authorization = await browser.startLogin();
  return { authorization, errors, callback: () => browser.callback({ code, state: authorization.get('state') ?? '' }) };
}

describe('OAuth2Strategy', () => {
  describe('subclassed as strategies on npm do', () => {
    describe('util.inherits and OAuth2Strategy.call(this, options, verify)', () => {
      it('logs in end to end with its name, authenticate, authorizationParams, tokenParams and a userProfile using this._oauth2.get', async () => {
        let profile: unknown;
        const s = legacy((_at, _rt, p, done) => {
          profile = p;
          done(null, { id: 'user-1' });
        });
        expect(s).to.be.instanceOf(OAuth2Strategy);
        const { authorization, callback } = await login(s, 'code-1', { prompt: 'consent' });
        expect(authorization.url.pathname).to.equal('/authorize');
        expect(authorization.get('prompt')).to.equal('consent');
        expect(authorization.get('client_id')).to.equal('client-1');

        const token = nock(PROVIDER)
          .post('/token', (body: Record<string, string>) => body['audience'] === 'https://api.example' && body['code'] === 'code-1')
          .reply(200, { access_token: 'access-1', token_type: 'Bearer' });
        const user = nock(PROVIDER).get('/api/user').matchHeader('authorization', 'Bearer access-1').reply(200, { id: 7, name: 'Ada' });
        const outcome = await callback();

        expect(outcome.status).to.equal(200);
        expect(outcome.user).to.deep.equal({ id: 'user-1' });
        expect(token.isDone() && user.isDone()).to.equal(true);
        expect(profile).to.deep.include({ provider: 'legacy-example', id: '7', displayName: 'Ada', _raw: '{"id":7,"name":"Ada"}' });
        expect(s.authenticateCalls).to.equal(2);
      });

      it('logs in at the endpoints _oauth2._authorizeUrl and _accessTokenUrl were changed to after construction', async () => {
        const s = legacy();
        s._oauth2._authorizeUrl = `${PROVIDER}/v2/authorize?tenant=acme`;
        s._oauth2._accessTokenUrl = `${PROVIDER}/v2/token`;
        const { authorization, callback } = await login(s);
        expect(authorization.url.pathname).to.equal('/v2/authorize');
        expect(authorization.get('tenant')).to.equal('acme');

        nock(PROVIDER).post('/v2/token').reply(200, { access_token: 'access-1', token_type: 'Bearer' });
        nock(PROVIDER).get('/api/user').reply(200, { id: 7, name: 'Ada' });

        expect((await callback()).user).to.deep.equal({ id: 'user-1' });
      });

      it('reads a provider error body with the subclass’s parseErrorResponse, the code and secret redacted', async () => {
        const { callback, errors } = await login(legacy(), 'code-secret-77');
        nock(PROVIDER).post('/token').reply(400, { errors: [{ code: 'expired_code', message: `Code code-secret-77 expired for ${SECRET}` }] });

        const outcome = await callback();

        expect(outcome.status).to.equal(500);
        expect(errors[0]).to.be.instanceOf(TokenError);
        expect(errors[0]).to.deep.include({ code: 'expired_code', message: 'Code [redacted] expired for [redacted]' });
      });

      it('falls back to the base parseErrorResponse for an RFC 6749 error body', async () => {
        const { callback, errors } = await login(legacy());
        nock(PROVIDER).post('/token').reply(400, { error: 'invalid_grant', error_description: 'Code expired' });

        await callback();

        expect(errors[0]).to.be.instanceOf(TokenError);
        expect(errors[0]).to.deep.include({ code: 'invalid_grant', message: 'Code expired' });
      });
    });

    describe('an instance whose this._oauth2.getOAuthAccessToken was replaced or wrapped', () => {
      // passport-apple's way: its own token request through this._request.
      function replaceTokenCall(s: OAuth2Strategy, calls: Record<string, unknown>[]) {
        s._oauth2.getOAuthAccessToken = function (this: OAuth2Strategy['_oauth2'], code: string, params: Record<string, unknown> | null | undefined, callback: LegacyTokenCallback) {
          const form: Record<string, unknown> = { ...params, code, client_id: this._clientId, client_secret: this._clientSecret };
          calls.push(form);
          this._request('POST', this._getAccessTokenUrl(), { 'Content-Type': 'application/x-www-form-urlencoded' }, stringify(form as Record<string, string>), null, (error, data) => {
            if (error) return callback(error);
            const results = JSON.parse(data ?? '') as Record<string, string>;
            callback(null, results['access_token'], results['refresh_token'], { ...results, replaced: true });
          });
        };
      }

      it('logs in with the replacement', async () => {
        const s = plain();
        const calls: Record<string, unknown>[] = [];
        replaceTokenCall(s, calls);
        const { callback } = await login(s);
        nock(PROVIDER)
          .post('/token', (body: Record<string, string>) => body['client_secret'] === SECRET && body['code'] === 'code-1' && typeof body['code_verifier'] === 'string')
          .reply(200, { access_token: 'access-1', token_type: 'Bearer' });

        const outcome = await callback();

        expect(outcome.user).to.deep.equal({ id: 'user-1' });
        expect(outcome.authInfo?.['params']).to.deep.include({ access_token: 'access-1', replaced: true });
        expect(calls).to.have.length(1);
        expect(calls[0]).to.include({ grant_type: 'authorization_code', redirect_uri: CALLBACK_URL });
      });

      it('turns the replacement’s { statusCode, data } error into a TokenError via parseErrorResponse, the code and secret redacted', async () => {
        const s = legacy();
        const calls: Record<string, unknown>[] = [];
        replaceTokenCall(s, calls);
        const { callback, errors } = await login(s, 'code-secret-77');
        nock(PROVIDER).post('/token').reply(400, `{"errors":[{"code":"expired_code","message":"Code code-secret-77 expired for ${SECRET}"}]}`);

        const outcome = await callback();

        expect(outcome.status).to.equal(500);
        expect(errors[0]).to.be.instanceOf(TokenError);
        expect(errors[0]).to.deep.include({ code: 'expired_code', message: 'Code [redacted] expired for [redacted]' });
        expect(calls).to.have.length(1);
      });

      it('turns a { statusCode, data } error the hook cannot read into an InternalOAuthError, the body redacted', async () => {
        const s = plain();
        replaceTokenCall(s, []);
        const { callback, errors } = await login(s, 'code-secret-77');
        nock(PROVIDER).post('/token').reply(502, `<html>bad gateway for code-secret-77</html>`);

        await callback();

        expect(errors[0]).to.be.instanceOf(InternalOAuthError);
        expect((errors[0] as InternalOAuthError).oauthError).to.deep.equal({ statusCode: 502, data: '<html>bad gateway for [redacted]</html>' });
      });

      it('logs in with a wrapper that calls the original', async () => {
        const s = plain();
        const original = s._oauth2.getOAuthAccessToken;
        let wrapped = 0;
        s._oauth2.getOAuthAccessToken = function (this: OAuth2Strategy['_oauth2'], code, params, callback) {
          wrapped += 1;
          original.call(this, code, { ...params, resource: 'https://api.example' }, (err, accessToken, refreshToken, results) =>
            callback(err, accessToken, refreshToken, { ...results, wrapped: true }),
          );
        };
        const { callback } = await login(s);
        nock(PROVIDER)
          .post('/token', (body: Record<string, string>) => body['resource'] === 'https://api.example' && body['code'] === 'code-1' && body['client_secret'] === SECRET)
          .reply(200, { access_token: 'access-1', token_type: 'Bearer' });

        const outcome = await callback();

        expect(outcome.user).to.deep.equal({ id: 'user-1' });
        expect(outcome.authInfo?.['params']).to.deep.include({ access_token: 'access-1', wrapped: true });
        expect(wrapped).to.equal(1);
      });
    });

    describe('class extends', () => {
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

    describe('constructed', () => {
      it('throws passport-oauth2’s message for new OAuth2Strategy(verify)', () => {
        expect(() => new (OAuth2Strategy as unknown as new (verify: Verify) => OAuth2Strategy)((_at, _rt, _p, done) => done())).to.throw(
          TypeError,
          'OAuth2Strategy requires a authorizationURL option',
        );
      });

      it('accepts a custom state store with only verify(), as passport-oauth2 does, and completes a callback with it', async () => {
        const verified: unknown[] = [];
        const store = {
          verify(_req: unknown, state: string, done: (err: Error | null, ok?: boolean) => void) {
            verified.push(state);
            done(null, state === 'from-elsewhere');
          },
        } as unknown as StateStore;
        const s = new OAuth2Strategy(
          { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: SECRET, callbackURL: CALLBACK_URL, store },
          (_at: string, _rt: string | undefined, _p: unknown, done: Done) => done(null, { id: 'user-1' }),
        );
        nock(PROVIDER).post('/token', (body: Record<string, string>) => body['code'] === 'code-1' && body['code_verifier'] === undefined).reply(200, { access_token: 'access-1' });

        const outcome = await new Browser(loginApp(s)).callback({ code: 'code-1', state: 'from-elsewhere' });

        expect(outcome.user).to.deep.equal({ id: 'user-1' });
        expect(verified).to.deep.equal(['from-elsewhere']);
      });
    });
  });
});
