import { CookieTransactionStore, type CookieTransactionStoreOptions } from './cookie-transaction-store.js';
import type { IncomingRequest } from './request.js';
import { SessionTransactionStore } from './session-transaction-store.js';
import type { TakeResult, TransactionData, TransactionStore } from './transaction-store.js';

/** Options of {@link DefaultTransactionStore}. */
export interface DefaultTransactionStoreOptions {
  /** The session property pending logins live under. */
  key: string;
  /** How long a pending login stays valid, in milliseconds. Default 10 minutes. */
  ttl?: number | undefined;
  /** Cookie settings for requests without a session; `secret` is required to use them. */
  cookie?: Omit<CookieTransactionStoreOptions, 'ttl'> | undefined;
}

/**
 * The store strategies use unless given one: the session when the request has one (the
 * behaviour passport users expect), an encrypted cookie otherwise, so an app without sessions
 * still gets state and PKCE.
 */
export class DefaultTransactionStore implements TransactionStore {
  readonly #session: SessionTransactionStore;
  readonly #cookie: CookieTransactionStore | undefined;

  constructor(options: DefaultTransactionStoreOptions) {
    this.#session = new SessionTransactionStore({ key: options.key, ttl: options.ttl });
    this.#cookie = options.cookie && new CookieTransactionStore({ ...options.cookie, ttl: options.ttl });
  }

  save(req: IncomingRequest, handle: string, data: TransactionData): Promise<void> {
    return this.#pick(req).save(req, handle, data);
  }

  take<T extends TransactionData>(req: IncomingRequest, handle: string): Promise<TakeResult<T>> {
    return this.#pick(req).take<T>(req, handle);
  }

  #pick(req: IncomingRequest): TransactionStore {
    if (req.session || !this.#cookie) return this.#session;
    return this.#cookie;
  }
}
