import { TokenError } from './errors.js';
import { formatScope, setOptional, withExtraParams, type GrantParams } from './lib/grant-params.js';
import { readTokenResponse, type TokenResponse } from './token-response.js';

/** The token type URIs of RFC 8693 §3. */
export const TOKEN_TYPES = {
  /** An OAuth 2.0 access token. */
  accessToken: 'urn:ietf:params:oauth:token-type:access_token',
  /** An OAuth 2.0 refresh token. */
  refreshToken: 'urn:ietf:params:oauth:token-type:refresh_token',
  /** An OpenID Connect ID token. */
  idToken: 'urn:ietf:params:oauth:token-type:id_token',
  /** Any JWT. */
  jwt: 'urn:ietf:params:oauth:token-type:jwt',
  /** A base64url-encoded SAML 1.1 assertion. */
  saml1: 'urn:ietf:params:oauth:token-type:saml1',
  /** A base64url-encoded SAML 2.0 assertion. */
  saml2: 'urn:ietf:params:oauth:token-type:saml2',
} as const;

/**
 * A token exchange request (RFC 8693 §2.1): trade the token a service received for one it may
 * use downstream (impersonation), or one that also names the service as actor (delegation).
 */
export interface TokenExchangeGrant {
  /** The token that represents the party on whose behalf the request is made. */
  subjectToken: string;
  /** Its type, e.g. `TOKEN_TYPES.accessToken`. */
  subjectTokenType: string;
  /** Delegation: the token of the acting party. */
  actorToken?: string | undefined;
  /** Required with `actorToken`. */
  actorTokenType?: string | undefined;
  /** The type of token wanted back. */
  requestedTokenType?: string | undefined;
  /** Logical name(s) of the target service. */
  audience?: string | readonly string[] | undefined;
  /** Absolute URI(s) of the target service. */
  resource?: string | readonly string[] | undefined;
  /** Scopes to request for the new token; an array is joined with spaces. */
  scope?: string | readonly string[] | undefined;
  /** Further form parameters. */
  params?: Record<string, string> | undefined;
}

/**
 * A token exchange response (RFC 8693 §2.2.1). The issued token is in `accessToken` whatever its
 * type (the RFC names the field `access_token` for historical reasons); `tokenType` is `N_A`
 * when it is not an access token.
 */
export interface TokenExchangeResponse extends TokenResponse {
  /** The type of the issued token, e.g. `TOKEN_TYPES.accessToken`. */
  issuedTokenType: string;
}

/** The form parameters of a token exchange request. */
export function tokenExchangeParams(grant: TokenExchangeGrant): GrantParams {
  if (typeof grant?.subjectToken !== 'string' || grant.subjectToken === '') throw new TypeError('token exchange requires a subjectToken');
  if (typeof grant.subjectTokenType !== 'string' || grant.subjectTokenType === '') throw new TypeError('token exchange requires a subjectTokenType');
  if ((grant.actorToken === undefined) !== (grant.actorTokenType === undefined)) {
    // RFC 8693 §2.1: actor_token_type is REQUIRED with actor_token and MUST NOT be sent without it.
    throw new TypeError('token exchange requires actorToken and actorTokenType together');
  }
  const params = withExtraParams(grant.params, {
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token: grant.subjectToken,
    subject_token_type: grant.subjectTokenType,
  });
  setOptional(params, 'actor_token', grant.actorToken);
  setOptional(params, 'actor_token_type', grant.actorTokenType);
  setOptional(params, 'requested_token_type', grant.requestedTokenType);
  setOptional(params, 'audience', grant.audience);
  setOptional(params, 'resource', grant.resource);
  setOptional(params, 'scope', grant.scope === undefined ? undefined : formatScope(grant.scope));
  return params;
}

/** Checks a token exchange response field by field. */
export function readTokenExchangeResponse(params: Record<string, unknown>): TokenExchangeResponse {
  const issuedTokenType = params['issued_token_type'];
  if (typeof issuedTokenType !== 'string' || issuedTokenType === '') {
    throw new TokenError('Token exchange response has no issued_token_type', 'invalid_token_response');
  }
  const tokenType = params['token_type'];
  if (typeof tokenType !== 'string' || tokenType === '') {
    throw new TokenError('Token exchange response has no token_type', 'invalid_token_response');
  }
  // §2.2.1: "N_A" when the issued token is not an access token; it is then not a Bearer token.
  const notApplicable = tokenType.toUpperCase() === 'N_A';
  const checked = readTokenResponse(notApplicable ? { ...params, token_type: undefined } : params);
  return { ...checked, tokenType, params, issuedTokenType };
}
