import type { Profile } from '@passport-kit/core';

/**
 * What the example app keeps in the session after a login: the normalized Passport profile
 * (without `_raw` and `_json`) and token metadata, never a token.
 */
export interface SessionUser {
  provider: string;
  id: string;
  displayName: string;
  username?: string;
  emails: string[];
  photos: string[];
  profileUrl?: string;
  token: TokenMetadata;
}

export interface TokenMetadata {
  /** `Bearer` for OAuth 2.0, `OAuth 1.0a` for Twitter's token and secret. */
  type: string;
  /** ISO time the access token expires, when the provider said. */
  expiresAt?: string;
  scope?: string;
  refreshToken: boolean;
  idToken: boolean;
}

/** The session user for a verified login: the profile's portable fields and the token's metadata. */
export function sessionUser(profile: Profile, token: TokenMetadata): SessionUser {
  const user: SessionUser = {
    provider: profile.provider,
    id: profile.id,
    displayName: profile.displayName,
    emails: (profile.emails ?? []).map((email) => email.value),
    photos: (profile.photos ?? []).map((photo) => photo.value),
    token,
  };
  if (profile.username !== undefined) user.username = profile.username;
  if (profile.profileUrl !== undefined) user.profileUrl = profile.profileUrl;
  return user;
}

/** Reads an OAuth 2.0 token response's metadata; the token values themselves are dropped here. */
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

/** An OAuth 1.0a access token (Twitter's): a token and a secret that do not expire. */
export const OAUTH1_TOKEN_METADATA: TokenMetadata = Object.freeze({ type: 'OAuth 1.0a', refreshToken: false, idToken: false });

/**
 * The verify callback of the OAuth 2.0 logins, in its five-argument form to get the token
 * response's `params`: the session user is the profile plus token metadata.
 */
export function verifyOAuth2Login(
  _accessToken: string,
  refreshToken: string | undefined,
  params: Record<string, unknown>,
  profile: Profile,
  done: (err: unknown, user?: SessionUser) => void,
): void {
  done(null, sessionUser(profile, tokenMetadata(params, refreshToken)));
}
