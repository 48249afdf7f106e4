import type { Profile } from '@passport-kit/core';

/** The profile a Facebook login hands to the verify callback. */
export interface FacebookProfile extends Profile {
  provider: 'facebook';
  /** Always present, as in passport-facebook; each part only when Facebook sent it. */
  name: {
    /** `last_name`. */
    familyName?: string;
    /** `first_name`. */
    givenName?: string;
    /** `middle_name`. */
    middleName?: string;
  };
  _raw: string;
  _json: Record<string, unknown>;
}

/**
 * Maps a Graph API `/me` node to a passport profile, as passport-facebook does: `name` to
 * `displayName`, `first_name`/`last_name`/`middle_name` to `name`, `link` to `profileUrl`,
 * `email` to `emails`, `picture.data.url` (or a string `picture`) to `photos`. Every field the
 * node has, mapped or not, stays in `_json`.
 * https://developers.facebook.com/docs/graph-api/reference/user/
 *
 * @param body the response body as received; `json` its parsed form
 * @returns the profile, or `undefined` when the node has no string `id`
 * @example
 * ```ts
 * const body = '{"id":"1001","name":"Ada Lovelace","email":"ada@example.com"}';
 * parseProfile(body, JSON.parse(body))?.emails; // [{ value: 'ada@example.com' }]
 * ```
 */
export function parseProfile(body: string, json: Record<string, unknown>): FacebookProfile | undefined {
  const id = json['id'];
  if (typeof id !== 'string' || id === '') return undefined;
  const profile: FacebookProfile = {
    provider: 'facebook',
    id,
    displayName: text(json, 'name') ?? '',
    name: {},
    _raw: body,
    _json: json,
  };
  const username = text(json, 'username');
  if (username !== undefined) profile.username = username;
  const familyName = text(json, 'last_name');
  if (familyName !== undefined) profile.name.familyName = familyName;
  const givenName = text(json, 'first_name');
  if (givenName !== undefined) profile.name.givenName = givenName;
  const middleName = text(json, 'middle_name');
  if (middleName !== undefined) profile.name.middleName = middleName;
  const gender = text(json, 'gender');
  if (gender !== undefined) profile.gender = gender;
  const profileUrl = text(json, 'link');
  if (profileUrl !== undefined) profile.profileUrl = profileUrl;
  const email = text(json, 'email');
  if (email !== undefined) profile.emails = [{ value: email }];
  const photo = pictureURL(json['picture']);
  if (photo !== undefined) profile.photos = [{ value: photo }];
  return profile;
}

function text(json: Record<string, unknown>, name: string): string | undefined {
  const value = json[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

// Since October 2012 `picture` is `{ data: { url, is_silhouette, ... } }`; before, a URL string.
function pictureURL(picture: unknown): string | undefined {
  if (typeof picture === 'string' && picture !== '') return picture;
  if (typeof picture !== 'object' || picture === null) return undefined;
  const data = (picture as Record<string, unknown>)['data'];
  if (typeof data !== 'object' || data === null) return undefined;
  return text(data as Record<string, unknown>, 'url');
}
