/**
 * The URL the user is sent to (RFC 6749 §4.1.1): the configured authorization endpoint with
 * the request parameters added to any query it already has, and `client_id` set last so a
 * parameter hook cannot replace it. Undefined values are left out.
 */
export function buildAuthorizationURL(
  authorizationURL: string,
  clientID: string,
  params: Record<string, unknown>,
): string {
  const url = new URL(authorizationURL);
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    url.searchParams.set(name, String(value));
  }
  url.searchParams.set('client_id', clientID);
  return url.toString();
}
