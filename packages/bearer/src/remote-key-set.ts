import { HttpClient, NetworkError, describeTarget, remoteKeySet as coreRemoteKeySet, userAgent, type Dispatcher } from '@passport-kit/core';
import type { JWTVerifyGetKey } from 'jose';
import packageJson from '../package.json' with { type: 'json' };
import { JwksUnavailableError } from './errors.js';

/** The `jwksOptions` of `JwtBearerStrategy`: how the remote key set is cached and fetched. */
export interface RemoteKeySetOptions {
  /**
   * After fetching the key set, a token with an unknown `kid` triggers another fetch only once
   * this many ms have passed (keys rotate rarely; forged `kid`s must not make a storm of fetches).
   * Default 30 000.
   */
  cooldown?: number | undefined;
  /** Keys are refetched when older than this, in ms. Default 600 000 (10 minutes). */
  maxAge?: number | undefined;
  /**
   * When the endpoint fails, the last key set fetched is used for up to this many ms after it
   * was fetched, so a JWKS outage does not take the API down. Default 3 600 000 (1 hour);
   * `0` turns it off.
   */
  staleIfError?: number | undefined;
  /** After a failed fetch, no new attempt for this many ms (the failure is repeated). Default 5 000. */
  retryAfterFailure?: number | undefined;
  /** Deadline of one fetch, in ms. Default 5 000. */
  timeout?: number | undefined;
  /** Largest key set accepted, in bytes. Default 1 MiB. */
  maxResponseSize?: number | undefined;
  /** The undici dispatcher (a `ProxyAgent`, …). */
  dispatcher?: Dispatcher | undefined;
}

/**
 * core's remote key set on a transport of its own (an API has no strategy transport to share),
 * its fetch failures reported as {@link JwksUnavailableError}.
 */
export function remoteKeySet(url: string, options: RemoteKeySetOptions = {}): JWTVerifyGetKey {
  const http = new HttpClient({
    dispatcher: options.dispatcher,
    timeout: options.timeout ?? 5_000,
    maxResponseSize: options.maxResponseSize,
    userAgent: userAgent(packageJson.name, packageJson.version),
  });
  return coreRemoteKeySet(url, http, {
    cooldown: options.cooldown,
    maxAge: options.maxAge,
    staleIfError: options.staleIfError,
    retryAfterFailure: options.retryAfterFailure,
    // A transport failure names what failed; a status or body says what came back.
    failure: (cause) => new JwksUnavailableError(cause instanceof NetworkError ? `${describeTarget('GET', url)} failed` : cause.message, { cause }),
  }) as JWTVerifyGetKey;
}
