import { formatScope, setOptional, withExtraParams, type GrantParams } from './lib/grant-params.js';

/** The client credentials grant (RFC 6749 §4.4): the client acts on its own behalf. */
export interface ClientCredentialsGrant {
  /** Scopes to request; an array is joined with spaces. */
  scope?: string | readonly string[] | undefined;
  /**
   * The API the token is for, as a logical name: `audience` is what Auth0, Okta and other
   * providers read. Repeated when an array.
   */
  audience?: string | readonly string[] | undefined;
  /** The API the token is for, as an absolute URI (RFC 8707 resource indicators). Repeated when an array. */
  resource?: string | readonly string[] | undefined;
  /** Further form parameters. */
  params?: Record<string, string> | undefined;
}

/** The form parameters of a client credentials request. */
export function clientCredentialsParams(grant: ClientCredentialsGrant = {}): GrantParams {
  const params = withExtraParams(grant.params, { grant_type: 'client_credentials' });
  setOptional(params, 'scope', grant.scope === undefined ? undefined : formatScope(grant.scope));
  setOptional(params, 'audience', grant.audience);
  setOptional(params, 'resource', grant.resource);
  return params;
}
