import type { KeyObject } from 'node:crypto';
import type { IncomingRequest } from '@passport-kit/core';
import { createLocalJWKSet, errors, jwtVerify, type CryptoKey, type JSONWebKeySet, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { BearerStrategy, type BearerStrategyOptions, type TokenValidation } from './bearer-strategy.js';
import { JwksUnavailableError } from './errors.js';
import { remoteKeySet, type RemoteKeySetOptions } from './remote-key-set.js';
import type { BearerVerifyFunction, BearerVerifyFunctionWithRequest } from './verify.js';

/** The asymmetric JWS algorithms accepted by default: never `none`, never HMAC. */
export const DEFAULT_JWT_ALGORITHMS: readonly string[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

const SYMMETRIC = /^HS(256|384|512)$/;

/** `JwtBearerStrategy` options: where the keys are, and what the token must say. */
export interface JwtBearerStrategyOptions extends BearerStrategyOptions {
  /** Expected `iss`: the authorization server's issuer identifier (one, or a list). */
  issuer: string | readonly string[];
  /** Expected `aud`: this API's identifier (the token must name at least one). */
  audience: string | readonly string[];
  /** The issuer's JWKS endpoint (`jwks_uri`). Exactly one of `jwksURL`, `jwks`, `key`. */
  jwksURL?: string | undefined;
  /** A local key set (public keys). */
  jwks?: JSONWebKeySet | undefined;
  /** One verification key: a public key, or a shared secret for HMAC with `algorithms: ['HS256']`. */
  key?: CryptoKey | KeyObject | JWK | Uint8Array | undefined;
  /** Accepted `alg` values. Default {@link DEFAULT_JWT_ALGORITHMS}. `none` is refused; HMAC only with `key`. */
  algorithms?: readonly string[] | undefined;
  /** Leeway for `exp`, `nbf` and `iat`, in seconds. Default 0. */
  clockTolerance?: number | undefined;
  /**
   * Expected `typ` header. Default `at+jwt` (RFC 9068 §4: it keeps an ID token from passing as an
   * access token). `false` skips the check, for providers whose access tokens say `JWT`.
   */
  typ?: string | false | undefined;
  /** How the remote key set is cached and fetched. */
  jwksOptions?: RemoteKeySetOptions | undefined;
}

// jose error codes that mean "this token is not acceptable" (401), not "we could not check".
const TOKEN_FAULTS: Record<string, string> = {
  ERR_JWT_EXPIRED: 'The access token expired',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'The access token signature is invalid',
  ERR_JOSE_ALG_NOT_ALLOWED: 'The access token is signed with an algorithm that is not accepted',
  ERR_JWS_INVALID: 'The access token is malformed',
  ERR_JWT_INVALID: 'The access token is malformed',
  ERR_JWKS_NO_MATCHING_KEY: 'No known key matches the access token',
  ERR_JOSE_NOT_SUPPORTED: 'The access token uses an unsupported algorithm or key',
  ERR_JWK_INVALID: 'The access token is malformed',
};

/**
 * Protects an API with JWT access tokens (RFC 9068) checked locally with jose: the signature
 * against the issuer's JWKS (cached; an unknown `kid` refetches at most once per cooldown),
 * then `iss`, `aud`, `exp` (required), `nbf`, `typ` and the allowed algorithms, then the
 * required scopes. Registered as `jwt-bearer`.
 *
 * Answers: no token → 401 `WWW-Authenticate: Bearer realm="api"`; a bad token → 401 with
 * `error="invalid_token"`; a missing scope → 403 `insufficient_scope`; a JWKS endpoint that is
 * down (and no key set fetched within `staleIfError`) → `error(JwksUnavailableError)`, status 503.
 *
 * @example
 * ```ts
 * passport.use(new JwtBearerStrategy({
 *   issuer: 'https://id.example',
 *   audience: 'https://api.example/todos',
 *   jwksURL: 'https://id.example/.well-known/jwks.json',
 *   requiredScopes: ['todos:read'],
 * }, (claims, done) => done(null, { id: claims.sub, scope: claims.scope })));
 * app.get('/todos', passport.authenticate('jwt-bearer', { session: false }), listTodos);
 * ```
 */
export class JwtBearerStrategy extends BearerStrategy<JWTPayload> {
  /** The strategy's name for `passport.authenticate()`. */
  override name = 'jwt-bearer';
  /** The key, or key set, tokens are verified with. */
  protected readonly _getKey: JWTVerifyGetKey | CryptoKey | KeyObject | JWK | Uint8Array;
  /** The issuer(s) a token must come from (`iss`). */
  protected readonly _issuer: string | string[];
  /** The audience(s) a token must be for (`aud`). */
  protected readonly _audience: string | string[];
  /** Algorithms a token may be signed with. */
  protected readonly _algorithms: string[];
  /** Allowed clock skew for `exp`/`nbf`/`iat`, in seconds. */
  protected readonly _clockTolerance: number;
  /** The `typ` header a token must carry, if set (`at+jwt`). */
  protected readonly _typ: string | undefined;
  /** Whether keys come from a remote JWKS (its failures are errors, not 401s). */
  protected readonly _remoteKeys: boolean;

  constructor(options: JwtBearerStrategyOptions & { passReqToCallback: true }, verify: BearerVerifyFunctionWithRequest<JWTPayload>);
  constructor(options: JwtBearerStrategyOptions & { passReqToCallback?: false | undefined }, verify?: BearerVerifyFunction<JWTPayload>);
  constructor(options: JwtBearerStrategyOptions, verify?: BearerVerifyFunction<JWTPayload> | BearerVerifyFunctionWithRequest<JWTPayload, never>);
  constructor(options: JwtBearerStrategyOptions, verify?: BearerVerifyFunction<JWTPayload> | BearerVerifyFunctionWithRequest<JWTPayload, never>) {
    super(options, verify);
    if (!options?.issuer || (Array.isArray(options.issuer) && options.issuer.length === 0)) throw new TypeError('JwtBearerStrategy requires an issuer');
    if (!options.audience || (Array.isArray(options.audience) && options.audience.length === 0)) throw new TypeError('JwtBearerStrategy requires an audience');
    const sources = [options.jwksURL, options.jwks, options.key].filter((source) => source !== undefined);
    if (sources.length !== 1) throw new TypeError('JwtBearerStrategy requires exactly one of jwksURL, jwks or key');

    const algorithms = [...(options.algorithms ?? DEFAULT_JWT_ALGORITHMS)];
    if (algorithms.length === 0) throw new TypeError('JwtBearerStrategy requires at least one algorithm');
    if (algorithms.some((alg) => alg.toLowerCase() === 'none')) throw new TypeError('JwtBearerStrategy never accepts alg "none"');
    const symmetric = algorithms.filter((alg) => SYMMETRIC.test(alg));
    if (symmetric.length > 0 && options.key === undefined) {
      // A JWKS publishes public keys; with HMAC allowed, a public key could become a forger's secret.
      throw new TypeError(`JwtBearerStrategy accepts ${symmetric.join(', ')} only with a shared-secret key`);
    }
    if (symmetric.length > 0 && symmetric.length !== algorithms.length) {
      throw new TypeError('JwtBearerStrategy cannot mix HMAC and asymmetric algorithms');
    }

    this._issuer = typeof options.issuer === 'string' ? options.issuer : [...options.issuer];
    this._audience = typeof options.audience === 'string' ? options.audience : [...options.audience];
    this._algorithms = algorithms;
    this._clockTolerance = options.clockTolerance ?? 0;
    this._typ = options.typ === false ? undefined : (options.typ ?? 'at+jwt');
    this._remoteKeys = options.jwksURL !== undefined;
    if (options.jwksURL !== undefined) {
      try {
        new URL(options.jwksURL);
      } catch {
        throw new TypeError('JwtBearerStrategy requires jwksURL to be an absolute URL');
      }
      this._getKey = remoteKeySet(options.jwksURL, options.jwksOptions);
    } else if (options.jwks !== undefined) {
      this._getKey = createLocalJWKSet(options.jwks);
    } else {
      this._getKey = options.key as CryptoKey | KeyObject | JWK | Uint8Array;
    }
  }

  protected override async validateToken(token: string, _req: IncomingRequest): Promise<TokenValidation<JWTPayload>> {
    try {
      const { payload } = await jwtVerify(token, this._getKey as JWTVerifyGetKey, {
        issuer: this._issuer,
        audience: this._audience,
        algorithms: this._algorithms,
        clockTolerance: this._clockTolerance,
        requiredClaims: ['exp'],
        ...(this._typ !== undefined ? { typ: this._typ } : {}),
      });
      return { valid: true, claims: payload };
    } catch (err) {
      if (err instanceof JwksUnavailableError) throw err;
      if (err instanceof errors.JWTClaimValidationFailed) {
        return { valid: false, description: err.claim === 'nbf' ? 'The access token is not valid yet' : `The access token's ${err.claim} claim is not accepted` };
      }
      const code = (err as { code?: unknown })?.code;
      const description = typeof code === 'string' ? TOKEN_FAULTS[code] : undefined;
      if (description) return { valid: false, description };
      // A local key that does not fit the token's alg (jose throws a TypeError): the token's fault.
      if (!this._remoteKeys) return { valid: false, description: 'The access token cannot be verified with the configured key' };
      // The key set answered something unusable, or jose failed to fetch it.
      throw new JwksUnavailableError('Could not load the keys to verify the access token', { cause: err });
    }
  }
}
