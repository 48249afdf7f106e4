// Records the OAuth 2.0 authorization-code handshakes against panva's oidc-provider: a real
// Express app (express-session + passport + OAuth2Strategy) logs in through the recording proxy,
// which sits between the strategy and the provider's back channel (token endpoint). The browser
// leg (authorization endpoint, login, consent) goes to the provider directly and is not recorded.
import type { OAuth2StrategyOptions } from '@passport-kit/oauth2';
import { appAgent, finishLogin, login, loginApp, oidcStrategy, startLogin, TEST_CALLBACK_URL, type LoginOutcome } from '../../test/support/oidc-login-app.js';
import { OIDC_PROVIDER_VERSION, startOidcProvider, type OidcProvider } from '../../test/support/oidc-provider.js';
import { startRecordingProxy, type RecordingProxy } from '../../test/support/recording-proxy.js';
import { saveRecording } from '../../test/support/recordings.js';

// Fixed ports below the ephemeral range (32768+), so no outgoing socket holds them: the issuer and the recorded scope must not change between re-recordings.
export const PROVIDER_PORT = 14710;
export const PROXY_PORT = 14711;
const SCOPE = 'openid profile email';
const RECORDED_BY = 'scripts/recorders/oauth2.ts';

interface Handshake {
  /** Folder under test-fixtures/oauth2/. */
  name: string;
  /** Strategy options besides the endpoints. */
  options: Omit<OAuth2StrategyOptions, 'authorizationURL' | 'tokenURL'>;
  /** What the login must end in, or the recording is not saved. */
  expect: (outcome: LoginOutcome) => boolean;
  /** Log in once, then bring the same code back with a fresh state: only the second exchange is recorded. */
  reuseCode?: boolean;
}

export default async function recordOAuth2(): Promise<string[]> {
  const op = await startOidcProvider({ port: PROVIDER_PORT, redirectURIs: [TEST_CALLBACK_URL] });
  const proxy = await startRecordingProxy(op.issuer, { port: PROXY_PORT });
  const { secretPost, secretBasic } = op.clients;
  const succeeded = (outcome: LoginOutcome) => outcome.status === 200;
  const tokenError = (code: string) => (outcome: LoginOutcome) => outcome.error?.name === 'TokenError' && outcome.error.code === code;
  const handshakes: Handshake[] = [
    { name: 'client-secret-post', options: { ...secretPost, clientAuthentication: 'client_secret_post' }, expect: succeeded },
    { name: 'client-secret-basic', options: { ...secretBasic, clientAuthentication: 'client_secret_basic' }, expect: succeeded },
    { name: 'public-client-pkce', options: { clientID: op.clients.public.clientID, clientAuthentication: 'none' }, expect: succeeded },
    // PKCE off: with a fresh verifier the provider would refuse the reused code for the verifier instead.
    { name: 'invalid-grant', options: { ...secretPost, pkce: false }, expect: tokenError('invalid_grant'), reuseCode: true },
    { name: 'invalid-client', options: { clientID: secretPost.clientID, clientSecret: 'not-the-registered-secret-4242' }, expect: tokenError('invalid_client') },
  ];
  try {
    const written: string[] = [];
    for (const handshake of handshakes) written.push(await record(op, proxy, handshake));
    return written;
  } finally {
    await proxy.close();
    await op.close();
  }
}

async function record(op: OidcProvider, proxy: RecordingProxy, handshake: Handshake): Promise<string> {
  const tokenURL = `${proxy.url}/token`;
  const strategy = oidcStrategy({ authorizationURL: op.authorizationURL, tokenURL, issuer: op.issuer, scope: SCOPE, ...handshake.options });
  const agent = appAgent(loginApp(strategy));

  let from = proxy.definitions().length;
  const { callback, outcome: firstOutcome } = await login(agent, { account: 'alice' });
  let outcome = firstOutcome;
  if (handshake.reuseCode) {
    from = proxy.definitions().length;
    const fresh = await startLogin(agent);
    callback.searchParams.set('state', fresh.searchParams.get('state') ?? '');
    outcome = await finishLogin(agent, callback);
  }
  if (!handshake.expect(outcome)) {
    throw new Error(`oauth2/${handshake.name}: unexpected outcome ${JSON.stringify(outcome)}`);
  }

  const { clientID, clientSecret, clientAuthentication, pkce } = handshake.options;
  return saveRecording(`oauth2/${handshake.name}`, {
    recordedBy: RECORDED_BY,
    against: `oidc-provider ${OIDC_PROVIDER_VERSION}`,
    context: {
      authorizationURL: op.authorizationURL,
      tokenURL,
      issuer: op.issuer,
      clientID,
      ...(clientSecret !== undefined ? { clientSecret } : {}),
      clientAuthentication: clientAuthentication ?? 'client_secret_post',
      pkce: pkce === false ? 'off' : 'S256',
      scope: SCOPE,
      callbackURL: TEST_CALLBACK_URL,
      code: callback.searchParams.get('code') ?? '',
    },
    definitions: proxy.definitions().slice(from),
  });
}

