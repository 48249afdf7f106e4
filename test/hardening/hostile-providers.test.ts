// Providers that hang, flood, drip, reset, redirect or answer garbage, on real loopback
// servers: every login ends in a typed error within the configured timeout, the size cap stops
// reading a 50 MB body, and while one login waits on a stuck provider the app keeps logging
// other people in.
import { PassportKitError, UnexpectedBodyError, type Profile, type VerifyCallback } from '@passport-kit/core';
import { GitHubStrategy } from '@passport-kit/github';
import { OAuth1Strategy, type TokenParams } from '@passport-kit/oauth1';
import { OAuth2Strategy } from '@passport-kit/oauth2';
import { expect } from 'chai';
import nock from 'nock';
import { createApp, type Outcome } from './support/app.js';
import { HOSTILE_BEHAVIOURS, hostile, type FloodReport, type HostileBehaviour } from '@passport-kit/test-support/hostile-handlers';
import { Client, CookieJar, listen, type Answer, type Listening } from './support/http.js';
import { watchProcess, type ProcessEvents } from '@passport-kit/test-support/process-watch';
import { form, json, startProvider, type Provider } from '@passport-kit/test-support/loopback-provider';

const TIMEOUT = 800;
/** Time allowed past the timeout for the error to reach the browser on a busy CI machine. */
const SLACK = 700;
const OTHER_LOGINS = 8;

type Done = VerifyCallback;

/** What each behaviour must end in: a typed error, or a cause of one, with this name and code. */
const EXPECTED: Record<HostileBehaviour, { name: string; code?: string; statusCode?: number }> = {
  hang: { name: 'NetworkError', code: 'ERR_TIMEOUT' },
  drip: { name: 'NetworkError', code: 'ERR_TIMEOUT' },
  huge: { name: 'NetworkError', code: 'ERR_RESPONSE_TOO_LARGE' },
  'huge-declared': { name: 'NetworkError', code: 'ERR_RESPONSE_TOO_LARGE' },
  reset: { name: 'NetworkError', code: 'ERR_NETWORK' },
  'invalid-json': { name: 'UnexpectedBodyError', code: 'ERR_UNEXPECTED_BODY' },
  html: { name: 'UnexpectedBodyError', code: 'ERR_UNEXPECTED_BODY' },
  redirect: { name: 'UnexpectedStatusError', statusCode: 302 },
};

/** An OAuth 1.0a provider-shaped strategy: the profile is a signed GET of a JSON document. */
class OAuth1ProfileStrategy extends OAuth1Strategy {
  profileURL = '';

  protected override async userProfile(token: string, tokenSecret: string, _params: TokenParams): Promise<Profile> {
    const { body } = await this.fetchProtectedResource(this.profileURL, token, tokenSecret);
    let parsed: { id?: unknown };
    try {
      parsed = JSON.parse(body) as { id?: unknown };
    } catch {
      throw new UnexpectedBodyError('profile response is not JSON');
    }
    return { provider: 'example', id: String(parsed.id), displayName: '' };
  }
}

describe('hostile providers', function () {
  this.timeout(60_000);
  let provider: Provider;
  let app: Listening;
  let client: Client;
  const floods: FloodReport[] = [];
  const requestTokenPlan: HostileBehaviour[] = [];
  const appErrors: unknown[] = [];
  let events: ProcessEvents;

  before(async () => {
    // Real sockets only: nock's interceptor would sit between the strategy and these servers.
    nock.restore();
    let requestTokens = 0;
    provider = await startProvider({
      '/token': (req, res, body) => {
        const code = new URLSearchParams(body).get('code') ?? '';
        if (code.startsWith('ok-')) return json(res, 200, { access_token: `at-${code.slice(3)}`, token_type: 'bearer' });
        if (code.startsWith('profile-')) return json(res, 200, { access_token: `p-${code.slice(8)}`, token_type: 'bearer' });
        if (code === 'no-token') return json(res, 200, { token_type: 'bearer', expires_in: 3600 });
        if (code === 'wrong-token-type') return json(res, 200, { access_token: 'at-mac', token_type: 'mac' });
        return hostile(code as HostileBehaviour, floods)(req, res, body);
      },
      '/user': (req, res, body) => {
        const token = String(req.headers['authorization']).replace(/^Bearer /, '');
        if (token.startsWith('at-')) return json(res, 200, { id: Number(token.slice(3)), login: `user${token.slice(3)}` });
        return hostile(token.slice(2) as HostileBehaviour, floods)(req, res, body);
      },
      '/oauth/request_token': (req, res, body) => {
        const planned = requestTokenPlan.shift();
        if (planned) return hostile(planned, floods)(req, res, body);
        requestTokens++;
        form(res, 200, `oauth_token=rt-${requestTokens}&oauth_token_secret=rts-${requestTokens}&oauth_callback_confirmed=true`);
      },
      '/oauth/access_token': (req, res, body) => {
        const verifier = /oauth_verifier="([^"]*)"/.exec(String(req.headers['authorization']))?.[1] ?? '';
        if (verifier.startsWith('ok-')) return form(res, 200, `oauth_token=at-${verifier.slice(3)}&oauth_token_secret=ats-${verifier.slice(3)}`);
        if (verifier.startsWith('profile-')) return form(res, 200, `oauth_token=p-${verifier.slice(8)}&oauth_token_secret=pts`);
        if (verifier === 'no-token') return form(res, 200, 'oauth_token_secret=only-a-secret');
        return hostile(verifier as HostileBehaviour, floods)(req, res, body);
      },
      '/1.1/profile.json': (req, res, body) => {
        const token = /oauth_token="([^"]*)"/.exec(String(req.headers['authorization']))?.[1] ?? '';
        if (token.startsWith('at-')) return json(res, 200, { id: token.slice(3) });
        return hostile(token.slice(2) as HostileBehaviour, floods)(req, res, body);
      },
    });

    const oauth2 = new OAuth2Strategy(
      {
        authorizationURL: `${provider.url}/authorize`,
        tokenURL: `${provider.url}/token`,
        clientID: 'hostile-client',
        clientSecret: 'hostile-client-secret',
        callbackURL: 'http://app.test/oauth2/callback',
        issuer: provider.url,
        timeout: TIMEOUT,
      },
      (accessToken: string, _rt: string | undefined, _profile: unknown, done: Done) => done(null, { id: accessToken.slice(3) }),
    );
    const github = new GitHubStrategy(
      {
        authorizationURL: `${provider.url}/authorize`,
        tokenURL: `${provider.url}/token`,
        userProfileURL: `${provider.url}/user`,
        clientID: 'hostile-github-client',
        clientSecret: 'hostile-github-secret',
        callbackURL: 'http://app.test/github/callback',
        timeout: TIMEOUT,
      },
      (_at: string, _rt: string | undefined, profile: { id: string }, done: Done) => done(null, { id: profile.id }),
    );
    const oauth1 = new OAuth1ProfileStrategy(
      {
        requestTokenURL: `${provider.url}/oauth/request_token`,
        accessTokenURL: `${provider.url}/oauth/access_token`,
        userAuthorizationURL: `${provider.url}/oauth/authorize`,
        consumerKey: 'hostile-consumer',
        consumerSecret: 'hostile-consumer-secret',
        callbackURL: 'http://app.test/oauth/callback',
        timeout: TIMEOUT,
      },
      (_token: string, _secret: string, profile: Profile, done: Done) => done(null, { id: profile.id }),
    );
    oauth1.profileURL = `${provider.url}/1.1/profile.json`;
    app = await listen(createApp([oauth2, github, oauth1], { onError: (err) => appErrors.push(err) }));
    client = new Client(app.url, 64);
  });

  after(async () => {
    client.close();
    await app.close();
    await provider.close();
    if (!nock.isActive()) nock.activate();
  });

  beforeEach(() => {
    events = watchProcess();
    appErrors.length = 0;
  });

  afterEach(() => {
    events.stop();
    expect(events.unhandledRejections, 'unhandled rejections').to.deep.equal([]);
    expect(events.uncaughtExceptions, 'uncaught exceptions').to.deep.equal([]);
    for (const err of appErrors) expect(err, String(err)).to.be.an.instanceOf(PassportKitError);
  });

  /** An OAuth 2.0 login whose callback carries `code` (and `iss`); the callback leg is timed. */
  async function oauth2Login(name: 'oauth2' | 'github', code: string, extra: Record<string, string> = {}) {
    const jar = new CookieJar();
    const login = await client.send({ path: `/${name}/login` });
    jar.store(login);
    const state = new URL(String(login.headers['location'])).searchParams.get('state') ?? '';
    const started = performance.now();
    const answer = await client.send({ path: `/${name}/callback?${new URLSearchParams({ code, state, ...extra })}`, headers: { cookie: jar.header() } });
    return { answer, outcome: answer.json as Outcome, ms: performance.now() - started };
  }

  /** An OAuth 1.0a login; the leg that talks to the hostile endpoint is timed. */
  async function oauth1Login(verifier: string) {
    const jar = new CookieJar();
    let started = performance.now();
    const login = await client.send({ path: '/oauth/login' });
    if (login.status !== 302) return { answer: login, outcome: login.json as Outcome, ms: performance.now() - started };
    jar.store(login);
    const token = new URL(String(login.headers['location'])).searchParams.get('oauth_token') ?? '';
    started = performance.now();
    const answer = await client.send({ path: `/oauth/callback?${new URLSearchParams({ oauth_token: token, oauth_verifier: verifier })}`, headers: { cookie: jar.header() } });
    return { answer, outcome: answer.json as Outcome, ms: performance.now() - started };
  }

  /** Waits until the provider has received `count` requests on `path`. */
  async function arrived(path: string, count: number) {
    while ((provider.received.get(path) ?? 0) < count) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /**
   * Starts the hostile login, waits until its request reached the provider, logs other people
   * in meanwhile, then checks how the hostile one ended.
   */
  async function whileOthersLogIn(
    path: string,
    hostileLogin: () => Promise<{ answer: Answer; outcome: Outcome; ms: number }>,
    normalLogin: (n: number) => Promise<{ outcome: Outcome }>,
  ) {
    const before = provider.received.get(path) ?? 0;
    let hostileDone = false;
    const pending = hostileLogin().finally(() => {
      hostileDone = true;
    });
    await arrived(path, before + 1);
    const others = await Promise.all(Array.from({ length: OTHER_LOGINS }, (_, i) => normalLogin(i)));
    const othersFinishedFirst = !hostileDone;
    for (const [i, other] of others.entries()) expect(other.outcome.user, JSON.stringify(other.outcome)).to.deep.equal({ id: String(i) });
    return { ...(await pending), othersFinishedFirst };
  }

  function expectTypedError(outcome: Outcome, expected: { name: string; code?: string; statusCode?: number }) {
    const error = outcome.error;
    expect(error, JSON.stringify(outcome)).to.exist;
    const chain = [{ name: error?.name, code: error?.code, statusCode: error?.statusCode }, error?.cause];
    const match = chain.find((e) => e?.name === expected.name);
    expect(match, JSON.stringify(outcome)).to.exist;
    if (expected.code) expect(match?.code, JSON.stringify(outcome)).to.equal(expected.code);
    if (expected.statusCode) expect(match?.statusCode, JSON.stringify(outcome)).to.equal(expected.statusCode);
  }

  const slow = new Set<HostileBehaviour>(['hang', 'drip']);

  /**
   * A hostile answer ended in the expected typed error inside the deadline; a slow one let the
   * other logins finish first; an endless body was cut off.
   */
  async function expectContained(
    result: Awaited<ReturnType<typeof whileOthersLogIn>>,
    behaviour: HostileBehaviour,
    newFloods: typeof floods,
  ): Promise<void> {
    expectTypedError(result.outcome, EXPECTED[behaviour]);
    expect(result.ms).to.be.below(TIMEOUT + SLACK);
    if (slow.has(behaviour)) {
      expect(result.ms).to.be.at.least(TIMEOUT - 50);
      expect(result.othersFinishedFirst, 'other logins completed while this one waited').to.equal(true);
    }
    if (behaviour === 'huge' || behaviour === 'huge-declared') await expectCutOff(newFloods);
  }

  describe('token endpoint (OAuth2Strategy)', () => {
    for (const behaviour of HOSTILE_BEHAVIOURS) {
      it(`${behaviour}: a typed error within the timeout, while other logins complete`, async () => {
        const floodsBefore = floods.length;
        const result = await whileOthersLogIn('/token', () => oauth2Login('oauth2', behaviour), (n) => oauth2Login('oauth2', `ok-${n}`));
        expect(result.outcome.error?.name).to.equal('InternalOAuthError');
        await expectContained(result, behaviour, floods.slice(floodsBefore));
      });
    }

    it('a token response without access_token: TokenError invalid_token_response', async () => {
      const { outcome } = await oauth2Login('oauth2', 'no-token');
      expect(outcome.error).to.include({ name: 'TokenError', code: 'invalid_token_response' });
    });

    it('a token response with token_type mac: accepted and passed on, as passport-oauth2 does', async () => {
      const { outcome } = await oauth2Login('oauth2', 'wrong-token-type');
      expect(outcome.error).to.equal(undefined);
      expect(outcome.user).to.not.equal(undefined);
    });

    it("an iss that is not the issuer's (mix-up): refused with 403 before the code is sent anywhere", async () => {
      const tokenRequests = provider.received.get('/token') ?? 0;
      const { answer, outcome } = await oauth2Login('oauth2', 'ok-1', { iss: 'https://attacker.example' });
      expect(answer.status).to.equal(403);
      expect(outcome.failure).to.deep.equal({ message: 'Authorization response is from an unexpected issuer.' });
      expect(provider.received.get('/token') ?? 0).to.equal(tokenRequests);
      const genuine = await oauth2Login('oauth2', 'ok-2', { iss: provider.url });
      expect(genuine.outcome.user).to.deep.equal({ id: '2' });
    });
  });

  describe('profile endpoint (GitHubStrategy)', () => {
    for (const behaviour of HOSTILE_BEHAVIOURS) {
      it(`${behaviour}: a typed error within the timeout, while other logins complete`, async () => {
        const floodsBefore = floods.length;
        const result = await whileOthersLogIn('/user', () => oauth2Login('github', `profile-${behaviour}`), (n) => oauth2Login('github', `ok-${n}`));
        expect(result.outcome.error?.name).to.equal('InternalOAuthError');
        await expectContained(result, behaviour, floods.slice(floodsBefore));
      });
    }
  });

  describe('OAuth 1.0a endpoints (OAuth1Strategy)', () => {
    const endpoints = [
      { leg: 'request token', path: '/oauth/request_token', login: (b: HostileBehaviour) => (requestTokenPlan.push(b), oauth1Login('ok-0')), wrapped: true },
      { leg: 'access token', path: '/oauth/access_token', login: (b: HostileBehaviour) => oauth1Login(b), wrapped: true },
      { leg: 'profile', path: '/1.1/profile.json', login: (b: HostileBehaviour) => oauth1Login(`profile-${b}`), wrapped: false },
    ];
    for (const { leg, path, login, wrapped } of endpoints) {
      for (const behaviour of HOSTILE_BEHAVIOURS) {
        it(`${leg}, ${behaviour}: a typed error within the timeout, while other logins complete`, async () => {
          const floodsBefore = floods.length;
          const result = await whileOthersLogIn(path, () => login(behaviour), (n) => oauth1Login(`ok-${n}`));
          // Token legs fail as passport-oauth1 did (InternalOAuthError); the profile's error is the provider package's own.
          if (wrapped) expect(result.outcome.error?.name).to.equal('InternalOAuthError');
          await expectContained(result, behaviour, floods.slice(floodsBefore));
        });
      }
    }

    it('an access token response without oauth_token: InternalOAuthError caused by UnexpectedBodyError', async () => {
      const { outcome } = await oauth1Login('no-token');
      expect(outcome.error?.name).to.equal('InternalOAuthError');
      expect(outcome.error?.cause).to.include({ name: 'UnexpectedBodyError' });
    });
  });
});

/** The client stopped reading the 50 MB body: the server saw the socket close long before the end. */
function expectCutOff(reports: FloodReport[]) {
  expect(reports).to.have.lengthOf(1);
  const [report] = reports as [FloodReport];
  // The close reaches the server a moment after the error: wait for it.
  return new Promise<void>((resolve, reject) => {
    const deadline = Date.now() + 2000;
    const check = () => {
      if (report.closedEarly) {
        try {
          expect(report.bytesWritten).to.be.below(16 * 1024 * 1024);
          resolve();
        } catch (err) {
          reject(err as Error);
        }
      } else if (Date.now() > deadline) reject(new Error(`the server sent ${report.bytesWritten} bytes and the socket is still open`));
      else setTimeout(check, 10);
    };
    check();
  });
}
