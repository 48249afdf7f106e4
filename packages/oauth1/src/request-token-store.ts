import type { IncomingRequest } from '@passport-kit/core';

/** What passport-oauth1 passes a store as `meta`: the strategy's endpoints and client id. */
export interface RequestTokenStoreMeta {
  /** The strategy's `requestTokenURL`. */
  requestTokenURL: string;
  /** The strategy's `accessTokenURL`. */
  accessTokenURL: string;
  /** The strategy's `userAuthorizationURL`. */
  userAuthorizationURL: string;
  /** The strategy's `consumerKey`. */
  consumerKey: string;
  /** The resolved callback URL, when issuing the request token. */
  callbackURL?: string | undefined;
}

/** Called by `set` and `destroy` when done. */
export type StoreCallback = (err?: unknown) => void;
/** Called by `get` with the token secret (`false`/`null`: unknown token) and the state kept with it. */
export type StoreGetCallback = (err?: unknown, tokenSecret?: string | false | null, state?: unknown) => void;

/**
 * A custom request-token store written for passport-oauth1 (`options.requestTokenStore` or
 * `options.store`). The strategy looks at each method's arity, as passport-oauth1 does:
 * `get(req, token, [meta,] cb)`, `set(req, token, tokenSecret, [state, [meta,]] cb)`,
 * `destroy(req, token, [meta,] cb)`. `get` answers `cb(null, tokenSecret, state)` and a falsy
 * `tokenSecret` when it does not know the token.
 *
 * A core `TransactionStore` (`save`/`take`) is accepted too, and is preferred: it makes each
 * request token single-use and expiring by construction.
 */
export interface RequestTokenStore {
  /** `get(req, token, [meta,] cb)`, answering `cb(err, tokenSecret, state)`. */
  get(req: IncomingRequest, token: string, ...metaAndCallback: unknown[]): void;
  /** `set(req, token, tokenSecret, [state, [meta,]] cb)`. */
  set(req: IncomingRequest, token: string, tokenSecret: string, ...stateMetaAndCallback: unknown[]): void;
  /** `destroy(req, token, [meta,] cb)`. */
  destroy(req: IncomingRequest, token: string, ...metaAndCallback: unknown[]): void;
}
