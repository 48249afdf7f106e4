import { TokenError } from './errors.js';
import type { OAuth2Compat } from './oauth2-compat.js';
import type { TakenLogin } from './pending-login.js';
import type { TokenResponse } from './token-response.js';

const MAX_ERROR_DESCRIPTION = 500;
const MAX_ERROR_CODE = 100;

/**
 * The access token request's parameters (RFC 6749 §4.1.3) for a pending login: the
 * `tokenParams` hook's, `grant_type`, the `redirect_uri` the authorization request sent, and
 * the PKCE `code_verifier` the store kept (RFC 7636 §4.5).
 *
 * @example
 * ```ts
 * const params = authorizationCodeTokenParams(this.tokenParams(options), taken, meta.callbackURL);
 * ```
 */
export function authorizationCodeTokenParams(
  tokenParams: Record<string, unknown>,
  taken: Pick<TakenLogin, 'ok' | 'redirectURI'>,
  callbackURL: string | undefined,
): Record<string, unknown> {
  const params: Record<string, unknown> = { ...tokenParams, grant_type: 'authorization_code' };
  const redirectURI = sentRedirectURI(taken.redirectURI, callbackURL);
  if (redirectURI) params['redirect_uri'] = redirectURI;
  if (typeof taken.ok === 'string') params['code_verifier'] = taken.ok;
  return params;
}

/**
 * Makes the token request: passport-oauth2's code exchange, through `_oauth2.getOAuthAccessToken`,
 * so a subclass that replaced or wrapped it (passport-apple signs its client secret there) is
 * used. A failed call ends in `toError` (the strategy's `_createOAuthError`), told which
 * secrets to redact.
 */
export function exchangeAuthorizationCode(
  oauth2: OAuth2Compat,
  code: string,
  params: Record<string, unknown>,
  toError: (err: unknown, secrets: readonly (string | undefined)[]) => Error,
): Promise<TokenResponse> {
  return new Promise((resolve, reject) => {
    const secrets = [code, typeof params['code_verifier'] === 'string' ? params['code_verifier'] : undefined, oauth2._clientSecret];
    oauth2.getOAuthAccessToken(code, params, (err, accessToken, refreshToken, results) => {
      if (err) return reject(toError(err, secrets));
      try {
        resolve(tokenResponseFrom(accessToken, refreshToken, results ?? {}));
      } catch (failure) {
        reject(failure);
      }
    });
  });
}

/**
 * The token response as `getOAuthAccessToken` reported it. node-oauth leaves an OAuth error that
 * came with a 2xx (GitHub's way) in `results`; without an access token that is the error.
 */
export function tokenResponseFrom(accessToken: string | undefined, refreshToken: string | undefined, results: Record<string, unknown>): TokenResponse {
  // Any truthy token, as passport-oauth2 checks: passport-forcedotcom hands on an object whose
  // toString() is the token, and its verify expects that object.
  if (!accessToken) {
    const code = results['error'];
    if (typeof code === 'string' && code !== '') {
      const description = results['error_description'];
      const uri = results['error_uri'];
      throw new TokenError(
        typeof description === 'string' ? description.slice(0, MAX_ERROR_DESCRIPTION) : undefined,
        code.slice(0, MAX_ERROR_CODE),
        typeof uri === 'string' ? uri : undefined,
      );
    }
    throw new TokenError('Token response has no access_token', 'invalid_token_response');
  }
  const text = (name: string): string | undefined => (typeof results[name] === 'string' ? (results[name] as string) : undefined);
  const expiresIn = Number(results['expires_in']);
  return {
    accessToken,
    refreshToken: refreshToken || undefined,
    tokenType: text('token_type'),
    expiresIn: results['expires_in'] !== undefined && Number.isFinite(expiresIn) ? expiresIn : undefined,
    scope: text('scope'),
    params: results,
  };
}

/**
 * RFC 6749 §4.1.3: the token request repeats exactly the redirect_uri of the authorization
 * request (`null`: none was sent), as the store kept it. A store that keeps none (passport-oauth2's
 * arities) leaves `undefined`: the callback's own resolution is sent, as passport-oauth2 does.
 */
function sentRedirectURI(kept: unknown, resolvedNow: string | undefined): string | undefined {
  if (kept === null) return undefined;
  return typeof kept === 'string' ? kept : resolvedNow;
}
