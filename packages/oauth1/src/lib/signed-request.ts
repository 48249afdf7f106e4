import type { OAuthParameters, SecureRequest } from '../node-oauth.js';
import { percentEncode } from '../percent-encode.js';
import { parameterPairs, type Parameters } from '../signature.js';

/** One signed call to a provider (see `OAuth1Strategy.signedRequest`). */
export interface SignedRequestOptions {
  /** HTTP method; default `GET`. */
  method?: 'GET' | 'POST' | undefined;
  /** The endpoint or resource URL; its query parameters are signed. */
  url: string;
  /** The request or access token, and its secret. */
  token?: string | undefined;
  /** The token's secret, half of the signing key. */
  tokenSecret?: string | undefined;
  /**
   * Parameters to send and sign: `oauth_*` ones go in the Authorization header, the others in
   * the form body of a POST or the query of a GET.
   */
  parameters?: Parameters | undefined;
  /** Extra request headers (after the strategy's `customHeaders`). */
  headers?: Record<string, string> | undefined;
}

/** The call as `OAuth#send` takes it: a GET's parameters moved into the URL's query. */
export function secureRequest(options: SignedRequestOptions): SecureRequest {
  const method = options.method ?? 'GET';
  const extraParams: Record<string, string[]> = {};
  const query: string[] = [];
  for (const [name, value] of parameterPairs(options.parameters)) {
    if (method === 'GET' && !name.startsWith('oauth_')) query.push(`${percentEncode(name)}=${percentEncode(value)}`);
    else (extraParams[name] ??= []).push(value);
  }
  const url = query.length === 0 ? options.url : `${options.url}${options.url.includes('?') ? '&' : '?'}${query.join('&')}`;
  return {
    method,
    url,
    token: options.token,
    tokenSecret: options.tokenSecret,
    extraParams: extraParams as OAuthParameters,
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  };
}
