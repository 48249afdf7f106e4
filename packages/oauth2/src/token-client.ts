import { HttpClient, UnexpectedBodyError, UnexpectedStatusError, describeTarget } from '@passport-kit/core';
import { authenticateClient, type ClientAuthenticationMethod } from './client-authentication.js';
import { InternalOAuthError } from './errors.js';
import { parseOAuthErrorBody } from './parse-error-response.js';
import { parseTokenBody, readTokenResponse, type TokenResponse } from './token-response.js';

export interface TokenClientOptions {
  tokenURL: string;
  clientID: string;
  clientSecret?: string | undefined;
  /** Default: `client_secret_post` with a secret, `none` without. */
  clientAuthentication?: ClientAuthenticationMethod | undefined;
  /** Extra headers sent with every token request. */
  customHeaders?: Record<string, string> | undefined;
  /** The transport; shared with the strategy that owns this client. */
  http: HttpClient;
  /**
   * Turns an error body into an error (`null`: not an OAuth error body). Defaults to reading
   * RFC 6749 §5.2 JSON or form bodies; strategies pass their `parseErrorResponse` hook here.
   */
  parseErrorResponse?: ((body: string, status: number) => Error | null) | undefined;
}

/** Parameters of the authorization code grant (RFC 6749 §4.1.3; RFC 7636 §4.5). */
export interface AuthorizationCodeGrant {
  code: string;
  redirectURI?: string | undefined;
  codeVerifier?: string | undefined;
  /** Further parameters, e.g. from the strategy's `tokenParams` hook. */
  params?: Record<string, string> | undefined;
}

/**
 * Talks to a token endpoint with the client's authentication: one POST per call, never
 * retried (an authorization code is single-use).
 */
export class TokenClient {
  readonly #options: TokenClientOptions;
  readonly #authentication: ClientAuthenticationMethod;

  constructor(options: TokenClientOptions) {
    this.#options = options;
    this.#authentication = options.clientAuthentication ?? (options.clientSecret ? 'client_secret_post' : 'none');
  }

  /** The client authentication method in use. */
  get clientAuthentication(): ClientAuthenticationMethod {
    return this.#authentication;
  }

  /** Exchanges an authorization code for tokens (RFC 6749 §4.1.3). */
  exchangeAuthorizationCode(grant: AuthorizationCodeGrant): Promise<TokenResponse> {
    const params: Record<string, string> = { ...grant.params, grant_type: 'authorization_code', code: grant.code };
    if (grant.redirectURI) params['redirect_uri'] = grant.redirectURI;
    if (grant.codeVerifier) params['code_verifier'] = grant.codeVerifier;
    return this.requestToken(params, 'Failed to obtain access token');
  }

  /**
   * Sends any grant to the token endpoint and checks the answer: a `TokenError` for an OAuth
   * error body (whatever the status: GitHub answers errors with 200), an `InternalOAuthError`
   * whose cause says what else went wrong (timeout, a 3xx, a 5xx page, a body that is not a
   * token response).
   */
  async requestToken(grantParams: Record<string, string>, failureMessage: string): Promise<TokenResponse> {
    const { tokenURL, customHeaders, http } = this.#options;
    const headers: Record<string, string> = {
      ...customHeaders,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    const params = { ...grantParams };
    authenticateClient(this.#authentication, this.#options, headers, params);

    let response;
    try {
      response = await http.request({ method: 'POST', url: tokenURL, headers, body: new URLSearchParams(params).toString() });
    } catch (err) {
      throw new InternalOAuthError(failureMessage, err);
    }

    const { status, body } = response;
    const where = describeTarget('POST', tokenURL);
    if (status >= 200 && status < 300) {
      const contentType = response.headers['content-type'];
      const parsed = parseTokenBody(body, Array.isArray(contentType) ? contentType[0] : contentType);
      if (!parsed) {
        throw new InternalOAuthError(failureMessage, new UnexpectedBodyError(`${where} answered ${status} with a body that is neither JSON nor form-encoded`));
      }
      // GitHub reports token errors with HTTP 200.
      if (parsed['error'] !== undefined) {
        throw this.#errorFromBody(body, status) ??
          new InternalOAuthError(failureMessage, new UnexpectedBodyError(`${where} answered ${status} with an unreadable error`));
      }
      return readTokenResponse(parsed);
    }
    const unexpected = new UnexpectedStatusError(`${where} answered ${status}`, status, body);
    if (status >= 400) {
      const error = this.#errorFromBody(body, status);
      if (error) throw error;
    }
    throw new InternalOAuthError(failureMessage, unexpected);
  }

  #errorFromBody(body: string, status: number): Error | null {
    const parse = this.#options.parseErrorResponse ?? parseOAuthErrorBody;
    try {
      return parse(body, status);
    } catch {
      // passport-oauth2's hook JSON.parses and throws on an HTML error page: not an OAuth error.
      return null;
    }
  }
}
