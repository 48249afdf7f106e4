import { UnexpectedBodyError, describeTarget } from '@passport-kit/core';
import type { OAuthTokenCallback } from './node-oauth.js';
import type { TokenParams } from './verify.js';

/** Credentials the provider issued at leg 1 (temporary) or leg 3 (token credentials). */
export interface CredentialsResponse {
  /** `oauth_token`. */
  token: string;
  /** `oauth_token_secret`. */
  tokenSecret: string;
  /** Every parameter of the response, a repeated one reduced to its first value. */
  params: TokenParams;
}

/**
 * Runs one of node-oauth's token calls (`getOAuthRequestToken`, `getOAuthAccessToken`, which a
 * subclass may have wrapped) and checks its answer: a token and a secret, as RFC 5849 §2.1 and
 * §2.3 require. A call that answers twice is heard once; one that throws rejects.
 *
 * @example
 * ```ts
 * const credentials = await receiveCredentials(url, (done) => oauth.getOAuthRequestToken(params, done));
 * ```
 */
export function receiveCredentials(url: string, call: (done: OAuthTokenCallback) => void): Promise<CredentialsResponse> {
  return new Promise<CredentialsResponse>((resolve, reject) => {
    let settled = false;
    const done = (err: unknown, token?: string, tokenSecret?: string, results?: Record<string, unknown>) => {
      if (settled) return;
      settled = true;
      if (err) return reject(err);
      if (typeof token !== 'string' || token === '' || typeof tokenSecret !== 'string' || tokenSecret === '') {
        return reject(new UnexpectedBodyError(`${describeTarget('POST', url)} did not return oauth_token and oauth_token_secret`));
      }
      resolve({ token, tokenSecret, params: firstValues(results) });
    };
    try {
      call(done);
    } catch (err) {
      done(err ?? new Error('OAuth token call threw'));
    }
  });
}

/** Token-response parameters, a repeated one reduced to its first value. */
function firstValues(results: Record<string, unknown> | undefined): TokenParams {
  const params: TokenParams = {};
  for (const [name, value] of Object.entries(results ?? {})) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== null) params[name] = String(first);
  }
  return params;
}
