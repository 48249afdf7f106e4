/** What the example app keeps in the session after a login: the profile and token metadata, never a token. */
export interface SessionUser {
  provider: string;
  id: string;
  displayName: string;
  email?: string;
  photo?: string;
  token: TokenMetadata;
}

export interface TokenMetadata {
  type: string;
  /** ISO time the access token expires, when the provider said. */
  expiresAt?: string;
  scope?: string;
  refreshToken: boolean;
  idToken: boolean;
}

/** Reads the token response's metadata; the token values themselves are dropped here. */
export function tokenMetadata(params: Record<string, unknown>, refreshToken: string | undefined): TokenMetadata {
  const expiresIn = Number(params['expires_in']);
  const metadata: TokenMetadata = {
    type: typeof params['token_type'] === 'string' ? params['token_type'] : 'unknown',
    refreshToken: refreshToken !== undefined,
    idToken: typeof params['id_token'] === 'string',
  };
  if (Number.isFinite(expiresIn) && expiresIn > 0) metadata.expiresAt = new Date(Date.now() + expiresIn * 1000).toISOString();
  if (typeof params['scope'] === 'string') metadata.scope = params['scope'];
  return metadata;
}
