import type { Dispatcher } from '@passport-kit/core';
import type { ClientAssertionOptions } from './client-assertion.js';
import type { ClientAuthenticationMethod } from './client-authentication.js';
import type { PKCEMethod } from './pkce.js';
import type { SkipUserProfile } from './skip-user-profile.js';
import type { StateStore } from './state-store.js';

/**
 * `OAuth2Strategy` options: passport-oauth2 1.8's, with the same meaning, plus the ones marked
 * "passport-kit".
 */
export interface OAuth2StrategyOptions {
  /** The provider's authorization endpoint. */
  authorizationURL: string;
  /** The provider's token endpoint. */
  tokenURL: string;
  /** The client identifier the provider issued. */
  clientID: string;
  /** Omit (or leave empty) for a public client: client authentication is then `none`. */
  clientSecret?: string | undefined;
  /**
   * Where the provider sends the user back. A relative URL is resolved against `appURL`, or,
   * without one, against the request's Host header (a one-time warning says so).
   */
  callbackURL?: string | undefined;
  /**
   * passport-kit: the app's own origin (`https://app.example`), or several for an app served
   * under more than one host. A relative `callbackURL` then resolves against the one the
   * request came to, and a request to any other host fails with `UntrustedHostError` instead of
   * sending a `redirect_uri` on a host the client chose (RFC 9700 §4.1).
   */
  appURL?: string | string[] | undefined;
  /** Scope(s) to request; an array is joined with `scopeSeparator`. */
  scope?: string | string[] | undefined;
  /** Default `' '` (RFC 6749 §3.3); Facebook and GitHub use `','`. */
  scopeSeparator?: string | undefined;
  /**
   * CSRF protection with a `state` parameter. passport-kit: on by default; `false` turns it off
   * (and with it PKCE, unless `pkce` is set, which then throws as in passport-oauth2).
   */
  state?: boolean | undefined;
  /**
   * A custom state store with passport-oauth2's `store`/`verify` signatures, or `true` for the
   * default one. passport-kit's default keeps state, PKCE verifier and app state per login in the
   * session, or in an encrypted cookie when there is no session.
   */
  store?: StateStore | boolean | undefined;
  /** PKCE (RFC 7636). passport-kit: `'S256'` by default; `false` turns it off; `true` means S256. */
  pkce?: boolean | PKCEMethod | undefined;
  /** Session key the default store uses. Default `oauth2:<authorization host>`. */
  sessionKey?: string | undefined;
  /** Headers added to every token request. */
  customHeaders?: Record<string, string> | undefined;
  /** Skip loading the profile: a boolean, `(accessToken) => boolean`, or `(accessToken, done)`. */
  skipUserProfile?: SkipUserProfile | undefined;
  /** Pass `req` as the first argument of the verify function. */
  passReqToCallback?: boolean | undefined;
  /**
   * Trust `X-Forwarded-Proto`/`-Host` when resolving a relative `callbackURL`: `true` from any
   * peer, `false` never. Unset: as Express's `trust proxy` setting decides for the peer.
   */
  proxy?: boolean | undefined;

  /** passport-kit: how the client authenticates to the token endpoint. Default `client_secret_post`, or `none` without a secret. */
  clientAuthentication?: ClientAuthenticationMethod | undefined;
  /**
   * passport-kit: the key for `private_key_jwt` (required) or `client_secret_jwt` (optional:
   * the client secret by default), and the assertion's `alg`, `kid`, `audience` and lifetime.
   */
  clientAssertion?: ClientAssertionOptions | undefined;
  /** passport-kit: the revocation endpoint (RFC 7009), for `strategy.tokens.revoke()`. */
  revocationURL?: string | undefined;
  /** passport-kit: the introspection endpoint (RFC 7662), for `strategy.tokens.introspect()`. */
  introspectionURL?: string | undefined;
  /**
   * passport-kit: the authorization server's issuer identifier. When set, an `iss` parameter on
   * the callback must equal it (RFC 9207, mix-up defence); a missing `iss` is accepted.
   */
  issuer?: string | undefined;
  /**
   * passport-kit: the encrypted cookie that holds a pending login when the request has no
   * session. `secret` (32+ characters; an array rotates keys, first one encrypts) defaults to
   * one derived from `clientSecret`; a public client without one gets a random per-process key.
   */
  stateCookie?:
    | {
        /** Secret(s) the cookie keys derive from, 32+ characters; the first encrypts. Default: derived from `clientSecret`. */
        secret?: string | string[];
        /** Cookie name prefix. Default `pk.tx`. */
        name?: string;
        /** Default `Lax`; `None` (then `Secure`) for `response_mode=form_post`. */
        sameSite?: 'Lax' | 'Strict' | 'None';
        /** Default: when the request came over HTTPS. */
        secure?: boolean;
        /** Cookie path. Default `/`. */
        path?: string;
      }
    | undefined;
  /** passport-kit: how long a login may take between redirect and callback, in ms. Default 10 minutes. */
  stateTTL?: number | undefined;
  /** passport-kit: deadline of each call to the provider, in ms. Default 10 000. */
  timeout?: number | undefined;
  /** passport-kit: largest response body accepted from the provider, in bytes. Default 1 MiB. */
  maxResponseSize?: number | undefined;
  /** passport-kit: the undici dispatcher for calls to the provider (a `ProxyAgent`, a `MockAgent`, …). */
  dispatcher?: Dispatcher | undefined;
}

/** Options of `passport.authenticate('oauth2', options)` this strategy reads. */
export interface OAuth2AuthenticateOptions {
  /** Overrides the strategy's scope for this request. */
  scope?: string | string[] | undefined;
  /**
   * App state to carry through the login: returned as `info.state` (`req.authInfo.state`).
   * With the default store it is kept server-side; a string with a custom store or `state:
   * false` is sent as the `state` parameter itself, as in passport-oauth2.
   */
  state?: unknown;
  /** Overrides the strategy's callback URL for this request. */
  callbackURL?: string | undefined;
  [option: string]: unknown;
}
