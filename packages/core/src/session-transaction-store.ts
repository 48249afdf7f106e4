import { handleId } from './lib/handle-id.js';
import type { IncomingRequest } from './request.js';
import {
  DEFAULT_TRANSACTION_TTL,
  type TakeResult,
  type TransactionData,
  type TransactionStore,
} from './transaction-store.js';

/** Options of {@link SessionTransactionStore}. */
export interface SessionTransactionStoreOptions {
  /** The session property pending logins live under, e.g. `oauth2:github.com`. */
  key: string;
  /** How long a pending login stays valid, in milliseconds. Default 10 minutes. */
  ttl?: number | undefined;
  /** Most pending logins kept per session; the oldest goes first. Default 10. */
  maxPending?: number | undefined;
}

// `[expires at (ms since the epoch), what the strategy keeps]`, under a hash of the handle:
// every pending login is written to (and read from) the session store, so it stays small. The
// handle itself is not kept: finding its hash among the keys proves the caller had it, and the
// time that lookup takes tells nothing about the handle.
type Entry = [expiresAt: number, data: TransactionData];

function isEntry(value: unknown): value is Entry {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'object' && value[1] !== null;
}

/**
 * Keeps pending logins in `req.session[key]`, one entry per handle, so logins started in
 * several tabs of one session do not overwrite each other.
 */
export class SessionTransactionStore implements TransactionStore {
  readonly #key: string;
  readonly #ttl: number;
  readonly #maxPending: number;

  constructor(options: SessionTransactionStoreOptions) {
    if (!options.key) throw new TypeError('SessionTransactionStore requires a session key');
    this.#key = options.key;
    this.#ttl = options.ttl ?? DEFAULT_TRANSACTION_TTL;
    this.#maxPending = options.maxPending ?? 10;
    // A NaN ttl would make every login live forever; maxPending 0 would keep them all.
    if (!Number.isFinite(this.#ttl) || this.#ttl <= 0) {
      throw new TypeError(`ttl must be a positive number of milliseconds, got ${String(options.ttl)}`);
    }
    if (!Number.isInteger(this.#maxPending) || this.#maxPending < 1) {
      throw new TypeError(`maxPending must be a positive integer, got ${String(options.maxPending)}`);
    }
  }

  async save(req: IncomingRequest, handle: string, data: TransactionData): Promise<void> {
    const session = requireSession(req);
    const now = Date.now();
    const pending = Object.entries(this.#entries(session)).filter(([, [expiresAt]]) => expiresAt > now);
    pending.push([handleId(handle), [now + this.#ttl, data]]);
    // Abandoned logins must not grow the session without bound.
    session[this.#key] = Object.fromEntries(pending.slice(-this.#maxPending));
  }

  async take<T extends TransactionData>(req: IncomingRequest, handle: string): Promise<TakeResult<T>> {
    const session = requireSession(req);
    const entries = this.#entries(session);
    const ids = Object.keys(entries);
    if (ids.length === 0) return { status: 'missing' };
    const id = handleId(handle);
    const entry = Object.prototype.hasOwnProperty.call(entries, id) ? entries[id] : undefined;
    if (!entry) return { status: 'mismatch' };
    // Written back, not changed in place: some sessions (@fastify/secure-session's) persist
    // only what is assigned, and a handle kept there could be used again.
    const remaining = { ...entries };
    delete remaining[id];
    if (ids.length > 1) session[this.#key] = remaining;
    else {
      delete session[this.#key];
      if (session[this.#key] !== undefined) session[this.#key] = undefined;
    }
    const [expiresAt, data] = entry;
    if (expiresAt <= Date.now()) return { status: 'expired' };
    return { status: 'found', data: data as T };
  }

  #entries(session: Record<string, unknown>): Record<string, Entry> {
    const value = session[this.#key];
    if (typeof value !== 'object' || value === null) return {};
    // Only well-formed entries: a session store may hand back anything it was given.
    return Object.fromEntries(Object.entries(value).filter(([, entry]) => isEntry(entry))) as Record<string, Entry>;
  }
}

function requireSession(req: IncomingRequest): Record<string, unknown> {
  if (!req.session) {
    throw new Error(
      'Login state requires session support. Did you forget to use express-session middleware?',
    );
  }
  return req.session as Record<string, unknown>;
}
