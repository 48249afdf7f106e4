import { strategyLabel, userAgent, warnUnknownOptions, type PassportRequest } from '@passport-kit/core';
import { InternalOAuthError, OAuth2Strategy, type OAuth2VerifyFunction, type ProfileCallback } from '@passport-kit/oauth2';
import packageJson from '../package.json' with { type: 'json' };
import { X_AUTHORIZATION_URL, X_DEFAULT_SCOPE, X_DEFAULT_USER_FIELDS, X_TOKEN_URL, X_USER_PROFILE_URL } from './endpoints.js';
import { APIError } from './errors.js';
import { readXError } from './lib/error-bodies.js';
import type { XStrategyOptions } from './options.js';
import { X_OPTION_NAMES } from './x-option-names.js';
import { parseXProfile, type XProfile } from './x-profile.js';
import type { XVerifyFunction, XVerifyFunctionWithParams, XVerifyFunctionWithRequest, XVerifyFunctionWithRequestAndParams } from './verify.js';

type AnyXVerifyFunction = XVerifyFunction | XVerifyFunctionWithParams | XVerifyFunctionWithRequest<never> | XVerifyFunctionWithRequestAndParams<never>;

/**
 * Sign in with X (OAuth 2.0 authorization code flow, name `x`), on `OAuth2Strategy`. X requires
 * PKCE, so it is always S256; a confidential client (with `clientSecret`) authenticates with
 * HTTP Basic, as X requires, and a public client with its `client_id` alone. The profile comes
 * from `/2/users/me`, which needs the `users.read` and `tweet.read` scopes (the default).
 *
 * @example
 * ```ts
 * passport.use(new XStrategy({
 *   clientID: process.env.X_CLIENT_ID!,
 *   clientSecret: process.env.X_CLIENT_SECRET,
 *   callbackURL: '/auth/x/callback',
 *   scope: ['users.read', 'tweet.read', 'offline.access'], // offline.access: a refresh token
 * }, (accessToken, refreshToken, profile, done) => done(null, { id: profile.id, handle: profile.username })));
 * ```
 */
export class XStrategy<R extends object = PassportRequest> extends OAuth2Strategy {
  /** The name errors and warnings give this class. */
  static override readonly [strategyLabel]: string = 'XStrategy';
  /** The strategy's name for `passport.authenticate()`. */
  override name = 'x';
  /** Where the profile is loaded from (`userProfileURL` option, with `user.fields`). */
  protected readonly _userProfileURL: string;

  // One overload per verify form. TypeScript types an inline verify's parameters from the first
  // overload whose options fit, so the request forms come first (only `passReqToCallback: true`
  // fits them), each before its `params` form: an inline verify of up to 4 arguments (5 with
  // `req`) gets typed parameters; the `params` forms need their type named. Ending on options
  // without `passReqToCallback` makes a missing option the error TypeScript reports.
  constructor(options: XStrategyOptions & { passReqToCallback: true }, verify: XVerifyFunctionWithRequest<R>);
  constructor(options: XStrategyOptions & { passReqToCallback: true }, verify: XVerifyFunctionWithRequestAndParams<R>);
  constructor(options: XStrategyOptions, verify: XVerifyFunction);
  constructor(options: XStrategyOptions, verify: XVerifyFunctionWithParams);
  constructor(options: XStrategyOptions, verify: AnyXVerifyFunction) {
    if (new.target === XStrategy) warnUnknownOptions('XStrategy', options, X_OPTION_NAMES);
    const confidential = typeof options?.clientSecret === 'string' && options.clientSecret !== '';
    checkXOptions(options ?? {}, confidential);
    super(
      {
        ...options,
        authorizationURL: options?.authorizationURL ?? X_AUTHORIZATION_URL,
        tokenURL: options?.tokenURL ?? X_TOKEN_URL,
        scope: options?.scope ?? [...X_DEFAULT_SCOPE],
        scopeSeparator: ' ',
        pkce: 'S256',
        // X takes a confidential client's credentials only in the Authorization header.
        clientAuthentication: confidential ? 'client_secret_basic' : 'none',
        userAgent: options?.userAgent ?? userAgent(packageJson.name, packageJson.version),
      },
      verify as OAuth2VerifyFunction<never, never>,
    );
    this._userProfileURL = profileURL(options.userProfileURL ?? X_USER_PROFILE_URL, options.userFields ?? X_DEFAULT_USER_FIELDS);
  }

  /**
   * Loads `/2/users/me`; X's problem bodies become an {@link APIError}. Calls `done` when given
   * (the `OAuth2Strategy` hook's callback form), and returns the profile's promise otherwise.
   */
  protected override userProfile(accessToken: string, done?: ProfileCallback): Promise<XProfile> | undefined {
    const loading = this.loadProfile(accessToken);
    if (!done) return loading;
    loading.then((profile) => done(null, profile), (err: unknown) => done(err));
    return undefined;
  }

  private async loadProfile(accessToken: string): Promise<XProfile> {
    const { status, body } = await this.fetchResource(this._userProfileURL, accessToken, {
      providerError: (failed, failedStatus, secrets) => xAPIError(failed, failedStatus, secrets),
    });
    try {
      return parseXProfile(body);
    } catch (err) {
      // X answers 200 with only `errors` when it cannot return the user.
      throw xAPIError(body, status, [accessToken]) ?? new InternalOAuthError('Failed to fetch user profile', err);
    }
  }
}

function xAPIError(body: string, status: number, secrets: readonly (string | undefined)[]): APIError | undefined {
  const said = readXError(body, secrets);
  return said && new APIError(said.message, said.code, status, said.type);
}

function checkXOptions(options: { pkce?: unknown; clientAuthentication?: unknown }, confidential: boolean): void {
  const pkce: unknown = options.pkce;
  if (pkce !== undefined && pkce !== true && pkce !== 'S256') {
    throw new TypeError(`XStrategy requires PKCE with S256 (X refuses logins without it); remove the pkce option (got ${String(pkce)})`);
  }
  const method: unknown = options.clientAuthentication;
  const expected = confidential ? 'client_secret_basic' : 'none';
  if (method !== undefined && method !== expected) {
    throw new TypeError(
      `XStrategy client authentication is ${expected} for a ${confidential ? 'confidential client (clientSecret set)' : 'public client (no clientSecret)'}; got ${String(method)}`,
    );
  }
}

function profileURL(base: string, fields: readonly string[]): string {
  if (new URL(base).searchParams.has('user.fields') || fields.length === 0) return base;
  // Commas as X documents them (`user.fields=profile_image_url,created_at`), not %2C.
  const hash = base.indexOf('#');
  const withoutFragment = hash < 0 ? base : base.slice(0, hash);
  const separator = withoutFragment.includes('?') ? '&' : '?';
  return `${withoutFragment}${separator}user.fields=${fields.map(encodeURIComponent).join(',')}`;
}
