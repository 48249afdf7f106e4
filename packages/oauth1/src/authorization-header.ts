import { percentEncode } from './percent-encode.js';
import type { Parameter } from './signature.js';

/**
 * Builds the `Authorization: OAuth …` header value of RFC 5849 §3.5.1 from the protocol
 * parameters {@link signRequest} returns: each name and value percent-encoded, values quoted,
 * separated by `, `. An optional `realm` comes first and is not signed.
 *
 * @example
 * ```ts
 * authorizationHeader([['oauth_consumer_key', 'key'], ['oauth_signature', 'a+b=']]);
 * // 'OAuth oauth_consumer_key="key", oauth_signature="a%2Bb%3D"'
 * ```
 */
export function authorizationHeader(oauthParameters: Iterable<Parameter>, realm?: string): string {
  const parts: string[] = [];
  if (realm !== undefined) parts.push(`realm="${realm.replace(/["\\]/g, '\\$&')}"`);
  for (const [name, value] of oauthParameters) parts.push(`${percentEncode(name)}="${percentEncode(value)}"`);
  return `OAuth ${parts.join(', ')}`;
}
