import { UnexpectedBodyError, WARNING_CODES, concealProperties, describeTarget, paramValue, readParam, strategyLabel, userAgent, warnOnce, warnUnknownOptions, type IncomingRequest, type PassportRequest } from '@passport-kit/core';
import {
  InternalOAuthError,
  OAuth2Strategy,
  type OAuth2VerifyFunction,
  type ProfileCallback,
  type VerifyFunction,
  type VerifyFunctionWithParams,
  type VerifyFunctionWithRequest,
  type VerifyFunctionWithRequestAndParams,
} from '@passport-kit/oauth2';
import packageJson from '../package.json' with { type: 'json' };
import { appSecretProof } from './appsecret-proof.js';
import { facebookEndpoints } from './endpoints.js';
import { FACEBOOK_OPTION_NAMES } from './option-names.js';
import { FacebookAuthorizationError, FacebookGraphAPIError, FacebookTokenError, readFacebookError } from './errors.js';
import { DEFAULT_GRAPH_API_VERSION, graphAPIVersionOf, warnIfPastEndOfLife } from './graph-api-versions.js';
import type { FacebookAuthenticateOptions, FacebookStrategyOptions } from './options.js';
import { parseProfile, type FacebookProfile } from './profile.js';
import { graphFields } from './profile-fields.js';

const GRAPH_API_VERSION = /^v\d+\.\d+$/;
const MAX_ERROR_MESSAGE = 500;

/**
 * Sign in with Facebook (OAuth 2.0 through the Facebook Login dialog), drop-in for
 * passport-facebook 3.0: same name (`facebook`), options, `authenticate()` options, profile and
 * error classes. Everything else (state, PKCE, token exchange, verify forms) is OAuth2Strategy's.
 *
 * @example
 * ```ts
 * passport.use(new FacebookStrategy({
 *   clientID: process.env.FACEBOOK_APP_ID,
 *   clientSecret: process.env.FACEBOOK_APP_SECRET,
 *   callbackURL: '/auth/facebook/callback',
 *   profileFields: ['id', 'displayName', 'name', 'emails', 'photos'],
 * }, (accessToken, refreshToken, profile, done) => done(null, { id: profile.id })));
 * ```
 */
export class FacebookStrategy<R extends object = PassportRequest> extends OAuth2Strategy {
  /** The name errors and warnings give this class. */
  static override readonly [strategyLabel]: string = 'FacebookStrategy';
  /** The strategy's name for `passport.authenticate()`. */
  override name = 'facebook';
  /** The Graph API version in every URL (`graphAPIVersion` option). */
  protected readonly _graphAPIVersion: string;
  /** The `/me` URL profiles are loaded from (`profileURL` option). */
  protected readonly _profileURL: string;
  /** The Graph fields requested (`profileFields` option), or `null` for Facebook's default. */
  protected readonly _profileFields: readonly string[] | null;
  /** Whether Graph calls carry `appsecret_proof` (`enableProof` option). */
  protected readonly _enableProof: boolean;
  /** The app secret, the `appsecret_proof` key. */
  protected readonly _clientSecret: string | undefined;

  // One overload per verify form. TypeScript types an inline verify's parameters from the first
  // overload whose options fit, so the request forms come first (only `passReqToCallback: true`
  // fits them), each before its `params` form: an inline verify of up to 4 arguments (5 with
  // `req`) gets typed parameters; the `params` forms need their type named. Ending on options
  // without `passReqToCallback` makes a missing option the error TypeScript reports.
  constructor(options: FacebookStrategyOptions & { passReqToCallback: true }, verify: VerifyFunctionWithRequest<FacebookProfile, R>);
  constructor(options: FacebookStrategyOptions & { passReqToCallback: true }, verify: VerifyFunctionWithRequestAndParams<FacebookProfile, R>);
  constructor(options: FacebookStrategyOptions, verify: VerifyFunction<FacebookProfile>);
  constructor(options: FacebookStrategyOptions, verify: VerifyFunctionWithParams<FacebookProfile>);
  constructor(options: FacebookStrategyOptions, verify: OAuth2VerifyFunction<FacebookProfile, never>) {
    if (new.target === FacebookStrategy) warnUnknownOptions('FacebookStrategy', options, FACEBOOK_OPTION_NAMES);
    // Facebook's code exchange always takes the app secret.
    if (options && !options.clientSecret) warnOnce(WARNING_CODES.missingClientSecret, `FacebookStrategy.${options.clientID}`, 'FacebookStrategy has no clientSecret option: Facebook refuses every code exchange without the App Secret');
    const version = options?.graphAPIVersion || DEFAULT_GRAPH_API_VERSION;
    if (!GRAPH_API_VERSION.test(version)) throw new TypeError(`FacebookStrategy requires graphAPIVersion like 'v26.0', got ${JSON.stringify(version).slice(0, 40)}`);
    const defaults = facebookEndpoints(version);
    const authorizationURL = options?.authorizationURL || defaults.authorizationURL;
    const tokenURL = options?.tokenURL || defaults.tokenURL;
    super(
      {
        ...options,
        authorizationURL,
        tokenURL,
        scopeSeparator: options?.scopeSeparator ?? ',',
        userAgent: options?.userAgent ?? userAgent(packageJson.name, packageJson.version),
      },
      verify as OAuth2VerifyFunction<never, never>,
    );
    if (options.enableProof === true && !options.clientSecret) throw new TypeError('FacebookStrategy requires a clientSecret option when enableProof is true');
    this._graphAPIVersion = version;
    this._profileURL = options.profileURL || defaults.profileURL;
    this._profileFields = options.profileFields ?? null;
    this._enableProof = options.enableProof ?? Boolean(options.clientSecret);
    this._clientSecret = options.clientSecret;
    concealProperties(this, '_clientSecret'); // apps log strategies

    // Meta stops serving a version about two years after the next one: say so once, at startup.
    for (const url of new Set([authorizationURL, tokenURL, this._profileURL])) {
      const used = graphAPIVersionOf(url);
      if (used !== undefined) warnIfPastEndOfLife(used);
    }
  }

  /**
   * Redirects to the Facebook Login dialog, or handles its callback.
   */
  override authenticate(req: IncomingRequest, options: FacebookAuthenticateOptions = {}): void {
    const errorCode = readParam(req, 'error_code');
    if (facebookErrorRedirect(req) && (errorCode.kind !== 'value' || errorCode.value === '')) {
      return this.fail({ message: 'Invalid authorization response.' }, 400);
    }
    super.authenticate(req, options);
  }

  /**
   * Facebook redirects errors other than a denial as `error_code`/`error_message`, without
   * `error`: a {@link FacebookAuthorizationError} with the numeric code, as in
   * passport-facebook, once the state has matched a pending login (see `OAuth2Strategy`).
   */
  protected override readAuthorizationError(req: IncomingRequest): Error | undefined {
    const errorCode = readParam(req, 'error_code');
    if (!facebookErrorRedirect(req) || errorCode.kind !== 'value') return undefined;
    const message = paramValue(req, 'error_message')?.slice(0, MAX_ERROR_MESSAGE);
    return new FacebookAuthorizationError(message, errorCode.value.slice(0, 100));
  }

  /** `display`, `auth_type` and `auth_nonce` from the `authenticate()` options. */
  // https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow#login
  protected override authorizationParams(options: FacebookAuthenticateOptions): Record<string, unknown> {
    const params: Record<string, unknown> = {};
    if (options.display) params['display'] = options.display;
    // https://developers.facebook.com/docs/facebook-login/guides/advanced/re-authentication
    if (options.authType) params['auth_type'] = options.authType;
    if (options.authNonce) params['auth_nonce'] = options.authNonce;
    return params;
  }

  /**
   * Facebook's token endpoint answers `{ error: { message, type, code, error_subcode,
   * fbtrace_id } }`: a {@link FacebookTokenError}. Anything else is read as RFC 6749.
   */
  protected override parseErrorResponse(body: string, status: number): Error | null {
    const error = readFacebookError(body, [this._clientSecret]);
    if (error) return new FacebookTokenError(error.message, error.type, error.code, error.subcode, error.traceID);
    return super.parseErrorResponse(body, status);
  }

  /**
   * Loads `/me` with the access token in the `Authorization` header (never in the URL), the
   * `fields` from `profileFields` and, unless turned off, `appsecret_proof`. Calls `done` when
   * given (passport-facebook's form), and returns the profile's promise otherwise.
   */
  protected override userProfile(accessToken: string, done?: ProfileCallback): Promise<FacebookProfile> | undefined {
    const profile = this.fetchProfile(accessToken);
    if (!done) return profile;
    profile.then((loaded) => done(null, loaded), (err: unknown) => done(err));
    return undefined;
  }

  /** The profile URL with `fields` and `appsecret_proof` for this access token. */
  protected profileRequestURL(accessToken: string): string {
    const url = new URL(this._profileURL);
    if (this._profileFields) {
      const fields = graphFields(this._profileFields);
      if (fields !== '') url.searchParams.set('fields', fields);
    }
    // https://developers.facebook.com/docs/graph-api/securing-requests#appsecret_proof
    if (this._enableProof && this._clientSecret) url.searchParams.set('appsecret_proof', appSecretProof(accessToken, this._clientSecret));
    return url.href;
  }

  private async fetchProfile(accessToken: string): Promise<FacebookProfile> {
    const url = this.profileRequestURL(accessToken);
    const { body, json } = await this.fetchResource(url, accessToken, {
      // Graph errors come with HTTP 400 (sometimes 401, 403 or 500), always as an `error` object.
      providerError: (failed, _status, secrets) => graphAPIError(failed, secrets),
    });
    const error = graphAPIError(body, [accessToken, this._clientSecret]);
    if (error) throw error;
    const where = describeTarget('GET', url);
    if (json === undefined) throw new InternalOAuthError('Failed to fetch user profile', new UnexpectedBodyError(`${where} answered with a body that is not JSON`));
    const profile = typeof json === 'object' && json !== null && !Array.isArray(json) ? parseProfile(body, json as Record<string, unknown>) : undefined;
    if (!profile) throw new InternalOAuthError('Failed to fetch user profile', new UnexpectedBodyError(`${where} answered with a user that has no id`));
    return profile;
  }
}

// Facebook's error redirect: `error_code` without RFC 6749's `error` (a denial carries both).
function facebookErrorRedirect(req: IncomingRequest): boolean {
  return readParam(req, 'error_code').kind !== 'absent' && readParam(req, 'error').kind === 'absent';
}

function graphAPIError(body: string, secrets: readonly (string | undefined)[]): FacebookGraphAPIError | undefined {
  const error = readFacebookError(body, secrets);
  return error && new FacebookGraphAPIError(error.message, error.type, error.code, error.subcode, error.traceID);
}
