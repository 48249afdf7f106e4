import type { JWTVerifyGetKey } from 'jose';
import { NetworkError, UnexpectedBodyError, UnexpectedStatusError } from './errors.js';
import { describeTarget, type HttpClient } from './http-client.js';

/** How a remote key set is cached, and what a failed fetch rejects with. */
export interface RemoteKeySetOptions {
  /**
   * After fetching the key set, a token with an unknown `kid` triggers another fetch only once
   * this many ms have passed (keys rotate rarely; forged `kid`s must not make a storm of
   * fetches). Default 30 000.
   */
  cooldown?: number | undefined;
  /** Keys are refetched when older than this, in ms. Default 600 000 (10 minutes). */
  maxAge?: number | undefined;
  /**
   * When the endpoint fails, the last key set fetched is used for up to this many ms after it
   * was fetched, so a JWKS outage does not stop every login or API call. Default 3 600 000
   * (1 hour); `0` turns it off.
   */
  staleIfError?: number | undefined;
  /** After a failed fetch, no new attempt for this many ms (the failure is repeated). Default 5 000. */
  retryAfterFailure?: number | undefined;
  /** The error a failed fetch rejects with. Default: the transport's `NetworkError`, or an `UnexpectedStatusError` / `UnexpectedBodyError`. */
  failure?: ((cause: KeySetFetchError) => Error) | undefined;
}

/**
 * A key resolver for jose's `jwtVerify` (jose's `JWTVerifyGetKey`: cast to it), declared here
 * so that core's types and cold import do not load jose.
 */
export type RemoteKeyResolver = (protectedHeader: object, token: object) => Promise<unknown>;

/** Why fetching a key set failed. */
export type KeySetFetchError = NetworkError | UnexpectedStatusError | UnexpectedBodyError;

/**
 * A remote JWKS as a jose key resolver: jose's `createRemoteJWKSet` (cache, cooldown, one fetch
 * at a time for concurrent verifications) fetching through `http` (its dispatcher, deadline,
 * size cap and User-Agent), with a failure backoff and serve-stale-on-error on top.
 */
export function remoteKeySet(url: string, http: HttpClient, options: RemoteKeySetOptions = {}): RemoteKeyResolver {
  const jwksURL = new URL(url);
  const fetcher = new KeySetFetcher(url, http, options);
  // jose is loaded on first use, as the cookie store loads it: importing it is about a third of
  // this package's cold import time (bench/run.ts), and most apps never verify a JWT.
  let resolver: Promise<JWTVerifyGetKey> | undefined;
  return async (protectedHeader, token) => {
    resolver ??= import('jose').then(({ createRemoteJWKSet, customFetch }) =>
      createRemoteJWKSet(jwksURL, {
        cooldownDuration: options.cooldown ?? 30_000,
        cacheMaxAge: options.maxAge ?? 600_000,
        // jose's own deadline stays above the client's, so the client's NetworkError is what surfaces.
        timeoutDuration: 2 ** 31 - 1,
        [customFetch]: (fetchURL: string) => fetcher.fetch(fetchURL),
      }),
    );
    const getKey = await resolver;
    return getKey(protectedHeader as Parameters<JWTVerifyGetKey>[0], token as Parameters<JWTVerifyGetKey>[1]);
  };
}

class KeySetFetcher {
  readonly #http: HttpClient;
  readonly #where: string;
  readonly #staleIfError: number;
  readonly #retryAfterFailure: number;
  readonly #failure: (cause: KeySetFetchError) => Error;
  #lastGood: { body: string; at: number } | undefined;
  #lastFailure: { error: Error; at: number } | undefined;

  constructor(url: string, http: HttpClient, options: RemoteKeySetOptions) {
    this.#http = http;
    this.#where = describeTarget('GET', url);
    this.#staleIfError = options.staleIfError ?? 3_600_000;
    this.#retryAfterFailure = options.retryAfterFailure ?? 5_000;
    this.#failure = options.failure ?? ((cause) => cause);
  }

  async fetch(url: string): Promise<Response> {
    const now = Date.now();
    if (this.#lastFailure && now - this.#lastFailure.at < this.#retryAfterFailure) return this.#fallback(this.#lastFailure.error);
    try {
      const body = await this.#load(url);
      this.#lastGood = { body, at: now };
      this.#lastFailure = undefined;
      return jsonResponse(body);
    } catch (err) {
      const error = this.#failure(isFetchError(err) ? err : new NetworkError(`${this.#where} failed`, 'ERR_NETWORK', { cause: err }));
      this.#lastFailure = { error, at: now };
      return this.#fallback(error);
    }
  }

  #fallback(error: Error): Response {
    if (this.#lastGood && Date.now() - this.#lastGood.at < this.#staleIfError) return jsonResponse(this.#lastGood.body);
    throw error;
  }

  async #load(url: string): Promise<string> {
    const response = await this.#http.request({ method: 'GET', url, headers: { accept: 'application/jwk-set+json, application/json' } });
    if (response.status !== 200) throw new UnexpectedStatusError(`${this.#where} answered ${response.status}`, response.status, response.body);
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      throw new UnexpectedBodyError(`${this.#where} answered a body that is not JSON`);
    }
    const keys = (parsed as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys)) throw new UnexpectedBodyError(`${this.#where} answered JSON that is not a key set`);
    return response.body;
  }
}

function isFetchError(err: unknown): err is KeySetFetchError {
  return err instanceof NetworkError || err instanceof UnexpectedStatusError || err instanceof UnexpectedBodyError;
}

function jsonResponse(body: string): Response {
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
}
