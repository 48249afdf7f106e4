/**
 * How passport-facebook's `profileFields` names (Portable Contacts) map to Graph API `fields`.
 * A name not listed here is passed through as a Graph field, so `'picture.type(large)'`,
 * `'birthday'` or `'friends{name}'` work too.
 */
export const PROFILE_FIELD_MAP: Readonly<Record<string, readonly string[]>> = Object.freeze({
  id: ['id'],
  username: ['username'],
  displayName: ['name'],
  name: ['last_name', 'first_name', 'middle_name'],
  gender: ['gender'],
  birthday: ['birthday'],
  profileUrl: ['link'],
  emails: ['email'],
  photos: ['picture'],
});

/**
 * The Graph API `fields` value for `profileFields`, in their order, without duplicates.
 *
 * @example
 * ```ts
 * graphFields(['id', 'displayName', 'name', 'emails', 'photos']);
 * // 'id,name,last_name,first_name,middle_name,email,picture'
 * ```
 */
export function graphFields(profileFields: readonly string[]): string {
  const fields = new Set<string>();
  for (const field of profileFields) {
    const mapped = Object.hasOwn(PROFILE_FIELD_MAP, field) ? PROFILE_FIELD_MAP[field]! : [field];
    for (const name of mapped) fields.add(name);
  }
  return [...fields].join(',');
}
