import type { KeyLike } from 'node:crypto';
import type { CookieTransactionStoreOptions, HttpClientOptions, SkipUserProfileOption, TransactionStore } from '@passport-kit/core';
import type { RequestTokenStore } from './request-token-store.js';
import type { SignatureMethod } from './signature.js';

/** The `skipUserProfile` option: `true` to skip loading the profile, or a function deciding per login. */
export type SkipUserProfile = SkipUserProfileOption<[token: string, tokenSecret: string]>;

/** Options of {@link OAuth1Strategy}: passport-oauth1's, plus the transport and store options. */
export interface OAuth1StrategyOptions {
  /** Leg 1: where the signed request for a request token is POSTed. */
  requestTokenURL: string;
  /** Leg 3: where the authorized request token is exchanged for an access token. */
  accessTokenURL: string;
  /** Leg 2: where the user is sent to approve; `oauth_token` is added to it. */
  userAuthorizationURL: string;
  /** The client identifier the provider issued (`oauth_consumer_key`). */
  consumerKey: string;
  /** The consumer secret; may be empty (some providers), but not missing. For RSA-SHA1 without `privateKey`, the PEM private key, as in passport-oauth1. */
  consumerSecret: string;
  /**
   * Where the provider sends the user back. A relative URL is resolved against `appURL`, or,
   * without one, against the request's Host header (a one-time warning says so).
   */
  callbackURL?: string | undefined;
  /**
   * The app's own origin (`https://app.example`), or several for an app served under more than
   * one host: a relative `callbackURL` resolves against the one the request came to, and a
   * request to another host fails with `UntrustedHostError`.
   */
  appURL?: string | string[] | undefined;
  /** Default `HMAC-SHA1`. */
  signatureMethod?: SignatureMethod | undefined;
  /** RSA private key for `RSA-SHA1` (PEM or `KeyObject`); defaults to `consumerSecret`. */
  privateKey?: KeyLike | undefined;
  /** Headers sent with every call to the provider (node-oauth's `_headers`). */
  customHeaders?: Record<string, string> | undefined;
  /**
   * Accept a provider that speaks OAuth 1.0 rather than 1.0a: its request-token response lacks
   * `oauth_callback_confirmed=true`, it takes the callback from the authorization redirect and
   * sends no `oauth_verifier`. Default `false`: such a provider is refused with
   * `CallbackNotConfirmedError`.
   *
   * **Risk**: OAuth 1.0 logins can be hijacked by session fixation (the attack RFC 5849 §2.2 and
   * 1.0a fixed). An attacker starts a login in their own browser, rewrites `oauth_callback` in
   * the authorization link to a page of theirs and sends it to a victim; the victim approves,
   * the attacker receives the request token and completes the login in their session, signed
   * in as the victim. Only set this for a provider you cannot replace, and never for accounts
   * that matter.
   */
  allowOAuth10?: boolean | undefined;
  /** Session property pending logins live under. Default `oauth`. */
  sessionKey?: string | undefined;
  /** A passport-oauth1 store (`get`/`set`/`destroy`) or a core `TransactionStore` (`save`/`take`). `true` means the default store. */
  requestTokenStore?: RequestTokenStore | TransactionStore | boolean | undefined;
  /** Alias of `requestTokenStore`. */
  store?: RequestTokenStore | TransactionStore | boolean | undefined;
  /** How long a request token stays usable, in milliseconds (default store only). Default 10 minutes. */
  requestTokenTTL?: number | undefined;
  /**
   * Encrypted-cookie fallback for requests without a session (default store only). Without a
   * `secret`, one is derived (HKDF) from a non-empty `consumerSecret`.
   */
  stateCookie?: Partial<Omit<CookieTransactionStoreOptions, 'ttl'>> | undefined;
  /**
   * Trust `X-Forwarded-Proto`/`-Host` when resolving a relative `callbackURL`: `true` from any
   * peer, `false` never. Unset: as Express's `trust proxy` setting decides for the peer.
   */
  proxy?: boolean | undefined;
  /** Pass the request to the verify callback as its first argument. */
  passReqToCallback?: boolean | undefined;
  /** Skip `userProfile`: a boolean, or a function `(token, tokenSecret[, done])`. */
  skipUserProfile?: SkipUserProfile | undefined;
  /** Deadline of each call to the provider, in milliseconds. Default 10 000. */
  timeout?: number | undefined;
  /** Largest response body accepted, in bytes. Default 1 MiB. */
  maxResponseSize?: number | undefined;
  /** undici dispatcher for calls to the provider (a `ProxyAgent`, a `MockAgent`, …). */
  dispatcher?: HttpClientOptions['dispatcher'] | undefined;
}


/** Options of `passport.authenticate('oauth', options)` this strategy reads. */
export interface OAuth1AuthenticateOptions {
  /** Overrides the strategy's `callbackURL` for this login. */
  callbackURL?: string | undefined;
  /** Kept with the request token and handed back as `info.state` on success. */
  state?: unknown;
  [option: string]: unknown;
}
