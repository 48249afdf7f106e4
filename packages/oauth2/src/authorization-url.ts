import { parse, stringify } from 'node:querystring';

/**
 * The URL the user is sent to (RFC 6749 §4.1.1): the configured authorization endpoint with
 * the request parameters merged into any query it already has, and `client_id` set last so a
 * parameter hook cannot replace it. Undefined and null values are left out; an array repeats
 * its parameter.
 *
 * The query is written as passport-oauth2 writes it (`url.format` over `querystring`): a space
 * is `%20`, never `+`, since some providers read `scope=a+b` as one scope named `a+b`.
 */
export function buildAuthorizationURL(
  authorizationURL: string,
  clientID: string,
  params: Record<string, unknown>,
): string {
  const url = new URL(authorizationURL);
  const query = new Map<string, unknown>(Object.entries(parse(url.search.slice(1))));
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    query.set(name, value);
  }
  query.delete('client_id');
  query.set('client_id', clientID);

  const hash = url.hash;
  url.search = '';
  url.hash = '';
  // One stringify per parameter keeps the Map's order (an object would put numeric names first).
  const search = [...query].map(([name, value]) => stringify({ [name]: value as string })).filter((pair) => pair !== '').join('&');
  return `${url.href}?${search}${hash}`;
}
