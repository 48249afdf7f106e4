import { percentEncode } from './percent-encode.js';

/** What leg 2's redirect carries besides the endpoint. */
export interface AuthorizationRedirect {
  /** The request token leg 1 obtained. */
  requestToken: string;
  /** The resolved callback URL, if any. */
  callbackURL: string | undefined;
  /** Whether the provider confirmed the callback at leg 1 (see `isCallbackConfirmed`). */
  callbackConfirmed: boolean;
  /** The `userAuthorizationParams` hook's parameters (`force_login`, `screen_name`, …). */
  extraParams: Record<string, unknown> | null | undefined;
}

/**
 * Leg 2 (RFC 5849 §2.2): the user-authorization URL to redirect the user to, with
 * `oauth_token`, the callback for an OAuth 1.0 provider that did not confirm one, and the hook's
 * parameters (`null` or `undefined` ones left out). The endpoint's own query is kept.
 *
 * @example
 * ```ts
 * userAuthorizationRedirectURL('https://provider.example/authorize', {
 *   requestToken: 'hh5s93j4hdidpola', callbackURL: undefined, callbackConfirmed: true, extraParams: {},
 * }); // 'https://provider.example/authorize?oauth_token=hh5s93j4hdidpola'
 * ```
 */
export function userAuthorizationRedirectURL(userAuthorizationURL: string, redirect: AuthorizationRedirect): string {
  const query: [string, string][] = [['oauth_token', redirect.requestToken]];
  if (!redirect.callbackConfirmed && redirect.callbackURL) query.push(['oauth_callback', redirect.callbackURL]);
  for (const [name, value] of Object.entries(redirect.extraParams ?? {})) {
    if (value !== undefined && value !== null) query.push([name, String(value)]);
  }
  return appendQuery(userAuthorizationURL, query);
}

function appendQuery(url: string, pairs: readonly (readonly [string, string])[]): string {
  const hash = url.indexOf('#');
  const base = hash < 0 ? url : url.slice(0, hash);
  const query = pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
  const separator = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${separator}${query}`;
}
