import type { OAuth1AuthenticateOptions, OAuth1StrategyOptions } from '@passport-kit/oauth1';
import type { OAuth2AuthenticateOptions, OAuth2StrategyOptions } from '@passport-kit/oauth2';

/**
 * `TwitterStrategy` options: passport-twitter 1.0.4's, with every `OAuth1Strategy` option
 * (`requestTokenStore`, `timeout`, `dispatcher`, …) besides.
 */
export interface TwitterStrategyOptions extends Omit<OAuth1StrategyOptions, 'requestTokenURL' | 'accessTokenURL' | 'userAuthorizationURL'> {
  /** The app's API key. */
  consumerKey: string;
  /** The app's API key secret. */
  consumerSecret: string;
  /** Default `https://api.twitter.com/oauth/request_token`. */
  requestTokenURL?: string | undefined;
  /** Default `https://api.twitter.com/oauth/access_token`. */
  accessTokenURL?: string | undefined;
  /**
   * Default `https://api.twitter.com/oauth/authenticate` ("Sign in with Twitter": no approval
   * screen for a user who approved before); `https://api.twitter.com/oauth/authorize` always asks.
   */
  userAuthorizationURL?: string | undefined;
  /**
   * Default `https://api.twitter.com/1.1/account/verify_credentials.json`. May carry a query of
   * its own: `include_email`, `skip_status` and `include_entities` are still added (a value the
   * URL already has wins). A `…/users/show.json` URL gets `user_id` too.
   */
  userProfileURL?: string | undefined;
  /** Ask for the user's email (`include_email=true`; the app needs Twitter's email permission). Default false. */
  includeEmail?: boolean | undefined;
  /** Include the latest tweet (`status`); false sends `skip_status=true`. Default true. */
  includeStatus?: boolean | undefined;
  /** Include `entities`; false sends `include_entities=false`. Default true. */
  includeEntities?: boolean | undefined;
  /** Build the profile from the access-token response (`user_id`, `screen_name`) without calling the API. Default false. */
  skipExtendedUserProfile?: boolean | undefined;
  /** Session property pending logins live under. Default `oauth:twitter`. */
  sessionKey?: string | undefined;
}

/** Options of `passport.authenticate('twitter', options)`. */
export interface TwitterAuthenticateOptions extends OAuth1AuthenticateOptions {
  /** Make the user sign in again even with an active Twitter session (`force_login=true`). */
  forceLogin?: boolean | undefined;
  /** Prefill the sign-in form with this handle (`screen_name`). */
  screenName?: string | undefined;
}

/**
 * `XStrategy` options: every `OAuth2Strategy` option except the ones X decides: PKCE is always
 * S256, and client authentication is `client_secret_basic` with a `clientSecret` and `none`
 * (a public client) without.
 */
export interface XStrategyOptions extends Omit<OAuth2StrategyOptions, 'authorizationURL' | 'tokenURL' | 'pkce' | 'clientAuthentication' | 'clientAssertion' | 'scopeSeparator'> {
  /** The OAuth 2.0 Client ID from the X developer portal. */
  clientID: string;
  /** The Client Secret of a confidential client ("Web App"); omit for a public one ("Native App"). */
  clientSecret?: string | undefined;
  /** Default `users.read tweet.read` (what `/2/users/me` needs). Add `offline.access` for a refresh token. */
  scope?: string | string[] | undefined;
  /** Default `https://x.com/i/oauth2/authorize`. */
  authorizationURL?: string | undefined;
  /** Default `https://api.x.com/2/oauth2/token`. */
  tokenURL?: string | undefined;
  /** Default `https://api.x.com/2/users/me`; `user.fields` is added unless the URL has it. */
  userProfileURL?: string | undefined;
  /** The `user.fields` to ask for. Default `profile_image_url,created_at,description,location,protected,public_metrics,url,verified`. */
  userFields?: readonly string[] | undefined;
  /** Only `true` or `'S256'`: X requires PKCE, and `false` or `'plain'` throws a TypeError. */
  pkce?: true | 'S256' | undefined;
  /** Only the method X supports for this client type; anything else throws a TypeError. */
  clientAuthentication?: 'client_secret_basic' | 'none' | undefined;
  /** `User-Agent` of every call to X. Default `@passport-kit/twitter/<version> (node <version>)`. */
  userAgent?: string | undefined;
}

/** Options of `passport.authenticate('x', options)`. */
export type XAuthenticateOptions = OAuth2AuthenticateOptions;
