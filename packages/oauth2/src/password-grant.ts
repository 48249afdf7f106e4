import { formatScope, setOptional, withExtraParams, type GrantParams } from './lib/grant-params.js';

/**
 * The resource owner password credentials grant (RFC 6749 §4.3).
 *
 * @deprecated in spirit, not in code: RFC 9700 §2.4 (OAuth 2.0 Security BCP) says it MUST NOT
 * be used. The app sees the user's password, and the grant cannot do multi-factor or federated
 * logins. It is here for legacy systems being migrated; use the authorization code flow for
 * anything new.
 */
export interface PasswordGrant {
  /** The resource owner's username. */
  username: string;
  /** The resource owner's password; never logged. */
  password: string;
  /** Scopes to request; an array is joined with spaces. */
  scope?: string | readonly string[] | undefined;
  /** Further form parameters. */
  params?: Record<string, string> | undefined;
}

/** The form parameters of a password grant request. */
export function passwordParams(grant: PasswordGrant): GrantParams {
  if (typeof grant?.username !== 'string' || typeof grant.password !== 'string') {
    throw new TypeError('password grant requires a username and a password');
  }
  const params = withExtraParams(grant.params, { grant_type: 'password', username: grant.username, password: grant.password });
  setOptional(params, 'scope', grant.scope === undefined ? undefined : formatScope(grant.scope));
  return params;
}
