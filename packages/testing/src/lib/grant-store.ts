import { randomBytes } from 'node:crypto';
import type { CodeChallengeMethod } from './pkce.js';

export type ProviderName = 'github' | 'facebook' | 'x' | 'twitter';

/** What the person approved at the authorize endpoint, bound to the code that carries it. */
export interface AuthorizationGrant {
  readonly provider: ProviderName;
  readonly clientID: string;
  readonly userID: string;
  readonly scope: readonly string[];
  /** The `redirect_uri` the authorize request carried, which the token request must repeat. */
  readonly redirectURI: string | undefined;
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: CodeChallengeMethod | undefined;
}

export interface AccessTokenRecord {
  readonly provider: ProviderName;
  readonly clientID: string;
  readonly userID: string;
  readonly scope: readonly string[];
  /** Epoch ms, or undefined for a token that does not expire (GitHub OAuth apps). */
  readonly expiresAt: number | undefined;
}

export type CodeLookup =
  | { readonly status: 'ok'; readonly grant: AuthorizationGrant }
  | { readonly status: 'unknown' | 'used' | 'expired' };

export type TokenLookup = { readonly status: 'ok'; readonly record: AccessTokenRecord } | { readonly status: 'unknown' | 'expired' };

interface CodeEntry {
  readonly grant: AuthorizationGrant;
  readonly expiresAt: number;
  used: boolean;
  /** Tokens issued from this code, revoked if the code is replayed (RFC 6749 §4.1.2). */
  readonly tokens: string[];
}

interface RefreshEntry {
  readonly provider: ProviderName;
  readonly clientID: string;
  readonly userID: string;
  readonly scope: readonly string[];
}

function token(prefix: string, bytes: number): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

/**
 * Codes, access tokens and refresh tokens the emulator has issued. Codes are single-use and
 * expire; access tokens expire when issued with a lifetime; refresh tokens rotate on use.
 */
export class GrantStore {
  readonly #now: () => number;
  readonly #codes = new Map<string, CodeEntry>();
  readonly #tokens = new Map<string, AccessTokenRecord>();
  readonly #refreshTokens = new Map<string, RefreshEntry>();

  constructor(now: () => number) {
    this.#now = now;
  }

  issueCode(grant: AuthorizationGrant, ttlSeconds: number): string {
    const code = token('', 15);
    this.#codes.set(code, { grant, expiresAt: this.#now() + ttlSeconds * 1000, used: false, tokens: [] });
    return code;
  }

  /** Redeems a code once; a second attempt fails and revokes what the first one issued. */
  redeemCode(code: string | undefined, provider: ProviderName): CodeLookup {
    const entry = code === undefined ? undefined : this.#codes.get(code);
    if (!entry || entry.grant.provider !== provider) return { status: 'unknown' };
    if (entry.used) {
      for (const issued of entry.tokens) this.#tokens.delete(issued);
      return { status: 'used' };
    }
    if (this.#now() >= entry.expiresAt) return { status: 'expired' };
    entry.used = true;
    return { status: 'ok', grant: entry.grant };
  }

  /** Records a token issued from `code`, so a replay of the code revokes it. */
  bindToCode(code: string, accessToken: string): void {
    this.#codes.get(code)?.tokens.push(accessToken);
  }

  issueAccessToken(record: Omit<AccessTokenRecord, 'expiresAt'>, prefix: string, ttlSeconds: number | undefined): string {
    const value = token(prefix, 27);
    this.#tokens.set(value, { ...record, expiresAt: ttlSeconds === undefined ? undefined : this.#now() + ttlSeconds * 1000 });
    return value;
  }

  lookupAccessToken(value: string | undefined, provider: ProviderName): TokenLookup {
    const record = value === undefined ? undefined : this.#tokens.get(value);
    if (!record || record.provider !== provider) return { status: 'unknown' };
    if (record.expiresAt !== undefined && this.#now() >= record.expiresAt) return { status: 'expired' };
    return { status: 'ok', record };
  }

  issueRefreshToken(entry: RefreshEntry, prefix: string): string {
    const value = token(prefix, 27);
    this.#refreshTokens.set(value, entry);
    return value;
  }

  /** Takes a refresh token for rotation: it is gone after this call. */
  redeemRefreshToken(value: string | undefined, provider: ProviderName): RefreshEntry | undefined {
    const entry = value === undefined ? undefined : this.#refreshTokens.get(value);
    if (!entry || entry.provider !== provider) return undefined;
    this.#refreshTokens.delete(value!);
    return entry;
  }
}
