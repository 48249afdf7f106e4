/**
 * How the client authenticates to the token endpoint (RFC 6749 §2.3, names from RFC 8414's
 * `token_endpoint_auth_methods_supported`).
 * - `client_secret_post`: `client_id` and `client_secret` in the form body (passport-oauth2's way);
 * - `client_secret_basic`: HTTP Basic, each part form-urlencoded first (RFC 6749 §2.3.1);
 * - `none`: a public client; sends only `client_id` (pair it with PKCE).
 */
export type ClientAuthenticationMethod = 'client_secret_post' | 'client_secret_basic' | 'none';

export interface ClientCredentials {
  clientID: string;
  clientSecret?: string | undefined;
}

/** Adds the client's credentials to a token request's headers and form parameters. */
export function authenticateClient(
  method: ClientAuthenticationMethod,
  client: ClientCredentials,
  headers: Record<string, string>,
  params: Record<string, string>,
): void {
  switch (method) {
    case 'client_secret_basic': {
      const user = formEncode(client.clientID);
      const password = formEncode(client.clientSecret ?? '');
      headers['authorization'] = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
      return;
    }
    case 'client_secret_post':
      params['client_id'] = client.clientID;
      params['client_secret'] = client.clientSecret ?? '';
      return;
    case 'none':
      params['client_id'] = client.clientID;
      return;
  }
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}
