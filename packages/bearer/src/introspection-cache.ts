import { createHash } from 'node:crypto';
import type { IntrospectionResponse } from '@passport-kit/oauth2';

/** Options of the introspection answer cache. */
export interface IntrospectionCacheOptions {
  /** Longest time an answer is reused, in ms. Default 30 000. A revoked token stays accepted up to this long. */
  ttl?: number | undefined;
  /** Most answers kept; the least recently used go first. Default 10 000. */
  max?: number | undefined;
}

interface Entry {
  result: IntrospectionResponse;
  expiresAt: number;
}

/**
 * Introspection answers by token, so a busy API does not ask the authorization server on every
 * request. Keyed by a SHA-256 of the token (a heap dump shows no tokens), bounded in size, and
 * an active answer is never kept past the token's own `exp`. Concurrent lookups of one token
 * share one request.
 */
export class IntrospectionCache {
  readonly #ttl: number;
  readonly #max: number;
  readonly #entries = new Map<string, Entry>();
  readonly #pending = new Map<string, Promise<IntrospectionResponse>>();

  constructor(options: IntrospectionCacheOptions = {}) {
    this.#ttl = options.ttl ?? 30_000;
    this.#max = options.max ?? 10_000;
    if (!Number.isFinite(this.#ttl) || this.#ttl < 0) throw new TypeError('cache.ttl must be a non-negative number of ms');
    if (!Number.isInteger(this.#max) || this.#max < 1) throw new TypeError('cache.max must be a positive integer');
  }

  /** The cached answer for `token`, or `introspect()`'s, cached. */
  async get(token: string, introspect: () => Promise<IntrospectionResponse>): Promise<IntrospectionResponse> {
    const key = createHash('sha256').update(token).digest('base64url');
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt > Date.now()) {
      // Re-inserting keeps Map order = least recently used first.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      return entry.result;
    }
    if (entry) this.#entries.delete(key);
    const pending = this.#pending.get(key);
    if (pending) return pending;
    const lookup = introspect()
      .then((result) => {
        this.#store(key, result);
        return result;
      })
      .finally(() => this.#pending.delete(key));
    this.#pending.set(key, lookup);
    return lookup;
  }

  /** How many answers are cached. */
  get size(): number {
    return this.#entries.size;
  }

  #store(key: string, result: IntrospectionResponse): void {
    const now = Date.now();
    let expiresAt = now + this.#ttl;
    if (result.active && typeof result.exp === 'number') expiresAt = Math.min(expiresAt, result.exp * 1000);
    if (expiresAt <= now) return;
    this.#entries.set(key, { result, expiresAt });
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }
}
