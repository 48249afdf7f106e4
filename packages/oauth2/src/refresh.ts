import { formatScope, setOptional, withExtraParams, type GrantParams } from './lib/grant-params.js';
import type { TokenResponse } from './token-response.js';

/** Options of a refresh (RFC 6749 §6). */
export interface RefreshOptions {
  /** A narrower scope than the one originally granted; default: the same scope. */
  scope?: string | readonly string[] | undefined;
  /** Further form parameters. */
  params?: Record<string, string> | undefined;
}

/**
 * The answer to a refresh. `refreshToken` is always the one to keep: the new one when the
 * provider rotated it (RFC 6749 §6: the client MUST then discard the old one; RFC 9700 §4.14.2
 * asks public clients' providers to rotate), the one just used otherwise.
 */
export interface RefreshedTokens extends TokenResponse {
  /** The refresh token to keep: the rotated one, or the one just used when none was issued. */
  refreshToken: string;
  /** Whether the provider issued a new refresh token. */
  rotated: boolean;
}

/** The form parameters of a refresh request. */
export function refreshParams(refreshToken: string, options: RefreshOptions = {}): GrantParams {
  if (typeof refreshToken !== 'string' || refreshToken === '') throw new TypeError('refresh requires a refresh token');
  const params = withExtraParams(options.params, { grant_type: 'refresh_token', refresh_token: refreshToken });
  setOptional(params, 'scope', options.scope === undefined ? undefined : formatScope(options.scope));
  return params;
}

/** Reads which refresh token to keep from a refresh response. */
export function readRefreshedTokens(response: TokenResponse, usedRefreshToken: string): RefreshedTokens {
  const rotated = response.refreshToken !== undefined && response.refreshToken !== usedRefreshToken;
  return { ...response, refreshToken: response.refreshToken ?? usedRefreshToken, rotated };
}

/**
 * Runs one operation per key at a time: callers asking for a key already in flight share its
 * promise. Two requests of one user that both find the access token expired would otherwise
 * each spend the same refresh token, and a rotating provider treats the second use as token
 * theft and revokes the whole grant (RFC 9700 §4.14.2).
 */
export class SingleFlight<T> {
  readonly #inFlight = new Map<string, Promise<T>>();

  run(key: string, operation: () => Promise<T>): Promise<T> {
    const pending = this.#inFlight.get(key);
    if (pending) return pending;
    const started = (async () => operation())().finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, started);
    return started;
  }

  /** How many keys are in flight. */
  get size(): number {
    return this.#inFlight.size;
  }
}
