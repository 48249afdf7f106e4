// Records Facebook Login handshakes against the provider emulator of @passport-kit/testing: a
// real Express app (express-session + passport + FacebookStrategy) logs in through the recording
// proxy, which sits between the strategy and the emulator's back channel (token endpoint and
// Graph API /me). The browser leg (login dialog) goes to the emulator directly and is not
// recorded; for the handshakes that end there, the callback the dialog sent is kept in `context`.
import { FacebookStrategy, type FacebookStrategyOptions } from '@passport-kit/facebook';
import { startEmulator, type Emulator, type EndpointName, type Scenario } from '@passport-kit/testing';
import { Browser, CALLBACK_URL, loginApp, type Outcome } from '@passport-kit/test-support/login-app';
import testingPackage from '@passport-kit/testing/package.json' with { type: 'json' };
import { startRecordingProxy, type RecordingProxy } from '@passport-kit/test-support/recording-proxy';
import { saveRecording } from '@passport-kit/test-support/recordings';

// Fixed ports below the ephemeral range, so the recorded scope does not change between re-recordings.
export const EMULATOR_PORT = 14750;
export const PROXY_PORT = 14751;
const RECORDED_BY = 'scripts/recorders/facebook.ts';
const GRAPH_API_VERSION = 'v26.0';
const SCOPE = ['email', 'public_profile'];
const PROFILE_FIELDS = ['id', 'displayName', 'name', 'emails', 'photos'];

/** What the app's error handler saw, besides the JSON outcome. */
interface Observed {
  outcome: Outcome;
  error: unknown;
}

interface Handshake {
  /** Folder under test-fixtures/facebook/. */
  name: string;
  /** A scenario the emulator plays for one request during this login. */
  scenario?: { endpoint: EndpointName; play: Scenario };
  /** Let the authorization code expire between the dialog and the callback. */
  expireCode?: boolean;
  /** What the login must end in, or the recording is not saved. */
  expect: (observed: Observed) => boolean;
}

const errorWith = (name: string, fields: Record<string, unknown>) => (observed: Observed) => {
  const error = observed.error as Record<string, unknown> | undefined;
  return error?.['name'] === name && Object.entries(fields).every(([key, value]) => error[key] === value);
};

const HANDSHAKES: Handshake[] = [
  { name: 'login-with-fields', expect: ({ outcome }) => outcome.status === 200 },
  { name: 'denied', scenario: { endpoint: 'facebook.authorize', play: { kind: 'deny' } }, expect: ({ outcome }) => outcome.status === 401 },
  {
    name: 'authorization-error',
    scenario: {
      endpoint: 'facebook.authorize',
      play: { kind: 'error', error: 'OAuthException', code: 1349003, description: 'App not set up: This app is still in development mode.' },
    },
    expect: errorWith('FacebookAuthorizationError', { code: '1349003' }),
  },
  { name: 'expired-code', expireCode: true, expect: errorWith('FacebookTokenError', { code: '100', subcode: 36007 }) },
  { name: 'invalid-code', scenario: { endpoint: 'facebook.token', play: { kind: 'badCode' } }, expect: errorWith('FacebookTokenError', { code: '100' }) },
  { name: 'expired-token', scenario: { endpoint: 'facebook.me', play: { kind: 'expiredToken' } }, expect: errorWith('FacebookGraphAPIError', { code: '190', subcode: 463 }) },
];

export default async function recordFacebook(): Promise<string[]> {
  const emulator = await startEmulator({ port: EMULATOR_PORT, autoApprove: 'ada', facebook: { graphAPIVersion: GRAPH_API_VERSION } });
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
  const client = emulator.clients.facebook[0]!;
  const backChannel = `${proxy.url}/facebook/${GRAPH_API_VERSION}`;
  const options: FacebookStrategyOptions = {
    clientID: client.clientID,
    clientSecret: client.clientSecret,
    callbackURL: CALLBACK_URL,
    graphAPIVersion: GRAPH_API_VERSION,
    authorizationURL: emulator.facebook.authorizationURL,
    tokenURL: `${backChannel}/oauth/access_token`,
    profileURL: `${backChannel}/me`,
    scope: SCOPE,
    profileFields: PROFILE_FIELDS,
  };
  const strategy = new FacebookStrategy(options, (accessToken, _refreshToken, profile, done) => done(null, { accessToken, profile }));
  let error: unknown;
  const browser = new Browser(loginApp(strategy, { onError: (err) => (error = err) }));

  emulator.reset();
  if (handshake.scenario) emulator.setScenario(handshake.scenario.endpoint, handshake.scenario.play, { times: 1 });
  const from = proxy.definitions().length;
  const authorization = await browser.startLogin();
  const dialog = await fetch(authorization.url, { redirect: 'manual' });
  const location = dialog.headers.get('location');
  if (dialog.status !== 302 || location === null) throw new Error(`facebook/${handshake.name}: the dialog answered ${dialog.status}`);
  const callback = new URL(location);
  if (handshake.expireCode) emulator.advanceClock(11 * 60 * 1000);
  const outcome = await browser.callback(Object.fromEntries(callback.searchParams));
  if (!handshake.expect({ outcome, error })) {
    throw new Error(`facebook/${handshake.name}: unexpected outcome ${JSON.stringify(outcome)}`);
  }

  // The replaying test sends its own state; everything else the dialog sent comes back as recorded.
  const callbackQuery = new URLSearchParams(callback.search);
  callbackQuery.delete('state');
  return saveRecording(`facebook/${handshake.name}`, {
    recordedBy: RECORDED_BY,
    against: `@passport-kit/testing ${testingPackage.version} (Facebook emulation, Graph API ${GRAPH_API_VERSION})`,
    context: {
      clientID: client.clientID,
      clientSecret: client.clientSecret ?? '',
      callbackURL: CALLBACK_URL,
      graphAPIVersion: GRAPH_API_VERSION,
      tokenURL: options.tokenURL!,
      profileURL: options.profileURL!,
      scope: SCOPE.join(','),
      profileFields: PROFILE_FIELDS.join(','),
      callbackQuery: callbackQuery.toString(),
    },
    definitions: proxy.definitions().slice(from),
  });
}
