import { remoteKeySet as coreRemoteKeySet, type HttpClient } from '@passport-kit/core';
import type { JWTVerifyGetKey } from 'jose';

/** How the issuer's key set is cached (the strategy's `jwks` option). */
export interface RemoteKeySetOptions {
  /** How long fetched keys are trusted before a refetch, in ms. Default 10 minutes. */
  cacheMaxAge?: number | undefined;
  /**
   * After a fetch, how long a token with an unknown `kid` is refused without another fetch, in
   * ms. Default 30 s: a rotated key is picked up at once, a flood of made-up `kid`s costs one
   * request per cooldown.
   */
  cooldownDuration?: number | undefined;
}

/**
 * The issuer's JWKS as a jose key resolver: core's remote key set (cache, cooldown, one fetch
 * for concurrent verifications, the last key set kept through an outage) fetching through the
 * strategy's own transport `http`. A failed fetch rejects with the transport's `NetworkError`
 * or an `UnexpectedStatusError` / `UnexpectedBodyError`.
 */
export function remoteKeySet(jwksURL: string, http: HttpClient, options: RemoteKeySetOptions = {}): JWTVerifyGetKey {
  return coreRemoteKeySet(jwksURL, http, { maxAge: options.cacheMaxAge, cooldown: options.cooldownDuration }) as JWTVerifyGetKey;
}
