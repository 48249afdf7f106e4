import { stringify } from 'node:querystring';
import { PassportKitError, UnexpectedStatusError, concealProperties, type Dispatcher, type HttpClient, type HttpResponse } from '@passport-kit/core';
import { InternalOAuthError } from './errors.js';
import type { TokenClient } from './token-client.js';

/** node-oauth's error for an HTTP status outside 2xx, 301 and 302: what its callbacks get. */
export interface LegacyOAuthError {
  /** The HTTP status of the failed call. */
  statusCode: number;
  /** The response body. */
  data: string;
}

/** node-oauth's view of a response: its callbacks read `statusCode` and `headers`. */
export interface LegacyResponse {
  /** The HTTP status. */
  statusCode: number;
  /** Response headers, names in lower case. */
  headers: HttpResponse['headers'];
}

/** node-oauth's `_request`/`get` callback: `(err, body, response)`. */
export type LegacyCallback = (err: LegacyOAuthError | Error | null, body?: string, response?: LegacyResponse) => void;

/** node-oauth's `getOAuthAccessToken` callback: `(err, accessToken, refreshToken, results)`. */
export type LegacyTokenCallback = (
  err: LegacyOAuthError | Error | null,
  accessToken?: string,
  refreshToken?: string,
  results?: Record<string, unknown>,
) => void;

/** What {@link OAuth2Compat} is built from: the strategy's options and transport. */
export interface OAuth2CompatOptions {
  /** The client identifier. */
  clientID: string;
  /** The client secret, if any. */
  clientSecret: string | undefined;
  /** The authorization endpoint. */
  authorizationURL: string;
  /** The token endpoint. */
  tokenURL: string;
  /** Headers sent with every call. */
  customHeaders: Record<string, string> | undefined;
  /** The strategy's transport (deadline, size cap, User-Agent). */
  http: HttpClient;
  /** The strategy's token endpoint client (client authentication, response checks). */
  tokens: TokenClient;
}

/**
 * node-oauth's `OAuth2` object (0.10), which passport-oauth2 keeps at `strategy._oauth2` and its
 * subclasses use: the same members, fields, callback and error shapes, on passport-kit's
 * transport, so every call has a deadline and a size cap. Fields are read on every call, so a
 * subclass that writes `_accessTokenUrl` or `_clientSecret` is honoured, and so is one that
 * replaces a method on the instance (passport-oauth2's flow calls `getOAuthAccessToken` here).
 *
 * Left as it is, `getOAuthAccessToken` goes through the strategy's `TokenClient`: its client
 * authentication method, token-response checks and typed errors without secrets in them.
 */
export class OAuth2Compat {
  /** The client identifier. */
  _clientId: string;
  /** The client secret (an accessor shown by neither `util.inspect` nor `JSON.stringify`). */
  declare _clientSecret: string | undefined;
  /** Prefix of the two endpoint fields; passport-oauth2 leaves it empty. */
  _baseSite = '';
  /** The authorization endpoint. */
  _authorizeUrl: string;
  /** The token endpoint. */
  _accessTokenUrl: string;
  /** The query parameter `get()` puts the token in when not using the header. */
  _accessTokenName = 'access_token';
  /** The scheme `buildAuthHeader` writes (`Bearer`). */
  _authMethod = 'Bearer';
  /** Headers sent with every call (the `customHeaders` option). */
  _customHeaders: Record<string, string>;
  /** Whether `get()` sends the token in an Authorization header instead of the query. */
  _useAuthorizationHeaderForGET = false;
  /** What `setAgent` was given: used when it is an undici dispatcher, kept otherwise. */
  _agent: unknown = undefined;
  readonly #http: HttpClient;
  readonly #tokens: TokenClient;

  constructor(options: OAuth2CompatOptions) {
    this._clientId = options.clientID;
    this._clientSecret = options.clientSecret;
    concealProperties(this, '_clientSecret'); // apps log strategies
    this._authorizeUrl = options.authorizationURL;
    this._accessTokenUrl = options.tokenURL;
    this._customHeaders = { ...options.customHeaders };
    this.#http = options.http;
    this.#tokens = options.tokens;
  }

  /** node-oauth: an `http.Agent` for its calls. An undici `Dispatcher` is used; any other agent is kept but not used (pass `dispatcher` to the strategy). */
  setAgent(agent: unknown): void {
    this._agent = agent;
  }

  /** The query parameter name for the token in `get()`/`_request` (default `access_token`). */
  setAccessTokenName(name: string): void {
    this._accessTokenName = name;
  }

  /** The scheme of the Authorization header `get()` sends (default `Bearer`). */
  setAuthMethod(authMethod: string): void {
    this._authMethod = authMethod;
  }

  /** `true`: `get()` sends the token in an Authorization header; `false` (default): in the query. */
  useAuthorizationHeaderforGET(useIt: boolean): void {
    this._useAuthorizationHeaderForGET = useIt;
  }

  /** The token endpoint: `_baseSite + _accessTokenUrl`. */
  _getAccessTokenUrl(): string {
    return this._baseSite + this._accessTokenUrl;
  }

  /** The Authorization header value for a token: `Bearer <token>` (see `setAuthMethod`). */
  buildAuthHeader(token: string): string {
    return `${this._authMethod} ${token}`;
  }

  /** The authorization URL with `params` and `client_id` in its query, as node-oauth builds it. */
  getAuthorizeUrl(params: Record<string, unknown> = {}): string {
    params['client_id'] = this._clientId;
    return `${this._baseSite}${this._authorizeUrl}?${stringify(params as Record<string, string>)}`;
  }

  /**
   * One call to the provider, node-oauth's way: `customHeaders` then `headers`; an access token
   * goes in the query (as `_accessTokenName`) unless an `Authorization` header is given. The
   * callback gets `(null, body, response)` for 2xx, 301 and 302, and `({ statusCode, data })`
   * otherwise; a transport failure (timeout, size cap, refused connection) is a `NetworkError`.
   */
  _request(
    method: string,
    url: string,
    headers: Record<string, string> | null | undefined,
    postBody: string | Buffer | null | undefined,
    accessToken: string | null | undefined,
    callback: LegacyCallback,
  ): void {
    const realHeaders: Record<string, string> = { ...this._customHeaders, ...headers };
    const target = accessToken && !('Authorization' in realHeaders) ? withQueryParam(url, this._accessTokenName, accessToken) : url;
    const body = postBody ? (Buffer.isBuffer(postBody) ? postBody.toString('utf8') : postBody) : undefined;
    this.#http.request({ method, url: target, headers: realHeaders, body, dispatcher: dispatcherOf(this._agent) }).then(
      (res) => {
        const response: LegacyResponse = { statusCode: res.status, headers: res.headers };
        if ((res.status >= 200 && res.status <= 299) || res.status === 301 || res.status === 302) deliver(callback, null, res.body, response);
        else deliver(callback, { statusCode: res.status, data: res.body });
      },
      (err: Error) => deliver(callback, err),
    );
  }

  /** node-oauth's `get`: the token in the query, or in an Authorization header after `useAuthorizationHeaderforGET(true)`. */
  get(url: string, accessToken: string, callback: LegacyCallback): void {
    if (this._useAuthorizationHeaderForGET) {
      this._request('GET', url, { Authorization: this.buildAuthHeader(accessToken) }, '', null, callback);
    } else {
      this._request('GET', url, {}, '', accessToken, callback);
    }
  }

  /** node-oauth's deprecated `getProtectedResource`: the token always in the query. */
  getProtectedResource(url: string, accessToken: string, callback: LegacyCallback): void {
    this._request('GET', url, {}, '', accessToken, callback);
  }

  /**
   * Exchanges a code (or, with `grant_type: 'refresh_token'`, a refresh token) at
   * `_getAccessTokenUrl()`: `callback(err, accessToken, refreshToken, results)`, `results`
   * being the response without `refresh_token`, as node-oauth gives it. The client
   * authenticates with the strategy's method, using `_clientId` and `_clientSecret` as they are
   * now. An error is typed (`TokenError` for the provider's OAuth error, `InternalOAuthError`
   * otherwise) and, for an HTTP error status, carries node-oauth's `statusCode` and `data`.
   */
  getOAuthAccessToken(code: string, params: Record<string, unknown> | null | undefined, callback: LegacyTokenCallback): void {
    const grant = stringValues(params ?? {});
    grant[grant['grant_type'] === 'refresh_token' ? 'refresh_token' : 'code'] = code;
    const client = { tokenURL: this._getAccessTokenUrl(), clientID: this._clientId, clientSecret: this._clientSecret, customHeaders: this._customHeaders };
    this.#tokens.requestToken(grant, grant['grant_type'] === 'refresh_token' ? 'Failed to refresh access token' : 'Failed to obtain access token', client).then(
      (tokens) => {
        const { refresh_token: _refreshToken, ...results } = tokens.params;
        deliver(callback, null, tokens.accessToken, tokens.refreshToken, results);
      },
      (err: unknown) => deliver(callback, withLegacyFields(err)),
    );
  }
}

/** Whether `err` is node-oauth's `{ statusCode, data }` (from a subclass's own token call), not one of ours. */
export function isLegacyOAuthError(err: unknown): err is LegacyOAuthError {
  return typeof err === 'object' && err !== null && !(err instanceof PassportKitError) &&
    typeof (err as LegacyOAuthError).statusCode === 'number' && typeof (err as LegacyOAuthError).data === 'string';
}

// A callback that throws must not become an unhandled rejection of our promise: it surfaces as
// node-oauth's would, an uncaught exception from the response handler.
function deliver<A extends unknown[]>(callback: (...args: A) => void, ...args: A): void {
  try {
    callback(...args);
  } catch (err) {
    process.nextTick(() => {
      throw err;
    });
  }
}

// node-oauth callers read `err.statusCode`/`err.data` (passport-oauth2-refresh users check for
// invalid_grant that way). A TokenError has them from the TokenClient; an InternalOAuthError over
// an unexpected status gets them here, `data` not enumerable so logging the error leaves it out.
function withLegacyFields(err: unknown): Error {
  if (!(err instanceof Error)) return new InternalOAuthError('Failed to obtain access token', err);
  if (!(err instanceof InternalOAuthError) || !(err.oauthError instanceof UnexpectedStatusError) || 'statusCode' in err) return err;
  Object.defineProperty(err, 'statusCode', { value: err.oauthError.statusCode, enumerable: false, configurable: true, writable: true });
  Object.defineProperty(err, 'data', { value: err.oauthError.data, enumerable: false, configurable: true, writable: true });
  return err;
}

// Appended to the query as it is, so the provider's own encoding of other parameters is kept.
function withQueryParam(url: string, name: string, value: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  const separator = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${separator}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}

function dispatcherOf(agent: unknown): Dispatcher | undefined {
  return typeof (agent as { dispatch?: unknown } | undefined)?.dispatch === 'function' ? (agent as Dispatcher) : undefined;
}

function stringValues(params: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) result[name] = String(value);
  }
  return result;
}
