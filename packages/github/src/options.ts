import type { OAuth2AuthenticateOptions, OAuth2StrategyOptions } from '@passport-kit/oauth2';

/**
 * `GitHubStrategy` options: passport-github2's and passport-github's, with every
 * `OAuth2Strategy` option (`state`, `store`, `pkce`, `timeout`, …) besides.
 */
export interface GitHubStrategyOptions extends Omit<OAuth2StrategyOptions, 'authorizationURL' | 'tokenURL' | 'issuer'> {
  /** The OAuth app's (or GitHub App's) client ID. */
  clientID: string;
  clientSecret?: string | undefined;
  /** Scopes, joined with `scopeSeparator` (`,` for GitHub). `user` or `user:email` also loads `/user/emails`. */
  scope?: string | string[] | undefined;
  /**
   * passport-kit: a GitHub Enterprise Server (or GHE.com) host, e.g. `https://ghe.example`:
   * every endpoint and the issuer are derived from it. Default github.com.
   */
  baseURL?: string | undefined;
  /** Default `https://github.com/login/oauth/authorize`, or derived from `baseURL`. */
  authorizationURL?: string | undefined;
  /** Default `https://github.com/login/oauth/access_token`, or derived from `baseURL`. */
  tokenURL?: string | undefined;
  /** Default `https://api.github.com/user`, or derived from `baseURL`. */
  userProfileURL?: string | undefined;
  /** Default `https://api.github.com/user/emails`, from `baseURL`, or `<userProfileURL>/emails` when only that is set. */
  userEmailURL?: string | undefined;
  /** `emails` lists every `/user/emails` address, each with every field (`visibility`, …), not the primary one alone. Default false. */
  allRawEmails?: boolean | undefined;
  /**
   * `User-Agent` of every call to GitHub (its API requires one). A `User-Agent` in
   * `customHeaders` (passport-github2's way) wins over it, as in passport-github2. Default
   * `@passport-kit/github/<version> (node <version>)`.
   */
  userAgent?: string | undefined;
  /**
   * passport-kit: the issuer the callback's `iss` must equal (RFC 9207); a callback without
   * `iss` is accepted. Default `https://github.com/login/oauth`, or `<baseURL>/login/oauth`;
   * none when `authorizationURL` is set without `baseURL`. `false`: no check.
   */
  issuer?: string | false | undefined;
  /** The strategy's name for `passport.authenticate()`. Default `'github'`. */
  name?: string | undefined;
  /** `true` (see {@link GitHubStrategyOptionsWithRequest}) passes `req` first to the verify callback. */
  passReqToCallback?: false | undefined;
}

/** {@link GitHubStrategyOptions} for a verify callback that takes the request first. */
export interface GitHubStrategyOptionsWithRequest extends Omit<GitHubStrategyOptions, 'passReqToCallback'> {
  /** Pass the request to the verify callback as its first argument. */
  passReqToCallback: true;
}

/** Options of `passport.authenticate('github', options)` this strategy reads. */
export interface GitHubAuthenticateOptions extends OAuth2AuthenticateOptions {
  /** Suggests an account to sign in with (authorization request). */
  login?: string | undefined;
  /** Whether GitHub offers unauthenticated users to sign up (authorization request). */
  allow_signup?: boolean | 'true' | 'false' | undefined;
  /** `'select_account'` makes GitHub show the account picker (authorization request). */
  prompt?: string | undefined;
}
