import { randomInt, type KeyLike } from 'node:crypto';
import querystring from 'node:querystring';
import { HttpClient, UnexpectedStatusError, concealProperties, describeTarget, redact, type HttpRequest, type HttpResponse } from '@passport-kit/core';

import { percentEncode } from './percent-encode.js';
import { providerErrorMessage } from './provider-error-message.js';
import { baseStringURI, computeSignature, normalizeParameters, parseFormEncoded, type Parameter, type SignatureMethod } from './signature.js';

/** A parameter value as node-oauth takes it: strings, numbers, booleans, lists of them. */
export type OAuthParameterValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
/** Parameters as node-oauth takes them (`extraParams`, a form `post_body` object). */
export type OAuthParameters = Record<string, OAuthParameterValue>;

/** What node-oauth's callbacks get as `response`: the status and the headers. */
export interface OAuthResponse {
  /** HTTP status code. */
  statusCode: number;
  /** Response headers, names in lower case. */
  headers: Record<string, string | string[] | undefined>;
}

/** node-oauth's error for a status outside 2xx is `{ statusCode, data }`: so is this one, an `UnexpectedStatusError`. */
export type OAuthRequestError = Error & {
  /** The HTTP status of a refused call. */
  statusCode?: number;
  /** The response body. */
  data?: string;
};

/** `callback(err, data, response)` of `get`, `post`, `put`, `delete` and `_performSecureRequest`. */
export type OAuthDataCallback = (err: OAuthRequestError | null, data?: string, response?: OAuthResponse) => void;
/** `callback(err, token, tokenSecret, results)` of `getOAuthRequestToken` and `getOAuthAccessToken`. */
export type OAuthTokenCallback = (err: OAuthRequestError | null, token?: string, tokenSecret?: string, results?: querystring.ParsedUrlQuery) => void;

/** node-oauth's `_clientOptions`. */
export interface OAuthClientOptions {
  /** Method of the request-token call. Default `POST`. */
  requestTokenHttpMethod: string;
  /** Method of the access-token call. Default `POST`. */
  accessTokenHttpMethod: string;
  /** Follow a 301/302 (same origin only, here). Default `true`. */
  followRedirects: boolean;
}

/** One signed call, the form every method of {@link OAuth} is built on. */
export interface SecureRequest {
  /** HTTP method. */
  method: string;
  /** Absolute URL; its query parameters are signed. */
  url: string;
  /** The token (request or access), or none for leg 1. */
  token?: string | null | undefined;
  /** The token's secret. */
  tokenSecret?: string | null | undefined;
  /** Signed; `oauth_*` ones go in the header, the others in the form body of a POST or PUT. */
  extraParams?: OAuthParameters | null | undefined;
  /** A body sent as it is (not signed unless form-encoded parameters are given). */
  body?: string | Uint8Array | null | undefined;
  /** The body's content type. */
  contentType?: string | null | undefined;
  /** Headers for this call only (after `_headers`). */
  headers?: Record<string, string> | undefined;
}

const DEFAULT_CLIENT_OPTIONS: Readonly<OAuthClientOptions> = { requestTokenHttpMethod: 'POST', accessTokenHttpMethod: 'POST', followRedirects: true };
const SUPPORTED_METHODS = ['PLAINTEXT', 'HMAC-SHA1', 'HMAC-SHA256', 'RSA-SHA1'];
// undici manages these itself or refuses them; node-oauth's `Connection: close` default is one.
const MANAGED_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-length', 'host']);
const MAX_REDIRECTS = 5;
const NONCE_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * node-oauth's `OAuth` (0.10), which passport-oauth1 strategies use as `this._oauth`: the same
 * constructor, methods, fields and callback shapes, sent through passport-kit's transport (a
 * deadline and a size cap on every call) and signed by its RFC 5849 signer with CSPRNG nonces.
 * Writes to the fields (`_requestUrl`, `_headers`, `_clientOptions`, …) are honoured, and a
 * method a strategy replaces (`getOAuthRequestToken`, `_performSecureRequest`) is the one used.
 *
 * Differences: error messages never carry a token or secret; a redirect is followed only to the
 * same origin (a PLAINTEXT signature is the secrets themselves); without a callback a call
 * throws a `TypeError` (there is no `http.ClientRequest` to return); a `null` verifier is left
 * out rather than sent empty; the default headers are `Accept: *` and passport-kit's User-Agent.
 *
 * @example
 * ```ts
 * const oauth = new OAuth(requestURL, accessURL, key, secret, '1.0', null, 'HMAC-SHA1');
 * oauth.get('https://api.example/me', token, tokenSecret, (err, data, response) => { … });
 * ```
 */
export class OAuth {
  /** node-oauth's OAuthEcho flag: always `false` here. */
  declare _isEcho: boolean;
  /** The request-token endpoint (leg 1), read on every call. */
  declare _requestUrl: string;
  /** The access-token endpoint (leg 3), read on every call. */
  declare _accessUrl: string;
  /** The consumer key (client identifier). */
  declare _consumerKey: string;
  /** The consumer secret, percent-encoded as node-oauth keeps it. Not enumerable, so logging the object leaves it out. */
  declare _consumerSecret: string;
  /** RSA-SHA1 private key (node-oauth takes the consumer secret). Not enumerable. */
  declare _privateKey: KeyLike | undefined;
  /** The `oauth_version` sent (`1.0`), or none. */
  declare _version: string | null | undefined;
  /** The default `oauth_callback` of the request-token call. */
  declare _authorize_callback: string | null | undefined;
  /** `HMAC-SHA1`, `HMAC-SHA256`, `PLAINTEXT` or `RSA-SHA1`. */
  declare _signatureMethod: SignatureMethod;
  /** Length of each `oauth_nonce` (default 32). */
  declare _nonceSize: number;
  /** Headers sent with every call (node-oauth's defaults, or the `customHeaders` given). */
  declare _headers: Record<string, string | number>;
  /** The token calls' methods and redirect policy (`setClientOptions`). */
  declare _clientOptions: OAuthClientOptions;
  /** What `_clientOptions` starts as. */
  declare _defaultClientOptions: OAuthClientOptions;
  /** Separator of the Authorization header's parameters (`,`; node-oauth's spelling). */
  declare _oauthParameterSeperator: string;
  /** The transport every call goes through. Not enumerable. */
  declare _httpClient: HttpClient;

  constructor(
    requestUrl: string,
    accessUrl: string,
    consumerKey: string,
    consumerSecret: string,
    version: string | null | undefined,
    authorize_callback: string | null | undefined,
    signatureMethod: string,
    nonceSize?: number | null,
    customHeaders?: Record<string, string | number> | null,
    httpClient?: HttpClient,
  ) {
    this._isEcho = false;
    this._requestUrl = requestUrl;
    this._accessUrl = accessUrl;
    this._consumerKey = consumerKey;
    hidden(this, '_consumerSecret', this._encodeData(consumerSecret));
    hidden(this, '_privateKey', signatureMethod === 'RSA-SHA1' ? consumerSecret : undefined);
    this._version = version;
    this._authorize_callback = authorize_callback === undefined ? 'oob' : authorize_callback;
    if (!SUPPORTED_METHODS.includes(signatureMethod)) throw new Error(`Un-supported signature method: ${signatureMethod}`);
    this._signatureMethod = signatureMethod as SignatureMethod;
    this._nonceSize = nonceSize || 32;
    this._headers = customHeaders || { Accept: '*/*' };
    this._clientOptions = this._defaultClientOptions = { ...DEFAULT_CLIENT_OPTIONS };
    this._oauthParameterSeperator = ',';
    hidden(this, '_httpClient', httpClient ?? new HttpClient({ userAgent: 'passport-kit-oauth1' }));
  }

  /**
   * Leg 1: `getOAuthRequestToken([extraParams,] callback)`, answering `callback(err, token,
   * tokenSecret, results)`. `_authorize_callback`, when set, becomes `oauth_callback`.
   */
  getOAuthRequestToken(extraParams: OAuthParameters | OAuthTokenCallback, callback?: OAuthTokenCallback): void {
    if (typeof extraParams === 'function') {
      callback = extraParams;
      extraParams = {};
    }
    const params = { ...extraParams };
    if (this._authorize_callback) params['oauth_callback'] = this._authorize_callback;
    this._performSecureRequest(null, null, this._clientOptions.requestTokenHttpMethod, this._requestUrl, params, null, null, tokenResponse(callback));
  }

  /** Leg 3: `getOAuthAccessToken(token, tokenSecret, [verifier,] callback)`, answering as leg 1 does. */
  getOAuthAccessToken(token: string, tokenSecret: string, verifier: string | null | undefined | OAuthTokenCallback, callback?: OAuthTokenCallback): void {
    const params: OAuthParameters = {};
    if (typeof verifier === 'function') callback = verifier;
    // node-oauth sends `oauth_verifier=""` for a null verifier; an OAuth 1.0 provider wants none.
    else if (verifier !== null && verifier !== undefined) params['oauth_verifier'] = verifier;
    this._performSecureRequest(token, tokenSecret, this._clientOptions.accessTokenHttpMethod, this._accessUrl, params, null, null, tokenResponse(callback));
  }

  /** Signed GET: `callback(err, data, response)`. */
  get(url: string, token: string | null, tokenSecret: string | null, callback: OAuthDataCallback): void {
    this._performSecureRequest(token, tokenSecret, 'GET', url, null, '', null, callback);
  }

  /** Signed DELETE: `callback(err, data, response)`. */
  delete(url: string, token: string | null, tokenSecret: string | null, callback: OAuthDataCallback): void {
    this._performSecureRequest(token, tokenSecret, 'DELETE', url, null, '', null, callback);
  }

  /** Signed POST of a string, bytes, or an object sent (and signed) as a form. */
  post(url: string, token: string | null, tokenSecret: string | null, body: unknown, contentType: string | null | OAuthDataCallback, callback?: OAuthDataCallback): void {
    this._putOrPost('POST', url, token, tokenSecret, body, contentType, callback);
  }

  /** Signed PUT, as `post`. */
  put(url: string, token: string | null, tokenSecret: string | null, body: unknown, contentType: string | null | OAuthDataCallback, callback?: OAuthDataCallback): void {
    this._putOrPost('PUT', url, token, tokenSecret, body, contentType, callback);
  }

  /** Deprecated in node-oauth: `getProtectedResource(url, method, token, tokenSecret, callback)`. */
  getProtectedResource(url: string, method: string, token: string | null, tokenSecret: string | null, callback: OAuthDataCallback): void {
    this._performSecureRequest(token, tokenSecret, method, url, null, '', null, callback);
  }

  /** The shared body of `post` and `put`: a form body from an object, or the body as given with its content type. */
  _putOrPost(method: string, url: string, token: string | null, tokenSecret: string | null, body: unknown, contentType: string | null | OAuthDataCallback | undefined, callback?: OAuthDataCallback): void {
    let extraParams: OAuthParameters | null = null;
    if (typeof contentType === 'function') {
      callback = contentType;
      contentType = null;
    }
    if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
      contentType = 'application/x-www-form-urlencoded';
      extraParams = (body ?? null) as OAuthParameters | null;
      body = null;
    }
    this._performSecureRequest(token, tokenSecret, method, url, extraParams, body as string | Uint8Array | null, contentType ?? null, callback);
  }

  /**
   * Signs and sends one request, then `callback(null, data, response)` for a 2xx, or
   * `callback(error, data, response)` with an `UnexpectedStatusError` (`statusCode`, `data`),
   * or `callback(networkError)`. The callback always runs on a later tick, never inside ours.
   */
  _performSecureRequest(
    token: string | null | undefined,
    tokenSecret: string | null | undefined,
    method: string,
    url: string,
    extraParams: OAuthParameters | null | undefined,
    body: string | Uint8Array | null | undefined,
    contentType: string | null | undefined,
    callback?: OAuthDataCallback,
  ): void {
    if (typeof callback !== 'function') {
      throw new TypeError('OAuth requests need a callback: passport-kit has no http.ClientRequest to return');
    }
    this.send({ method, url, token, tokenSecret, extraParams, body, contentType }).then(
      (response) => later(() => deliverResponse(this.statusError(method, url, response, [token, tokenSecret, verifierOf(extraParams)]), response, callback)),
      (err: unknown) => later(() => callback(err as OAuthRequestError)),
    );
  }

  /**
   * The promise form of `_performSecureRequest`: resolves with the response whatever its status
   * (3xx to the same origin followed, as `_clientOptions.followRedirects` says), rejects with a
   * core `NetworkError` or the signer's `TypeError`.
   */
  async send(request: SecureRequest, redirects = 0): Promise<HttpResponse> {
    const method = request.method.toUpperCase();
    const ordered = this._prepareParameters(request.token, request.tokenSecret, method, request.url, request.extraParams);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(this._headers ?? {})) {
      if (!MANAGED_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = String(value);
    }
    Object.assign(headers, request.headers);
    headers['authorization'] = this._buildAuthorizationHeaders(ordered);
    let body = request.body ?? undefined;
    if ((method === 'POST' || method === 'PUT') && (body === undefined || body === null) && request.extraParams) {
      body = formEncode(pairsOf(request.extraParams).filter(([name]) => !this._isParameterNameAnOAuthParameter(name)));
    }
    headers['content-type'] = request.contentType || 'application/x-www-form-urlencoded';
    const httpRequest: HttpRequest = { method: method as HttpRequest['method'], url: request.url, headers };
    if ((method === 'POST' || method === 'PUT') && body !== undefined && body !== '') httpRequest.body = body;
    else if (method === 'POST' || method === 'PUT') httpRequest.body = '';
    const response = await this._httpClient.request(httpRequest);
    const location = response.headers['location'];
    if ((response.status === 301 || response.status === 302) && this._clientOptions.followRedirects && typeof location === 'string' && redirects < MAX_REDIRECTS) {
      const next = resolveSameOrigin(request.url, location);
      if (next) return this.send({ ...request, url: next, body: request.body }, redirects + 1);
    }
    return response;
  }

  /**
   * `send`, then a status outside 2xx rejects as `_performSecureRequest` reports it: an
   * `UnexpectedStatusError` with `statusCode` and `data`, its message free of tokens and secrets.
   */
  async fetch(request: SecureRequest): Promise<HttpResponse> {
    const response = await this.send(request);
    const error = this.statusError(request.method, request.url, response, [request.token, request.tokenSecret, verifierOf(request.extraParams)]);
    if (error) throw error;
    return response;
  }

  /** Replaces the client options, defaults filling what `options` leaves out. */
  setClientOptions(options: Partial<OAuthClientOptions>): void {
    const merged = { ...this._defaultClientOptions };
    for (const key of Object.keys(merged) as (keyof OAuthClientOptions)[]) {
      if (Object.prototype.hasOwnProperty.call(options, key)) (merged as Record<string, unknown>)[key] = options[key];
    }
    this._clientOptions = merged;
  }

  /** The URL with every protocol parameter and the signature in its query (RFC 5849 §3.5.3). */
  signUrl(url: string, token: string | null, tokenSecret: string | null, method = 'GET'): string {
    const ordered = this._prepareParameters(token, tokenSecret, method, url, {});
    const parsed = new URL(url);
    const query = ordered.map(([name, value]) => `${name}=${this._encodeData(value)}`).join('&');
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}?${query}`;
  }

  /** The `Authorization` header value for a request (RFC 5849 §3.5.1). */
  authHeader(url: string, token: string | null, tokenSecret: string | null, method = 'GET'): string {
    return this._buildAuthorizationHeaders(this._prepareParameters(token, tokenSecret, method, url, {}));
  }

  /**
   * The protocol parameters, the extra parameters and the URL's query, sorted, with
   * `oauth_signature` appended: node-oauth's `orderedParameters`.
   */
  _prepareParameters(
    token: string | null | undefined,
    tokenSecret: string | null | undefined,
    method: string,
    url: string,
    extraParams?: OAuthParameters | null,
  ): [string, string][] {
    const oauth: OAuthParameters = {
      oauth_timestamp: this._getTimestamp(),
      oauth_nonce: this._getNonce(this._nonceSize),
      oauth_signature_method: this._signatureMethod,
      oauth_consumer_key: this._consumerKey,
    };
    if (this._version !== null && this._version !== undefined) oauth['oauth_version'] = this._version;
    if (token) oauth['oauth_token'] = token;
    const pairs = pairsOf({ ...oauth, ...extraParams });
    const query = url.indexOf('?') < 0 ? [] : parseFormEncoded(url.slice(url.indexOf('?') + 1).split('#')[0] ?? '');
    const all: [string, string][] = [...pairs, ...query.map(([name, value]): [string, string] => [name, value])];
    const signature = this._getSignature(method, url, this._normaliseRequestParams(all), tokenSecret ?? undefined);
    return [...this._sortRequestParams(all), ['oauth_signature', signature]];
  }

  /** The signature over `METHOD&url&normalizedParameters`. */
  _getSignature(method: string, url: string, normalizedParameters: string, tokenSecret?: string): string {
    return this._createSignature(this._createSignatureBase(method, url, normalizedParameters), tokenSecret);
  }

  /** RFC 5849 §3.4.1: the signature base string from already-normalized parameters. */
  _createSignatureBase(method: string, url: string, normalizedParameters: string): string {
    return `${method.toUpperCase()}&${percentEncode(this._normalizeUrl(url))}&${percentEncode(normalizedParameters)}`;
  }

  /** RFC 5849 §3.4.2-3.4.4 with the consumer secret (`_consumerSecret`), the token secret, or `_privateKey`. */
  _createSignature(signatureBase: string, tokenSecret?: string): string {
    return computeSignature(this._signatureMethod, signatureBase, {
      consumerSecret: decodeKept(this._consumerSecret ?? ''),
      tokenSecret: tokenSecret ?? '',
      privateKey: this._privateKey,
    });
  }

  /** RFC 5849 §3.4.1.3.2. Takes node-oauth's hash or a list of pairs. */
  _normaliseRequestParams(args: OAuthParameters | readonly Parameter[]): string {
    return normalizeParameters(Array.isArray(args) ? (args as Parameter[]) : pairsOf(args as OAuthParameters));
  }

  /** RFC 5849 §3.4.1.2 base string URI. */
  _normalizeUrl(url: string): string {
    return baseStringURI(url);
  }

  /** `OAuth k="v",k="v"`: only the `oauth_*` parameters. */
  _buildAuthorizationHeaders(orderedParameters: readonly (readonly [string, string])[]): string {
    const parts = orderedParameters
      .filter(([name]) => this._isParameterNameAnOAuthParameter(name))
      .map(([name, value]) => `${this._encodeData(name)}="${this._encodeData(value)}"`);
    return `OAuth ${parts.join(this._oauthParameterSeperator)}`;
  }

  /** Whether a parameter goes in the Authorization header (`oauth_*`). */
  _isParameterNameAnOAuthParameter(name: string): boolean {
    return name.startsWith('oauth_');
  }

  /** The parameters as `[name, value]` pairs, an array value repeated. */
  _makeArrayOfArgumentsHash(args: OAuthParameters): [string, string][] {
    return pairsOf(args);
  }

  /** Sorted by name, then value, as node-oauth orders the header. */
  _sortRequestParams(pairs: [string, string][]): [string, string][] {
    return pairs.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  }

  /** RFC 5849 §3.6 percent-encoding; `null`/`''` give `''`. */
  _encodeData(value: string | null | undefined): string {
    return value === null || value === undefined || value === '' ? '' : percentEncode(String(value));
  }

  /** Form-decoding (`+` is a space). */
  _decodeData(value: string): string {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  }

  /** `oauth_timestamp`: seconds since the epoch. */
  _getTimestamp(): number {
    return Math.floor(Date.now() / 1000);
  }

  /** `size` characters of `[a-zA-Z0-9]` from the CSPRNG (node-oauth used `Math.random`). */
  _getNonce(size: number): string {
    let nonce = '';
    for (let i = 0; i < size; i++) nonce += NONCE_CHARS[randomInt(NONCE_CHARS.length)];
    return nonce;
  }

  /** node-oauth's error for a status outside 2xx, its message naming the endpoint and no secret. */
  private statusError(method: string, url: string, response: HttpResponse, secrets: (string | null | undefined)[]): UnexpectedStatusError | null {
    if (response.status >= 200 && response.status <= 299) return null;
    const said = providerErrorMessage(response.body);
    const message = `${describeTarget(method.toUpperCase(), url)} answered ${response.status}${said ? `: ${said}` : ''}`;
    const privateKey = typeof this._privateKey === 'string' ? this._privateKey : undefined;
    return new UnexpectedStatusError(
      redact(message, [...secrets.map((s) => s ?? undefined), decodeKept(this._consumerSecret ?? ''), privateKey]),
      response.status,
      response.body,
    );
  }
}

/** The verifier a provider may echo in its refusal: kept out of messages with the token and secrets. */
function verifierOf(params: OAuthParameters | null | undefined): string | undefined {
  const verifier = params?.['oauth_verifier'];
  return typeof verifier === 'string' ? verifier : undefined;
}

function tokenResponse(callback: OAuthTokenCallback | undefined): OAuthDataCallback {
  if (typeof callback !== 'function') throw new TypeError('OAuth token requests need a callback');
  return (err, data) => {
    if (err) return callback(err);
    const results = querystring.parse(data ?? '');
    const token = results['oauth_token'];
    const tokenSecret = results['oauth_token_secret'];
    delete results['oauth_token'];
    delete results['oauth_token_secret'];
    callback(null, token as string | undefined, tokenSecret as string | undefined, results);
  };
}

function deliverResponse(error: UnexpectedStatusError | null, response: HttpResponse, callback: OAuthDataCallback): void {
  const shape: OAuthResponse = { statusCode: response.status, headers: response.headers };
  callback(error, response.body, shape);
}

// A callback that throws does so on its own tick, as from node-oauth's event handlers, never
// as a rejection of our promise.
function later(run: () => void): void {
  process.nextTick(run);
}

/** Parameters as pairs of strings: `null`/`undefined` as `''`, arrays repeated. */
function pairsOf(params: OAuthParameters): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const item of value as unknown[]) pairs.push([name, String(item)]);
    else pairs.push([name, value === null || value === undefined ? '' : String(value)]);
  }
  return pairs;
}

function formEncode(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
}

function resolveSameOrigin(from: string, location: string): string | undefined {
  try {
    const next = new URL(location, from);
    return next.origin === new URL(from).origin ? next.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** The consumer secret node-oauth keeps percent-encoded; a value written raw is taken as it is. */
function decodeKept(secret: string): string {
  try {
    return decodeURIComponent(secret);
  } catch {
    return secret;
  }
}

// Readable and writable as a plain field, shown by neither JSON.stringify nor util.inspect
// (not even `%o` or showHidden): apps log strategies.
function hidden(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: true });
  concealProperties(target, key);
}
