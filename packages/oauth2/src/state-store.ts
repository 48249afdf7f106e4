import {
  DefaultTransactionStore,
  loginBinding,
  randomToken,
  type CookieTransactionStoreOptions,
  type IncomingRequest,
} from '@passport-kit/core';

/** What a store is told about the request it keeps state for (passport-oauth2's `meta`). */
export interface StateStoreMeta {
  /** The strategy's authorization endpoint. */
  authorizationURL: string;
  /** The strategy's token endpoint. */
  tokenURL: string;
  /** The strategy's client identifier. */
  clientID: string;
  /** The resolved `redirect_uri` of this login, if any. */
  callbackURL: string | undefined;
  /**
   * passport-kit: per-login data a strategy keeps with the state (OpenID Connect's `nonce`; see
   * `OAuth2Strategy.beginLogin`). A store keeps it on `store` and hands it back as the fourth
   * argument of the `verify` callback; a store that ignores it still works for plain OAuth 2.0.
   */
  loginData?: Record<string, unknown> | undefined;
}

/** The failure info a store reports when the state does not check out (passed to `fail()`). */
export interface StateFailureInfo {
  /** Shown to the user through passport's failure flash / `info.message`. */
  message: string;
  /** Why: no pending login, an unknown state, or one that expired. */
  reason?: 'missing' | 'mismatch' | 'expired';
}

type StoreCallback = (err: Error | null, handle?: string) => void;
/**
 * `ok` is `false`, `true`, or the PKCE code verifier; `state` is the app's state or failure info;
 * `loginData` is the `meta.loginData` given to `store`, when the store keeps it; `redirectURI`
 * is the `meta.callbackURL` given to `store` (`null` when there was none), when the store keeps
 * it, so the token request repeats it exactly (RFC 6749 §4.1.3).
 */
type VerifyCallback = (
  err: Error | null,
  ok?: boolean | string,
  state?: unknown,
  loginData?: Record<string, unknown>,
  redirectURI?: string | null,
) => void;

/**
 * A state store with any of passport-oauth2's signatures: `store` takes 2 to 5 arguments
 * (`(req, verifier, state, meta, cb)` keeps a PKCE verifier), `verify` 3 or 4.
 */
export interface StateStore {
  /** Keeps the state (and PKCE verifier) for a login; calls back with the handle to send as `state`. */
  store(req: IncomingRequest, ...args: unknown[]): void;
  /** Checks the `state` the callback carried; calls back with `ok` (or the PKCE verifier) and the kept state. */
  verify(req: IncomingRequest, ...args: unknown[]): void;
}

/** Options of {@link DefaultStateStore}. */
export interface DefaultStateStoreOptions {
  /** Session key, e.g. `oauth2:github.com`. */
  key: string;
  /** How long a login may take, in milliseconds. Default 10 minutes. */
  ttl?: number | undefined;
  /** Cookie settings used when a request has no session. */
  cookie?: Omit<CookieTransactionStoreOptions, 'ttl'> | undefined;
}

interface PendingLogin extends Record<string, unknown> {
  verifier?: string;
  state?: unknown;
  loginData?: Record<string, unknown>;
  /** The redirect_uri of the authorization request; `null` when it had none. */
  redirectURI?: string | null;
  /** Which strategy started the login (see `strategyOf`). */
  strategy?: string;
}

/**
 * The default store: a random 256-bit state per login, single-use, expiring, compared in
 * constant time, kept with the PKCE verifier and the app's own state in the session, or in an
 * encrypted cookie when the request has no session. Logins in several tabs do not collide.
 */
export class DefaultStateStore implements StateStore {
  readonly #transactions: DefaultTransactionStore;

  constructor(options: DefaultStateStoreOptions) {
    this.#transactions = new DefaultTransactionStore(options);
  }

  store(req: IncomingRequest, verifier: string | undefined, state: unknown, meta: StateStoreMeta, callback: StoreCallback): void {
    const handle = randomToken(32);
    const pending: PendingLogin = {};
    if (verifier !== undefined) pending.verifier = verifier;
    if (state !== undefined) pending.state = state;
    if (meta?.loginData !== undefined) pending.loginData = meta.loginData;
    pending.redirectURI = meta?.callbackURL ?? null;
    if (meta) pending.strategy = strategyOf(meta);
    this.#transactions.save(req, handle, pending).then(
      () => callback(null, handle),
      (err: Error) => callback(err),
    );
  }

  verify(req: IncomingRequest, providedState: string | undefined, meta: StateStoreMeta, callback: VerifyCallback): void {
    this.#transactions.take<PendingLogin>(req, providedState ?? '').then((result) => {
      switch (result.status) {
        case 'found':
          if (!startedHere(result.data, meta)) return callback(null, false, failure('Invalid authorization request state.', 'mismatch'));
          return callback(null, result.data.verifier ?? true, result.data.state, result.data.loginData, keptRedirectURI(result.data));
        case 'missing':
          return callback(null, false, failure('Unable to verify authorization request state.', 'missing'));
        case 'mismatch':
          return callback(null, false, failure('Invalid authorization request state.', 'mismatch'));
        case 'expired':
          return callback(null, false, failure('Authorization request state has expired.', 'expired'));
      }
    }, (err: Error) => callback(err));
  }
}

/** The store used with `state: false`: nothing is kept and every callback is accepted. */
export class NullStateStore implements StateStore {
  store(_req: IncomingRequest, ...args: unknown[]): void {
    (args[args.length - 1] as StoreCallback)(null);
  }

  verify(_req: IncomingRequest, ...args: unknown[]): void {
    (args[args.length - 1] as VerifyCallback)(null, true);
  }
}

// Strategies on one authorization server share the session key `oauth2:<host>`, and may share
// a cookie secret: a login is bound to the client and endpoints that started it (RFC 9700 §4.4.2).
function strategyOf(meta: StateStoreMeta): string {
  return loginBinding(meta.clientID, meta.authorizationURL, meta.tokenURL);
}

// Logins saved before the binding was kept carry none, and are accepted.
function startedHere(pending: PendingLogin, meta: StateStoreMeta | undefined): boolean {
  return pending.strategy === undefined || meta === undefined || pending.strategy === strategyOf(meta);
}

// Logins saved before the redirect_uri was kept have none: the strategy resolves it again.
function keptRedirectURI(pending: PendingLogin): string | null | undefined {
  const kept = pending.redirectURI;
  return typeof kept === 'string' || kept === null ? kept : undefined;
}

function failure(message: string, reason: NonNullable<StateFailureInfo['reason']>): StateFailureInfo {
  return { message, reason };
}
