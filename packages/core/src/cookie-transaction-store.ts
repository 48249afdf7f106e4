import { createHash, hkdfSync } from 'node:crypto';
import { readCookies, setCookie } from './lib/cookies.js';
import { handleId, sameHandle } from './lib/handle-id.js';
import { arrivedOverTLS, headerValue, type IncomingRequest, type ResponseLike } from './request.js';
import {
  DEFAULT_TRANSACTION_TTL,
  type TakeResult,
  type TransactionData,
  type TransactionStore,
} from './transaction-store.js';

/** Options of {@link CookieTransactionStore}. */
export interface CookieTransactionStoreOptions {
  /**
   * Secret(s) the cookie encryption keys are derived from (HKDF-SHA256), at least 32
   * characters. The first encrypts; all decrypt, so a new secret can be put first while
   * logins started under the old one still complete.
   */
  secret: string | readonly string[];
  /** Cookie name prefix; each pending login gets `<prefix>.<id>`. Default `pk.tx`. */
  name?: string | undefined;
  /** How long a pending login stays valid, in milliseconds. Default 10 minutes. */
  ttl?: number | undefined;
  /** Default `Lax`: sent on the provider's top-level redirect back. Use `None` for form_post. */
  sameSite?: 'Lax' | 'Strict' | 'None' | undefined;
  /** Mark the cookie `Secure`. Default: when the request arrived over HTTPS (or `sameSite: 'None'`). */
  secure?: boolean | undefined;
  /** Cookie path. Default `/`. */
  path?: string | undefined;
  /**
   * Most pending logins per browser; starting one more drops the oldest. Default 10, as the
   * session store: each is a 300–400 byte cookie, and some 50 would push every request to this
   * site past Node's 16 KiB header limit (431).
   */
  maxPending?: number | undefined;
}

interface Key {
  kid: string;
  key: Uint8Array;
}

// The `__Host-` prefix (RFC 6265bis §4.1.3.2): the browser takes such a cookie only when it is
// Secure, has Path=/ and no Domain, so a sibling subdomain cannot plant or shadow one.
const HOST_PREFIX = '__Host-';

interface Sealed {
  h: string;
  exp: number;
  d: TransactionData;
}

const MIN_SECRET_LENGTH = 32;

/**
 * Keeps each pending login in its own encrypted (AES-256-GCM, authenticated) short-lived
 * cookie, for apps without sessions: state and PKCE then work with no server-side storage,
 * and any instance that shares the secret can complete a login another one started.
 *
 * Single use: the callback clears the cookie, and this process refuses a cookie it has already
 * accepted until the cookie would have expired. A copy of the cookie replayed to another
 * instance is not caught here; the provider still refuses the authorization code twice.
 */
export class CookieTransactionStore implements TransactionStore {
  readonly #keys: Key[];
  readonly #name: string;
  readonly #ttl: number;
  readonly #sameSite: 'Lax' | 'Strict' | 'None';
  readonly #secure: boolean | undefined;
  readonly #path: string;
  readonly #maxPending: number;
  readonly #used = new Map<string, number>();

  constructor(options: CookieTransactionStoreOptions) {
    const secrets = typeof options.secret === 'string' ? [options.secret] : [...options.secret];
    if (secrets.length === 0) throw new TypeError('CookieTransactionStore requires a secret');
    for (const secret of secrets) {
      if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
        throw new TypeError(`CookieTransactionStore secrets must be at least ${MIN_SECRET_LENGTH} characters`);
      }
    }
    this.#keys = secrets.map(deriveKey);
    this.#name = options.name ?? 'pk.tx';
    this.#ttl = options.ttl ?? DEFAULT_TRANSACTION_TTL;
    // A NaN or infinite ttl cannot be sealed (JSON turns it into null): no login would complete.
    if (!Number.isFinite(this.#ttl) || this.#ttl <= 0) {
      throw new TypeError(`ttl must be a positive number of milliseconds, got ${String(options.ttl)}`);
    }
    this.#sameSite = options.sameSite ?? 'Lax';
    this.#secure = options.secure;
    this.#path = options.path ?? '/';
    this.#maxPending = options.maxPending ?? 10;
    if (!Number.isInteger(this.#maxPending) || this.#maxPending < 1) {
      throw new TypeError(`maxPending must be a positive integer, got ${String(options.maxPending)}`);
    }
  }

  async save(req: IncomingRequest, handle: string, data: TransactionData): Promise<void> {
    const res = requireResponse(req);
    const current = this.#keys[0] as Key;
    const now = Date.now();
    const sealed: Sealed = { h: handle, exp: now + this.#ttl, d: data };
    const { CompactEncrypt } = await loadJose();
    // `exp` is in the (authenticated, unencrypted) header too, so the oldest pending logins can
    // be found without decrypting every cookie.
    const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(sealed)))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: current.kid, exp: sealed.exp })
      .encrypt(current.key);
    this.#dropOldest(req, res, now);
    setCookie(res, this.#cookieName(req, handleId(handle)), jwe, this.#attributes(req, this.#ttl));
  }

  async take<T extends TransactionData>(req: IncomingRequest, handle: string): Promise<TakeResult<T>> {
    const cookies = readCookies(req);
    if (this.#pendingCookies(cookies).length === 0) return { status: 'missing' };
    const id = handleId(handle);
    // Cookies set before the `__Host-` prefix keep working until they expire.
    const name = [`${HOST_PREFIX}${this.#name}.${id}`, `${this.#name}.${id}`].find((candidate) => cookies.has(candidate));
    const value = name === undefined ? undefined : cookies.get(name);
    if (name === undefined || value === undefined) return { status: 'mismatch' };
    const res = req.res;
    if (res && !res.headersSent) this.#clear(req, res, name);

    const sealed = await this.#open(value);
    if (!sealed || !sameHandle(sealed.h, handle)) return { status: 'mismatch' };
    const now = Date.now();
    if (sealed.exp <= now) return { status: 'expired' };
    this.#forgetExpired(now);
    if (this.#used.has(id)) return { status: 'mismatch' };
    this.#used.set(id, sealed.exp);
    return { status: 'found', data: sealed.d as T };
  }

  #cookieName(req: IncomingRequest, id: string): string {
    const { secure, path } = this.#attributes(req, 0);
    return `${secure && path === '/' ? HOST_PREFIX : ''}${this.#name}.${id}`;
  }

  /** This store's cookies on the request (either name form), oldest first. */
  #pendingCookies(cookies: Map<string, string>): { name: string; expiresAt: number }[] {
    const prefixes = [`${this.#name}.`, `${HOST_PREFIX}${this.#name}.`];
    const pending: { name: string; expiresAt: number }[] = [];
    for (const [name, value] of cookies) {
      if (prefixes.some((prefix) => name.startsWith(prefix))) pending.push({ name, expiresAt: sealedExpiry(value) });
    }
    return pending.sort((a, b) => a.expiresAt - b.expiresAt);
  }

  // Before a new pending login is added: expired ones go, and the oldest beyond the cap.
  #dropOldest(req: IncomingRequest, res: ResponseLike, now: number): void {
    const pending = this.#pendingCookies(readCookies(req));
    const excess = pending.length - (this.#maxPending - 1);
    pending.forEach(({ name, expiresAt }, index) => {
      if (index < excess || expiresAt <= now) this.#clear(req, res, name);
    });
  }

  #clear(req: IncomingRequest, res: ResponseLike, name: string): void {
    const attributes = this.#attributes(req, 0);
    // A `__Host-` cookie is only replaced by one with the same Secure, Path=/ attributes.
    setCookie(res, name, '', name.startsWith(HOST_PREFIX) ? { ...attributes, secure: true, path: '/' } : attributes);
  }

  #attributes(req: IncomingRequest, maxAge: number) {
    // Proxies may repeat the header, append to it (`https, http`) or capitalise it.
    const forwardedProto = headerValue(req, 'x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    const overHttps = arrivedOverTLS(req) || forwardedProto === 'https';
    return {
      maxAge,
      path: this.#path,
      sameSite: this.#sameSite,
      secure: this.#secure ?? (overHttps || this.#sameSite === 'None'),
    };
  }

  async #open(value: string): Promise<Sealed | undefined> {
    const { compactDecrypt } = await loadJose();
    for (const { key } of this.#keys) {
      try {
        const { plaintext } = await compactDecrypt(value, key, {
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
        });
        const sealed = JSON.parse(new TextDecoder().decode(plaintext)) as Sealed;
        if (typeof sealed.h === 'string' && typeof sealed.exp === 'number' && typeof sealed.d === 'object') {
          return sealed;
        }
        return undefined;
      } catch {
        // Not sealed with this key (or not a JWE at all): try the next one.
      }
    }
    return undefined;
  }

  #forgetExpired(now: number): void {
    // Entries are added in (nearly) expiry order, so the expired ones are at the front.
    for (const [id, expiresAt] of this.#used) {
      if (expiresAt > now) break;
      this.#used.delete(id);
    }
  }
}

/**
 * The `exp` in a sealed cookie's protected header; 0 (drop first) when it has none (sealed by
 * an older version) or is not a JWE. Not authenticated here: it only orders eviction.
 */
function sealedExpiry(value: string): number {
  const dot = value.indexOf('.');
  const header = value.slice(0, dot < 0 ? 0 : Math.min(dot, 512));
  try {
    const exp: unknown = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : 0;
  } catch {
    return 0;
  }
}

function deriveKey(secret: string): Key {
  const key = new Uint8Array(hkdfSync('sha256', secret, 'passport-kit', 'login transaction cookie', 32));
  const kid = createHash('sha256').update(key).digest('base64url').slice(0, 8);
  return { kid, key };
}

function requireResponse(req: IncomingRequest): ResponseLike {
  if (!req.res || typeof req.res.setHeader !== 'function') {
    throw new Error(
      'Login state without a session needs the response to set a cookie (req.res); ' +
        'add session middleware or pass a store that fits your framework',
    );
  }
  return req.res;
}

// Loaded on first use: apps that keep logins in the session never need jose, and importing it
// is about a third of this package's cold import time (bench/run.ts).
function loadJose(): Promise<typeof import('jose')> {
  return import('jose');
}
