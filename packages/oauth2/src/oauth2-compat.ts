import type { HttpClient, HttpResponse } from '@passport-kit/core';
import type { TokenClient } from './token-client.js';

/** node-oauth's error shape, which passport-oauth2 subclasses read from `_oauth2.get` failures. */
export interface LegacyOAuthError {
  /** The HTTP status of a failed call (0 when the provider could not be reached). */
  statusCode: number;
  /** The response body, or the network error's message. */
  data: string;
}

type LegacyCallback = (err: LegacyOAuthError | Error | null, body?: string, res?: HttpResponse) => void;

/**
 * The part of node-oauth's `OAuth2` object that passport-oauth2 subclasses use through
 * `this._oauth2` (`get`, `useAuthorizationHeaderforGET`, `setAccessTokenName`,
 * `getOAuthAccessToken`), on passport-kit's transport. One difference: `get` sends the token in
 * an `Authorization: Bearer` header by default (a URL's query ends up in logs);
 * `useAuthorizationHeaderforGET(false)` puts it back in the query for APIs that need that.
 */
export class OAuth2Compat {
  /** The client identifier (node-oauth's name). */
  readonly _clientId: string;
  /** The authorization endpoint (node-oauth's name). */
  readonly _authorizeUrl: string;
  /** The token endpoint (node-oauth's name). */
  readonly _accessTokenUrl: string;
  /** Headers sent with every call (the `customHeaders` option). */
  readonly _customHeaders: Record<string, string>;
  readonly #http: HttpClient;
  readonly #tokens: TokenClient;
  #useAuthorizationHeader = true;
  #accessTokenName = 'access_token';

  constructor(options: {
    clientID: string;
    authorizationURL: string;
    tokenURL: string;
    customHeaders: Record<string, string> | undefined;
    http: HttpClient;
    tokens: TokenClient;
  }) {
    this._clientId = options.clientID;
    this._authorizeUrl = options.authorizationURL;
    this._accessTokenUrl = options.tokenURL;
    this._customHeaders = { ...options.customHeaders };
    this.#http = options.http;
    this.#tokens = options.tokens;
  }

  /** `true` (default): `get()` sends the token as a Bearer header; `false`: in the query. */
  useAuthorizationHeaderforGET(useIt: boolean): void {
    this.#useAuthorizationHeader = useIt;
  }

  /** The query parameter `get()` puts the token in when not using the header (default `access_token`). */
  setAccessTokenName(name: string): void {
    this.#accessTokenName = name;
  }

  /** GET a protected resource; `callback(err, body, res)` as node-oauth calls it. */
  get(url: string, accessToken: string, callback: LegacyCallback): void {
    const headers: Record<string, string> = { ...this._customHeaders };
    let target = url;
    if (this.#useAuthorizationHeader) {
      headers['authorization'] = `Bearer ${accessToken}`;
    } else {
      const withToken = new URL(url);
      withToken.searchParams.set(this.#accessTokenName, accessToken);
      target = withToken.toString();
    }
    this.#http.request({ method: 'GET', url: target, headers }).then(
      (res) => {
        if (res.status >= 200 && res.status < 300) callback(null, res.body, res);
        else callback({ statusCode: res.status, data: res.body }, res.body, res);
      },
      (err: Error) => callback(err),
    );
  }

  /** Exchange a code: `callback(err, accessToken, refreshToken, params)` as node-oauth calls it. */
  getOAuthAccessToken(
    code: string,
    params: Record<string, string>,
    callback: (err: Error | null, accessToken?: string, refreshToken?: string, params?: Record<string, unknown>) => void,
  ): void {
    const { redirect_uri: redirectURI, code_verifier: codeVerifier, grant_type: _grantType, ...rest } = params;
    this.#tokens.exchangeAuthorizationCode({ code, redirectURI, codeVerifier, params: rest }).then(
      (tokens) => callback(null, tokens.accessToken, tokens.refreshToken, tokens.params),
      (err: Error) => callback(err),
    );
  }
}
