import type { HttpClient } from '@passport-kit/core';
import { createRemoteJWKSet, customFetch, type FetchImplementation, type JWTVerifyGetKey } from 'jose';

/** How the issuer's key set is cached. */
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
 * The issuer's JWKS as a jose key resolver: fetched on first use through the strategy's own
 * transport (dispatcher, deadline and size cap of `http`), cached, and refetched when a token
 * names a `kid` it does not hold, at most once per cooldown. Concurrent verifications share
 * one fetch.
 */
export function remoteKeySet(jwksURL: string, http: HttpClient, options: RemoteKeySetOptions = {}): JWTVerifyGetKey {
  const fetchThroughClient: FetchImplementation = async (url, init) => {
    const headers: Record<string, string> = {};
    init.headers.forEach((value, name) => (headers[name] = value));
    const response = await http.request({ method: 'GET', url, headers });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      for (const item of ([] as string[]).concat(value ?? [])) responseHeaders.append(name, item);
    }
    // A Response for 204, 205 or 304 must have no body; jose refuses anything but 200 anyway.
    const body = [204, 205, 304].includes(response.status) ? null : response.body;
    return new Response(body, { status: response.status, headers: responseHeaders });
  };
  return createRemoteJWKSet(new URL(jwksURL), {
    // jose's own deadline stays above the client's, so the client's NetworkError is what surfaces.
    timeoutDuration: 2 ** 31 - 1,
    ...(options.cacheMaxAge !== undefined ? { cacheMaxAge: options.cacheMaxAge } : {}),
    ...(options.cooldownDuration !== undefined ? { cooldownDuration: options.cooldownDuration } : {}),
    [customFetch]: fetchThroughClient,
  });
}
