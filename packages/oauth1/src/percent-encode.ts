/**
 * Percent-encodes a string as RFC 5849 §3.6 requires (RFC 3986 unreserved characters stay,
 * everything else becomes `%XX` of its UTF-8 bytes, with uppercase hex). Unlike
 * `encodeURIComponent` it also encodes `!*'()`, and unlike form encoding it never turns a
 * space into `+`.
 *
 * @example
 * ```ts
 * percentEncode('Ladies + Gentlemen!'); // 'Ladies%20%2B%20Gentlemen%21'
 * ```
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Reverses {@link percentEncode}, and also reads `+` as a space, as
 * `application/x-www-form-urlencoded` bodies and query strings do.
 */
export function percentDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}
