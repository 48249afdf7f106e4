/**
 * The `diagnostics_channel` names passport-kit publishes each login step on, the convention
 * undici and Node's own `http` follow and what APM and OpenTelemetry instrumentations subscribe
 * to. Nothing is built or published while a channel has no subscriber.
 *
 * No message ever carries a secret, an authorization code, a PKCE verifier, a state value or a
 * token: `login` is a short hash of the state, enough to tie a callback to its start.
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * import { LOGIN_CHANNELS, type LoginFailMessage } from '@passport-kit/core';
 *
 * subscribe(LOGIN_CHANNELS.fail, (message) => {
 *   const { strategy, reason, status } = message as LoginFailMessage;
 *   metrics.increment('login.failed', { strategy, reason: reason ?? 'other', status });
 * });
 * ```
 */
export const LOGIN_CHANNELS = {
  /** The user is sent to the provider: {@link LoginStartMessage}. */
  start: 'passport-kit:login:start',
  /** The provider sent the user back: {@link LoginCallbackMessage}. */
  callback: 'passport-kit:login:callback',
  /** The callback's `state` (OAuth 1.0a: request token) was checked against the pending login: {@link LoginStateMessage}. */
  state: 'passport-kit:login:state',
  /** One call to the token endpoint (OAuth 1.0a: the request-token and access-token calls): {@link LoginRequestMessage}. */
  token: 'passport-kit:login:token',
  /** One call made to load the profile (GitHub makes two): {@link LoginRequestMessage}. */
  profile: 'passport-kit:login:profile',
  /** The app's verify callback answered: {@link LoginVerifyMessage}. */
  verify: 'passport-kit:login:verify',
  /** The login failed (`fail()`: 401/403, `failureRedirect`): {@link LoginFailMessage}. */
  fail: 'passport-kit:login:fail',
  /** The login broke (`error()`: provider, network, store): {@link LoginErrorMessage}. */
  error: 'passport-kit:login:error',
} as const;

/** One of {@link LOGIN_CHANNELS}' names. */
export type LoginChannelName = (typeof LOGIN_CHANNELS)[keyof typeof LOGIN_CHANNELS];

/**
 * `oauth1`: an OAuth 1.0a login, whose pending-login check is on the request token
 * (`oauth_token`) rather than `state`. Absent for OAuth 2.0.
 */
export type LoginProtocol = 'oauth1';

/** Why a callback's `state` (OAuth 1.0a: its request token) did not check out (see `TakeResult`). */
export type StateFailureReason = 'missing' | 'mismatch' | 'expired';

/** What every message carries. */
export interface LoginMessageBase {
  /** The strategy's name (`github`, `oauth2`, `google` for a subclass from npm). */
  strategy: string;
  /**
   * A short hash of the login's `state` (OAuth 1.0a: its request token), 8 characters: the same
   * at start and callback. Absent without state.
   */
  login?: string | undefined;
}

/** `passport-kit:login:start`. */
export interface LoginStartMessage extends LoginMessageBase {
  /** `oauth1` for an OAuth 1.0a login (see {@link LoginProtocol}). */
  protocol?: LoginProtocol | undefined;
  /** Where the login began: the origin of the request that started it (`http://localhost:3000`). */
  origin: string;
  /** The authorization endpoint, without its query. */
  authorizationURL: string;
  /** The `redirect_uri` sent, if any. */
  callbackURL?: string | undefined;
  /** The `scope` requested, if any. */
  scope?: string | undefined;
  /** The PKCE method (`S256`), if any. */
  pkce?: string | undefined;
}

/** `passport-kit:login:callback`. */
export interface LoginCallbackMessage extends LoginMessageBase {
  /** `oauth1` for an OAuth 1.0a login (see {@link LoginProtocol}). */
  protocol?: LoginProtocol | undefined;
  /** Where the callback arrived, without its query (`http://127.0.0.1:3000/auth/callback`). */
  url: string;
  /** Whether it carries a `code` (OAuth 1.0a: an `oauth_verifier`). */
  code: boolean;
  /** Whether it carries a `state` (OAuth 1.0a: an `oauth_token`). */
  state: boolean;
  /** The provider's `error` code (`access_denied`), when it sent one (OAuth 1.0a: `denied`, the user refused). */
  error?: string | undefined;
}

/** `passport-kit:login:state`: for OAuth 1.0a, the check of the callback's request token. */
export interface LoginStateMessage extends LoginMessageBase {
  /** `oauth1` for an OAuth 1.0a login (see {@link LoginProtocol}). */
  protocol?: LoginProtocol | undefined;
  /** Whether the state matched a pending login. */
  ok: boolean;
  /** Why not, when the store says (`missing`: this browser has no pending login at all). */
  reason?: StateFailureReason | undefined;
  /** Where the login began, when known (this process started it while diagnostics were on). */
  loginOrigin?: string | undefined;
  /** Where the callback arrived. */
  callbackOrigin: string;
  /** For a failure: the likely cause and how to fix it, in a sentence or two. */
  hint?: string | undefined;
}

/** `passport-kit:login:token` and `passport-kit:login:profile`: one back-channel call. */
export interface LoginRequestMessage extends LoginMessageBase {
  /** `GET`, `POST`. */
  method: string;
  /** The URL called, without query string or credentials. */
  url: string;
  /** The HTTP status, when a response came. */
  status?: number | undefined;
  /** How long the call took, in milliseconds. */
  duration: number;
  /** The `NetworkError` code (`ERR_TIMEOUT`, …) when no response came. */
  error?: string | undefined;
}

/** `passport-kit:login:verify`. */
export interface LoginVerifyMessage extends LoginMessageBase {
  /** `user`: a user; `none`: `done(null, false)`; `error`: `done(err)` or a throw. */
  outcome: 'user' | 'none' | 'error';
  /** How long the verify callback took, in milliseconds. */
  duration: number;
}

/** `passport-kit:login:fail`. */
export interface LoginFailMessage extends LoginMessageBase {
  /** The HTTP status passport answers with (401 unless said). */
  status: number;
  /** The failure message passport shows (`failureMessage`/`failureFlash`). */
  message?: string | undefined;
  /** For a state failure, why (see {@link StateFailureReason}). */
  reason?: StateFailureReason | undefined;
}

/** `passport-kit:login:error`. */
export interface LoginErrorMessage extends LoginMessageBase {
  /** The error's class name (`TokenError`). */
  name: string;
  /** Its `code` (`invalid_grant`, `ERR_TIMEOUT`, Facebook's `190`), if any. */
  code?: string | number | undefined;
  /** Its message, for passport-kit's own errors (which carry no secret); absent for others. */
  message?: string | undefined;
}

/** Each channel's message type. */
export interface LoginChannelMessages {
  /** See {@link LoginStartMessage}. */
  'passport-kit:login:start': LoginStartMessage;
  /** See {@link LoginCallbackMessage}. */
  'passport-kit:login:callback': LoginCallbackMessage;
  /** See {@link LoginStateMessage}. */
  'passport-kit:login:state': LoginStateMessage;
  /** See {@link LoginRequestMessage}. */
  'passport-kit:login:token': LoginRequestMessage;
  /** See {@link LoginRequestMessage}. */
  'passport-kit:login:profile': LoginRequestMessage;
  /** See {@link LoginVerifyMessage}. */
  'passport-kit:login:verify': LoginVerifyMessage;
  /** See {@link LoginFailMessage}. */
  'passport-kit:login:fail': LoginFailMessage;
  /** See {@link LoginErrorMessage}. */
  'passport-kit:login:error': LoginErrorMessage;
}
