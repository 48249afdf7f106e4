import { DefaultTransactionStore, deriveCookieSecret, loginBinding, type IncomingRequest, type TakeResult, type TransactionStore } from '@passport-kit/core';
import type { OAuth1StrategyOptions } from './options.js';
import type { RequestTokenStore, RequestTokenStoreMeta } from './request-token-store.js';

/** What the strategy keeps between leg 1 and the callback. */
export interface PendingRequestToken extends Record<string, unknown> {
  tokenSecret: string;
  state?: unknown;
}

/** A store's answer; a passport-oauth1 store that does not know the token may say why (`info`). */
export type StorageTakeResult = TakeResult<PendingRequestToken> | { status: 'mismatch'; info: unknown };

/** The one shape the strategy talks to, whatever kind of store the app configured. */
export interface RequestTokenStorage {
  save(req: IncomingRequest, token: string, pending: PendingRequestToken, meta: RequestTokenStoreMeta): Promise<void>;
  take(req: IncomingRequest, token: string, meta: RequestTokenStoreMeta): Promise<StorageTakeResult>;
}

/**
 * The storage for the app's `requestTokenStore` (or `store`): a passport-kit store
 * (`save`/`take`) or a passport-oauth1 one (`get`/`set`/`destroy`, called with the arities it
 * declares). Without one, the default store: the session under `sessionKey`, or a signed cookie.
 *
 * @example
 * ```ts
 * const storage = createRequestTokenStorage(options, options.sessionKey || 'oauth');
 * await storage.save(req, token, { tokenSecret }, meta);
 * ```
 */
export function createRequestTokenStorage(options: OAuth1StrategyOptions, sessionKey: string): RequestTokenStorage {
  const store = options.requestTokenStore ?? options.store;
  if (typeof store === 'object' && store !== null) {
    if (isTransactionStore(store)) return transactionStorage(store);
    if (isRequestTokenStore(store)) return legacyStorage(store);
    throw new TypeError('OAuthStrategy requestTokenStore must have get/set/destroy or save/take methods');
  }
  const secret = options.stateCookie?.secret ?? (options.consumerSecret ? deriveCookieSecret(options.consumerSecret, 'oauth1 request token cookie') : undefined);
  return transactionStorage(
    new DefaultTransactionStore({
      key: sessionKey,
      ttl: options.requestTokenTTL,
      cookie: secret === undefined ? undefined : { ...options.stateCookie, secret },
    }),
  );
}

/** How a login fails when the callback's request token is not a pending one of this browser. */
export interface RequestTokenCheckFailure {
  /** The failure passport reports (a passport-oauth1 store's own reason first). */
  challenge: unknown;
  /** Always 403. */
  status: 403;
}

/**
 * The request-token check, the defence against a login completed in another browser: what a
 * callback whose request token the store did not have pending fails with.
 *
 * @example
 * ```ts
 * const found = await storage.take(req, token, meta);
 * if (found.status !== 'found') return this.fail(requestTokenCheckFailure(found).challenge, 403);
 * ```
 */
export function requestTokenCheckFailure(result: Exclude<StorageTakeResult, { status: 'found' }>): RequestTokenCheckFailure {
  switch (result.status) {
    case 'missing':
      return { challenge: { message: 'Failed to find request token in session' }, status: 403 };
    case 'mismatch':
      // A passport-oauth1 store's own reason (`Possible XSRF attack detected.`) comes first.
      return { challenge: 'info' in result ? result.info : { message: 'Unknown or already used request token' }, status: 403 };
    case 'expired':
      return { challenge: { message: 'Request token expired' }, status: 403 };
  }
}

export function isTransactionStore(store: object): store is TransactionStore {
  const candidate = store as Partial<TransactionStore>;
  return typeof candidate.save === 'function' && typeof candidate.take === 'function';
}

export function isRequestTokenStore(store: object): store is RequestTokenStore {
  const candidate = store as Partial<RequestTokenStore>;
  return typeof candidate.get === 'function' && typeof candidate.set === 'function' && typeof candidate.destroy === 'function';
}

export function transactionStorage(store: TransactionStore): RequestTokenStorage {
  return {
    save: (req, token, pending, meta) => store.save(req, token, { ...pending, strategy: strategyOf(meta) }),
    take: async (req, token, meta) => {
      const result = await store.take<PendingRequestToken & { strategy?: unknown }>(req, token);
      if (result.status !== 'found') return result;
      if (typeof result.data.tokenSecret !== 'string') return { status: 'mismatch' };
      // Strategies share the session key `oauth` and may share a cookie secret: a request token
      // completes only at the strategy that asked for it (saved before this was kept: none).
      if (result.data.strategy !== undefined && result.data.strategy !== strategyOf(meta)) return { status: 'mismatch' };
      const { strategy: _strategy, ...data } = result.data;
      return { status: 'found', data };
    },
  };
}

function strategyOf(meta: RequestTokenStoreMeta): string {
  return loginBinding(meta.consumerKey, meta.requestTokenURL, meta.accessTokenURL);
}

/** Adapts a passport-oauth1 store, calling each method with the arity it declares. */
export function legacyStorage(store: RequestTokenStore): RequestTokenStorage {
  const call = (fn: unknown, args: unknown[]) =>
    new Promise<unknown[]>((resolve, reject) => {
      const done = (err?: unknown, ...results: unknown[]) => (err ? reject(err) : resolve(results));
      (fn as (...args: unknown[]) => void).apply(store, [...args, done]);
    });
  return {
    async save(req, token, pending, meta) {
      const arity = store.set.length;
      if (arity >= 6) await call(store.set, [req, token, pending.tokenSecret, pending.state, meta]);
      else if (arity === 5) await call(store.set, [req, token, pending.tokenSecret, meta]);
      else await call(store.set, [req, token, pending.tokenSecret]);
    },
    async take(req, token, meta) {
      const [tokenSecret, state] = await call(store.get, store.get.length >= 4 ? [req, token, meta] : [req, token]);
      // passport-oauth1 fails with what the store passed as state (`Possible XSRF attack detected.`).
      if (typeof tokenSecret !== 'string' || tokenSecret === '') return state === undefined ? { status: 'mismatch' } : { status: 'mismatch', info: state };
      // A request token is single-use: forget it before exchanging it, not after.
      await call(store.destroy, store.destroy.length >= 4 ? [req, token, meta] : [req, token]);
      return { status: 'found', data: state === undefined ? { tokenSecret } : { tokenSecret, state } };
    },
  };
}
