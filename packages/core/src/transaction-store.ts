import type { IncomingRequest } from './request.js';

/** How long a pending login stays valid by default: 10 minutes, in milliseconds. */
export const DEFAULT_TRANSACTION_TTL = 10 * 60 * 1000;

/** What a strategy keeps between sending the user to the provider and the callback. */
export type TransactionData = Record<string, unknown>;

/**
 * The outcome of looking a transaction up on the callback:
 * - `found`: the handle matched a live transaction, now deleted (a handle is single-use);
 * - `missing`: this client has no pending login at all (lost session or cookie, other browser);
 * - `mismatch`: there are pending logins, but none with this handle (forged, replayed, or used);
 * - `expired`: the handle matched, but the login took longer than the store's TTL.
 */
export type TakeResult<T extends TransactionData> =
  | {
      /** The login is live. */
      status: 'found';
      /** What was saved with it. */
      data: T;
    }
  | {
      /** No pending login at all. */
      status: 'missing';
    }
  | {
      /** Pending logins, but not this handle. */
      status: 'mismatch';
    }
  | {
      /** The login outlived the TTL. */
      status: 'expired';
    };

/**
 * Where pending logins live. A handle is the random value sent to the provider (OAuth 2.0
 * `state`, OAuth 1.0a request token); several may be pending at once, one per browser tab.
 */
export interface TransactionStore {
  /** Keeps `data` for the login identified by `handle`. */
  save(req: IncomingRequest, handle: string, data: TransactionData): Promise<void>;
  /** Looks the login up by `handle` and deletes it (single use); see {@link TakeResult}. */
  take<T extends TransactionData>(req: IncomingRequest, handle: string): Promise<TakeResult<T>>;
}
