// Records the OAuth 2.0 authorization-code handshakes against panva's oidc-provider: a real
// Express app (express-session + passport + OAuth2Strategy) logs in through the recording proxy,
// which sits between the strategy and the provider's back channel (token endpoint). The browser
// leg (authorization endpoint, login, consent) goes to the provider directly and is not recorded.
import { TOKEN_TYPES, TokenClient, type OAuth2StrategyOptions, type TokenClientOptions } from '@passport-kit/oauth2';
import { appAgent, finishLogin, login, loginApp, oidcStrategy, startLogin, TEST_CALLBACK_URL, type LoginOutcome } from '@passport-kit/test-support/oidc-login-app';
import {
  OIDC_PROVIDER_VERSION,
  TEST_API,
  TEST_EXCHANGE_AUDIENCE,
  TEST_GRANT_CLIENTS,
  TEST_PASSWORD,
  startOidcProvider,
  testClientPrivateKey,
  type OidcProvider,
} from '@passport-kit/test-support/oidc-provider';
import { startRecordingProxy, type RecordingProxy } from '@passport-kit/test-support/recording-proxy';
import { saveRecording } from '@passport-kit/test-support/recordings';
import { tokensByLogin } from '@passport-kit/test-support/token-login';

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
    written.push(...(await recordGrants(op, proxy)));
    written.push(...(await recordPasswordGrant(op, proxy)), ...(await recordTokenExchange(op, proxy)));
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


// The TokenClient's grants beyond the authorization code, each through the recording proxy
// (only the exchanges after any login are saved). The password grant and token exchange, which
// oidc-provider implements neither of, are recorded below against the test provider's own.
async function recordGrants(op: OidcProvider, proxy: RecordingProxy): Promise<string[]> {
  const endpoints = { tokenURL: `${proxy.url}/token`, revocationURL: `${proxy.url}/token/revocation`, introspectionURL: `${proxy.url}/token/introspection` };
  const tokenClient = (options: Omit<TokenClientOptions, keyof typeof endpoints>) => new TokenClient({ ...endpoints, ...options });
  const { machine, privateKeyJwt } = TEST_GRANT_CLIENTS;
  const save = (name: string, context: Record<string, string>, from: number) =>
    saveRecording(`oauth2/${name}`, {
      recordedBy: RECORDED_BY,
      against: `oidc-provider ${OIDC_PROVIDER_VERSION}`,
      context: { ...endpoints, issuer: op.issuer, ...context },
      definitions: proxy.definitions().slice(from),
    });
  const written: string[] = [];

  // Refresh with rotation (a public client is always rotated), then the old token again.
  const publicClient = tokenClient({ clientID: op.clients.public.clientID, clientAuthentication: 'none' });
  const login = await tokensByLogin(op, publicClient, op.clients.public.clientID);
  const refreshToken = login.refreshToken ?? '';
  let from = proxy.definitions().length;
  const refreshed = await publicClient.refresh(refreshToken);
  if (!refreshed.rotated) throw new Error('oauth2/refresh-token: the provider did not rotate the refresh token');
  written.push(save('refresh-token', { clientID: op.clients.public.clientID, clientAuthentication: 'none', refreshToken }, from));
  from = proxy.definitions().length;
  const reuse = await publicClient.refresh(refreshToken).then(() => 'accepted', (err: { code?: string }) => err.code);
  if (reuse !== 'invalid_grant') throw new Error(`oauth2/refresh-token-reused: expected invalid_grant, got ${String(reuse)}`);
  written.push(save('refresh-token-reused', { clientID: op.clients.public.clientID, clientAuthentication: 'none', refreshToken }, from));

  // Client credentials for the JWT resource server, with client_secret_basic and with private_key_jwt.
  const machineClient = tokenClient({ ...machine, clientAuthentication: 'client_secret_basic' });
  from = proxy.definitions().length;
  await machineClient.clientCredentials({ scope: 'todos:read', resource: TEST_API.resource });
  written.push(save('client-credentials', { clientID: machine.clientID, clientSecret: machine.clientSecret, clientAuthentication: 'client_secret_basic', scope: 'todos:read', resource: TEST_API.resource }, from));
  const keyClient = tokenClient({
    clientID: privateKeyJwt.clientID,
    clientAuthentication: 'private_key_jwt',
    // The proxy's URL is not one oidc-provider knows itself by: name the issuer instead.
    clientAssertion: { key: testClientPrivateKey().privateKey, alg: 'ES256', kid: 'client-key-1', audience: op.issuer },
  });
  from = proxy.definitions().length;
  await keyClient.clientCredentials({ scope: 'todos:read', resource: TEST_API.resource });
  written.push(save('client-credentials-private-key-jwt', { clientID: privateKeyJwt.clientID, clientAuthentication: 'private_key_jwt', scope: 'todos:read', resource: TEST_API.resource }, from));

  // Introspection of an active access token, then revocation of the refresh token and introspection of it.
  const basic = op.clients.secretBasic;
  const basicClient = tokenClient({ ...basic, clientAuthentication: 'client_secret_basic' });
  const basicLogin = await tokensByLogin(op, basicClient, basic.clientID, { account: 'bob' });
  from = proxy.definitions().length;
  const info = await basicClient.introspect(basicLogin.accessToken, { tokenTypeHint: 'access_token' });
  if (!info.active) throw new Error('oauth2/introspection: the access token is not active');
  written.push(save('introspection', { clientID: basic.clientID, clientSecret: basic.clientSecret, clientAuthentication: 'client_secret_basic', accessToken: basicLogin.accessToken }, from));
  from = proxy.definitions().length;
  await basicClient.revoke(basicLogin.refreshToken ?? '', { tokenTypeHint: 'refresh_token' });
  if ((await basicClient.introspect(basicLogin.refreshToken ?? '')).active) throw new Error('oauth2/revocation: the refresh token is still active');
  written.push(save('revocation', { clientID: basic.clientID, clientSecret: basic.clientSecret, clientAuthentication: 'client_secret_basic', refreshToken: basicLogin.refreshToken ?? '' }, from));
  return written;
}

// The password grant (RFC 6749 §4.3) as the test provider registers it, for the legacy client,
// and a wrong password.
async function recordPasswordGrant(op: OidcProvider, proxy: RecordingProxy): Promise<string[]> {
  const { legacy } = TEST_GRANT_CLIENTS;
  const tokenURL = `${proxy.url}/token`;
  const tokens = new TokenClient({ tokenURL, ...legacy, clientAuthentication: 'client_secret_post' });
  const scope = 'openid profile offline_access';
  const context = { tokenURL, issuer: op.issuer, clientID: legacy.clientID, clientSecret: legacy.clientSecret, clientAuthentication: 'client_secret_post', scope };
  const written: string[] = [];

  let from = proxy.definitions().length;
  const issued = await tokens.password({ username: 'alice', password: TEST_PASSWORD, scope });
  if (issued.refreshToken === undefined) throw new Error('oauth2/password: offline_access brought no refresh token');
  written.push(saveGrantRecording(op, proxy, 'password', { ...context, username: 'alice', password: TEST_PASSWORD }, from));

  from = proxy.definitions().length;
  const wrongPassword = 'not-the-password-4242';
  const refused = await tokens.password({ username: 'alice', password: wrongPassword, scope }).then(() => 'accepted', (err: { code?: string }) => err.code);
  if (refused !== 'invalid_grant') throw new Error(`oauth2/password-invalid-grant: expected invalid_grant, got ${String(refused)}`);
  written.push(saveGrantRecording(op, proxy, 'password-invalid-grant', { ...context, username: 'alice', password: wrongPassword }, from));
  return written;
}

// Token exchange (RFC 8693) as the test provider registers it: alice logs in to one client, and
// the backend service exchanges her access token for one addressed to another API, then
// introspects it; and the same token offered as an ID token, which the provider does not take.
async function recordTokenExchange(op: OidcProvider, proxy: RecordingProxy): Promise<string[]> {
  const { exchange } = TEST_GRANT_CLIENTS;
  const endpoints = { tokenURL: `${proxy.url}/token`, introspectionURL: `${proxy.url}/token/introspection` };
  const service = new TokenClient({ ...endpoints, ...exchange, clientAuthentication: 'client_secret_basic' });
  const { secretPost } = op.clients;
  const login = await tokensByLogin(op, new TokenClient({ ...endpoints, ...secretPost }), secretPost.clientID, { scope: 'openid profile' });
  const context = {
    ...endpoints,
    issuer: op.issuer,
    clientID: exchange.clientID,
    clientSecret: exchange.clientSecret,
    clientAuthentication: 'client_secret_basic',
    subjectToken: login.accessToken,
    subjectClientID: secretPost.clientID,
    audience: TEST_EXCHANGE_AUDIENCE,
    scope: 'openid',
  };
  const written: string[] = [];

  let from = proxy.definitions().length;
  const exchanged = await service.exchangeToken({ subjectToken: login.accessToken, subjectTokenType: TOKEN_TYPES.accessToken, audience: TEST_EXCHANGE_AUDIENCE, scope: 'openid' });
  const info = await service.introspect(exchanged.accessToken, { tokenTypeHint: 'access_token' });
  if (!info.active || info.aud !== TEST_EXCHANGE_AUDIENCE) throw new Error('oauth2/token-exchange: the exchanged token is not active for the audience');
  written.push(saveGrantRecording(op, proxy, 'token-exchange', { ...context, subjectTokenType: TOKEN_TYPES.accessToken }, from));

  from = proxy.definitions().length;
  const refused = await service
    .exchangeToken({ subjectToken: login.accessToken, subjectTokenType: TOKEN_TYPES.idToken, audience: TEST_EXCHANGE_AUDIENCE, scope: 'openid' })
    .then(() => 'accepted', (err: { code?: string }) => err.code);
  if (refused !== 'unsupported_token_type') throw new Error(`oauth2/token-exchange-unsupported-token-type: expected unsupported_token_type, got ${String(refused)}`);
  written.push(saveGrantRecording(op, proxy, 'token-exchange-unsupported-token-type', { ...context, subjectTokenType: TOKEN_TYPES.idToken }, from));
  return written;
}

function saveGrantRecording(op: OidcProvider, proxy: RecordingProxy, name: string, context: Record<string, string>, from: number): string {
  return saveRecording(`oauth2/${name}`, {
    recordedBy: RECORDED_BY,
    against: `oidc-provider ${OIDC_PROVIDER_VERSION} with the password and token exchange grants of packages/test-support/src/oidc-provider.ts`,
    context,
    definitions: proxy.definitions().slice(from),
  });
}

/** The groups of grant recordings {@link recordOAuth2Grants} makes. */
export type GrantRecordings = 'built-in' | 'password' | 'token-exchange';

/**
 * Records only the TokenClient grants, leaving the handshake recordings as they are: the grants
 * oidc-provider has built in (refresh, client credentials, introspection, revocation), the
 * password grant and token exchange, or the groups named. Call it from a script that runs
 * `nock.restore()` first, as scripts/record-fixtures.ts does.
 *
 * @example
 * await recordOAuth2Grants(['password', 'token-exchange']);
 */
export async function recordOAuth2Grants(groups: readonly GrantRecordings[] = ['built-in', 'password', 'token-exchange']): Promise<string[]> {
  const op = await startOidcProvider({ port: PROVIDER_PORT, redirectURIs: [TEST_CALLBACK_URL] });
  const proxy = await startRecordingProxy(op.issuer, { port: PROXY_PORT });
  try {
    const written: string[] = [];
    if (groups.includes('built-in')) written.push(...(await recordGrants(op, proxy)));
    if (groups.includes('password')) written.push(...(await recordPasswordGrant(op, proxy)));
    if (groups.includes('token-exchange')) written.push(...(await recordTokenExchange(op, proxy)));
    return written;
  } finally {
    await proxy.close();
    await op.close();
  }
}
