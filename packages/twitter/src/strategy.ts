import { UnexpectedStatusError, callableClass, concealProperties, initialize, strategyLabel, warnUnknownOptions, type PassportRequest } from '@passport-kit/core';
import { InternalOAuthError, OAuth1StrategyClass, providerErrorMessage, type OAuth1Verify, type Parameter, type TokenParams } from '@passport-kit/oauth1';
import { ACCESS_TOKEN_URL, AUTHENTICATE_URL, REQUEST_TOKEN_URL, USER_PROFILE_URL } from './endpoints.js';
import { APIError } from './errors.js';
import { clean, readTwitterError } from './lib/error-bodies.js';
import { TWITTER_OPTION_NAMES } from './option-names.js';
import type { TwitterAuthenticateOptions, TwitterStrategyOptions } from './options.js';
import { parseProfile, profileFromTokenParams, type TwitterProfile } from './profile.js';
import type {
  TwitterVerifyFunction,
  TwitterVerifyFunctionWithParams,
  TwitterVerifyFunctionWithRequest,
  TwitterVerifyFunctionWithRequestAndParams,
} from './verify.js';

type AnyTwitterVerifyFunction =
  | TwitterVerifyFunction
  | TwitterVerifyFunctionWithParams
  | TwitterVerifyFunctionWithRequest<never>
  | TwitterVerifyFunctionWithRequestAndParams<never>;

/**
 * Sign in with Twitter (OAuth 1.0a): a drop-in for passport-twitter 1.0.4 (name `twitter`), on
 * `OAuth1Strategy`. A user who refuses comes back with `denied=…`: a login failure (`fail()`).
 *
 * @example
 * ```ts
 * passport.use(new TwitterStrategy({
 *   consumerKey: process.env.TWITTER_CONSUMER_KEY!,
 *   consumerSecret: process.env.TWITTER_CONSUMER_SECRET!,
 *   callbackURL: '/auth/twitter/callback',
 *   includeEmail: true,
 * }, (token, tokenSecret, profile, done) => done(null, { id: profile.id, handle: profile.username })));
 * ```
 */
export class TwitterStrategyClass<R extends object = PassportRequest> extends OAuth1StrategyClass {
  /** The name errors and warnings give this class. */
  static override readonly [strategyLabel]: string = 'TwitterStrategy';
  /** Where the profile is loaded from (`userProfileURL` option, with the `include_*` parameters). */
  declare protected userProfileURL: string;
  /** The `includeEmail` option. */
  declare protected includeEmail: boolean;
  /** The `includeStatus` option. */
  declare protected includeStatus: boolean;
  /** The `includeEntities` option. */
  declare protected includeEntities: boolean;
  /** The `skipExtendedUserProfile` option. */
  declare protected skipExtendedUserProfile: boolean;
  /** Kept out of error messages built from Twitter's bodies. */
  declare private consumerSecret: string;

  // One overload per verify form. TypeScript types an inline verify's parameters from the first
  // overload whose options fit, so the request forms come first (only `passReqToCallback: true`
  // fits them), each before its `params` form: an inline verify of up to 4 arguments (5 with
  // `req`) gets typed parameters; the `params` forms need their type named. Ending on options
  // without `passReqToCallback` makes a missing option the error TypeScript reports.
  constructor(options: TwitterStrategyOptions & { passReqToCallback: true }, verify: TwitterVerifyFunctionWithRequest<R>);
  constructor(options: TwitterStrategyOptions & { passReqToCallback: true }, verify: TwitterVerifyFunctionWithRequestAndParams<R>);
  constructor(options: TwitterStrategyOptions, verify: TwitterVerifyFunction);
  constructor(options: TwitterStrategyOptions, verify: TwitterVerifyFunctionWithParams);
  constructor(options: TwitterStrategyOptions, verify: AnyTwitterVerifyFunction) {
    // The base constructor runs this class's [initialize].
    super(options as never, verify as OAuth1Verify);
  }

  /** Twitter's endpoints and options on top of the base set-up; see `OAuth1StrategyClass[initialize]`. */
  override [initialize](options: TwitterStrategyOptions, verify: OAuth1Verify): void {
    // Only for TwitterStrategy itself: a subclass passes its own options through.
    if (this.constructor === TwitterStrategy) warnUnknownOptions('TwitterStrategy', options, TWITTER_OPTION_NAMES);
    super[initialize](
      {
        ...options,
        requestTokenURL: options?.requestTokenURL ?? REQUEST_TOKEN_URL,
        accessTokenURL: options?.accessTokenURL ?? ACCESS_TOKEN_URL,
        userAuthorizationURL: options?.userAuthorizationURL ?? AUTHENTICATE_URL,
        sessionKey: options?.sessionKey ?? 'oauth:twitter',
      },
      verify,
    );
    this.name = 'twitter';
    this.userProfileURL = options.userProfileURL ?? USER_PROFILE_URL;
    this.includeEmail = options.includeEmail === true;
    this.includeStatus = options.includeStatus !== false;
    this.includeEntities = options.includeEntities !== false;
    this.skipExtendedUserProfile = options.skipExtendedUserProfile === true;
    this.consumerSecret = options.consumerSecret;
    concealProperties(this, 'consumerSecret'); // apps log strategies
  }

  /**
   * Loads `verify_credentials` (or the configured `userProfileURL`) with the access token, or,
   * with `skipExtendedUserProfile`, builds the profile from the token response alone. Twitter's
   * error bodies become an {@link APIError} with Twitter's code. Calls `done` when given
   * (passport-twitter's form), and returns the profile's promise otherwise.
   */
  protected override userProfile(
    token: string,
    tokenSecret: string,
    params: TokenParams,
    done?: (err: unknown, profile?: TwitterProfile) => void,
  ): Promise<TwitterProfile> | undefined {
    const loading = this.loadProfile(token, tokenSecret, params);
    if (!done) return loading;
    loading.then((profile) => done(null, profile), (err: unknown) => done(err));
    return undefined;
  }

  /** `force_login` and `screen_name` on the authorization redirect. */
  protected override userAuthorizationParams(options: TwitterAuthenticateOptions): Record<string, string> {
    const params: Record<string, string> = {};
    if (options.forceLogin) params['force_login'] = String(options.forceLogin);
    if (options.screenName) params['screen_name'] = String(options.screenName);
    return params;
  }

  /**
   * Twitter's refusals on the OAuth endpoints: JSON `{"errors":[{code,message}]}`, the XML
   * `<error>` forms, and plain text (`Invalid oauth_verifier parameter`) from a 4xx. Anything
   * else (a 5xx page, an empty body) is left to `InternalOAuthError`, which keeps the status.
   */
  protected override parseErrorResponse(body: string, status: number): Error | null {
    const said = readTwitterError(body, [this.consumerSecret]);
    if (said) return new APIError(said.message, said.code, status);
    if (status >= 400 && status < 500) {
      const text = providerErrorMessage(body);
      if (text) return new APIError(clean(text, [this.consumerSecret]), undefined, status);
    }
    return null;
  }

  private async loadProfile(token: string, tokenSecret: string, params: TokenParams): Promise<TwitterProfile> {
    if (this.skipExtendedUserProfile) return profileFromTokenParams(params);
    let response;
    try {
      response = await this.fetchProtectedResource(this.userProfileURL, token, tokenSecret, { parameters: this.profileQuery(params) });
    } catch (err) {
      if (err instanceof UnexpectedStatusError) {
        const said = readTwitterError(err.data, [token, tokenSecret, this.consumerSecret]);
        if (said) throw new APIError(said.message, said.code, err.statusCode);
      }
      throw new InternalOAuthError('Failed to fetch user profile', err, { quoteCause: false });
    }
    // https://developer.x.com/en/docs/authentication/oauth-1-0a/application-permission-model
    const level = response.headers['x-access-level'];
    try {
      return parseProfile(response.body, Array.isArray(level) ? level[0] : level);
    } catch (err) {
      throw new InternalOAuthError('Failed to fetch user profile', err, { quoteCause: false });
    }
  }

  /**
   * The profile call's query options, added even when `userProfileURL` has a query of its own
   * (passport-twitter drops them then); a parameter the URL already sets is left as it is.
   */
  private profileQuery(params: TokenParams): Parameter[] {
    const url = new URL(this.userProfileURL);
    const wanted: Parameter[] = [];
    if (url.pathname.endsWith('/users/show.json') && params['user_id']) wanted.push(['user_id', params['user_id']]);
    if (this.includeEmail) wanted.push(['include_email', 'true']);
    if (!this.includeStatus) wanted.push(['skip_status', 'true']);
    if (!this.includeEntities) wanted.push(['include_entities', 'false']);
    return wanted.filter(([name]) => !url.searchParams.has(name));
  }
}

/**
 * {@link TwitterStrategyClass} made callable, as `OAuth1Strategy` is: `new`, `class
 * extends`, and `TwitterStrategy.call(this, options, verify)` under `util.inherits`.
 */
export const TwitterStrategy = callableClass(TwitterStrategyClass, 'TwitterStrategy');
/** An instance of {@link TwitterStrategy}. */
export type TwitterStrategy = TwitterStrategyClass;
