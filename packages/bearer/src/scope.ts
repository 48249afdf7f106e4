/**
 * The scopes a token grants: the `scope` claim (a space-separated string, RFC 9068 §2.2.3 and
 * RFC 7662), or `scp` (an array or a string, as Microsoft Entra and Okta send it).
 */
export function grantedScopes(claims: Record<string, unknown>): string[] {
  for (const name of ['scope', 'scp']) {
    const value = claims[name];
    if (typeof value === 'string') return value.split(' ').filter(Boolean);
    if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item !== '');
  }
  return [];
}

/** The required scopes the token does not grant. */
export function missingScopes(granted: readonly string[], required: readonly string[]): string[] {
  const have = new Set(granted);
  return required.filter((scope) => !have.has(scope));
}

/** `scope` as given in options: a space-separated string or a list. */
export function scopeList(scope: string | readonly string[] | undefined): string[] {
  if (scope === undefined) return [];
  return (typeof scope === 'string' ? scope.split(' ') : [...scope]).filter(Boolean);
}
