import { UnexpectedBodyError, type Profile } from '@passport-kit/core';

/** The profile an X (OAuth 2.0) login hands to the verify callback. */
export interface XProfile extends Profile {
  provider: 'x';
  /** The user's id, a string of digits. */
  id: string;
  /** The handle, without `@`. */
  username: string;
  /** `data` of the `/2/users/me` response: every `user.fields` value X sent. */
  _json: Record<string, unknown>;
  _raw: string;
}

/**
 * Maps the `/2/users/me` response `{ data: { id, name, username, profile_image_url, … } }` to a
 * passport profile: `username`, `name` to `displayName`, `profile_image_url` to `photos`,
 * `confirmed_email` (with the `users.email` scope) to `emails`. `_json` is `data`.
 * https://docs.x.com/x-api/users/get-my-user
 *
 * @param body the response body as received
 * @throws UnexpectedBodyError for a body without `data.id` and `data.username`
 * @example
 * ```ts
 * parseXProfile('{"data":{"id":"2244994945","name":"Developers","username":"XDevelopers"}}').id; // '2244994945'
 * ```
 */
export function parseXProfile(body: string): XProfile {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new UnexpectedBodyError('Failed to parse user profile: not JSON');
  }
  const data = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['data'] : undefined;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UnexpectedBodyError('X /2/users/me response has no data object');
  const user = data as Record<string, unknown>;
  const id = text(user, 'id');
  const username = text(user, 'username');
  if (id === undefined || username === undefined) throw new UnexpectedBodyError('X user object has no id or username');
  const profile: XProfile = { provider: 'x', id, username, displayName: text(user, 'name') ?? username, _raw: body, _json: user };
  const email = text(user, 'confirmed_email');
  // X only returns an address the user confirmed.
  if (email !== undefined) profile.emails = [{ value: email, verified: true }];
  const photo = text(user, 'profile_image_url');
  if (photo !== undefined) profile.photos = [{ value: photo }];
  return profile;
}

function text(json: Record<string, unknown>, name: string): string | undefined {
  const value = json[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
