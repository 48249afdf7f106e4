import type { IncomingRequest } from '@passport-kit/core';
import type { ActiveTokenIntrospection, IntrospectionResponse, TokenClient } from '@passport-kit/oauth2';
import { BearerStrategy, type BearerStrategyOptions, type TokenValidation } from './bearer-strategy.js';
import { IntrospectionFailedError } from './errors.js';
import { IntrospectionCache, type IntrospectionCacheOptions } from './introspection-cache.js';
import type { BearerVerifyFunction, BearerVerifyFunctionWithRequest } from './verify.js';

/** `IntrospectionBearerStrategy` options. */
export interface IntrospectionBearerStrategyOptions extends BearerStrategyOptions {
  /**
   * The TokenClient that introspects, configured with `introspectionURL` and this resource
   * server's own client credentials (RFC 7662 §2.1: the endpoint requires authentication).
   */
  client: TokenClient;
  /** When set, the answer's `aud` must name one of these. */
  audience?: string | readonly string[] | undefined;
  /** When set, the answer's `iss` must be this. */
  issuer?: string | undefined;
  /** Leeway for `exp` and `nbf`, in seconds. Default 0. */
  clockTolerance?: number | undefined;
  /**
   * Require `token_type: Bearer` in the answer. Default `true`: a refresh token introspects as
   * active too, and some servers (oidc-provider) then omit `token_type`. Set `false` for a
   * server that omits it for access tokens, and set `audience` instead where possible.
   */
  requireTokenType?: boolean | undefined;
  /** Cache of answers; `false` asks the server on every request. Default: 30 s, 10 000 entries, never past `exp`. */
  cache?: IntrospectionCacheOptions | false | undefined;
}

/**
 * Protects an API with opaque access tokens checked by introspection (RFC 7662) at the
 * authorization server. Registered as `introspection-bearer`. An inactive, expired, not yet
 * valid or refresh token, or one for another audience, fails with 401 `invalid_token`; a
 * missing scope with 403 `insufficient_scope`; an introspection endpoint that fails (down,
 * refuses our credentials, answers nonsense) with `error(IntrospectionFailedError)`, status 503.
 *
 * Answers are cached (keyed by a hash of the token) for `cache.ttl`, never past the token's
 * `exp`: a revoked token can pass for up to `cache.ttl`. Set `cache: false` where that matters.
 *
 * @example
 * ```ts
 * passport.use(new IntrospectionBearerStrategy({
 *   client: new TokenClient({ tokenURL, introspectionURL, clientID: 'todo-api', clientSecret, clientAuthentication: 'client_secret_basic' }),
 *   audience: 'https://api.example/todos',
 * }));
 * app.get('/todos', passport.authenticate('introspection-bearer', { session: false, scope: 'todos:read' }), listTodos);
 * ```
 */
export class IntrospectionBearerStrategy extends BearerStrategy<ActiveTokenIntrospection> {
  /** The strategy's name for `passport.authenticate()`. */
  override name = 'introspection-bearer';
  /** Calls the introspection endpoint with this resource server's credentials. */
  protected readonly _client: TokenClient;
  /** Audiences a token must be for (`aud`), if set. */
  protected readonly _audience: string[] | undefined;
  /** The issuer a token must come from (`iss`), if set. */
  protected readonly _issuer: string | undefined;
  /** Allowed clock skew for `exp`/`nbf`, in seconds. */
  protected readonly _clockTolerance: number;
  /** Caches active introspection answers, if enabled. */
  protected readonly _cache: IntrospectionCache | undefined;
  /** Whether `token_type` must be `Bearer` when present. */
  protected readonly _requireTokenType: boolean;

  constructor(options: IntrospectionBearerStrategyOptions & { passReqToCallback: true }, verify: BearerVerifyFunctionWithRequest<ActiveTokenIntrospection>);
  constructor(options: IntrospectionBearerStrategyOptions & { passReqToCallback?: false | undefined }, verify?: BearerVerifyFunction<ActiveTokenIntrospection>);
  constructor(
    options: IntrospectionBearerStrategyOptions,
    verify?: BearerVerifyFunction<ActiveTokenIntrospection> | BearerVerifyFunctionWithRequest<ActiveTokenIntrospection, never>,
  );
  constructor(
    options: IntrospectionBearerStrategyOptions,
    verify?: BearerVerifyFunction<ActiveTokenIntrospection> | BearerVerifyFunctionWithRequest<ActiveTokenIntrospection, never>,
  ) {
    super(options, verify);
    if (!options?.client || typeof options.client.introspect !== 'function') {
      throw new TypeError('IntrospectionBearerStrategy requires a TokenClient with an introspectionURL as `client`');
    }
    this._client = options.client;
    this._audience = options.audience === undefined ? undefined : typeof options.audience === 'string' ? [options.audience] : [...options.audience];
    this._issuer = options.issuer;
    this._clockTolerance = options.clockTolerance ?? 0;
    this._cache = options.cache === false ? undefined : new IntrospectionCache(options.cache);
    this._requireTokenType = options.requireTokenType !== false;
  }

  protected override async validateToken(token: string, _req: IncomingRequest): Promise<TokenValidation<ActiveTokenIntrospection>> {
    let result: IntrospectionResponse;
    try {
      const introspect = () => this._client.introspect(token, { tokenTypeHint: 'access_token' });
      result = this._cache ? await this._cache.get(token, introspect) : await introspect();
    } catch (err) {
      throw new IntrospectionFailedError('Could not introspect the access token', { cause: err });
    }
    if (!result.active) return { valid: false, description: 'The access token is not active' };

    const now = Date.now() / 1000;
    if (typeof result.exp === 'number' && result.exp + this._clockTolerance <= now) return { valid: false, description: 'The access token expired' };
    if (typeof result.nbf === 'number' && result.nbf - this._clockTolerance > now) return { valid: false, description: 'The access token is not valid yet' };
    // A refresh token is active too, but it is not a credential for an API; nor is a DPoP-bound
    // token without its proof, which this strategy does not check.
    if ((result.token_type !== undefined || this._requireTokenType) && !/^bearer$/i.test(result.token_type ?? '')) {
      return { valid: false, description: 'The token is not an access token' };
    }
    if (this._issuer !== undefined && result.iss !== this._issuer) return { valid: false, description: 'The access token\'s iss claim is not accepted' };
    if (this._audience !== undefined) {
      const audiences = typeof result.aud === 'string' ? [result.aud] : (result.aud ?? []);
      if (!audiences.some((aud) => this._audience?.includes(aud))) return { valid: false, description: 'The access token\'s aud claim is not accepted' };
    }
    return { valid: true, claims: result };
  }
}
