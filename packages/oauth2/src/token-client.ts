import { HttpClient, UnexpectedBodyError, UnexpectedStatusError, describeTarget, redact, userAgent, type HttpResponse } from '@passport-kit/core';
import packageJson from '../package.json' with { type: 'json' };
import { createClientAssertion, type ClientAssertionOptions } from './client-assertion.js';
import { authenticateClient, usesClientAssertion, type ClientAuthenticationMethod } from './client-authentication.js';
import { clientCredentialsParams, type ClientCredentialsGrant } from './client-credentials.js';
import { InternalOAuthError } from './errors.js';
import { introspectionParams, readIntrospectionResponse, type IntrospectionOptions, type IntrospectionResponse } from './introspection.js';
import { formBody, type GrantParams } from './lib/grant-params.js';
import { secretValues } from './lib/secret-params.js';
import { parseOAuthErrorBody } from './parse-error-response.js';
import { passwordParams, type PasswordGrant } from './password-grant.js';
import { SingleFlight, readRefreshedTokens, refreshParams, type RefreshedTokens, type RefreshOptions } from './refresh.js';
import { revocationParams, type RevocationOptions } from './revocation.js';
import { readTokenExchangeResponse, tokenExchangeParams, type TokenExchangeGrant, type TokenExchangeResponse } from './token-exchange.js';
import { parseTokenBody, readTokenResponse, type TokenResponse } from './token-response.js';

/** Options of {@link TokenClient}. */
export interface TokenClientOptions {
  /** The provider's token endpoint. */
  tokenURL: string;
  /** The client identifier the provider issued. */
  clientID: string;
  /** The client secret; absent for public clients. */
  clientSecret?: string | undefined;
  /** Default: `client_secret_post` with a secret, `none` without. */
  clientAuthentication?: ClientAuthenticationMethod | undefined;
  /** Key material for `private_key_jwt` and `client_secret_jwt`. */
  clientAssertion?: ClientAssertionOptions | undefined;
  /** The revocation endpoint (RFC 7009), for {@link TokenClient.revoke}. */
  revocationURL?: string | undefined;
  /** The introspection endpoint (RFC 7662), for {@link TokenClient.introspect}. */
  introspectionURL?: string | undefined;
  /** Extra headers sent with every token request. */
  customHeaders?: Record<string, string> | undefined;
  /** The transport; shared with the strategy that owns this client. Default: a new `HttpClient` with default timeout and size cap. */
  http?: HttpClient | undefined;
  /**
   * Turns an error body into an error (`null`: not an OAuth error body). Defaults to reading
   * RFC 6749 §5.2 JSON or form bodies; strategies pass their `parseErrorResponse` hook here.
   */
  parseErrorResponse?: ((body: string, status: number) => Error | null) | undefined;
}

/**
 * The client and endpoint one token request is made for, when they differ from the options':
 * node-oauth's `OAuth2` object reads them from its (writable) fields on every call.
 */
export type TokenRequestClient = Pick<TokenClientOptions, 'tokenURL' | 'clientID' | 'clientSecret' | 'customHeaders'>;

/** Parameters of the authorization code grant (RFC 6749 §4.1.3; RFC 7636 §4.5). */
export interface AuthorizationCodeGrant {
  /** The authorization code from the callback. */
  code: string;
  /** The `redirect_uri` the authorization request carried, sent again as RFC 6749 §4.1.3 requires. */
  redirectURI?: string | undefined;
  /** The PKCE code verifier (RFC 7636 §4.5). */
  codeVerifier?: string | undefined;
  /** Further parameters, e.g. from the strategy's `tokenParams` hook. */
  params?: Record<string, string> | undefined;
}

/**
 * Talks to a token endpoint (and the revocation and introspection endpoints) with the client's
 * authentication: one POST per call, never retried (an authorization code is single-use, and
 * so is a rotating refresh token).
 *
 * Every grant fails the same way: a `TokenError` carrying the provider's RFC 6749 §5.2 `code`
 * (`invalid_grant`, `invalid_client`, …) or, for a response that breaks the protocol, one of
 * ours (`invalid_token_response`, `invalid_introspection_response`);
 * an `InternalOAuthError` whose `cause` is the `NetworkError`, `UnexpectedStatusError` or
 * `UnexpectedBodyError` underneath. No message contains a token, code or secret.
 *
 * @example
 * ```ts
 * const tokens = new TokenClient({
 *   tokenURL: 'https://id.example/oauth2/token',
 *   revocationURL: 'https://id.example/oauth2/revoke',
 *   clientID: process.env.CLIENT_ID,
 *   clientSecret: process.env.CLIENT_SECRET,
 *   clientAuthentication: 'client_secret_basic',
 * });
 * const { accessToken, expiresIn } = await tokens.clientCredentials({ scope: 'invoices:read' });
 * ```
 */
export class TokenClient {
  readonly #options: TokenClientOptions;
  // Unset when the option was not given: then each call picks by whether it has a secret.
  readonly #configuredAuthentication: ClientAuthenticationMethod | undefined;
  readonly #http: HttpClient;
  readonly #refreshes = new SingleFlight<RefreshedTokens>();

  constructor(options: TokenClientOptions) {
    this.#options = options;
    this.#configuredAuthentication = options.clientAuthentication;
    this.#http = options.http ?? new HttpClient({ userAgent: userAgent(packageJson.name, packageJson.version) });
    if (options.clientAuthentication === 'private_key_jwt' && options.clientAssertion?.key === undefined) {
      throw new TypeError('private_key_jwt requires clientAssertion.key, the client\'s private key');
    }
    if (options.clientAuthentication === 'client_secret_jwt' && !options.clientSecret && options.clientAssertion?.key === undefined) {
      throw new TypeError('client_secret_jwt requires clientSecret (or clientAssertion.key)');
    }
  }

  /** The client authentication method in use. */
  get clientAuthentication(): ClientAuthenticationMethod {
    return this.#authenticationFor(this.#options);
  }

  // Default: `client_secret_post` with a secret, `none` without (RFC 6749 §2.3.1, §2.1).
  #authenticationFor(client: TokenRequestClient): ClientAuthenticationMethod {
    return this.#configuredAuthentication ?? (client.clientSecret ? 'client_secret_post' : 'none');
  }

  /** Exchanges an authorization code for tokens (RFC 6749 §4.1.3). */
  exchangeAuthorizationCode(grant: AuthorizationCodeGrant): Promise<TokenResponse> {
    const params: Record<string, string> = { ...grant.params, grant_type: 'authorization_code', code: grant.code };
    if (grant.redirectURI) params['redirect_uri'] = grant.redirectURI;
    if (grant.codeVerifier) params['code_verifier'] = grant.codeVerifier;
    return this.requestToken(params, 'Failed to obtain access token');
  }

  /**
   * Gets a fresh access token with a refresh token (RFC 6749 §6). Concurrent calls with the
   * same refresh token (and options) in this process share one request, so a provider that
   * rotates refresh tokens is not sent the same one twice. The answer's `refreshToken` is the
   * one to store from now on (`rotated` says whether it changed). An expired or revoked refresh
   * token is a `TokenError` with code `invalid_grant`: the user must log in again.
   *
   * @example
   * ```ts
   * const { accessToken, refreshToken, expiresIn } = await strategy.tokens.refresh(session.refreshToken);
   * session.refreshToken = refreshToken;
   * ```
   */
  async refresh(refreshToken: string, options: RefreshOptions = {}): Promise<RefreshedTokens> {
    const params = refreshParams(refreshToken, options);
    const key = formBody(params);
    return this.#refreshes.run(key, async () =>
      readRefreshedTokens(await this.requestToken(params, 'Failed to refresh access token'), refreshToken),
    );
  }

  /**
   * Gets a token for the client itself (RFC 6749 §4.4), for machine-to-machine calls. Cache the
   * answer until shortly before `expiresIn`: the grant issues no refresh token.
   *
   * @example
   * ```ts
   * const { accessToken } = await tokens.clientCredentials({ scope: ['orders:read'], audience: 'https://api.example' });
   * ```
   */
  async clientCredentials(grant: ClientCredentialsGrant = {}): Promise<TokenResponse> {
    return this.requestToken(clientCredentialsParams(grant), 'Failed to obtain client credentials token');
  }

  /**
   * Trades the user's username and password for tokens (RFC 6749 §4.3).
   *
   * Discouraged: RFC 9700 §2.4 says this grant MUST NOT be used. It exposes the password to the
   * app and rules out multi-factor and federated login. Only for legacy systems being migrated.
   *
   * @example
   * ```ts
   * const tokens = await client.password({ username, password, scope: 'legacy' });
   * ```
   */
  async password(grant: PasswordGrant): Promise<TokenResponse> {
    return this.requestToken(passwordParams(grant), 'Failed to obtain access token with password grant');
  }

  /**
   * Token exchange (RFC 8693): trades a token this service received for one to call another
   * service with, for the same subject (optionally naming this service as the actor).
   *
   * @example
   * ```ts
   * const downstream = await tokens.exchangeToken({
   *   subjectToken: incomingAccessToken,
   *   subjectTokenType: TOKEN_TYPES.accessToken,
   *   audience: 'billing-api',
   * });
   * ```
   */
  async exchangeToken(grant: TokenExchangeGrant): Promise<TokenExchangeResponse> {
    const body = await this.#postForJSON(this.#options.tokenURL, tokenExchangeParams(grant), 'Failed to exchange token');
    return readTokenExchangeResponse(body);
  }

  /**
   * Revokes an access or refresh token (RFC 7009), e.g. on logout. Revoking a refresh token
   * usually revokes the access tokens of the same grant. Resolves once the server answered 200,
   * which it also does for a token that was already invalid (§2.2).
   *
   * @example
   * ```ts
   * await strategy.tokens.revoke(session.refreshToken, { tokenTypeHint: 'refresh_token' });
   * ```
   */
  async revoke(token: string, options: RevocationOptions = {}): Promise<void> {
    const url = this.#endpoint('revocationURL');
    const params = revocationParams(token, options);
    const response = await this.#post(url, params, 'Failed to revoke token');
    if (response.status >= 200 && response.status < 300) return;
    this.#throwForStatus(response, url, 'Failed to revoke token', params);
  }

  /**
   * Asks the authorization server whether a token is active and what it grants (RFC 7662).
   * An inactive token is `{ active: false }`, not an error.
   *
   * @example
   * ```ts
   * const info = await tokens.introspect(accessToken, { tokenTypeHint: 'access_token' });
   * if (info.active) console.log(info.sub, info.scope);
   * ```
   */
  async introspect(token: string, options: IntrospectionOptions = {}): Promise<IntrospectionResponse> {
    const url = this.#endpoint('introspectionURL');
    const params = introspectionParams(token, options);
    const response = await this.#post(url, params, 'Failed to introspect token');
    if (response.status < 200 || response.status >= 300) this.#throwForStatus(response, url, 'Failed to introspect token', params);
    const where = describeTarget('POST', url);
    const parsed = parseTokenBody(response.body, contentTypeOf(response));
    if (!parsed || !response.body.trim().startsWith('{')) {
      throw new InternalOAuthError('Failed to introspect token', new UnexpectedBodyError(`${where} answered ${response.status} with a body that is not a JSON object`));
    }
    return readIntrospectionResponse(parsed);
  }

  /**
   * Sends any grant to the token endpoint and checks the answer: a `TokenError` for an OAuth
   * error body (whatever the status: GitHub answers errors with 200), an `InternalOAuthError`
   * whose cause says what else went wrong (timeout, a 3xx, a 5xx page, a body that is not a
   * token response). An array value repeats the parameter. `client` replaces the options'
   * endpoint, client ID, secret and headers for this call.
   */
  async requestToken(grantParams: GrantParams, failureMessage: string, client: TokenRequestClient = this.#options): Promise<TokenResponse> {
    return readTokenResponse(await this.#postForJSON(client.tokenURL, grantParams, failureMessage, client));
  }

  /** POSTs to the token endpoint and returns the parsed 2xx body that is not an error. */
  async #postForJSON(url: string, grantParams: GrantParams, failureMessage: string, client: TokenRequestClient = this.#options): Promise<Record<string, unknown>> {
    const response = await this.#post(url, grantParams, failureMessage, client);
    const { status, body } = response;
    const where = describeTarget('POST', url);
    if (status >= 200 && status < 300) {
      const parsed = parseTokenBody(body, contentTypeOf(response));
      if (!parsed) {
        throw new InternalOAuthError(failureMessage, new UnexpectedBodyError(`${where} answered ${status} with a body that is neither JSON nor form-encoded`));
      }
      // GitHub reports token errors with HTTP 200.
      if (parsed['error'] !== undefined) {
        throw this.#errorFromBody(body, status, grantParams, client) ??
          new InternalOAuthError(failureMessage, new UnexpectedBodyError(`${where} answered ${status} with an unreadable error`));
      }
      return parsed;
    }
    this.#throwForStatus(response, url, failureMessage, grantParams, client);
  }

  /** One authenticated form POST; a transport failure becomes an `InternalOAuthError`. */
  async #post(url: string, grantParams: GrantParams, failureMessage: string, client: TokenRequestClient = this.#options): Promise<HttpResponse> {
    const headers: Record<string, string> = {
      ...client.customHeaders,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    const authParams: Record<string, string> = {};
    const method = this.#authenticationFor(client);
    const credentials = { ...this.#options, clientID: client.clientID, clientSecret: client.clientSecret };
    const assertion = usesClientAssertion(method) ? await createClientAssertion(method, credentials, client.tokenURL) : undefined;
    authenticateClient(method, credentials, headers, authParams, assertion);
    try {
      return await this.#http.request({ method: 'POST', url, headers, body: formBody({ ...grantParams, ...authParams }) });
    } catch (err) {
      throw new InternalOAuthError(failureMessage, err);
    }
  }

  /** A non-2xx answer: the provider's OAuth error when a 4xx body is one, otherwise what happened. */
  #throwForStatus({ status, body }: HttpResponse, url: string, failureMessage: string, sent: GrantParams, client: TokenRequestClient = this.#options): never {
    // The body is kept for callers that read node-oauth's `err.data`, redacted as an OAuth error's is.
    const unexpected = new UnexpectedStatusError(`${describeTarget('POST', url)} answered ${status}`, status, redact(body, this.#secretsOf(sent, client)));
    if (status >= 400) {
      const error = this.#errorFromBody(body, status, sent, client);
      if (error) throw error;
    }
    throw new InternalOAuthError(failureMessage, unexpected);
  }

  // Providers echo the code, verifier or secret they refuse; errors must not carry them.
  #secretsOf(sent: GrantParams, client: TokenRequestClient): (string | undefined)[] {
    return [...secretValues(sent), this.#options.clientSecret, client.clientSecret];
  }

  #endpoint(name: 'revocationURL' | 'introspectionURL'): string {
    const url = this.#options[name];
    if (!url) throw new TypeError(`TokenClient has no ${name}: pass it in the options`);
    return url;
  }

  #errorFromBody(body: string, status: number, sent: GrantParams, client: TokenRequestClient): Error | null {
    const parse = this.#options.parseErrorResponse ?? parseOAuthErrorBody;
    const redacted = redact(body, this.#secretsOf(sent, client));
    let error: Error | null;
    try {
      error = parse(redacted, status);
    } catch {
      // passport-oauth2's hook JSON.parses and throws on an HTML error page: not an OAuth error.
      return null;
    }
    // node-oauth's error fields, for callers of `_oauth2.getOAuthAccessToken` that read them;
    // not enumerable, so logging the error does not print the body.
    if (error && !('statusCode' in error)) {
      Object.defineProperty(error, 'statusCode', { value: status, enumerable: false, configurable: true, writable: true });
      Object.defineProperty(error, 'data', { value: redacted, enumerable: false, configurable: true, writable: true });
    }
    return error;
  }
}

function contentTypeOf(response: HttpResponse): string | undefined {
  const contentType = response.headers['content-type'];
  return Array.isArray(contentType) ? contentType[0] : contentType;
}
