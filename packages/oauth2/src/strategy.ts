import {
  HttpClient,
  PassportKitError,
  callVerify,
  callableClass,
  deriveCookieSecret,
  initialize,
  redact,
  shouldSkipUserProfile,
  settle,
  strategyLabel,
  strategyLabelOf,
  Strategy as PassportStrategy,
  paramValue,
  randomToken,
  resolveCallbackURL,
  userAgent,
  warnUnknownOptions,
  type HttpResponse,
  type IncomingRequest,
  type PassportRequest,
} from '@passport-kit/core';
import packageJson from '../package.json' with { type: 'json' };
import { authorizationRequestURL, createAuthorizationRequest, type AuthorizationClient } from './authorization-request.js';
import { errorResponseOutcome, isExpectedIssuer, readAuthorizationResponse, type CodeResponse, type ErrorResponse } from './authorization-response.js';
import { InternalOAuthError } from './errors.js';
import { duringStep, duringVerify, observeLogin, reportStateCheck } from './login-observer.js';
import { OAuth2Compat, isLegacyOAuthError } from './oauth2-compat.js';
import { OAUTH2_OPTION_NAMES } from './option-names.js';
import { warnIfNoClientSecret } from './client-secret-check.js';
import type { OAuth2AuthenticateOptions, OAuth2StrategyOptions } from './options.js';
import { parseOAuthErrorBody } from './parse-error-response.js';
import { readProtectedResource, type ResourceRequestOptions, type ResourceResponse } from './protected-resource.js';
import { keepPendingLogin, takePendingLogin } from './pending-login.js';
import { createCodeVerifier, type PKCEMethod } from './pkce.js';
import type { SkipUserProfile } from './skip-user-profile.js';
import { DefaultStateStore, NullStateStore, type StateStore, type StateStoreMeta } from './state-store.js';
import { TokenClient } from './token-client.js';
import { authorizationCodeTokenParams, exchangeAuthorizationCode } from './token-request.js';
import type { TokenResponse } from './token-response.js';
import {
  type VerifyFunction,
  type VerifyFunctionWithParams,
  type VerifyFunctionWithRequest,
  type VerifyFunctionWithRequestAndParams,
} from './verify.js';

/** Any of the verify forms passport-oauth2 accepts. */
export type OAuth2VerifyFunction<P = unknown, R = PassportRequest> =
  | VerifyFunction<P>
  | VerifyFunctionWithParams<P>
  | VerifyFunctionWithRequest<P, R>
  | VerifyFunctionWithRequestAndParams<P, R>;

/** `userProfile`'s callback: the profile, or why it could not be loaded. */
export type ProfileCallback = (err?: unknown, profile?: unknown) => void;

/** The login a callback completes: its request and `authenticate()` options. */
export interface LoginContext {
  /** The callback request. */
  req: IncomingRequest;
  /** The options given to `authenticate()` for this request. */
  options: OAuth2AuthenticateOptions;
}

/** What {@link OAuth2Strategy.beginLogin} adds to one login. */
export interface LoginExtras {
  /** Parameters added to the authorization request. */
  params?: Record<string, string>;
  /** Kept with the state until the callback, then given to `validateTokenResponse`. */
  data?: Record<string, unknown>;
}

/**
 * The OAuth 2.0 authorization code flow (RFC 6749 §4.1) as a Passport strategy, drop-in for
 * passport-oauth2: same options, hooks, verify forms and errors, with state, single-use
 * expiring state and PKCE S256 on by default.
 *
 * Passport runs each request on `Object.create(strategy)`, so per-request values never live on
 * `this`, and state is kept in TypeScript-private properties rather than `#fields`.
 *
 * @example
 * ```ts
 * passport.use(new OAuth2Strategy({
 *   authorizationURL: 'https://provider.example/oauth2/authorize',
 *   tokenURL: 'https://provider.example/oauth2/token',
 *   clientID: process.env.CLIENT_ID,
 *   clientSecret: process.env.CLIENT_SECRET,
 *   callbackURL: '/auth/example/callback',
 * }, (accessToken, refreshToken, profile, done) => done(null, profile)));
 * ```
 */
export class OAuth2StrategyClass<P = unknown, R extends object = PassportRequest> extends PassportStrategy {
  /** The name errors and warnings give this class (see `strategyLabel`). */
  static readonly [strategyLabel]: string = 'OAuth2Strategy';
  /** The strategy's name for `passport.authenticate()`. */
  declare name: string;
  /** The token endpoint client, with this strategy's client authentication and transport. */
  declare tokens: TokenClient;
  /**
   * node-oauth's `OAuth2` object, as passport-oauth2 has it: subclasses call `get`, `_request`
   * and friends, set its fields, or replace its methods; the code exchange goes through its
   * `getOAuthAccessToken`, and the authorization URL, token URL and client ID are read from it
   * on every request.
   */
  declare _oauth2: OAuth2Compat;

  /** The app's verify callback. */
  declare protected _verify: OAuth2VerifyFunction<never, never>;
  /** The one HTTP client for every call to the provider. */
  declare protected _http: HttpClient;
  /** The `callbackURL` option, resolved against each request when relative. */
  declare protected _callbackURL: string | undefined;
  /** The `scope` option. */
  declare protected _scope: string | string[] | undefined;
  /** The `scopeSeparator` option (default a space). */
  declare protected _scopeSeparator: string;
  /** The PKCE method in use (`S256` by default), or none. */
  declare protected _pkceMethod: PKCEMethod | undefined;
  /** The session key pending logins live under (`sessionKey`). */
  declare protected _key: string;
  /** Where state (and the PKCE verifier) is kept between redirect and callback. */
  declare protected _stateStore: StateStore;
  /** Whether `_stateStore` is the built-in session/cookie store. */
  declare protected _usesDefaultStore: boolean;
  /** The `proxy` option. */
  declare protected _trustProxy: boolean | undefined;
  /** passport-kit: the `appURL` option, the app's own origin(s). */
  declare protected _appURL: string | string[] | undefined;
  /** The `passReqToCallback` option. */
  declare protected _passReqToCallback: boolean;
  /** The `skipUserProfile` option. */
  declare protected _skipUserProfile: SkipUserProfile | undefined;
  /** The `issuer` option: the `iss` a callback must carry, if any (RFC 9207). */
  declare protected _issuer: string | undefined;

  // Everything is set up in [initialize], which ES5 subclasses reach through
  // `OAuth2Strategy.call(this, options, verify)`; fields are `declare`d so `new` sets up the same.
  // One overload per verify form. TypeScript types an inline verify's parameters from the first
  // overload whose options fit, so the request forms come first (only `passReqToCallback: true`
  // fits them), each before its `params` form: an inline verify of up to 4 arguments (5 with
  // `req`) gets typed parameters; the `params` forms need their type named. The last overload
  // takes any form (subclasses' `super()`, ES5 `.call(this, …)`) and reports a missing option.
  constructor(options: OAuth2StrategyOptions & { passReqToCallback: true }, verify: VerifyFunctionWithRequest<P, R>);
  constructor(options: OAuth2StrategyOptions & { passReqToCallback: true }, verify: VerifyFunctionWithRequestAndParams<P, R>);
  constructor(options: OAuth2StrategyOptions, verify: VerifyFunction<P>);
  constructor(options: OAuth2StrategyOptions, verify: VerifyFunctionWithParams<P>);
  constructor(options: OAuth2StrategyOptions & { userAgent?: string | undefined }, verify: OAuth2VerifyFunction<never, never>);
  constructor(options: OAuth2StrategyOptions & { userAgent?: string | undefined }, verify: OAuth2VerifyFunction<never, never>) {
    super();
    this[initialize](options, verify);
  }

  /** Sets up a strategy: what the constructor does, callable on an ES5 subclass's `this`. */
  [initialize](options: OAuth2StrategyOptions & { userAgent?: string | undefined }, verify: OAuth2VerifyFunction<never, never>): void {
    // passport-oauth2: `new OAuth2Strategy(verify)` reports the missing options first.
    if (typeof options === 'function') {
      verify = options;
      options = undefined as never;
    }
    options ??= {} as never;
    // passport-oauth2's texts, with the provider's class named for our provider strategies.
    const label = strategyLabelOf(this, 'OAuth2Strategy');
    if (typeof verify !== 'function') throw new TypeError(`${label} requires a verify callback`);
    if (!options.authorizationURL) throw new TypeError(`${label} requires a authorizationURL option`);
    if (!options.tokenURL) throw new TypeError(`${label} requires a tokenURL option`);
    if (!options.clientID) throw new TypeError(`${label} requires a clientID option`);
    const authorizationHost = absoluteURL(options.authorizationURL, 'authorizationURL', label).hostname;
    absoluteURL(options.tokenURL, 'tokenURL', label);
    // Only for OAuth2Strategy itself: a subclass from npm passes its own options through.
    if (this.constructor === OAuth2Strategy) warnUnknownOptions(label, options, { ...OAUTH2_OPTION_NAMES, userAgent: true });
    warnIfNoClientSecret(label, options);

    this.name = 'oauth2';
    this._verify = verify;
    this._callbackURL = options.callbackURL;
    this._scope = options.scope;
    this._scopeSeparator = options.scopeSeparator ?? ' ';
    this._key = options.sessionKey ?? `oauth2:${authorizationHost}`;
    this._trustProxy = options.proxy;
    this._appURL = options.appURL;
    this._passReqToCallback = options.passReqToCallback === true;
    this._skipUserProfile = options.skipUserProfile;
    this._issuer = options.issuer;

    const { store, usesDefault, pkce } = chooseStateStore(options, this._key);
    this._stateStore = store;
    this._usesDefaultStore = usesDefault;
    this._pkceMethod = pkce;

    this._http = new HttpClient({
      dispatcher: options.dispatcher,
      timeout: options.timeout,
      maxResponseSize: options.maxResponseSize,
      userAgent: options.userAgent ?? userAgent(packageJson.name, packageJson.version),
    });
    this.tokens = new TokenClient({
      tokenURL: options.tokenURL,
      clientID: options.clientID,
      clientSecret: options.clientSecret,
      clientAuthentication: options.clientAuthentication,
      clientAssertion: options.clientAssertion,
      revocationURL: options.revocationURL,
      introspectionURL: options.introspectionURL,
      customHeaders: options.customHeaders,
      http: this._http,
      parseErrorResponse: (body, status) => this.parseErrorResponse(body, status),
    });
    this._oauth2 = new OAuth2Compat({
      clientID: options.clientID,
      clientSecret: options.clientSecret,
      authorizationURL: options.authorizationURL,
      tokenURL: options.tokenURL,
      customHeaders: options.customHeaders,
      http: this._http,
      tokens: this.tokens,
    });
  }

  /**
   * Redirects to the provider, or handles its callback. Passport ignores the return value, so
   * every path ends in `success`, `fail`, `redirect` or `error`, never in a rejected promise.
   */
  override authenticate(req: IncomingRequest, options: OAuth2AuthenticateOptions = {}): void {
    const login = observeLogin(this, req, options, this._trustProxy);
    login.handleRequest(req, options).catch((err: unknown) => {
      login.error(err instanceof Error ? err : new Error(String(err)));
    });
  }

  /**
   * Loads the user's profile with the access token. Override in a provider strategy; call
   * `done(err, profile)` or return a promise of the profile. The default profile is `{}`.
   */
  protected userProfile(_accessToken: string, done: ProfileCallback): void | Promise<unknown> {
    done(null, {});
  }

  /**
   * passport-kit: per-login values besides state and PKCE, made when the login starts.
   * `params` join the authorization request (they win over `authorizationParams`); `data` is
   * kept with the state (as `meta.loginData`, see `StateStoreMeta`) and handed to
   * `validateTokenResponse` on the callback. OpenID Connect sends and keeps its `nonce` this
   * way. The default adds nothing.
   */
  protected beginLogin(_req: IncomingRequest, _options: OAuth2AuthenticateOptions): LoginExtras | Promise<LoginExtras> {
    return {};
  }

  /**
   * passport-kit: checks the token response before the profile is loaded and the verify
   * callback runs, and returns the response to continue with. `loginData` is what `beginLogin`
   * kept for this login (`{}` when it kept nothing or the store does not keep it). Throw (or
   * reject) to end the login with `error()`. The default returns `tokens` unchanged.
   */
  protected validateTokenResponse(tokens: TokenResponse, _loginData: Record<string, unknown>, _req: IncomingRequest): TokenResponse | Promise<TokenResponse> {
    return tokens;
  }

  /** Extra authorization request parameters for this `authenticate()` call (e.g. `prompt`). */
  protected authorizationParams(_options: OAuth2AuthenticateOptions): Record<string, unknown> {
    return {};
  }

  /** Extra token request parameters for this `authenticate()` call. */
  protected tokenParams(_options: OAuth2AuthenticateOptions): Record<string, unknown> {
    return {};
  }

  /**
   * Turns a token endpoint error body into an error (`TokenError` with the provider's code),
   * or returns `null` when the body is not an OAuth error. Providers with their own error shape
   * override this.
   */
  protected parseErrorResponse(body: string, _status: number): Error | null {
    return parseOAuthErrorBody(body);
  }

  /**
   * passport-kit: the error a callback without RFC 6749's `error` parameter reports in the
   * provider's own form (Facebook's `error_code`/`error_message`), or `undefined`. The strategy
   * acts on it only when the callback's state matches a pending login of this browser
   * (RFC 6749 §10.12), as on an `error` response: anyone can send such a redirect, and its text
   * would otherwise reach the user. The default reads none.
   */
  protected readAuthorizationError(_req: IncomingRequest): Error | undefined {
    return undefined;
  }

  /**
   * passport-kit: what provider strategies load their profile with. GETs `url` with the access
   * token (see `requestResource`), ends a failed call in the provider's own error
   * (`providerError`) or an `InternalOAuthError` (`failureMessage`, default `Failed to fetch
   * user profile`) whose cause names the URL and status, with the access token and client
   * secret redacted from every text, and reads the body as JSON (`json`, `unknown`).
   *
   * @example
   * ```ts
   * const { json } = await this.fetchResource('https://api.provider.example/me', accessToken);
   * ```
   */
  protected fetchResource(url: string, accessToken: string, options: ResourceRequestOptions = {}): Promise<ResourceResponse> {
    const secrets = [accessToken, this._oauth2._clientSecret];
    return readProtectedResource(() => this.requestResource(url, accessToken, options.headers), url, secrets, options);
  }

  /**
   * GETs a protected resource with the access token as a Bearer token (RFC 6750 §2.1) and
   * returns the response, whatever its status (`fetchResource` checks it).
   */
  protected requestResource(url: string, accessToken: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
    return this._http.request({
      method: 'GET',
      url,
      headers: { accept: 'application/json', ...headers, authorization: `Bearer ${accessToken}` },
    });
  }

  // The protocol, step by step: each step's rules live in its own file (authorization-request,
  // authorization-response, pending-login, token-request); the methods below only carry them
  // out with this strategy's hooks, store and passport's redirect/success/fail/error.
  private async handleRequest(req: IncomingRequest, options: OAuth2AuthenticateOptions): Promise<void> {
    const meta = this.loginMeta(req, options);
    const response = readAuthorizationResponse(req);
    if (response.type === 'error') return this.handleErrorResponse(req, response, meta);
    const providerError = this.readAuthorizationError(req);
    if (providerError) return this.handleProviderErrorResponse(req, providerError, meta);
    if (response.type === 'code') return this.handleCallback(req, options, response, meta);
    return this.redirectToProvider(req, options, meta);
  }

  /** What the state store is told about this login: endpoints, client and resolved `redirect_uri`. */
  private loginMeta(req: IncomingRequest, options: OAuth2AuthenticateOptions): StateStoreMeta {
    const callbackURL = resolveCallbackURL(req, options.callbackURL ?? this._callbackURL, { proxy: this._trustProxy, appURL: this._appURL });
    return {
      authorizationURL: this._oauth2._authorizeUrl,
      tokenURL: this._oauth2._accessTokenUrl,
      clientID: this._oauth2._clientId,
      callbackURL,
    };
  }

  // The authorization endpoint and client ID are read from `_oauth2` on every request, as
  // passport-oauth2 does: subclasses set them there.
  private authorizationClient(): AuthorizationClient {
    return {
      authorizationURL: this._oauth2._authorizeUrl,
      clientID: this._oauth2._clientId,
      scope: this._scope,
      scopeSeparator: this._scopeSeparator,
      pkceMethod: this._pkceMethod,
      usesDefaultStore: this._usesDefaultStore,
    };
  }

  /** Start a login: keep it pending in the state store, then redirect to the provider. */
  private async redirectToProvider(req: IncomingRequest, options: OAuth2AuthenticateOptions, meta: StateStoreMeta): Promise<void> {
    const extras = await this.beginLogin(req, options);
    const request = createAuthorizationRequest(this.authorizationClient(), {
      scope: options.scope,
      state: options.state,
      authorizationParams: this.authorizationParams(options),
      loginParams: extras.params,
      loginData: extras.data,
      codeVerifier: this._pkceMethod ? createCodeVerifier() : undefined,
      meta,
    });
    const handle = request.pending ? await keepPendingLogin(this._stateStore, req, request.pending) : undefined;
    this.redirect(authorizationRequestURL(this.authorizationClient(), request, handle));
  }

  /**
   * RFC 6749 §4.1.2.1: the user said no (a failure), or the provider failed (an error). Only
   * for a pending login of this browser (§10.12): anyone can send `?error=…&error_description=`,
   * and its text would otherwise reach the user as our failure message.
   */
  private async handleErrorResponse(req: IncomingRequest, response: ErrorResponse, meta: StateStoreMeta): Promise<void> {
    const { error } = response;
    if (error === undefined) return this.fail({ message: 'Invalid authorization response.' }, 400);
    const taken = await this.takeLoginOfErrorResponse(req, response.state, meta);
    if (!taken.ok) return this.fail(taken.state ?? { message: 'Invalid authorization request state.' }, 403);
    const outcome = errorResponseOutcome({ ...response, error });
    if ('failure' in outcome) return this.fail(outcome.failure);
    this.error(outcome.error);
  }

  /** A provider's own error form (see `readAuthorizationError`): acted on only for a pending login, as RFC 6749's. */
  private async handleProviderErrorResponse(req: IncomingRequest, error: Error, meta: StateStoreMeta): Promise<void> {
    const taken = await this.takeLoginOfErrorResponse(req, paramValue(req, 'state'), meta);
    if (!taken.ok) return this.fail(taken.state ?? { message: 'Invalid authorization request state.' }, 403);
    this.error(error);
  }

  // With `state: false` nothing was kept: the response is taken as passport-oauth2 takes it.
  private async takeLoginOfErrorResponse(req: IncomingRequest, state: string | undefined, meta: StateStoreMeta): Promise<{ ok: boolean | string; state: unknown }> {
    if (this._stateStore instanceof NullStateStore) return { ok: true, state: undefined };
    return takePendingLogin(this._stateStore, req, state, meta);
  }

  /** Complete a login: take its pending record, exchange the code, validate, load the profile, verify. */
  private async handleCallback(req: IncomingRequest, options: OAuth2AuthenticateOptions, response: CodeResponse, meta: StateStoreMeta): Promise<void> {
    const { code } = response;
    if (code === undefined) return this.fail({ message: 'Invalid authorization response: malformed code.' }, 400);
    const taken = await takePendingLogin(this._stateStore, req, response.state, meta);
    reportStateCheck(this, req, taken.ok !== false, taken.state, this._trustProxy);
    if (!taken.ok) return this.fail(taken.state, 403);
    if (!isExpectedIssuer(response.iss, this._issuer)) return this.fail({ message: 'Authorization response is from an unexpected issuer.' }, 403);

    const params = authorizationCodeTokenParams(this.tokenParams(options), taken, meta.callbackURL);
    const exchanged = await duringStep(this, req, 'token', () =>
      exchangeAuthorizationCode(this._oauth2, code, params, (err, secrets) => this._createOAuthError('Failed to obtain access token', err, secrets)));
    const tokens = await this.validateTokenResponse(exchanged, taken.loginData ?? {}, req);
    const profile = await duringStep(this, req, 'profile', () => this.loadUserProfile(tokens, { req, options }));
    const { user, info } = await duringVerify(this, req, () => callVerify(this._verify, {
      req,
      passReqToCallback: this._passReqToCallback,
      credentials: [tokens.accessToken, tokens.refreshToken],
      params: tokens.params,
      profile,
    }));
    if (!user) return this.fail(info);
    const successInfo: Record<string, unknown> = typeof info === 'object' && info !== null ? (info as Record<string, unknown>) : {};
    if (taken.state !== undefined && taken.state !== null) successInfo['state'] = taken.state;
    this.success(user, successInfo);
  }

  /**
   * passport-oauth2's error for a failed token call: our typed errors pass through; node-oauth's
   * `{ statusCode, data }` is read with `parseErrorResponse` (the body redacted of `secrets`
   * first); anything else becomes an `InternalOAuthError` with `message`.
   */
  protected _createOAuthError(message: string, err: unknown, secrets: readonly (string | undefined)[] = []): Error {
    if (err instanceof PassportKitError) return err;
    if (isLegacyOAuthError(err)) {
      const data = redact(err.data, secrets);
      let parsed: Error | null = null;
      try {
        parsed = this.parseErrorResponse(data, err.statusCode);
      } catch {
        // passport-oauth2's hook JSON.parses and throws on an HTML error page: not an OAuth error.
      }
      return parsed ?? new InternalOAuthError(message, { statusCode: err.statusCode, data });
    }
    return new InternalOAuthError(message, err);
  }

  /**
   * passport-kit: the profile handed to verify: `undefined` when `skipUserProfile` says so,
   * what `userProfile` reports otherwise. Override to build the profile from more than the
   * access token (OpenID Connect starts from the id_token claims) or from this login's request
   * and `authenticate()` options (`login`; GitHub reads the requested scope there).
   */
  protected async loadUserProfile(tokens: TokenResponse, _login: LoginContext): Promise<unknown> {
    const { accessToken } = tokens;
    if (await shouldSkipUserProfile(this._skipUserProfile, accessToken)) return undefined;
    const { user: profile } = await settle(this.userProfile.bind(this), [accessToken]);
    return profile;
  }
}

/**
 * The OAuth 2.0 authorization code flow as a Passport strategy (see {@link OAuth2StrategyClass}),
 * as a constructor that also works the ES5 way: `OAuth2Strategy.call(this, options, verify)` in
 * a subclass set up with `util.inherits`, as most strategies on npm extend passport-oauth2.
 */
export const OAuth2Strategy = callableClass(OAuth2StrategyClass, 'OAuth2Strategy');
/** An `OAuth2Strategy` instance. */
export type OAuth2Strategy = OAuth2StrategyClass;

function chooseStateStore(
  options: OAuth2StrategyOptions,
  key: string,
): { store: StateStore; usesDefault: boolean; pkce: PKCEMethod | undefined } {
  const requestedPKCE = options.pkce === true ? 'S256' : options.pkce || undefined;
  if (options.pkce !== undefined && options.pkce !== false && options.pkce !== true && options.pkce !== 'S256' && options.pkce !== 'plain') {
    throw new TypeError(`Unsupported code verifier transformation method: ${String(options.pkce)}`);
  }
  if (options.store && typeof options.store === 'object') {
    // A custom store keeps a verifier only with passport-oauth2's 5-argument `store`.
    // passport-oauth2 calls `store()` only on the redirect leg: a verify-only store is valid.
    const keepsVerifier = typeof options.store.store === 'function' && options.store.store.length === 5;
    if (requestedPKCE && !keepsVerifier) throw new TypeError('OAuth2Strategy requires a store that keeps the PKCE code verifier (store(req, verifier, state, meta, cb))');
    return { store: options.store, usesDefault: false, pkce: keepsVerifier && options.pkce !== false ? requestedPKCE ?? 'S256' : undefined };
  }
  if (options.state === false && !options.store) {
    if (requestedPKCE) throw new TypeError('OAuth2Strategy requires `state: true` option when PKCE is enabled');
    return { store: new NullStateStore(), usesDefault: false, pkce: undefined };
  }
  const cookie = options.stateCookie ?? {};
  const secret = cookie.secret ?? (options.clientSecret ? deriveCookieSecret(options.clientSecret, 'oauth2 state cookie') : randomToken(32));
  const store = new DefaultStateStore({ key, ttl: options.stateTTL, cookie: { ...cookie, secret } });
  return { store, usesDefault: true, pkce: options.pkce === false ? undefined : requestedPKCE ?? 'S256' };
}

function absoluteURL(value: string, name: string, label: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new TypeError(`${label} requires ${name} to be an absolute URL`);
  }
}
