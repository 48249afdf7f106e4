import { HttpClient, describeTarget, userAgent, type Dispatcher } from '@passport-kit/core';
import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import packageJson from '../package.json' with { type: 'json' };
import { JwksUnavailableError } from './errors.js';

/** Options of a remote JWKS key set. */
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
 * A remote JWKS on the passport-kit transport: jose's `createRemoteJWKSet` (cache, cooldown,
 * one fetch at a time) fetching through `HttpClient` (timeout, size cap, dispatcher), with a
 * failure backoff and serve-stale-on-error on top. Fetch failures reject with
 * {@link JwksUnavailableError}.
 */
export function remoteKeySet(url: string, options: RemoteKeySetOptions = {}): JWTVerifyGetKey {
  const fetcher = new KeySetFetcher(url, options);
  return createRemoteJWKSet(new URL(url), {
    cooldownDuration: options.cooldown ?? 30_000,
    cacheMaxAge: options.maxAge ?? 600_000,
    timeoutDuration: Math.ceil(options.timeout ?? 5_000),
    [customFetch]: (fetchURL: string) => fetcher.fetch(fetchURL),
  });
}

class KeySetFetcher {
  readonly #http: HttpClient;
  readonly #where: string;
  readonly #staleIfError: number;
  readonly #retryAfterFailure: number;
  #lastGood: { body: string; at: number } | undefined;
  #lastFailure: { error: JwksUnavailableError; at: number } | undefined;

  constructor(url: string, options: RemoteKeySetOptions) {
    this.#http = new HttpClient({
      dispatcher: options.dispatcher,
      timeout: options.timeout ?? 5_000,
      maxResponseSize: options.maxResponseSize,
      userAgent: userAgent(packageJson.name, packageJson.version),
    });
    this.#where = describeTarget('GET', url);
    this.#staleIfError = options.staleIfError ?? 3_600_000;
    this.#retryAfterFailure = options.retryAfterFailure ?? 5_000;
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
      const error = err instanceof JwksUnavailableError ? err : new JwksUnavailableError(`${this.#where} failed`, { cause: err });
      this.#lastFailure = { error, at: now };
      return this.#fallback(error);
    }
  }

  #fallback(error: JwksUnavailableError): Response {
    if (this.#lastGood && Date.now() - this.#lastGood.at < this.#staleIfError) return jsonResponse(this.#lastGood.body);
    throw error;
  }

  async #load(url: string): Promise<string> {
    const response = await this.#http.request({ method: 'GET', url, headers: { accept: 'application/jwk-set+json, application/json' } });
    if (response.status !== 200) throw new JwksUnavailableError(`${this.#where} answered ${response.status}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      throw new JwksUnavailableError(`${this.#where} answered a body that is not JSON`);
    }
    const keys = (parsed as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys)) throw new JwksUnavailableError(`${this.#where} answered JSON that is not a key set`);
    return response.body;
  }
}

function jsonResponse(body: string): Response {
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
}
