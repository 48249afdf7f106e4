import { JWT_BEARER_ASSERTION_TYPE } from './client-assertion.js';

/**
 * How the client authenticates to the token endpoint (RFC 6749 §2.3, names from RFC 8414's
 * `token_endpoint_auth_methods_supported`).
 * - `client_secret_post`: `client_id` and `client_secret` in the form body (passport-oauth2's way);
 * - `client_secret_basic`: HTTP Basic, each part form-urlencoded first (RFC 6749 §2.3.1);
 * - `none`: a public client; sends only `client_id` (pair it with PKCE);
 * - `client_secret_jwt`: a JWT signed with the client secret (HMAC) as `client_assertion`
 *   (RFC 7523 §2.2, OpenID Connect Core §9); the secret itself never goes over the wire;
 * - `private_key_jwt`: a JWT signed with the client's private key (`clientAssertion.key`).
 */
export type ClientAuthenticationMethod = 'client_secret_post' | 'client_secret_basic' | 'none' | 'client_secret_jwt' | 'private_key_jwt';

/** The client's identifier and, for confidential clients, its secret. */
export interface ClientCredentials {
  /** The client identifier the provider issued. */
  clientID: string;
  /** The client secret; absent for public clients. */
  clientSecret?: string | undefined;
}

/** Whether a method authenticates with a signed client assertion (RFC 7523) rather than the secret. */
export function usesClientAssertion(method: ClientAuthenticationMethod): method is 'client_secret_jwt' | 'private_key_jwt' {
  return method === 'client_secret_jwt' || method === 'private_key_jwt';
}

/**
 * Adds the client's credentials to a token request's headers and form parameters. The two JWT
 * methods need the signed `assertion` (see `createClientAssertion`); signing is asynchronous,
 * so it is made first and passed in.
 */
export function authenticateClient(
  method: ClientAuthenticationMethod,
  client: ClientCredentials,
  headers: Record<string, string>,
  params: Record<string, string>,
  assertion?: string,
): void {
  switch (method) {
    case 'client_secret_jwt':
    case 'private_key_jwt':
      if (!assertion) throw new TypeError(`${method} requires a signed client assertion`);
      // RFC 7523 §3.1: client_id is optional with an assertion; servers that route by it need it.
      params['client_id'] = client.clientID;
      params['client_assertion_type'] = JWT_BEARER_ASSERTION_TYPE;
      params['client_assertion'] = assertion;
      return;
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
