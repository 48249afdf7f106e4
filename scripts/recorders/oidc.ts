// Records OpenID Connect logins against panva's oidc-provider: a real Express app (express-session
// + passport + OpenIDConnectStrategy.fromIssuer) logs in, and every back-channel call the
// strategy makes (discovery, JWKS, token, UserInfo) goes through the recording proxy. The
// strategy is configured with the provider's own issuer URL, as an app would be; an undici
// dispatcher sends its calls to the proxy, which forwards them unchanged. The recording is saved
// under the provider's origin, which is where the discovery document says those endpoints are.
import { OpenIDConnectStrategy } from '@passport-kit/oidc';
import { Agent, Dispatcher } from 'undici';
import { appAgent, login, loginApp, TEST_CALLBACK_URL, type LoginOutcome } from '@passport-kit/test-support/oidc-login-app';
import { OIDC_PROVIDER_VERSION, startOidcProvider, type OidcProvider, type TestClient } from '@passport-kit/test-support/oidc-provider';
import { startRecordingProxy, type RecordingProxy } from '@passport-kit/test-support/recording-proxy';
import { saveRecording } from '@passport-kit/test-support/recordings';
import { recordedUser, type RecordedUser } from '@passport-kit/test-support/oidc-recorded-user';

// Fixed ports below the ephemeral range (32768+): the issuer and the recorded scope must not change between re-recordings.
export const PROVIDER_PORT = 14790;
export const PROXY_PORT = 14791;
const SCOPE = 'openid profile email';
const RECORDED_BY = 'scripts/recorders/oidc.ts';

interface Handshake {
  /** Folder under test-fixtures/oidc/. */
  name: string;
  client: TestClient;
  account: string;
}

export default async function recordOIDC(): Promise<string[]> {
  const op = await startOidcProvider({ port: PROVIDER_PORT, redirectURIs: [TEST_CALLBACK_URL] });
  const proxy = await startRecordingProxy(op.issuer, { port: PROXY_PORT });
  const handshakes: Handshake[] = [
    { name: 'login-client-secret-post', client: op.clients.secretPost, account: 'alice' },
    { name: 'login-public-client', client: op.clients.public, account: 'bob' },
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
  const from = proxy.definitions().length;
  const { clientID, tokenEndpointAuthMethod } = handshake.client;
  const clientSecret = 'clientSecret' in handshake.client ? handshake.client.clientSecret : undefined;
  const strategy = await OpenIDConnectStrategy.fromIssuer(
    op.issuer,
    { clientID, clientSecret, clientAuthentication: tokenEndpointAuthMethod, callbackURL: TEST_CALLBACK_URL, scope: SCOPE, dispatcher: new ThroughProxy(op.issuer, proxy.url) },
    recordedUser,
  );
  const { authorization, callback, outcome } = await login(appAgent(loginApp(strategy)), { account: handshake.account });
  const callbackAt = new Date().toISOString();
  const user = outcome.user as unknown as RecordedUser | undefined;
  if (outcome.status !== 200 || user?.sub !== handshake.account || user.nonce !== authorization.searchParams.get('nonce')) {
    throw new Error(`oidc/${handshake.name}: unexpected outcome ${JSON.stringify(outcome satisfies LoginOutcome)}`);
  }
  const definitions = proxy.definitions().slice(from).map((def) => ({ ...def, scope: op.issuer }));
  const paths = definitions.map((def) => `${def.method} ${def.path}`);
  if (paths.join() !== 'GET /.well-known/openid-configuration,POST /token,GET /jwks,GET /me') {
    throw new Error(`oidc/${handshake.name}: unexpected exchanges ${paths.join(', ')}`);
  }
  return saveRecording(`oidc/${handshake.name}`, {
    recordedBy: RECORDED_BY,
    against: `oidc-provider ${OIDC_PROVIDER_VERSION}`,
    context: {
      issuer: op.issuer,
      clientID,
      ...(clientSecret !== undefined ? { clientSecret } : {}),
      clientAuthentication: tokenEndpointAuthMethod,
      scope: SCOPE,
      callbackURL: TEST_CALLBACK_URL,
      account: handshake.account,
      code: callback.searchParams.get('code') ?? '',
      nonce: authorization.searchParams.get('nonce') ?? '',
      callbackAt,
    },
    definitions,
  });
}

/** Sends every request for `origin` to the recording proxy instead; the request itself is unchanged. */
class ThroughProxy extends Dispatcher {
  readonly #agent = new Agent();
  readonly #origin: string;
  readonly #proxy: string;

  constructor(origin: string, proxy: string) {
    super();
    this.#origin = new URL(origin).origin;
    this.#proxy = proxy;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const origin = options.origin === undefined ? undefined : new URL(String(options.origin)).origin;
    return this.#agent.dispatch(origin === this.#origin ? { ...options, origin: this.#proxy } : options, handler);
  }

  override close(): Promise<void> {
    return this.#agent.close();
  }
}
