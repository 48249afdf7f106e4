// Records GitHub logins against the provider emulator of @passport-kit/testing: a real Express
// app (express-session + passport + GitHubStrategy) logs in through the recording proxy, which
// sits between the strategy and the emulator's back channel (token endpoint, /user,
// /user/emails). The strategy finds that back channel from one `baseURL`, laid out like GitHub
// Enterprise Server; the browser leg (the authorize page) goes to the emulator directly and is
// not recorded, so the callback it sent (code and iss) is kept in `context`.
import { GitHubStrategy, type GitHubStrategyOptions } from '@passport-kit/github';
import { startEmulator, type Emulator, type EndpointName, type Scenario } from '@passport-kit/testing';
import { Browser, CALLBACK_URL, loginApp, type Outcome } from '@passport-kit/test-support/login-app';
import testingPackage from '@passport-kit/testing/package.json' with { type: 'json' };
import { startRecordingProxy, type RecordingProxy } from '@passport-kit/test-support/recording-proxy';
import { saveRecording } from '@passport-kit/test-support/recordings';

// Fixed ports below the ephemeral range, so the recorded scope does not change between re-recordings.
export const EMULATOR_PORT = 14760;
export const PROXY_PORT = 14761;
const RECORDED_BY = 'scripts/recorders/github.ts';
// The strategy sees GitHub at the proxy, so the emulator names the proxy in `iss`, as GitHub names itself.
const BASE_URL = `http://127.0.0.1:${PROXY_PORT}/github`;
const USER = 'grace';

interface Observed {
  outcome: Outcome;
  error: unknown;
}

interface Handshake {
  /** Folder under test-fixtures/github/. */
  name: string;
  scope: string[];
  /** Strategy options that differ from the emulator's registered client. */
  options?: Partial<GitHubStrategyOptions>;
  /** A scenario the emulator plays for one request during this login. */
  scenario?: { endpoint: EndpointName; play: Scenario };
  /** What the login must end in, or the recording is not saved. */
  expect: (observed: Observed) => boolean;
}

const tokenError = (code: string) => ({ error }: Observed) => (error as { name?: string; code?: string } | undefined)?.name === 'TokenError' && (error as { code: string }).code === code;
const emailCount = (count: number) => ({ outcome }: Observed) => outcome.status === 200 && (outcome.user as { profile: { emails?: unknown[] } }).profile.emails?.length === count;

const HANDSHAKES: Handshake[] = [
  // grace has a primary, a second and the noreply address: three from /user/emails.
  { name: 'login-with-emails', scope: ['user:email', 'read:org'], expect: emailCount(3) },
  // Without an email scope only /user is asked: the public email alone.
  { name: 'login-without-email-scope', scope: ['read:user'], expect: emailCount(1) },
  { name: 'bad-verification-code', scope: ['user:email'], scenario: { endpoint: 'github.token', play: { kind: 'badCode' } }, expect: tokenError('bad_verification_code') },
  { name: 'incorrect-client-credentials', scope: ['user:email'], options: { clientSecret: 'not-the-registered-secret' }, expect: tokenError('incorrect_client_credentials') },
];

export default async function recordGitHub(): Promise<string[]> {
  const emulator = await startEmulator({ port: EMULATOR_PORT, autoApprove: USER, github: { issuer: `${BASE_URL}/login/oauth` } });
  const proxy = await startRecordingProxy(emulator.url, { port: PROXY_PORT });
  try {
    const written: string[] = [];
    for (const handshake of HANDSHAKES) written.push(await record(emulator, proxy, handshake));
    return written;
  } finally {
    await proxy.close();
    await emulator.close();
  }
}

async function record(emulator: Emulator, proxy: RecordingProxy, handshake: Handshake): Promise<string> {
  if (`${proxy.url}/github` !== BASE_URL) throw new Error(`github: the proxy listens at ${proxy.url}, not on port ${PROXY_PORT}`);
  const client = emulator.clients.github[0]!;
  const options: GitHubStrategyOptions = {
    clientID: client.clientID,
    clientSecret: client.clientSecret,
    callbackURL: CALLBACK_URL,
    baseURL: BASE_URL,
    authorizationURL: emulator.github.authorizationURL,
    scope: handshake.scope,
    ...handshake.options,
  };
  const strategy = new GitHubStrategy(options, (accessToken, _refreshToken, profile, done) => done(null, { accessToken, profile }));
  let error: unknown;
  const browser = new Browser(loginApp(strategy, { onError: (err) => (error = err) }));

  emulator.reset();
  if (handshake.scenario) emulator.setScenario(handshake.scenario.endpoint, handshake.scenario.play, { times: 1 });
  const from = proxy.definitions().length;
  const authorization = await browser.startLogin();
  const page = await fetch(authorization.url, { redirect: 'manual' });
  const location = page.headers.get('location');
  if (page.status !== 302 || location === null) throw new Error(`github/${handshake.name}: the authorize page answered ${page.status}`);
  const callback = new URL(location);
  const outcome = await browser.callback(Object.fromEntries(callback.searchParams));
  if (!handshake.expect({ outcome, error })) {
    throw new Error(`github/${handshake.name}: unexpected outcome ${JSON.stringify(outcome)}`);
  }

  // The replaying test sends its own state; everything else the page sent comes back as recorded.
  const callbackQuery = new URLSearchParams(callback.search);
  callbackQuery.delete('state');
  return saveRecording(`github/${handshake.name}`, {
    recordedBy: RECORDED_BY,
    against: `@passport-kit/testing ${testingPackage.version} (GitHub emulation)`,
    context: {
      clientID: options.clientID,
      clientSecret: options.clientSecret ?? '',
      callbackURL: CALLBACK_URL,
      baseURL: BASE_URL,
      authorizationURL: emulator.github.authorizationURL,
      scope: handshake.scope.join(','),
      user: USER,
      callbackQuery: callbackQuery.toString(),
    },
    definitions: proxy.definitions().slice(from),
  });
}
