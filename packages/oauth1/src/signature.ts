import { createHmac, createSign, createVerify, timingSafeEqual, type KeyLike } from 'node:crypto';
import { percentDecode, percentEncode } from './percent-encode.js';

/** The signature methods RFC 5849 §3.4 defines, plus HMAC-SHA256 (widely deployed). */
export type SignatureMethod = 'HMAC-SHA1' | 'HMAC-SHA256' | 'PLAINTEXT' | 'RSA-SHA1';

/** The signature methods this package can compute. */
export const SIGNATURE_METHODS: readonly SignatureMethod[] = ['HMAC-SHA1', 'HMAC-SHA256', 'PLAINTEXT', 'RSA-SHA1'];

/** One request parameter; a list of these keeps duplicates and order (RFC 5849 §3.4.1.3.1). */
export type Parameter = readonly [name: string, value: string];

/** Parameters as pairs, or as a record whose array values are repeated parameters. */
export type Parameters = Iterable<Parameter> | Readonly<Record<string, string | readonly string[] | undefined>>;

/** What is needed to sign: the secrets of the client and, after leg 1, of the token. */
export interface SigningKey {
  /** The client (consumer) shared secret; may be empty. Not used by RSA-SHA1. */
  consumerSecret: string;
  /** The request token's or access token's secret; empty (or absent) before one exists. */
  tokenSecret?: string | undefined;
  /** PEM or `KeyObject` RSA private key; required for RSA-SHA1. */
  privateKey?: KeyLike | undefined;
}

/** Inputs of {@link signRequest}. */
export interface SignRequestInput extends SigningKey {
  /** HTTP method, any case (`POST`). */
  method: string;
  /** The full request URL; its query parameters are signed. */
  url: string;
  /**
   * Other signed parameters: the `application/x-www-form-urlencoded` body of the request
   * (RFC 5849 §3.4.1.3.1) and any extra `oauth_*` protocol parameters (`oauth_callback`,
   * `oauth_verifier`).
   */
  parameters?: Parameters | undefined;
  /** The client's consumer key (`oauth_consumer_key`). */
  consumerKey: string;
  /** `oauth_token`: the request or access token, absent when asking for a request token. */
  token?: string | undefined;
  /** `HMAC-SHA1`, `HMAC-SHA256`, `RSA-SHA1` or `PLAINTEXT`. */
  signatureMethod: SignatureMethod;
  /** A value unique to this timestamp; use a CSPRNG. */
  nonce: string;
  /** Seconds since the epoch, as a string or number. */
  timestamp: string | number;
  /** Include `oauth_version="1.0"` (optional per RFC 5849 §3.1; most providers send it). */
  version?: '1.0' | undefined;
}

/** The result of {@link signRequest}. */
export interface SignedRequest {
  /** Every `oauth_*` protocol parameter, `oauth_signature` last: put them in the Authorization header. */
  oauthParameters: Parameter[];
  /** The `oauth_signature` value (not yet percent-encoded). */
  signature: string;
  /** The signature base string that was signed (RFC 5849 §3.4.1), for debugging. */
  baseString: string;
}

/**
 * Signs one OAuth 1.0 request (RFC 5849 §3.4). Pure apart from the clock-free inputs you pass:
 * the same input always gives the same signature (RSA-SHA1 included, PKCS#1 v1.5 is deterministic).
 *
 * @example
 * ```ts
 * // RFC 5849 §1.2, the temporary-credentials request
 * const { signature } = signRequest({
 *   method: 'POST',
 *   url: 'https://photos.example.net/initiate',
 *   parameters: { oauth_callback: 'http://printer.example.com/ready' },
 *   consumerKey: 'dpf43f3p2l4k3l03',
 *   consumerSecret: 'kd94hf93k423kf44',
 *   signatureMethod: 'HMAC-SHA1',
 *   timestamp: 137131200,
 *   nonce: 'wIjqoS',
 * });
 * signature; // '74KNZJeDHnMBp0EMJ9ZHt/XKycU='
 * ```
 */
export function signRequest(input: SignRequestInput): SignedRequest {
  const oauthParameters: Parameter[] = [
    ['oauth_consumer_key', input.consumerKey],
    ['oauth_nonce', input.nonce],
    ['oauth_signature_method', input.signatureMethod],
    ['oauth_timestamp', String(input.timestamp)],
  ];
  if (input.token !== undefined) oauthParameters.push(['oauth_token', input.token]);
  if (input.version !== undefined) oauthParameters.push(['oauth_version', input.version]);
  const other: Parameter[] = [];
  for (const pair of parameterPairs(input.parameters)) {
    if (pair[0] === 'oauth_signature') continue;
    (pair[0].startsWith('oauth_') ? oauthParameters : other).push(pair);
  }
  const baseString = signatureBaseString(input.method, input.url, [...other, ...oauthParameters]);
  const signature = computeSignature(input.signatureMethod, baseString, input);
  return { oauthParameters: [...oauthParameters, ['oauth_signature', signature]], signature, baseString };
}

/**
 * The signature base string of RFC 5849 §3.4.1: `METHOD&encoded base URI&encoded normalized
 * parameters`, where the parameters are the URL's query plus `parameters` (body and `oauth_*`
 * parameters, without `oauth_signature`).
 *
 * @example
 * ```ts
 * signatureBaseString('GET', 'http://example.com/r?a=1', [['oauth_nonce', 'n']]);
 * // 'GET&http%3A%2F%2Fexample.com%2Fr&a%3D1%26oauth_nonce%3Dn'
 * ```
 */
export function signatureBaseString(method: string, url: string, parameters?: Parameters): string {
  const all = [...queryParameters(url), ...parameterPairs(parameters)].filter(([name]) => name !== 'oauth_signature');
  return [method.toUpperCase(), percentEncode(baseStringURI(url)), percentEncode(normalizeParameters(all))].join('&');
}

/**
 * The base string URI of RFC 5849 §3.4.1.2: scheme and host lowercased, the default port
 * dropped, no query or fragment.
 *
 * @example
 * ```ts
 * baseStringURI('HTTP://EXAMPLE.COM:80/r%20v/X?id=123'); // 'http://example.com/r%20v/X'
 * ```
 */
export function baseStringURI(url: string): string {
  // WHATWG URL lowercases scheme and host and drops the scheme's default port.
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

/**
 * RFC 5849 §3.4.1.3.2: encode every name and value, sort by encoded name then encoded value
 * (byte order), keep duplicates, join as `name=value` with `&`.
 */
export function normalizeParameters(parameters: Parameters): string {
  return parameterPairs(parameters)
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([an, av], [bn, bv]) => compare(an, bn) || compare(av, bv))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/**
 * Computes `oauth_signature` over a signature base string (RFC 5849 §3.4.2-3.4.4).
 * HMAC keys and PLAINTEXT are `encode(consumerSecret)&encode(tokenSecret)`.
 */
export function computeSignature(method: SignatureMethod, baseString: string, key: SigningKey): string {
  const secret = `${percentEncode(key.consumerSecret)}&${percentEncode(key.tokenSecret ?? '')}`;
  switch (method) {
    case 'HMAC-SHA1':
      return createHmac('sha1', secret).update(baseString).digest('base64');
    case 'HMAC-SHA256':
      return createHmac('sha256', secret).update(baseString).digest('base64');
    case 'PLAINTEXT':
      return secret;
    case 'RSA-SHA1':
      if (!key.privateKey) throw new TypeError('RSA-SHA1 signing requires a private key');
      return createSign('RSA-SHA1').update(baseString).sign(key.privateKey, 'base64');
    default:
      throw new TypeError(`Unsupported OAuth signature method: ${String(method)}`);
  }
}

/**
 * Checks a received `oauth_signature` in constant time; for RSA-SHA1 `key.publicKey` verifies.
 * Servers (and the test provider in `@passport-kit/testing`) use this.
 */
export function verifySignature(
  method: SignatureMethod,
  baseString: string,
  signature: string,
  key: Omit<SigningKey, 'privateKey'> & { publicKey?: KeyLike | undefined },
): boolean {
  if (method === 'RSA-SHA1') {
    if (!key.publicKey) return false;
    try {
      return createVerify('RSA-SHA1').update(baseString).verify(key.publicKey, signature, 'base64');
    } catch {
      return false;
    }
  }
  const expected = Buffer.from(computeSignature(method, baseString, key));
  const received = Buffer.from(signature);
  return expected.length === received.length && timingSafeEqual(expected, received);
}

/** Parses an `application/x-www-form-urlencoded` string into pairs, keeping duplicates and order. */
export function parseFormEncoded(text: string): Parameter[] {
  const pairs: Parameter[] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    const name = at < 0 ? part : part.slice(0, at);
    const value = at < 0 ? '' : part.slice(at + 1);
    pairs.push([safeDecode(name), safeDecode(value)]);
  }
  return pairs;
}

function queryParameters(url: string): Parameter[] {
  const at = url.indexOf('?');
  if (at < 0) return [];
  const hash = url.indexOf('#', at);
  return parseFormEncoded(url.slice(at + 1, hash < 0 ? undefined : hash));
}

/** Parameters as a list of pairs, duplicates and order kept. */
export function parameterPairs(parameters: Parameters | undefined): Parameter[] {
  if (!parameters) return [];
  if (Symbol.iterator in parameters) return [...(parameters as Iterable<Parameter>)];
  const pairs: Parameter[] = [];
  for (const [name, value] of Object.entries(parameters as Record<string, string | readonly string[] | undefined>)) {
    if (value === undefined) continue;
    if (typeof value === 'string') pairs.push([name, value]);
    else for (const item of value) pairs.push([name, item]);
  }
  return pairs;
}

function safeDecode(value: string): string {
  try {
    return percentDecode(value);
  } catch {
    // A malformed escape (`%zz`) is taken literally, as browsers and most servers do.
    return value;
  }
}

function compare(a: string, b: string): number {
  // Encoded strings are ASCII, so code-unit order is byte order.
  return a < b ? -1 : a > b ? 1 : 0;
}
