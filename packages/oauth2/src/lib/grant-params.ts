/**
 * Form parameters of a request to the token, revocation or introspection endpoint. An array
 * repeats the parameter (`resource` and `audience` may appear more than once: RFC 8707 §2,
 * RFC 8693 §2.1).
 */
export type GrantParams = Record<string, string | readonly string[]>;

/** A scope parameter value (RFC 6749 §3.3): an array is joined with spaces. */
export function formatScope(scope: string | readonly string[]): string {
  return typeof scope === 'string' ? scope : scope.join(' ');
}

/** Copies the defined values of `extra` into `params`, then the grant's own (which win). */
export function withExtraParams(extra: Record<string, string> | undefined, own: GrantParams): GrantParams {
  return { ...extra, ...own };
}

/** Sets `name` when `value` is given and not empty. */
export function setOptional(params: GrantParams, name: string, value: string | readonly string[] | undefined): void {
  if (value === undefined) return;
  if (typeof value === 'string' ? value !== '' : value.length > 0) params[name] = value;
}

/** `application/x-www-form-urlencoded`, with array values repeated. */
export function formBody(params: GrantParams): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string') form.append(name, value);
    else for (const item of value) form.append(name, item);
  }
  return form.toString();
}
