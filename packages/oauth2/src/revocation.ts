import { setOptional, withExtraParams, type GrantParams } from './lib/grant-params.js';

/** Options of a revocation request (RFC 7009 §2.1). */
export interface RevocationOptions {
  /**
   * What the token is, to speed up the server's lookup: `access_token` or `refresh_token`
   * (RFC 7009 §2.1). The server searches all types when it is wrong.
   */
  tokenTypeHint?: 'access_token' | 'refresh_token' | (string & {}) | undefined;
  /** Further form parameters. */
  params?: Record<string, string> | undefined;
}

/** The form parameters of a revocation request. */
export function revocationParams(token: string, options: RevocationOptions = {}): GrantParams {
  if (typeof token !== 'string' || token === '') throw new TypeError('revoke requires a token');
  const params = withExtraParams(options.params, { token });
  setOptional(params, 'token_type_hint', options.tokenTypeHint);
  return params;
}
