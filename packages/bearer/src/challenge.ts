/** The RFC 6750 §3.1 error codes. */
export type BearerErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/** What a `WWW-Authenticate: Bearer` challenge says (RFC 6750 §3). */
export interface BearerChallenge {
  /** The protection space. */
  realm: string;
  /** `invalid_request`, `invalid_token` or `insufficient_scope`. */
  error?: BearerErrorCode | undefined;
  /** A human-readable `error_description`. */
  description?: string | undefined;
  /** The scopes needed (with `insufficient_scope`). */
  scope?: readonly string[] | undefined;
}

/** The HTTP status RFC 6750 §3.1 gives each error code. */
export const BEARER_ERROR_STATUS: Record<BearerErrorCode, number> = {
  invalid_request: 400,
  invalid_token: 401,
  insufficient_scope: 403,
};

/**
 * A `WWW-Authenticate` value (RFC 6750 §3): `Bearer realm="api", error="invalid_token",
 * error_description="The access token expired"`. Without an error it is only the realm: a
 * request without a token is told how to authenticate, not that it did something wrong (§3.1).
 */
export function bearerChallenge({ realm, error, description, scope }: BearerChallenge): string {
  const params = [`realm="${quotable(realm)}"`];
  if (error) {
    params.push(`error="${error}"`);
    if (description) params.push(`error_description="${quotable(description)}"`);
    if (scope && scope.length > 0) params.push(`scope="${quotable(scope.join(' '))}"`);
  }
  return `Bearer ${params.join(', ')}`;
}

// §3: error_description and scope use %x20-21 / %x23-5B / %x5D-7E: no quote, no backslash, ASCII only.
function quotable(text: string): string {
  return text.replace(/[^\x20-\x7e]|["\\]/g, '').slice(0, 200);
}
