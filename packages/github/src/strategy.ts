import { UnexpectedBodyError, WARNING_CODES, describeTarget, shouldSkipUserProfile, strategyLabel, userAgent, warnOnce, warnUnknownOptions, type PassportRequest } from '@passport-kit/core';
import { InternalOAuthError, OAuth2Strategy, type LoginContext, type OAuth2VerifyFunction, type ProfileCallback, type TokenResponse } from '@passport-kit/oauth2';
import packageJson from '../package.json' with { type: 'json' };
import { emailURLBeside, githubEndpoints, type GitHubEndpoints } from './endpoints.js';
import { GITHUB_OPTION_NAMES } from './option-names.js';
import type { GitHubAuthenticateOptions, GitHubStrategyOptions, GitHubStrategyOptionsWithRequest } from './options.js';
import { parseEmails, parseProfile, type GitHubProfile, type GitHubProfileEmail } from './profile.js';
import type {
  GitHubVerifyFunction,
  GitHubVerifyFunctionWithParams,
  GitHubVerifyFunctionWithRequest,
  GitHubVerifyFunctionWithRequestAndParams,
} from './verify.js';

// https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#media-types
const API_HEADERS = { accept: 'application/vnd.github+json' };
const EMAIL_SCOPES = new Set(['user', 'user:email']);

type AnyGitHubVerifyFunction =
  | GitHubVerifyFunction
  | GitHubVerifyFunctionWithParams
  | GitHubVerifyFunctionWithRequest<never>
  | GitHubVerifyFunctionWithRequestAndParams<never>;

/**
 * Sign in with GitHub (OAuth apps and GitHub Apps, github.com or GitHub Enterprise Server):
 * a drop-in for passport-github2 and passport-github, on `OAuth2Strategy` (state and PKCE S256
 * by default, RFC 9207 issuer check).
 *
 * @example
 * ```ts
 * passport.use(new GitHubStrategy({
 *   clientID: process.env.GITHUB_CLIENT_ID,
 *   clientSecret: process.env.GITHUB_CLIENT_SECRET,
 *   callbackURL: '/auth/github/callback',
 *   scope: ['user:email'],
 * }, (accessToken, refreshToken, profile, done) => done(null, { id: profile.id, email: profile.emails?.[0]?.value })));
 * ```
 */
export class GitHubStrategy<R extends object = PassportRequest> extends OAuth2Strategy {
  /** The name errors and warnings give this class. */
  static override readonly [strategyLabel]: string = 'GitHubStrategy';
  /** The strategy's name for `passport.authenticate()` (the `name` option can change it). */
  override name = 'github';
  /** The `/user` URL (`userProfileURL` option). */
  protected readonly _userProfileURL: string;
  /** The `/user/emails` URL (`userEmailURL` option). */
  protected readonly _userEmailURL: string;
  /** The `allRawEmails` option. */
  protected readonly _allRawEmails: boolean;

  // One overload per verify form. TypeScript types an inline verify's parameters from the first
  // overload whose options fit, so the request forms come first (only `passReqToCallback: true`
  // fits them), each before its `params` form: an inline verify of up to 4 arguments (5 with
  // `req`) gets typed parameters; the `params` forms need their type named. Ending on options
  // without `passReqToCallback` makes a missing option the error TypeScript reports.
  constructor(options: GitHubStrategyOptionsWithRequest, verify: GitHubVerifyFunctionWithRequest<R>);
  constructor(options: GitHubStrategyOptionsWithRequest, verify: GitHubVerifyFunctionWithRequestAndParams<R>);
  constructor(options: GitHubStrategyOptions, verify: GitHubVerifyFunction);
  constructor(options: GitHubStrategyOptions, verify: GitHubVerifyFunctionWithParams);
  constructor(options: GitHubStrategyOptions | GitHubStrategyOptionsWithRequest, verify: AnyGitHubVerifyFunction) {
    if (new.target === GitHubStrategy) warnUnknownOptions('GitHubStrategy', options, GITHUB_OPTION_NAMES);
    // GitHub refuses a code exchange without the secret, PKCE or not.
    if (options && !options.clientSecret) warnOnce(WARNING_CODES.missingClientSecret, `GitHubStrategy.${options.clientID}`, 'GitHubStrategy has no clientSecret option: GitHub refuses every code exchange without it');
    const endpoints = githubEndpoints(options?.baseURL);
    const { customHeaders, agent } = takeUserAgent(options?.customHeaders);
    super(
      {
        ...options,
        authorizationURL: options?.authorizationURL ?? endpoints.authorizationURL,
        tokenURL: options?.tokenURL ?? endpoints.tokenURL,
        scopeSeparator: options?.scopeSeparator ?? ',',
        issuer: chooseIssuer(options ?? {}, endpoints),
        customHeaders,
        // passport-github2's form wins, as there: it only fell back to `userAgent` without one.
        userAgent: agent ?? options?.userAgent ?? userAgent(packageJson.name, packageJson.version),
      },
      verify as OAuth2VerifyFunction<never, never>,
    );
    if (options.name) this.name = options.name;
    this._userProfileURL = options.userProfileURL ?? endpoints.userProfileURL;
    this._userEmailURL = options.userEmailURL ?? (options.userProfileURL ? emailURLBeside(options.userProfileURL) : endpoints.userEmailURL);
    this._allRawEmails = options.allRawEmails === true;
  }

  /**
   * Loads `/user`, and `/user/emails` at the same time when the scope (this request's
   * `authenticate()` option, else the strategy's) includes `user` or `user:email`. When it is
   * not known to, the scopes GitHub reports it granted (`X-OAuth-Scopes`) decide. `emails` is
   * the primary address (every address with `allRawEmails`), as in passport-github2. A 403 or
   * 404 from `/user/emails` leaves the profile without them; any other failure is an
   * `InternalOAuthError` ("Failed to fetch user emails"), as in passport-github2.
   */
  protected override userProfile(accessToken: string, done?: ProfileCallback): Promise<GitHubProfile> | void {
    const loading = this.loadProfile(accessToken, this._scope);
    if (!done) return loading;
    loading.then((profile) => done(null, profile), (err: unknown) => done(err));
  }

  /**
   * The profile for a login: as `userProfile` loads it, with the scope this request's
   * `authenticate()` asked for (concurrent logins with different scopes each get their own).
   * An app's own `userProfile` (a subclass's, as with passport-github2) is used when there is one.
   */
  protected override async loadUserProfile(tokens: TokenResponse, login: LoginContext): Promise<unknown> {
    if (this.userProfile !== GitHubStrategy.prototype.userProfile) return super.loadUserProfile(tokens, login);
    if (await shouldSkipUserProfile(this._skipUserProfile, tokens.accessToken)) return undefined;
    return this.loadProfile(tokens.accessToken, login.options.scope ?? this._scope);
  }

  protected override authorizationParams(options: GitHubAuthenticateOptions): Record<string, unknown> {
    const params: Record<string, unknown> = {};
    if (typeof options.login === 'string' && options.login !== '') params['login'] = options.login;
    if (options.allow_signup !== undefined) params['allow_signup'] = String(options.allow_signup);
    if (typeof options.prompt === 'string' && options.prompt !== '') params['prompt'] = options.prompt;
    return params;
  }

  private async loadProfile(accessToken: string, scope: string | string[] | undefined): Promise<GitHubProfile> {
    const scopeRequested = includesEmailScope(scope, this._scopeSeparator);
    // Started before /user is awaited: both requests are in flight at once. Its rejection is
    // awaited below; the no-op handler keeps it from counting as unhandled while /user loads.
    const emails = scopeRequested ? this.loadEmails(accessToken) : undefined;
    emails?.catch(() => undefined);
    const { profile, grantedScopes } = await this.loadUser(accessToken);
    const addresses = (await emails) ?? (!scopeRequested && includesEmailScope(grantedScopes, ',') ? await this.loadEmails(accessToken) : undefined);
    if (addresses) profile.emails = addresses;
    return profile;
  }

  private async loadUser(accessToken: string): Promise<{ profile: GitHubProfile; grantedScopes: string | undefined }> {
    const { body, headers } = await this.fetchResource(this._userProfileURL, accessToken, { headers: API_HEADERS, describeFailure: githubMessage });
    try {
      const granted = headers['x-oauth-scopes'];
      return { profile: parseProfile(body), grantedScopes: Array.isArray(granted) ? granted.join(',') : granted };
    } catch (err) {
      throw new InternalOAuthError('Failed to fetch user profile', err);
    }
  }

  private async loadEmails(accessToken: string): Promise<GitHubProfileEmail[] | undefined> {
    const { status, json } = await this.fetchResource(this._userEmailURL, accessToken, {
      headers: API_HEADERS,
      failureMessage: 'Failed to fetch user emails',
      // 404 without the scope, 403 for a GitHub App without the email permission: no emails.
      allowStatus: [403, 404],
      describeFailure: githubMessage,
    });
    if (status === 403 || status === 404) return undefined;
    return parseEmails(readEmailList(json, describeTarget('GET', this._userEmailURL)), { allRawEmails: this._allRawEmails });
  }
}

function chooseIssuer(options: GitHubStrategyOptions | GitHubStrategyOptionsWithRequest, endpoints: GitHubEndpoints): string | undefined {
  if (options.issuer === false) return undefined;
  if (options.issuer !== undefined) return options.issuer;
  // A hand-set authorization endpoint may be a proxy in front of github.com: no guess.
  if (options.authorizationURL !== undefined && options.baseURL === undefined) return undefined;
  return endpoints.issuer;
}

// passport-github2 set the User-Agent through customHeaders; here it applies to every call.
function takeUserAgent(headers: Record<string, string> | undefined): { customHeaders: Record<string, string> | undefined; agent: string | undefined } {
  if (!headers) return { customHeaders: undefined, agent: undefined };
  let agent: string | undefined;
  const customHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'user-agent') agent = value;
    else customHeaders[name] = value;
  }
  return { customHeaders, agent };
}

// passport-github2 failed the login on an email list that is not JSON, not a list, or empty.
function readEmailList(list: unknown, where: string): unknown[] {
  if (list === undefined) {
    throw new InternalOAuthError('Failed to fetch user emails', new UnexpectedBodyError(`${where} answered with a body that is not JSON`));
  }
  if (!Array.isArray(list) || list.length === 0) {
    throw new InternalOAuthError('Failed to fetch user emails', new UnexpectedBodyError(`${where} answered with no list of addresses`));
  }
  return list as unknown[];
}

function includesEmailScope(scope: string | string[] | undefined, separator: string): boolean {
  if (scope === undefined) return false;
  return ([] as string[])
    .concat(scope)
    .flatMap((entry) => entry.split(separator))
    .flatMap((entry) => entry.split(/[\s,]+/))
    .some((entry) => EMAIL_SCOPES.has(entry));
}

// GitHub's error bodies carry a human-readable `message` ("Bad credentials").
function githubMessage(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    const message = typeof parsed === 'object' && parsed !== null ? (parsed as { message?: unknown }).message : undefined;
    return typeof message === 'string' && message !== '' ? message.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}
