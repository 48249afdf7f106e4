// Gets real tokens from the test oidc-provider without an app: builds the authorization request
// (PKCE S256, prompt=consent so offline_access yields a refresh token), logs in through the
// provider's pages, and exchanges the code with the given TokenClient. Shared by the TokenClient
// live tests and the grant recorder.
import { createHash, randomBytes } from 'node:crypto';
import type { TokenClient, TokenResponse } from '@passport-kit/oauth2';
import { loginThroughProvider } from './browserless-login.js';
import { TEST_CALLBACK_URL } from './oidc-login-app.js';
import type { OidcProvider } from './oidc-provider.js';

export interface TokenLoginOptions {
  /** Default `openid offline_access`. */
  scope?: string;
  /** The login name; default `alice`. */
  account?: string;
}

/**
 * Logs `account` in at `op` for `clientID` and exchanges the code with `tokens`.
 *
 * @example
 * const { refreshToken } = await tokensByLogin(op, tokens, op.clients.public.clientID);
 */
export async function tokensByLogin(op: OidcProvider, tokens: TokenClient, clientID: string, options: TokenLoginOptions = {}): Promise<TokenResponse> {
  const verifier = randomBytes(32).toString('base64url');
  const authorization = new URL(op.authorizationURL);
  authorization.search = new URLSearchParams({
    client_id: clientID,
    response_type: 'code',
    redirect_uri: TEST_CALLBACK_URL,
    scope: options.scope ?? 'openid offline_access',
    prompt: 'consent',
    state: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const callback = new URL(await loginThroughProvider(authorization.href, { account: options.account ?? 'alice' }));
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`login ended without a code: ${callback.search}`);
  return tokens.exchangeAuthorizationCode({ code, redirectURI: TEST_CALLBACK_URL, codeVerifier: verifier });
}
