import type { ParamValue } from '@passport-kit/core';
import { receiveCredentials, type CredentialsResponse } from './credentials-response.js';
import type { OAuth } from './node-oauth.js';

/**
 * RFC 5849 §2.2: a 1.0a provider always sends `oauth_verifier`. A callback without one is an
 * OAuth 1.0 provider or someone completing a login they did not approve, so it is refused
 * unless `allowOAuth10` is set.
 */
export function isVerifierMissing(verifier: ParamValue, allowOAuth10: boolean): boolean {
  return verifier.kind !== 'value' && !allowOAuth10;
}

/**
 * Leg 3 (RFC 5849 §2.3): exchanges the request token and its secret, with the verifier (`null`:
 * none, for an OAuth 1.0 provider), for token credentials through `oauth.getOAuthAccessToken`,
 * so a subclass that wrapped it is used. Rejects with node-oauth's error or an `UnexpectedBodyError`.
 *
 * @example
 * ```ts
 * const access = await obtainAccessToken(this._oauth, requestToken, tokenSecret, verifier);
 * ```
 */
export function obtainAccessToken(oauth: OAuth, requestToken: string, tokenSecret: string, verifier: string | null): Promise<CredentialsResponse> {
  return receiveCredentials(oauth._accessUrl, (done) => oauth.getOAuthAccessToken(requestToken, tokenSecret, verifier, done));
}
