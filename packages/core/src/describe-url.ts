/**
 * `https://host/path`: a URL without its query, fragment or credentials, which may hold a code,
 * a token or a password. For messages and log lines.
 */
export function describeURL(url: string): string {
  try {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** `http://localhost:3000`: where a URL points, or `(invalid URL)`. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}
