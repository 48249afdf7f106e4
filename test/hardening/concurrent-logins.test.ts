// 1,000 logins at once: 200 browsers with 5 tabs each, callbacks in shuffled order. Every tab
// ends logged in as its own user with its own PKCE verifier, and nothing stays behind: no
// pending entry in any session, no login cookie in any browser, and the cookie store's replay
// memory shrinks back once the logins it remembers have expired.
import { createHash } from 'node:crypto';
import { OAuth2Strategy, type OAuth2StrategyOptions } from '@passport-kit/oauth2';
import { expect } from 'chai';
import { MemoryStore } from 'express-session';
import nock from 'nock';
import sinon from 'sinon';
import { createApp, type Outcome } from './support/app.js';
import { Client, CookieJar, listen, pool, type Listening } from './support/http.js';
import { readPrivate } from './support/private-field.js';
import { watchProcess } from '@passport-kit/test-support/process-watch';
import { Prng } from './support/prng.js';
import { json, startProvider, type Provider } from '@passport-kit/test-support/loopback-provider';

const BROWSERS = 200;
const TABS = 5;
const COOKIE_SECRET = 'concurrency-cookie-secret-0123456789abcdef';

type Done = (err: unknown, user?: unknown) => void;

interface Tab {
  browser: number;
  tab: number;
  code: string;
  state: string;
}

/** Codes are `c-<browser>-<tab>`; the provider checks each one's PKCE verifier and answers with that user. */
function provider(challenges: Map<string, string>): Promise<Provider> {
  return startProvider({
    '/token': (_req, res, body) => {
      const params = new URLSearchParams(body);
      const code = params.get('code') ?? '';
      const verifier = params.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (challenges.get(code) !== challenge) return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
      challenges.delete(code);
      json(res, 200, { access_token: `at-${code.slice(2)}`, token_type: 'Bearer' });
    },
    '/userinfo': (req, res) => json(res, 200, { sub: String(req.headers['authorization']).slice('Bearer at-'.length) }),
  });
}

class UserinfoStrategy extends OAuth2Strategy {
  userinfoURL = '';

  protected override async userProfile(accessToken: string): Promise<unknown> {
    const { body } = await this.requestResource(this.userinfoURL, accessToken);
    return JSON.parse(body) as unknown;
  }
}

function strategy(providerURL: string, options: Partial<OAuth2StrategyOptions> = {}) {
  const s = new UserinfoStrategy(
    {
      authorizationURL: `${providerURL}/authorize`,
      tokenURL: `${providerURL}/token`,
      clientID: 'concurrency-client',
      clientSecret: 'concurrency-client-secret',
      callbackURL: 'http://app.test/oauth2/callback',
      ...options,
    },
    (_at: string, _rt: string | undefined, profile: { sub: string }, done: Done) => done(null, { id: profile.sub }),
  );
  s.userinfoURL = `${providerURL}/userinfo`;
  return s;
}

describe('1,000 interleaved logins (200 browsers x 5 tabs)', function () {
  this.timeout(60_000);
  const challenges = new Map<string, string>();
  let op: Provider;

  before(async () => {
    nock.restore(); // real sockets only
    op = await provider(challenges);
  });
  after(async () => {
    await op.close();
    if (!nock.isActive()) nock.activate();
  });

  /** Starts one tab's login; the provider learns the tab's PKCE challenge for its code. */
  async function startTab(client: Client, jar: CookieJar, browser: number, tab: number): Promise<Tab> {
    const answer = await client.send({ path: '/oauth2/login', headers: { cookie: jar.header() } });
    jar.store(answer);
    expect(answer.status, answer.body).to.equal(302);
    const params = new URL(String(answer.headers['location'])).searchParams;
    const code = `c-${browser}-${tab}`;
    challenges.set(code, params.get('code_challenge') ?? '');
    return { browser, tab, code, state: params.get('state') ?? '' };
  }

  async function finishTab(client: Client, jar: CookieJar, { code, state }: Tab): Promise<Outcome & { status: number }> {
    const answer = await client.send({ path: `/oauth2/callback?${new URLSearchParams({ code, state })}`, headers: { cookie: jar.header() } });
    jar.store(answer);
    return { status: answer.status, ...(answer.json as Outcome) };
  }

  it('with express-session: each tab logs in as its own user, and no session keeps a pending login', async () => {
    const store = new MemoryStore();
    const app: Listening = await listen(createApp([strategy(op.url)], { session: { store } }));
    const client = new Client(app.url, 64);
    const events = watchProcess();
    const rng = new Prng(7);
    const jars = Array.from({ length: BROWSERS }, () => new CookieJar());
    const started = performance.now();
    try {
      // express-session saves a whole session at the end of each request (last write wins), so
      // one browser's requests go one at a time, as its tabs' navigations would; browsers run
      // side by side.
      const queues = jars.map(() => Promise.resolve() as Promise<unknown>);
      const inBrowser = <T>(browser: number, run: () => Promise<T>): Promise<T> => {
        const next = (queues[browser] as Promise<unknown>).then(run);
        queues[browser] = next.catch(() => undefined);
        return next;
      };
      const tabs = await pool(
        rng.shuffle(jars.flatMap((jar, b) => Array.from({ length: TABS }, (_, t) => () => inBrowser(b, () => startTab(client, jar, b, t))))),
        64,
      );
      const outcomes = await pool(
        rng.shuffle(tabs).map((tab) => () => inBrowser(tab.browser, async () => ({ tab, outcome: await finishTab(client, jars[tab.browser] as CookieJar, tab) }))),
        64,
      );
      const seconds = (performance.now() - started) / 1000;
      console.log(`      ${outcomes.length} logins with express-session in ${seconds.toFixed(1)} s`);

      const wrong = outcomes.filter(({ tab, outcome }) => outcome.user?.['id'] !== `${tab.browser}-${tab.tab}`);
      expect(wrong.slice(0, 3).map(({ tab, outcome }) => ({ tab, outcome })), `${wrong.length} logins went wrong`).to.deep.equal([]);
      expect(challenges.size, 'codes never exchanged').to.equal(0);
      const sessions = await new Promise<Record<string, Record<string, unknown>>>((resolve, reject) =>
        store.all((err, all) => (err ? reject(err as Error) : resolve((all ?? {}) as unknown as Record<string, Record<string, unknown>>))),
      );
      expect(Object.keys(sessions)).to.have.lengthOf(BROWSERS);
      const pending = Object.values(sessions).filter((s) => Object.keys(s).some((key) => key.startsWith('oauth2:')));
      expect(pending, 'sessions with pending logins left').to.deep.equal([]);
      expect(events.unhandledRejections).to.deep.equal([]);
    } finally {
      events.stop();
      client.close();
      await app.close();
    }
  });

  it('without sessions (encrypted cookies): tabs run fully in parallel, no cookie is left, and the replay memory is bounded by the TTL', async () => {
    const s = strategy(op.url, { stateCookie: { secret: COOKIE_SECRET } });
    const app: Listening = await listen(createApp([s], { session: false }));
    const client = new Client(app.url, 64);
    const events = watchProcess();
    const rng = new Prng(8);
    const jars = Array.from({ length: BROWSERS }, () => new CookieJar());
    const replayMemory = () => readPrivate<number>((s as unknown as { _stateStore: object })._stateStore, ['#transactions', '#cookie', '#used'], 'function () { return this.size; }');
    const started = performance.now();
    let clock: sinon.SinonFakeTimers | undefined;
    try {
      const tabs = await pool(
        rng.shuffle(jars.flatMap((jar, b) => Array.from({ length: TABS }, (_, t) => () => startTab(client, jar, b, t)))),
        64,
      );
      for (const jar of jars) expect(jar.cookies.size).to.equal(TABS);
      const outcomes = await pool(
        rng.shuffle(tabs).map((tab) => async () => ({ tab, outcome: await finishTab(client, jars[tab.browser] as CookieJar, tab) })),
        64,
      );
      const seconds = (performance.now() - started) / 1000;
      console.log(`      ${outcomes.length} logins with the cookie store in ${seconds.toFixed(1)} s`);

      const wrong = outcomes.filter(({ tab, outcome }) => outcome.user?.['id'] !== `${tab.browser}-${tab.tab}`);
      expect(wrong.slice(0, 3).map(({ tab, outcome }) => ({ tab, outcome })), `${wrong.length} logins went wrong`).to.deep.equal([]);
      expect(challenges.size, 'codes never exchanged').to.equal(0);
      expect(jars.filter((jar) => jar.cookies.size > 0), 'browsers still holding a login cookie').to.deep.equal([]);
      expect(await replayMemory()).to.equal(BROWSERS * TABS);

      // Ten minutes later (the default TTL), the next login forgets every expired one.
      clock = sinon.useFakeTimers({ now: Date.now() + 10 * 60 * 1000 + 1000, toFake: ['Date'] });
      const jar = new CookieJar();
      const late = await startTab(client, jar, BROWSERS, 0);
      expect((await finishTab(client, jar, late)).user).to.deep.equal({ id: `${BROWSERS}-0` });
      expect(await replayMemory()).to.equal(1);
      expect(events.unhandledRejections).to.deep.equal([]);
    } finally {
      clock?.restore();
      events.stop();
      client.close();
      await app.close();
    }
  });
});
