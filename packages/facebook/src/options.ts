import type { OAuth2AuthenticateOptions, OAuth2StrategyOptions } from '@passport-kit/oauth2';

/**
 * `FacebookStrategy` options: passport-facebook 3.0's, with the same meaning, plus every
 * `OAuth2Strategy` option (state, PKCE, timeouts, …).
 */
export interface FacebookStrategyOptions extends Omit<OAuth2StrategyOptions, 'authorizationURL' | 'tokenURL'> {
  /** Your app's App ID. */
  clientID: string;
  /** Your app's App Secret. */
  clientSecret?: string | undefined;
  /** Graph API version of the default endpoints, e.g. `'v25.0'`. Default {@link DEFAULT_GRAPH_API_VERSION}. */
  graphAPIVersion?: string | undefined;
  /** Default `https://www.facebook.com/<version>/dialog/oauth`. */
  authorizationURL?: string | undefined;
  /** Default `https://graph.facebook.com/<version>/oauth/access_token`. */
  tokenURL?: string | undefined;
  /** Default `https://graph.facebook.com/<version>/me`. */
  profileURL?: string | undefined;
  /**
   * Profile fields to ask the Graph API for: `id`, `username`, `displayName`, `name`, `gender`,
   * `birthday`, `profileUrl`, `emails`, `photos`, or any Graph field name (passed through).
   * Default: none, and Facebook answers `id` and `name`.
   */
  profileFields?: readonly string[] | undefined;
  /**
   * Send `appsecret_proof` with Graph API calls. passport-kit: on by default whenever
   * `clientSecret` is set (passport-facebook: off); `false` turns it off.
   */
  enableProof?: boolean | undefined;
  /** Scope separator; default `','` as Facebook expects. */
  scopeSeparator?: string | undefined;
  /** `User-Agent` for calls to Facebook. Default `@passport-kit/facebook/<version>`-style. */
  userAgent?: string | undefined;
}

/** Options of `passport.authenticate('facebook', options)` this strategy reads. */
export interface FacebookAuthenticateOptions extends OAuth2AuthenticateOptions {
  /** How the login dialog renders: `page`, `popup` or `touch`. */
  display?: string | undefined;
  /** `auth_type`: `rerequest` (ask again for declined permissions), `reauthenticate`, `reauthorize`. */
  authType?: string | undefined;
  /** `auth_nonce`: an app-generated nonce for `reauthenticate`, to check against replay. */
  authNonce?: string | undefined;
}
