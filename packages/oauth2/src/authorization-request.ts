import { buildAuthorizationURL } from './authorization-url.js';
import { codeChallenge, type PKCEMethod } from './pkce.js';
import type { StateStoreMeta } from './state-store.js';

/** What the strategy is configured with for the authorization request (RFC 6749 §4.1.1). */
export interface AuthorizationClient {
  /** The authorization endpoint (read from `_oauth2` on every request, as passport-oauth2 does). */
  authorizationURL: string;
  /** The client identifier. */
  clientID: string;
  /** The `scope` option, sent when `authenticate()` names none. */
  scope: string | string[] | undefined;
  /** Joins a scope array (`scopeSeparator`). */
  scopeSeparator: string;
  /** The PKCE method in use, or none (RFC 7636). */
  pkceMethod: PKCEMethod | undefined;
  /** Whether state is kept by the built-in store (a custom store may be handed a string state to send). */
  usesDefaultStore: boolean;
}

/** What this login asks for: `authenticate()`'s options and what the strategy's hooks added. */
export interface LoginRequest {
  /** `authenticate()`'s `scope`, which wins over the configured one. */
  scope?: string | string[] | undefined;
  /** `authenticate()`'s `state`: the app's value, kept with the login (or, with a custom store, sent as is). */
  state?: unknown;
  /** The `authorizationParams` hook's parameters. */
  authorizationParams: Record<string, unknown>;
  /** The `beginLogin` hook's parameters, which win over `authorizationParams`. */
  loginParams: Record<string, string> | undefined;
  /** The `beginLogin` hook's data, kept with the state until the callback. */
  loginData: Record<string, unknown> | undefined;
  /** The PKCE code verifier made for this login, when PKCE is on (RFC 7636 §4.1). */
  codeVerifier: string | undefined;
  /** The store's `meta` for this login: endpoints, client and resolved `redirect_uri`. */
  meta: StateStoreMeta;
}

/** What the state store keeps between the redirect and the callback. */
export interface PendingLogin {
  /** The PKCE code verifier the token request will send (RFC 7636 §4.5). */
  codeVerifier: string | undefined;
  /** The app's `state` option, handed back to `success()` as `info.state`. */
  appState: unknown;
  /** Endpoints, client, `redirect_uri` and login data, which bind the login to this strategy. */
  meta: StateStoreMeta;
}

/** A login's authorization request before its state handle is known. */
export interface AuthorizationRequest {
  /** The request parameters, `state` included only when the app's string state is sent as is. */
  params: Record<string, unknown>;
  /** What to keep until the callback; `undefined` when nothing is kept (a string state with a custom store). */
  pending: PendingLogin | undefined;
}

/**
 * Starts a login (RFC 6749 §4.1.1): the authorization request's parameters and the pending
 * login the state store keeps. Pure: the verifier and hook results come in with `login`.
 *
 * @example
 * ```ts
 * const request = createAuthorizationRequest(client, login);
 * const handle = request.pending && await keepPendingLogin(store, req, request.pending);
 * redirect(authorizationRequestURL(client, request, handle));
 * ```
 */
export function createAuthorizationRequest(client: AuthorizationClient, login: LoginRequest): AuthorizationRequest {
  const params: Record<string, unknown> = { ...login.authorizationParams, ...login.loginParams, response_type: 'code' };
  if (login.meta.callbackURL) params['redirect_uri'] = login.meta.callbackURL;
  const scope = login.scope ?? client.scope;
  if (scope) params['scope'] = Array.isArray(scope) ? scope.join(client.scopeSeparator) : scope;

  if (client.pkceMethod && login.codeVerifier !== undefined) {
    params['code_challenge'] = codeChallenge(login.codeVerifier, client.pkceMethod);
    params['code_challenge_method'] = client.pkceMethod;
  }

  if (typeof login.state === 'string' && login.state && !client.usesDefaultStore) {
    // passport-oauth2: a string state with a custom store is sent as the state itself.
    params['state'] = login.state;
    return { params, pending: undefined };
  }
  const meta = login.loginData ? { ...login.meta, loginData: login.loginData } : login.meta;
  return { params, pending: { codeVerifier: login.codeVerifier, appState: login.state, meta } };
}

/** The URL the user is sent to: the request's parameters with the store's state handle, if any. */
export function authorizationRequestURL(client: AuthorizationClient, request: AuthorizationRequest, stateHandle: string | undefined): string {
  const params = stateHandle ? { ...request.params, state: stateHandle } : request.params;
  return buildAuthorizationURL(client.authorizationURL, client.clientID, params);
}
