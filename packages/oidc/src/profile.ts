import type { Profile } from '@passport-kit/core';

/** A Passport profile built from OpenID Connect claims. */
export interface OpenIDConnectProfile extends Profile {
  /** The `sub` claim: stable and unique only together with the issuer. */
  id: string;
  /** The issuer that vouched for `id`; key accounts on `(issuer, id)`, never `id` alone. */
  issuer: string;
  /** The merged claims: the id_token's, overlaid with UserInfo's. */
  _json: Record<string, unknown>;
}

/**
 * Maps the standard claims (OIDC Core §5.1) to a Passport profile: `id` from `sub`,
 * `displayName` from `name` (else the given and family names, else `preferred_username`),
 * `username` from `preferred_username`, `name` parts, `emails` with `email_verified`, `photos`
 * from `picture`, `profileUrl` from `profile`, `gender`. Claims of the wrong type are left out.
 *
 * @example
 * ```ts
 * profileFromClaims({ sub: '24400320', name: 'Jane Doe', email: 'jane@example.com', email_verified: true }, 'https://issuer.example');
 * // { provider: 'openidconnect', id: '24400320', issuer: 'https://issuer.example', displayName: 'Jane Doe',
 * //   emails: [{ value: 'jane@example.com', verified: true }], _json: { ... } }
 * ```
 */
export function profileFromClaims(claims: Record<string, unknown>, issuer: string, provider = 'openidconnect'): OpenIDConnectProfile {
  const text = (name: string) => {
    const value = claims[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const givenName = text('given_name');
  const familyName = text('family_name');
  const middleName = text('middle_name');
  const username = text('preferred_username');
  const displayName = text('name') ?? ([givenName, familyName].filter(Boolean).join(' ') || username || '');

  const profile: OpenIDConnectProfile = { provider, id: String(claims['sub'] ?? ''), issuer, displayName, _json: claims };
  if (username !== undefined) profile.username = username;
  if (givenName !== undefined || familyName !== undefined || middleName !== undefined) {
    profile.name = {
      ...(familyName !== undefined ? { familyName } : {}),
      ...(givenName !== undefined ? { givenName } : {}),
      ...(middleName !== undefined ? { middleName } : {}),
    };
  }
  const email = text('email');
  if (email !== undefined) {
    // Only an explicit `true` is verified: a string "true" or a missing claim is not.
    profile.emails = [{ value: email, verified: claims['email_verified'] === true }];
  }
  const picture = text('picture');
  if (picture !== undefined) profile.photos = [{ value: picture }];
  const profileUrl = text('profile');
  if (profileUrl !== undefined) profile.profileUrl = profileUrl;
  const gender = text('gender');
  if (gender !== undefined) profile.gender = gender;
  return profile;
}
