import { UnexpectedBodyError, type Profile } from '@passport-kit/core';

/** The profile a Twitter (OAuth 1.0a) login hands to the verify callback. */
export interface TwitterProfile extends Profile {
  provider: 'twitter';
  /** The user's id as a string (`id_str`): Twitter ids do not fit in a JavaScript number. */
  id: string;
  /** The handle (`screen_name`), without `@`. */
  username: string;
  /**
   * The app's permission for this token from the `x-access-level` header (`read`,
   * `read-write`, `read-write-directmessages`); absent with `skipExtendedUserProfile`.
   */
  _accessLevel?: string | undefined;
}

/**
 * Maps a v1.1 user object (`account/verify_credentials.json`, `users/show.json`) to a passport
 * profile, as passport-twitter does: `id_str` to `id` (never the lossy number `id`: 64-bit ids
 * lose digits as a JavaScript number), `screen_name` to `username`, `name` to `displayName`,
 * `email` (with `include_email`) to `emails`, `profile_image_url_https` to `photos`.
 * https://developer.x.com/en/docs/twitter-api/v1/data-dictionary/object-model/user
 *
 * @param body the response body as received
 * @param accessLevel the response's `x-access-level` header, kept as `_accessLevel`
 * @throws UnexpectedBodyError for a body that is not a user object with an id and screen_name
 * @example
 * ```ts
 * parseProfile('{"id":1,"id_str":"1","screen_name":"ada","name":"Ada Lovelace"}').username; // 'ada'
 * ```
 */
export function parseProfile(body: string, accessLevel?: string): TwitterProfile {
  const json = parseUserObject(body);
  const id = userID(json);
  const username = text(json, 'screen_name');
  if (username === undefined) throw new UnexpectedBodyError('Twitter user object has no screen_name');
  const profile: TwitterProfile = {
    provider: 'twitter',
    id,
    username,
    displayName: text(json, 'name') ?? username,
    _raw: body,
    _json: json,
  };
  const email = text(json, 'email');
  if (email !== undefined) profile.emails = [{ value: email }];
  const photo = text(json, 'profile_image_url_https');
  if (photo !== undefined) profile.photos = [{ value: photo }];
  if (accessLevel !== undefined) profile._accessLevel = accessLevel;
  return profile;
}

/**
 * The profile `skipExtendedUserProfile` gives: only what the access-token response carries
 * (`user_id`, `screen_name`), without a call to the API. `displayName` is the screen name.
 */
export function profileFromTokenParams(params: Record<string, string>): TwitterProfile {
  const id = params['user_id'];
  const username = params['screen_name'];
  if (!id || !username) throw new UnexpectedBodyError('Twitter access token response has no user_id and screen_name');
  return { provider: 'twitter', id, username, displayName: username };
}

function parseUserObject(body: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new UnexpectedBodyError('Failed to parse user profile: not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new UnexpectedBodyError('Failed to parse user profile: not a JSON object');
  return json as Record<string, unknown>;
}

function userID(json: Record<string, unknown>): string {
  const idStr = text(json, 'id_str');
  if (idStr !== undefined) return idStr;
  const id = json['id'];
  // Without id_str, a number is usable only while it is exact.
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return String(id);
  if (typeof id === 'string' && /^\d+$/.test(id)) return id;
  throw new UnexpectedBodyError('Twitter user object has no usable id (id_str missing, id not an exact integer)');
}

function text(json: Record<string, unknown>, name: string): string | undefined {
  const value = json[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
