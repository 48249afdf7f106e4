import type { OAuth2StrategyOptions } from '@passport-kit/oauth2';
import type { RemoteKeySetOptions } from './jwks.js';

/**
 * `OpenIDConnectStrategy` options: every `OAuth2StrategyOptions` option, with `issuer`
 * required, plus the ones below. `OpenIDConnectStrategy.fromIssuer` fills the endpoints and
 * `idTokenSigningAlgValuesSupported` from discovery.
 */
export interface OpenIDConnectStrategyOptions extends OAuth2StrategyOptions {
  /** The issuer identifier: `iss` of every id_token and of every authorization response (RFC 9207). */
  issuer: string;
  /** The issuer's JWKS (`jwks_uri`). Required unless only `HS*` id_tokens are allowed. */
  jwksURL?: string | undefined;
  /** The UserInfo endpoint; without it the profile comes from the id_token alone. */
  userInfoURL?: string | undefined;
  /** What the issuer can sign id_tokens with (`id_token_signing_alg_values_supported`). Default `['RS256']`. */
  idTokenSigningAlgValuesSupported?: string[] | undefined;
  /**
   * The id_token algorithms this client accepts, intersected with the issuer's. Default: every
   * asymmetric algorithm (`DEFAULT_ID_TOKEN_ALGORITHMS`). `none` is refused; `HS256`/`HS384`/
   * `HS512` are accepted only when listed here, and need `clientSecret`.
   */
  idTokenSigningAlgorithms?: string[] | undefined;
  /** Seconds of clock skew tolerated on the id_token's `exp`, `iat` and `nbf`. Default 0. */
  clockTolerance?: number | undefined;
  /** Caching of the issuer's keys: `cacheMaxAge` (default 10 min) and `cooldownDuration` (default 30 s). */
  jwks?: RemoteKeySetOptions | undefined;
  /**
   * Refuse an authorization response without `iss` (RFC 9207 §2.4). Default `false`;
   * `fromIssuer` sets it from `authorization_response_iss_parameter_supported`. A present `iss`
   * must equal `issuer` either way.
   */
  requireIssParameter?: boolean | undefined;
  /** The strategy name passport knows it by. Default `'openidconnect'`. */
  name?: string | undefined;
}

/** `OpenIDConnectStrategyOptions` with `passReqToCallback: true`. */
export type OpenIDConnectStrategyOptionsWithRequest = OpenIDConnectStrategyOptions & {
  /** Pass the request to the verify callback as its first argument. */
  passReqToCallback: true;
};

/** What `fromIssuer` takes: the endpoints and the issuer come from discovery unless given here. */
export type FromIssuerOptions = Omit<OpenIDConnectStrategyOptions, 'issuer' | 'authorizationURL' | 'tokenURL'> &
  Partial<Pick<OpenIDConnectStrategyOptions, 'authorizationURL' | 'tokenURL'>>;
