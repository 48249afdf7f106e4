import type { KeyLike } from 'node:crypto';
import { randomToken, type HttpRequest } from '@passport-kit/core';
import { authorizationHeader } from '../authorization-header.js';
import { percentEncode } from '../percent-encode.js';
import { parameterPairs, signRequest, type Parameter, type Parameters, type SignatureMethod } from '../signature.js';

/** The client side of every signed call. */
export interface ClientCredentials {
  consumerKey: string;
  consumerSecret: string;
  signatureMethod: SignatureMethod;
  privateKey?: KeyLike | undefined;
  headers: Record<string, string>;
}

/** One signed call to a provider (see `OAuth1Strategy.signedRequest`). */
export interface SignedRequestOptions {
  /** HTTP method; default `POST`. */
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

/** Builds the HTTP request: a fresh nonce (CSPRNG) and timestamp, the signature, the header. */
export function buildSignedRequest(client: ClientCredentials, options: SignedRequestOptions): HttpRequest {
  const method = options.method ?? 'GET';
  const oauth: Parameter[] = [];
  const other: Parameter[] = [];
  for (const pair of parameterPairs(options.parameters)) (pair[0].startsWith('oauth_') ? oauth : other).push(pair);

  let url = options.url;
  const form = other.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
  if (method === 'GET' && form) url += `${url.includes('?') ? '&' : '?'}${form}`;

  const signed = signRequest({
    method,
    url,
    parameters: method === 'POST' ? [...other, ...oauth] : oauth,
    consumerKey: client.consumerKey,
    consumerSecret: client.consumerSecret,
    privateKey: client.privateKey,
    token: options.token,
    tokenSecret: options.tokenSecret,
    signatureMethod: client.signatureMethod,
    nonce: randomToken(16),
    timestamp: Math.floor(Date.now() / 1000),
    version: '1.0',
  });
  const headers: Record<string, string> = {
    accept: '*/*',
    ...client.headers,
    ...options.headers,
    authorization: authorizationHeader(signed.oauthParameters),
  };
  if (method === 'GET') return { method, url, headers };
  headers['content-type'] = 'application/x-www-form-urlencoded';
  return { method, url, headers, body: form };
}
