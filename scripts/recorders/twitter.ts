// Records Twitter (OAuth 1.0a) and X (OAuth 2.0) logins against the provider emulator of
// @passport-kit/testing: a real Express app (express-session + passport + TwitterStrategy or
// XStrategy) logs in through the recording proxy, which sits between the strategy and the
// emulator's back channel (request-token, access-token and verify_credentials calls; X's token
// endpoint and /2/users/me). The browser leg (authorize) goes to the emulator directly, with
// `login_hint=<user>` to approve at once, and is not recorded.
//
// Twitter verifies every OAuth 1.0a signature over the URL the strategy signed (the proxy's),
// but the proxy rewrites Host to its target's: a small relay between the proxy and the emulator
// puts the proxy's Host back, so the emulator checks the signature over the URL that was signed.
import { createServer, request as forward } from 'node:http';
import { TwitterStrategy, XStrategy, type TwitterStrategyOptions, type XStrategyOptions } from '@passport-kit/twitter';
import { DEFAULT_USERS, startEmulator, type Emulator, type EndpointName, type Scenario } from '@passport-kit/testing';
import testingPackage from '@passport-kit/testing/package.json' with { type: 'json' };
import { Browser, CALLBACK_URL, loginApp, type Outcome } from '@passport-kit/test-support/login-app';
import { startRecordingProxy, type RecordingProxy } from '@passport-kit/test-support/recording-proxy';
import { saveRecording } from '@passport-kit/test-support/recordings';

// Fixed ports below the ephemeral range, distinct from the other recorders' (147x0/147x1): the
// recorded scope must not change between re-recordings.
export const EMULATOR_PORT = 14760;
export const PROXY_PORT = 14761;
const RELAY_PORT = 14762;
const RECORDED_BY = 'scripts/recorders/twitter.ts';
const AGAINST = `@passport-kit/testing ${testingPackage.version}`;
const CONSUMER = { key: 'twitter-consumer-key', secret: 'twitter-consumer-secret' };
// A user whose id does not fit in a double: the profile must take id_str.
const HEDY = { id: '9007199254740993', username: 'hedy', name: 'Hedy Lamarr', email: 'hedy@example.com' };

interface Handshake<Options> {
  /** Folder under test-fixtures/. */
  name: string;
  /** Strategy options besides the endpoints and credentials. */
  options?: Partial<Options>;
  /** A query `userProfileURL` already has (Twitter): the include_* options must still be added. */
  profileQuery?: string;
  /** The emulator user who approves (`login_hint`). */
  user?: string;
  /** A scenario the emulator plays for one request during this login. */
  scenario?: { endpoint: EndpointName; play: Scenario };
  /** What the login must end in, or the recording is not saved. */
  expect: (outcome: Outcome) => boolean;
}

const status = (code: number) => (outcome: Outcome) => outcome.status === code;
const errorWith = (name: string, code: string) => (outcome: Outcome) => outcome.error?.name === name && outcome.error.code === code;

const TWITTER: Handshake<TwitterStrategyOptions>[] = [
  { name: 'login', user: 'ada', options: { includeEmail: true, includeStatus: false }, expect: status(200) },
  { name: 'login-profile-url-query', user: 'hedy', options: { includeEmail: true, includeEntities: false }, profileQuery: 'tweet_mode=extended', expect: status(200) },
  { name: 'denied', scenario: { endpoint: 'twitter.authorize', play: { kind: 'deny' } }, expect: status(403) },
  { name: 'access-token-401', scenario: { endpoint: 'twitter.accessToken', play: { kind: 'badCode' } }, expect: errorWith('APIError', 'ERR_TWITTER_API') },
  { name: 'verify-credentials-401', scenario: { endpoint: 'twitter.verifyCredentials', play: { kind: 'expiredToken' } }, expect: errorWith('APIError', '89') },
];

const X: Handshake<XStrategyOptions>[] = [
  { name: 'login-confidential', user: 'ada', options: { clientSecret: 'x-client-secret', scope: ['users.read', 'tweet.read', 'offline.access'] }, expect: status(200) },
  { name: 'login-public', user: 'grace', options: { clientID: 'x-public-client-id' }, expect: status(200) },
  { name: 'token-error', options: { clientSecret: 'x-client-secret' }, scenario: { endpoint: 'x.token', play: { kind: 'badCode' } }, expect: errorWith('TokenError', 'invalid_request') },
  { name: 'users-me-401', options: { clientSecret: 'x-client-secret' }, scenario: { endpoint: 'x.me', play: { kind: 'expiredToken' } }, expect: errorWith('APIError', 'unauthorized') },
];

export default async function recordTwitter(): Promise<string[]> {
  const emulator = await startEmulator({ port: EMULATOR_PORT, users: [...DEFAULT_USERS, HEDY] });
  const relay = await startHostRelay(emulator.url, `127.0.0.1:${PROXY_PORT}`, RELAY_PORT);
  const proxy = await startRecordingProxy(relay.url, { port: PROXY_PORT });
  try {
    const written: string[] = [];
    for (const handshake of TWITTER) written.push(await recordTwitterLogin(emulator, proxy, handshake));
    written.push(await recordInterleavedTwitterLogins(emulator, proxy));
    written.push(await recordRequestTokenRefusal(emulator, proxy));
    for (const handshake of X) written.push(await recordXLogin(emulator, proxy, handshake));
    return written;
  } finally {
    await proxy.close();
    await relay.close();
    await emulator.close();
  }
}

function twitterStrategy(emulator: Emulator, proxy: RecordingProxy, options: Partial<TwitterStrategyOptions> = {}, profileQuery = '', consumerSecret = CONSUMER.secret) {
  return new TwitterStrategy(
    {
      consumerKey: CONSUMER.key,
      consumerSecret,
      callbackURL: CALLBACK_URL,
      requestTokenURL: `${proxy.url}/twitter/oauth/request_token`,
      accessTokenURL: `${proxy.url}/twitter/oauth/access_token`,
      userAuthorizationURL: emulator.twitter.authenticateURL,
      userProfileURL: profileURLOf(proxy, profileQuery),
      ...options,
    },
    (_token, _tokenSecret, profile, done) => done(null, profile),
  );
}

function profileURLOf(proxy: RecordingProxy, query: string): string {
  return `${proxy.url}/twitter/1.1/account/verify_credentials.json${query ? `?${query}` : ''}`;
}

function twitterContext(proxy: RecordingProxy, profileQuery = ''): Record<string, string> {
  return {
    providerURL: proxy.url,
    consumerKey: CONSUMER.key,
    consumerSecret: CONSUMER.secret,
    callbackURL: CALLBACK_URL,
    requestTokenURL: `${proxy.url}/twitter/oauth/request_token`,
    accessTokenURL: `${proxy.url}/twitter/oauth/access_token`,
    userProfileURL: profileURLOf(proxy, profileQuery),
  };
}

/** The user's browser at the emulator's authorize page, approving as `user`; returns the callback. */
async function approve(location: URL, user: string): Promise<URL> {
  location.searchParams.set('login_hint', user);
  const res = await fetch(location, { redirect: 'manual' });
  const back = res.headers.get('location');
  if (res.status !== 302 || back === null) throw new Error(`authorize answered ${res.status}: ${await res.text()}`);
  return new URL(back);
}

async function recordTwitterLogin(emulator: Emulator, proxy: RecordingProxy, handshake: Handshake<TwitterStrategyOptions>): Promise<string> {
  const strategy = twitterStrategy(emulator, proxy, handshake.options, handshake.profileQuery);
  const browser = new Browser(loginApp(strategy));
  emulator.reset();
  if (handshake.scenario) emulator.setScenario(handshake.scenario.endpoint, handshake.scenario.play, { times: 1 });
  const from = proxy.definitions().length;
  const callback = await approve((await browser.startLogin()).url, handshake.user ?? 'ada');
  const outcome = await browser.callback(callback.searchParams);
  if (!handshake.expect(outcome)) throw new Error(`twitter/${handshake.name}: unexpected outcome ${JSON.stringify(outcome)}`);
  return saveRecording(`twitter/${handshake.name}`, {
    recordedBy: RECORDED_BY,
    against: `${AGAINST} (Twitter emulation, OAuth 1.0a)`,
    context: { ...twitterContext(proxy, handshake.profileQuery), callbackQuery: callback.searchParams.toString() },
    definitions: proxy.definitions().slice(from),
  });
}

/** Two people log in at once: ada starts, hedy starts, hedy finishes, ada finishes. */
async function recordInterleavedTwitterLogins(emulator: Emulator, proxy: RecordingProxy): Promise<string> {
  const strategy = twitterStrategy(emulator, proxy);
  const app = loginApp(strategy);
  const ada = new Browser(app);
  const hedy = new Browser(app);
  emulator.reset();
  const from = proxy.definitions().length;
  const adaStart = (await ada.startLogin()).url;
  const hedyStart = (await hedy.startLogin()).url;
  const hedyBack = await approve(hedyStart, 'hedy');
  const adaBack = await approve(adaStart, 'ada');
  for (const [who, outcome] of [['hedy', await hedy.callback(hedyBack.searchParams)], ['ada', await ada.callback(adaBack.searchParams)]] as const) {
    if (outcome.status !== 200 || (outcome.user as { username?: string }).username !== who) throw new Error(`twitter/two-users-interleaved: ${who} got ${JSON.stringify(outcome)}`);
  }
  return saveRecording('twitter/two-users-interleaved', {
    recordedBy: RECORDED_BY,
    against: `${AGAINST} (Twitter emulation, OAuth 1.0a)`,
    context: { ...twitterContext(proxy), adaCallbackQuery: adaBack.searchParams.toString(), hedyCallbackQuery: hedyBack.searchParams.toString() },
    definitions: proxy.definitions().slice(from),
  });
}

/** A consumer secret Twitter does not accept: 401 with error 32 on the request-token call. */
async function recordRequestTokenRefusal(emulator: Emulator, proxy: RecordingProxy): Promise<string> {
  const wrongSecret = 'not-the-registered-secret-4242';
  const strategy = twitterStrategy(emulator, proxy, {}, '', wrongSecret);
  emulator.reset();
  const from = proxy.definitions().length;
  const res = await new Browser(loginApp(strategy)).agent.get('/login');
  const outcome = { status: res.status, ...(res.body as object) } as Outcome;
  if (!errorWith('APIError', '32')(outcome)) throw new Error(`twitter/request-token-401: unexpected outcome ${JSON.stringify(outcome)}`);
  return saveRecording('twitter/request-token-401', {
    recordedBy: RECORDED_BY,
    against: `${AGAINST} (Twitter emulation, OAuth 1.0a)`,
    context: { ...twitterContext(proxy), consumerSecret: wrongSecret },
    definitions: proxy.definitions().slice(from),
  });
}

async function recordXLogin(emulator: Emulator, proxy: RecordingProxy, handshake: Handshake<XStrategyOptions>): Promise<string> {
  const options: XStrategyOptions = {
    clientID: 'x-client-id',
    callbackURL: CALLBACK_URL,
    authorizationURL: emulator.x.authorizationURL,
    tokenURL: `${proxy.url}/x/2/oauth2/token`,
    userProfileURL: `${proxy.url}/x/2/users/me`,
    ...handshake.options,
  };
  const strategy = new XStrategy(options, (accessToken, refreshToken, profile, done) => done(null, { accessToken, refreshToken, profile }));
  const browser = new Browser(loginApp(strategy));
  emulator.reset();
  if (handshake.scenario) emulator.setScenario(handshake.scenario.endpoint, handshake.scenario.play, { times: 1 });
  const from = proxy.definitions().length;
  const authorization = (await browser.startLogin()).url;
  const callback = await approve(authorization, handshake.user ?? 'ada');
  const outcome = await browser.callback(callback.searchParams);
  if (!handshake.expect(outcome)) throw new Error(`x/${handshake.name}: unexpected outcome ${JSON.stringify(outcome)}`);
  return saveRecording(`x/${handshake.name}`, {
    recordedBy: RECORDED_BY,
    against: `${AGAINST} (X emulation, OAuth 2.0)`,
    context: {
      clientID: options.clientID,
      clientSecret: options.clientSecret ?? '',
      callbackURL: CALLBACK_URL,
      tokenURL: options.tokenURL!,
      userProfileURL: options.userProfileURL!,
      scope: authorization.searchParams.get('scope') ?? '',
      code: callback.searchParams.get('code') ?? '',
    },
    definitions: proxy.definitions().slice(from),
  });
}

/** Forwards every request to `targetOrigin` with the given Host header. */
async function startHostRelay(targetOrigin: string, host: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(targetOrigin);
  const server = createServer((req, res) => {
    const upstream = forward({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (err) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`relay: ${err.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
