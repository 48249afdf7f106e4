import {
  Strategy as PassportStrategy,
  HttpClient,
  callVerify,
  callableClass,
  initialize,
  redact,
  resolveCallbackURL,
  settle,
  shouldSkipUserProfile,
  strategyLabel,
  strategyLabelOf,
  userAgent,
  warnUnknownOptions,
  type HttpResponse,
  type IncomingRequest,
  type PassportRequest,
  type Profile,
} from '@passport-kit/core';

import packageJson from '../package.json' with { type: 'json' };
import type { OAuth1AuthenticateOptions, OAuth1StrategyOptions, SkipUserProfile } from './options.js';
import { CallbackNotConfirmedError, InternalOAuthError } from './errors.js';
import type { OAuth1Verify, TokenParams, VerifyFunction, VerifyFunctionWithParams, VerifyFunctionWithRequest, VerifyFunctionWithRequestAndParams } from './verify.js';
import { secureRequest, type SignedRequestOptions } from './lib/signed-request.js';
import { isVerifierMissing, obtainAccessToken } from './access-token.js';
import { userAuthorizationRedirectURL } from './authorization-redirect.js';
import { readCallbackResponse, type AuthorizedResponse } from './callback-response.js';
import type { CredentialsResponse } from './credentials-response.js';
import { oauth1Login } from './login-observer.js';
import { OAuth } from './node-oauth.js';
import { OAUTH1_OPTION_NAMES } from './option-names.js';
import {
  createRequestTokenStorage,
  requestTokenCheckFailure,
  type PendingRequestToken,
  type RequestTokenStorage,
} from './pending-request-token.js';
import { isCallbackConfirmed, obtainRequestToken, requestTokenCallParams } from './request-token.js';
import type { RequestTokenStoreMeta } from './request-token-store.js';
import { SIGNATURE_METHODS } from './signature.js';

/** A response to a signed call, as `fetchProtectedResource` returns it. */
export type ProtectedResourceResponse = HttpResponse;

/**
 * Passport strategy for OAuth 1.0a (RFC 5849), a drop-in for passport-oauth1's `Strategy`
 * (name `oauth`). Provider packages subclass it and override the protected hooks
 * `userProfile`, `requestTokenParams`, `userAuthorizationParams` and `parseErrorResponse`.
 *
 * This is the class, for types; the package exports {@link OAuth1Strategy}, the same class made
 * callable so that ES5 subclasses written for passport-oauth1 (`OAuthStrategy.call(this,
 * options, verify)` under `util.inherits`) run on it unchanged.
 *
 * @example
 * ```ts
 * passport.use(new OAuth1Strategy({
 *   requestTokenURL: 'https://provider.example/oauth/request_token',
 *   accessTokenURL: 'https://provider.example/oauth/access_token',
 *   userAuthorizationURL: 'https://provider.example/oauth/authorize',
 *   consumerKey: process.env.CONSUMER_KEY!,
 *   consumerSecret: process.env.CONSUMER_SECRET!,
 *   callbackURL: '/auth/provider/callback',
 * }, async (token, tokenSecret, profile) => findOrCreateUser(profile)));
 * ```
 */
export class OAuth1StrategyClass<P = Profile, R extends object = PassportRequest> extends PassportStrategy {
  /** The name errors and warnings give this class: passport-oauth1's (see `strategyLabel`). */
  static readonly [strategyLabel]: string = 'OAuthStrategy';
  /** The strategy's name for `passport.authenticate()` (`oauth`). */
  declare name: string;
  /**
   * node-oauth's `OAuth` client, as passport-oauth1 exposes it (protected by convention):
   * subclasses call `this._oauth.get(url, token, tokenSecret, callback)` in `userProfile`, and
   * may wrap `getOAuthRequestToken` / `getOAuthAccessToken`, which the strategy's two legs call.
   * Endpoints and client settings are read from it at request time.
   */
  declare _oauth: OAuth;
  /** Leg 2 endpoint (the `userAuthorizationURL` option), read at request time. */
  declare protected _userAuthorizationURL: string;
  /** The `callbackURL` option, resolved against each request when relative. */
  declare protected _callbackURL: string | undefined;
  /** The session key pending logins live under (`sessionKey`). */
  declare protected _key: string;
  /** The one HTTP client for every call to the provider (also `_oauth`'s). */
  declare protected httpClient: HttpClient;
  /** The app's verify callback. */
  declare protected _verify: OAuth1Verify;
  /** The `proxy` option (an explicit `false` wins over Express's `trust proxy`). */
  declare protected _trustProxy: boolean | undefined;
  /** passport-kit: the `appURL` option, the app's own origin(s). */
  declare protected _appURL: string | string[] | undefined;
  /** The `passReqToCallback` option. */
  declare protected _passReqToCallback: boolean;
  /** The `skipUserProfile` option. */
  declare protected _skipUserProfile: SkipUserProfile;
  /** The `allowOAuth10` option: accept a provider without `oauth_callback_confirmed` (see its risk). */
  declare protected _allowOAuth10: boolean;
  declare private requestTokenStorage: RequestTokenStorage;

  // One overload per verify form. TypeScript types an inline verify's parameters from the first
  // overload whose options fit, so the request forms come first (only `passReqToCallback: true`
  // fits them), each before its `params` form: an inline verify of up to 4 arguments (5 with
  // `req`) gets typed parameters; the `params` forms need their type named. The last overload
  // takes any form (subclasses' `super()`, ES5 `.call(this, …)`) and reports a missing option.
  constructor(options: OAuth1StrategyOptions & { passReqToCallback: true }, verify: VerifyFunctionWithRequest<P, R>);
  constructor(options: OAuth1StrategyOptions & { passReqToCallback: true }, verify: VerifyFunctionWithRequestAndParams<P, R>);
  constructor(options: OAuth1StrategyOptions, verify: VerifyFunction<P>);
  constructor(options: OAuth1StrategyOptions, verify: VerifyFunctionWithParams<P>);
  constructor(options: OAuth1StrategyOptions, verify: OAuth1Verify);
  constructor(options: OAuth1StrategyOptions, verify: OAuth1Verify) {
    super();
    this[initialize](options, verify);
  }

  /**
   * All of the constructor's work, so that `new`, `class extends` and an ES5 subclass's
   * `OAuth1Strategy.call(this, options, verify)` set up the same fields. A subclass that needs
   * set-up of its own overrides it and calls `super[initialize](options, verify)` first.
   */
  [initialize](options: OAuth1StrategyOptions, verify: OAuth1Verify): void {
    // passport-oauth1 accepts `new Strategy(verify)` and then asks for the first missing option.
    if (typeof options === 'function') {
      verify = options as OAuth1Verify;
      options = undefined as unknown as OAuth1StrategyOptions;
    }
    options ??= {} as OAuth1StrategyOptions;
    // passport-oauth1's checks and messages, with the provider's class named for our provider strategies.
    const label = strategyLabelOf(this, 'OAuthStrategy');
    if (typeof verify !== 'function') throw new TypeError(`${label} requires a verify callback`);
    if (!options.requestTokenURL) throw new TypeError(`${label} requires a requestTokenURL option`);
    if (!options.accessTokenURL) throw new TypeError(`${label} requires a accessTokenURL option`);
    if (!options.userAuthorizationURL) throw new TypeError(`${label} requires a userAuthorizationURL option`);
    if (!options.consumerKey) throw new TypeError(`${label} requires a consumerKey option`);
    if (typeof options.consumerSecret !== 'string') throw new TypeError(`${label} requires a consumerSecret option`);
    const signatureMethod = options.signatureMethod ?? 'HMAC-SHA1';
    if (!SIGNATURE_METHODS.includes(signatureMethod)) {
      throw new TypeError(`${label} does not support the signature method ${String(signatureMethod)}`);
    }
    const privateKey = options.privateKey ?? (signatureMethod === 'RSA-SHA1' ? options.consumerSecret : undefined);
    if (signatureMethod === 'RSA-SHA1' && !privateKey) throw new TypeError(`${label} requires a privateKey option for RSA-SHA1`);
    // Only for OAuth1Strategy itself: a subclass from npm passes its own options through.
    if (this.constructor === OAuth1Strategy) warnUnknownOptions('OAuth1Strategy', options, OAUTH1_OPTION_NAMES);

    this.name = 'oauth';
    this._verify = verify;
    this.httpClient = new HttpClient({
      userAgent: userAgent(packageJson.name, packageJson.version),
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      ...(options.maxResponseSize === undefined ? {} : { maxResponseSize: options.maxResponseSize }),
      ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
    });
    // passport-oauth1's arguments: version 1.0, no default callback (the strategy sends its own).
    this._oauth = new OAuth(
      options.requestTokenURL,
      options.accessTokenURL,
      options.consumerKey,
      options.consumerSecret,
      '1.0',
      null,
      signatureMethod,
      null,
      options.customHeaders ?? null,
      this.httpClient,
    );
    // With RSA-SHA1 the "consumer secret" may be the private key: it signs, and is never an HMAC key.
    if (signatureMethod === 'RSA-SHA1') this._oauth._privateKey = privateKey;
    this._userAuthorizationURL = options.userAuthorizationURL;
    this._callbackURL = options.callbackURL;
    this._key = options.sessionKey || 'oauth';
    this.requestTokenStorage = createRequestTokenStorage(options, this._key);
    this._trustProxy = options.proxy;
    this._appURL = options.appURL;
    this._passReqToCallback = options.passReqToCallback === true;
    this._skipUserProfile = options.skipUserProfile ?? false;
    this._allowOAuth10 = options.allowOAuth10 === true;
  }

  /** Leg 1 endpoint (`_oauth._requestUrl`). */
  protected get requestTokenURL(): string {
    return this._oauth._requestUrl;
  }

  /** Leg 3 endpoint (`_oauth._accessUrl`). */
  protected get accessTokenURL(): string {
    return this._oauth._accessUrl;
  }

  /** Leg 2 endpoint (`_userAuthorizationURL`). */
  protected get userAuthorizationURL(): string {
    return this._userAuthorizationURL;
  }

  /** Starts a login (leg 1 and the redirect of leg 2) or completes one on the callback (leg 3). */
  override authenticate(req: IncomingRequest, options: OAuth1AuthenticateOptions = {}): void {
    const login = oauth1Login.observeLogin(this, req, options ?? {}, this._trustProxy);
    login.handleRequest(req, options ?? {}).catch((err: unknown) => login.error(err instanceof Error ? err : new Error(String(err))));
  }

  /**
   * Extra parameters for the request-token call (`x_auth_access_type`, `scope`, …); `oauth_*`
   * ones go in the Authorization header, the others in the signed form body.
   */
  protected requestTokenParams(_options: OAuth1AuthenticateOptions): Record<string, string> {
    return {};
  }

  /** Extra query parameters for the authorization redirect (`force_login`, `screen_name`, …). */
  protected userAuthorizationParams(_options: OAuth1AuthenticateOptions): Record<string, string> {
    return {};
  }

  /**
   * Loads the user's profile with the access token; the base class gives `{}`. Override it
   * with either style: call `done(err, profile)` or return a promise of the profile. Use
   * {@link OAuth1StrategyClass.fetchProtectedResource} or `this._oauth.get` for the signed call.
   */
  protected userProfile(
    _token: string,
    _tokenSecret: string,
    _params: TokenParams,
    done: (err: unknown, profile?: Profile) => void,
  ): void | Promise<Profile> {
    done(null, {} as Profile);
  }

  /**
   * Turns a provider's error response into the error the login fails with; return `null` or
   * `undefined` to get {@link InternalOAuthError}. {@link providerErrorMessage} reads the
   * common body shapes.
   */
  protected parseErrorResponse(_body: string, _status: number): Error | null | undefined {
    return null;
  }

  /**
   * Sends one signed request (RFC 5849 §3.5.1 Authorization header) with the strategy's
   * credentials through `this._oauth`, and returns the response, whatever its status. Throws a
   * core `NetworkError`.
   */
  protected signedRequest(options: SignedRequestOptions): Promise<HttpResponse> {
    return this._oauth.send(secureRequest(options));
  }

  /**
   * GETs (or POSTs) a protected resource signed with the access token: what provider packages
   * use in `userProfile`. Throws `UnexpectedStatusError` (with `statusCode` and `data`) for a
   * status outside 2xx, and `NetworkError`; messages carry the provider's error message but
   * never the token or a secret.
   *
   * @example
   * ```ts
   * const { body } = await this.fetchProtectedResource(PROFILE_URL, token, tokenSecret);
   * ```
   */
  protected async fetchProtectedResource(
    url: string,
    token: string,
    tokenSecret: string,
    options: Omit<SignedRequestOptions, 'url' | 'token' | 'tokenSecret'> = {},
  ): Promise<ProtectedResourceResponse> {
    return this._oauth.fetch(secureRequest({ ...options, url, token, tokenSecret }));
  }

  // The protocol, leg by leg: each step's rules live in its own file (callback-response,
  // request-token, pending-request-token, authorization-redirect, access-token); the methods
  // below only carry them out with this strategy's hooks, store and passport's
  // redirect/success/fail/error.
  private async handleRequest(req: IncomingRequest, options: OAuth1AuthenticateOptions): Promise<void> {
    const response = readCallbackResponse(req);
    switch (response.type) {
      case 'denied':
        // The refused request token is forgotten; a store that cannot find it changes nothing.
        if (response.requestToken !== undefined) await this.requestTokenStorage.take(req, response.requestToken, this.meta()).catch(() => undefined);
        return this.fail({ message: 'The user denied the authorization request' }, 403);
      case 'malformed':
        return this.fail({ message: 'Malformed oauth_token parameter' }, 400);
      case 'authorized':
        return this.completeLogin(req, response);
      case 'none':
        return this.startLogin(req, options);
    }
  }

  /** Leg 1, then leg 2's redirect: obtain a request token, keep it pending, send the user to authorize it. */
  private async startLogin(req: IncomingRequest, options: OAuth1AuthenticateOptions): Promise<void> {
    const callbackURL = resolveCallbackURL(req, options.callbackURL ?? this._callbackURL, { proxy: this._trustProxy, appURL: this._appURL });
    let requestToken: CredentialsResponse;
    try {
      const params = requestTokenCallParams(this.requestTokenParams(options), callbackURL);
      requestToken = await oauth1Login.duringStep(this, req, 'token', () => obtainRequestToken(this._oauth, params));
    } catch (err) {
      return this.error(this.createOAuthError('Failed to obtain request token', err));
    }
    const callbackConfirmed = isCallbackConfirmed(requestToken.params);
    if (!callbackConfirmed && !this._allowOAuth10) return this.error(new CallbackNotConfirmedError());

    const pending: PendingRequestToken = { tokenSecret: requestToken.tokenSecret };
    if (options.state !== undefined) pending.state = options.state;
    await this.requestTokenStorage.save(req, requestToken.token, pending, this.meta(callbackURL));

    oauth1Login.reportStart(this, req, { loginKey: requestToken.token, authorizationURL: this._userAuthorizationURL, callbackURL }, this._trustProxy);
    this.redirect(userAuthorizationRedirectURL(this._userAuthorizationURL, {
      requestToken: requestToken.token,
      callbackURL,
      callbackConfirmed,
      extraParams: this.userAuthorizationParams(options),
    }));
  }

  /** The callback: check the request token, then leg 3, the profile and the app's verify. */
  private async completeLogin(req: IncomingRequest, { requestToken, verifier }: AuthorizedResponse): Promise<void> {
    if (verifier.kind === 'invalid') return this.fail({ message: 'Malformed oauth_verifier parameter' }, 400);

    const found = await this.requestTokenStorage.take(req, requestToken, this.meta());
    oauth1Login.reportCheck(this, req, found.status === 'found', found.status === 'found' ? undefined : found.status, this._trustProxy);
    if (found.status !== 'found') {
      const failure = requestTokenCheckFailure(found);
      return this.fail(failure.challenge, failure.status);
    }
    if (isVerifierMissing(verifier, this._allowOAuth10)) return this.fail({ message: 'Missing oauth_verifier parameter' }, 400);
    const { tokenSecret, state } = found.data;
    const oauthVerifier = verifier.kind === 'value' ? verifier.value : null;

    let access: CredentialsResponse;
    try {
      access = await oauth1Login.duringStep(this, req, 'token', () => obtainAccessToken(this._oauth, requestToken, tokenSecret, oauthVerifier));
    } catch (err) {
      return this.error(this.createOAuthError('Failed to obtain access token', err, [requestToken, tokenSecret, oauthVerifier ?? undefined]));
    }

    const profile = await oauth1Login.duringStep(this, req, 'profile', () => this.loadUserProfile(access));
    const { user, info } = await oauth1Login.duringVerify(this, req, () => callVerify(this._verify as (...args: never[]) => unknown, {
      req,
      passReqToCallback: this._passReqToCallback,
      credentials: [access.token, access.tokenSecret],
      params: access.params,
      profile,
    }));
    if (!user) return this.fail(info, 401);
    const result: Record<string, unknown> = typeof info === 'object' && info !== null ? { ...info } : {};
    if (state !== undefined) result.state = state;
    this.success(user, result);
  }

  /**
   * passport-oauth1's `_createOAuthError`: the `parseErrorResponse` hook first, `InternalOAuthError`
   * otherwise. The hook reads the provider's body, which may echo the request token or verifier:
   * they are redacted from what it returns, as from the generic error.
   */
  private createOAuthError(message: string, err: unknown, secrets: readonly (string | undefined)[] = []): Error {
    const { statusCode, data } = (typeof err === 'object' && err !== null ? err : {}) as { statusCode?: unknown; data?: unknown };
    if (statusCode && data) {
      try {
        const parsed = this.parseErrorResponse(String(data), Number(statusCode));
        if (parsed) return redactError(parsed, [...secrets, this._oauth._consumerSecret, typeof this._oauth._privateKey === 'string' ? this._oauth._privateKey : undefined]);
      } catch {
        // A hook that cannot parse the body falls back to the generic error, as in passport-oauth1.
      }
    }
    return new InternalOAuthError(message, err, { quoteCause: false });
  }

  private async loadUserProfile(access: CredentialsResponse): Promise<Profile | undefined> {
    if (await shouldSkipUserProfile(this._skipUserProfile, access.token, access.tokenSecret)) return undefined;
    const { user: profile } = await settle(this.userProfile.bind(this), [access.token, access.tokenSecret, access.params]);
    return profile as Profile | undefined;
  }

  /** passport-oauth1's `meta`, read from `_oauth` at request time. */
  private meta(callbackURL?: string): RequestTokenStoreMeta {
    return {
      requestTokenURL: this._oauth._requestUrl,
      accessTokenURL: this._oauth._accessUrl,
      userAuthorizationURL: this._userAuthorizationURL,
      consumerKey: this._oauth._consumerKey,
      ...(callbackURL === undefined ? {} : { callbackURL }),
    };
  }
}

/**
 * {@link OAuth1StrategyClass} made callable: `new OAuth1Strategy(options, verify)`, `class
 * extends OAuth1Strategy`, and, in an ES5 subclass written for passport-oauth1,
 * `OAuth1Strategy.call(this, options, verify)` after `util.inherits(Sub, OAuth1Strategy)`.
 */
export const OAuth1Strategy = callableClass(OAuth1StrategyClass, 'OAuth1Strategy');
/** An instance of {@link OAuth1Strategy}. */
export type OAuth1Strategy = OAuth1StrategyClass;

/** `Strategy`, as passport-oauth1 names it. */
export { OAuth1Strategy as Strategy };

function redactError(error: Error, secrets: readonly (string | undefined)[]): Error {
  error.message = redact(error.message, secrets);
  if (typeof error.stack === 'string') error.stack = redact(error.stack, secrets);
  return error;
}
