import { UnexpectedStatusError, concealProperties, describeTarget, randomToken, readParam, shouldSkipUserProfile, strategyLabel, userAgent, warnUnknownOptions, type IncomingRequest, type PassportRequest } from '@passport-kit/core';
import {
  InternalOAuthError,
  OAuth2Strategy,
  type LoginExtras,
  type OAuth2AuthenticateOptions,
  type TokenResponse,
} from '@passport-kit/oauth2';
import type { JWTVerifyGetKey } from 'jose';
import packageJson from '../package.json' with { type: 'json' };
import { idTokenAlgorithms } from './algorithms.js';
import { discover } from './discovery.js';
import { IdTokenError, UserInfoError } from './errors.js';
import { verifyIdToken, type IdTokenClaims } from './id-token.js';
import { remoteKeySet } from './jwks.js';
import { OIDC_OPTION_NAMES } from './option-names.js';
import type { FromIssuerOptions, OpenIDConnectStrategyOptions, OpenIDConnectStrategyOptionsWithRequest } from './options.js';
import { profileFromClaims, type OpenIDConnectProfile } from './profile.js';
import type {
  AnyOpenIDConnectVerifyFunction,
  OpenIDConnectVerifyFunction,
  OpenIDConnectVerifyFunctionWithParams,
  OpenIDConnectVerifyFunctionWithRequest,
  OpenIDConnectVerifyFunctionWithRequestAndParams,
} from './verify.js';

/** Where the verified id_token claims are put in the token response handed to verify. */
export const ID_TOKEN_CLAIMS_PARAM = 'id_token_claims';

/**
 * The OpenID Connect authorization code flow (OIDC Core §3.1) on `OAuth2Strategy`: `openid` is
 * always in scope, a fresh `nonce` is sent with each login and kept with its state, the
 * `id_token` is verified before the verify callback runs (signature against the issuer's JWKS,
 * `iss`, `aud`, `azp`, `exp`, `iat`, `nonce`, `at_hash`, allowed algorithms), and the profile
 * is built from its claims merged with the UserInfo response. State, PKCE, the RFC 9207 `iss`
 * check, the verify forms and `strategy.tokens` work as in `OAuth2Strategy`.
 *
 * The verified claims reach verify as `params.id_token_claims` (5- and 6-argument forms) and
 * as `profile._json` merged with UserInfo's.
 *
 * @example
 * ```ts
 * passport.use(await OpenIDConnectStrategy.fromIssuer('https://accounts.example.com', {
 *   clientID: process.env.CLIENT_ID,
 *   clientSecret: process.env.CLIENT_SECRET,
 *   callbackURL: '/auth/oidc/callback',
 *   scope: 'profile email',
 * }, (accessToken, refreshToken, profile, done) => done(null, { issuer: profile.issuer, sub: profile.id })));
 * ```
 */
export class OpenIDConnectStrategy<R extends object = PassportRequest> extends OAuth2Strategy {
  /** The name errors and warnings give this class. */
  static override readonly [strategyLabel]: string = 'OpenIDConnectStrategy';
  /** The strategy's name for `passport.authenticate()`. */
  override name = 'openidconnect';

  /** The issuer identifier every id_token's `iss` must equal. */
  protected readonly _oidcIssuer: string;
  /** The client secret, the key of `HS*` id_tokens. */
  protected readonly _clientSecret: string | undefined;
  /** The UserInfo endpoint, when the profile is loaded from it. */
  protected readonly _userInfoURL: string | undefined;
  /** Algorithms an id_token may be signed with. */
  protected readonly _idTokenAlgorithms: string[];
  /** The issuer's signing keys (JWKS). */
  protected readonly _keys: JWTVerifyGetKey | undefined;
  /** Allowed clock skew for `exp`/`iat`, in seconds. */
  protected readonly _clockTolerance: number;
  /** Whether the callback must carry `iss` (RFC 9207). */
  protected readonly _requireIssParameter: boolean;

  // One overload per verify form. TypeScript types an inline verify's parameters from the first
  // overload whose options fit, so the request forms come first (only `passReqToCallback: true`
  // fits them), each before its `params` form: an inline verify of up to 4 arguments (5 with
  // `req`) gets typed parameters; the `params` forms need their type named. The last overload
  // takes any form (`fromIssuer`, subclasses) and reports a missing option.
  constructor(options: OpenIDConnectStrategyOptionsWithRequest, verify: OpenIDConnectVerifyFunctionWithRequest<R>);
  constructor(options: OpenIDConnectStrategyOptionsWithRequest, verify: OpenIDConnectVerifyFunctionWithRequestAndParams<R>);
  constructor(options: OpenIDConnectStrategyOptions, verify: OpenIDConnectVerifyFunction);
  constructor(options: OpenIDConnectStrategyOptions, verify: OpenIDConnectVerifyFunctionWithParams);
  constructor(options: OpenIDConnectStrategyOptions | OpenIDConnectStrategyOptionsWithRequest, verify: AnyOpenIDConnectVerifyFunction);
  constructor(options: OpenIDConnectStrategyOptions, verify: AnyOpenIDConnectVerifyFunction) {
    if (new.target === OpenIDConnectStrategy) warnUnknownOptions('OpenIDConnectStrategy', options, OIDC_OPTION_NAMES);
    if (!options?.issuer) throw new TypeError('OpenIDConnectStrategy requires an issuer option');
    if (options.state === false) throw new TypeError('OpenIDConnectStrategy requires state: the nonce is kept with it');
    const algorithms = idTokenAlgorithms(options.idTokenSigningAlgValuesSupported, options.idTokenSigningAlgorithms, options.clientSecret);
    if (!options.jwksURL && algorithms.some((alg) => !alg.startsWith('HS'))) {
      throw new TypeError('OpenIDConnectStrategy requires a jwksURL option (or use OpenIDConnectStrategy.fromIssuer)');
    }
    if (options.clockTolerance !== undefined && (!Number.isFinite(options.clockTolerance) || options.clockTolerance < 0)) {
      throw new TypeError('clockTolerance must be a number of seconds, 0 or more');
    }
    const separator = options.scopeSeparator ?? ' ';
    super(
      { ...options, scope: withOpenID(options.scope, separator), userAgent: userAgent(packageJson.name, packageJson.version) },
      verify as ConstructorParameters<typeof OAuth2Strategy>[1],
    );
    if (options.name) this.name = options.name;
    this._oidcIssuer = options.issuer;
    this._clientSecret = options.clientSecret;
    concealProperties(this, '_clientSecret'); // apps log strategies
    this._userInfoURL = options.userInfoURL;
    this._idTokenAlgorithms = algorithms;
    this._keys = options.jwksURL ? remoteKeySet(options.jwksURL, this._http, options.jwks) : undefined;
    this._clockTolerance = options.clockTolerance ?? 0;
    this._requireIssParameter = options.requireIssParameter === true;
  }

  /**
   * Discovers the issuer (see `discover`) and makes a strategy from its metadata: endpoints,
   * JWKS, UserInfo, supported id_token algorithms and RFC 9207 support. Options given here win
   * over discovered values; the discovery request uses their `dispatcher`, `timeout` and
   * `maxResponseSize`.
   *
   * @example
   * ```ts
   * const strategy = await OpenIDConnectStrategy.fromIssuer('https://accounts.example.com', { clientID, clientSecret, callbackURL }, verify);
   * passport.use(strategy);
   * ```
   */
  static async fromIssuer<S extends OpenIDConnectStrategy>(
    this: new (options: OpenIDConnectStrategyOptions, verify: AnyOpenIDConnectVerifyFunction) => S,
    issuerURL: string,
    options: FromIssuerOptions,
    verify: AnyOpenIDConnectVerifyFunction,
  ): Promise<S> {
    const metadata = await discover(issuerURL, { dispatcher: options.dispatcher, timeout: options.timeout, maxResponseSize: options.maxResponseSize });
    const discovered: OpenIDConnectStrategyOptions = {
      clientID: options.clientID,
      issuer: metadata.issuer,
      authorizationURL: metadata.authorization_endpoint,
      tokenURL: metadata.token_endpoint,
      jwksURL: metadata.jwks_uri,
      userInfoURL: metadata.userinfo_endpoint,
      revocationURL: metadata.revocation_endpoint,
      introspectionURL: metadata.introspection_endpoint,
      idTokenSigningAlgValuesSupported: metadata.id_token_signing_alg_values_supported,
      requireIssParameter: metadata.authorization_response_iss_parameter_supported === true,
    };
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    return new this({ ...discovered, ...given }, verify);
  }

  /** Adds `openid` to a per-request scope, and refuses a code response without `iss` when required. */
  override authenticate(req: IncomingRequest, options: OAuth2AuthenticateOptions = {}): void {
    if (this._requireIssParameter && readParam(req, 'code').kind !== 'absent' && readParam(req, 'iss').kind === 'absent') {
      return this.fail({ message: 'Authorization response has no iss parameter.' }, 403);
    }
    const scoped = options.scope === undefined ? options : { ...options, scope: withOpenID(options.scope, this._scopeSeparator) };
    super.authenticate(req, scoped);
  }

  /** A fresh nonce for each login (OIDC Core §3.1.2.1), sent and kept with the state. */
  protected override beginLogin(_req: IncomingRequest, _options: OAuth2AuthenticateOptions): LoginExtras {
    const nonce = randomToken(32);
    return { params: { nonce }, data: { nonce } };
  }

  /**
   * Verifies the id_token against the nonce kept for this login and adds its claims to the
   * token response as `id_token_claims`.
   *
   * @throws {IdTokenError}
   */
  protected override async validateTokenResponse(tokens: TokenResponse, loginData: Record<string, unknown>): Promise<TokenResponse> {
    const idToken = tokens.params['id_token'];
    if (typeof idToken !== 'string' || idToken === '') throw new IdTokenError('Token response has no id_token', 'ERR_ID_TOKEN_MISSING');
    const nonce = loginData['nonce'];
    if (typeof nonce !== 'string') {
      throw new IdTokenError('No nonce was kept for this login: a custom state store must keep meta.loginData', 'ERR_ID_TOKEN_NONCE');
    }
    const { claims } = await verifyIdToken(idToken, {
      issuer: this._oidcIssuer,
      clientID: this._oauth2._clientId,
      algorithms: this._idTokenAlgorithms,
      keys: this._keys,
      clientSecret: this._clientSecret,
      nonce,
      accessToken: tokens.accessToken,
      clockTolerance: this._clockTolerance,
    });
    return { ...tokens, params: { ...tokens.params, [ID_TOKEN_CLAIMS_PARAM]: claims } };
  }

  /**
   * The profile: the id_token claims, merged with the UserInfo response unless there is no
   * `userInfoURL` or `skipUserProfile` says so. UserInfo's `sub` must be the id_token's.
   */
  protected override async loadUserProfile(tokens: TokenResponse): Promise<OpenIDConnectProfile> {
    const idTokenClaims = tokens.params[ID_TOKEN_CLAIMS_PARAM] as IdTokenClaims;
    if (!this._userInfoURL || (await shouldSkipUserProfile(this._skipUserProfile, tokens.accessToken))) {
      return this.profileFromClaims({ ...idTokenClaims });
    }
    const { claims, raw } = await this.fetchUserInfo(this._userInfoURL, tokens.accessToken);
    // OIDC Core §5.3.2: a UserInfo response about someone else must not be used.
    if (claims['sub'] !== idTokenClaims.sub) throw new UserInfoError('UserInfo sub is not the id_token sub', 'ERR_USERINFO_SUBJECT');
    const profile = this.profileFromClaims({ ...idTokenClaims, ...claims });
    profile._raw = raw;
    return profile;
  }

  /** Maps the merged claims to the profile. Override to add provider-specific fields. */
  protected profileFromClaims(claims: Record<string, unknown>): OpenIDConnectProfile {
    return profileFromClaims(claims, this._oidcIssuer, this.name);
  }

  private async fetchUserInfo(url: string, accessToken: string): Promise<{ claims: Record<string, unknown>; raw: string }> {
    const { status, body, json } = await this.fetchResource(url, accessToken);
    if (status !== 200) throw new InternalOAuthError('Failed to fetch user profile', new UnexpectedStatusError(`${describeTarget('GET', url)} answered ${status}`, status, body));
    if (json === undefined) throw new UserInfoError('UserInfo response is not JSON (signed or encrypted responses are not supported)', 'ERR_USERINFO_BODY');
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new UserInfoError('UserInfo response is not a JSON object', 'ERR_USERINFO_BODY');
    }
    return { claims: json as Record<string, unknown>, raw: body };
  }
}

function withOpenID(scope: string | string[] | undefined, separator: string): string | string[] {
  if (Array.isArray(scope)) return scope.includes('openid') ? scope : ['openid', ...scope];
  if (!scope) return 'openid';
  const scopes = scope.split(separator === ' ' ? /\s+/ : separator).map((s) => s.trim());
  return scopes.includes('openid') ? scope : `openid${separator}${scope}`;
}
