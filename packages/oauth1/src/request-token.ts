import type { OAuth, OAuthParameters } from './node-oauth.js';
import { receiveCredentials, type CredentialsResponse } from './credentials-response.js';
import type { TokenParams } from './verify.js';

/**
 * Leg 1's parameters (RFC 5849 §2.1): the `requestTokenParams` hook's and `oauth_callback`,
 * `oob` when there is no callback to send the user to.
 *
 * @example
 * ```ts
 * requestTokenCallParams({ scope: 'read' }, undefined); // { scope: 'read', oauth_callback: 'oob' }
 * ```
 */
export function requestTokenCallParams(hookParams: Record<string, string>, callbackURL: string | undefined): OAuthParameters {
  return { ...hookParams, oauth_callback: callbackURL ?? 'oob' };
}

/**
 * Leg 1: obtains temporary credentials through `oauth.getOAuthRequestToken`, so a subclass that
 * wrapped it is used. Rejects with node-oauth's error or an `UnexpectedBodyError`.
 */
export function obtainRequestToken(oauth: OAuth, params: OAuthParameters): Promise<CredentialsResponse> {
  return receiveCredentials(oauth._requestUrl, (done) => oauth.getOAuthRequestToken(params, done));
}

/**
 * RFC 5849 §2.1: a 1.0a provider confirms it took the callback (`oauth_callback_confirmed=true`).
 * One that does not is OAuth 1.0 and takes the callback from the redirect instead, where an
 * attacker can rewrite it: the strategy refuses it unless `allowOAuth10` is set.
 */
export function isCallbackConfirmed(params: TokenParams): boolean {
  return params.oauth_callback_confirmed === 'true';
}
