// Generated callback requests through a real Express app: whatever arrives on the callback
// (missing, repeated, array- and object-valued parameters, 100 KB values, control characters,
// unicode, %00, wrong methods with odd bodies, no session, expired and replayed state, forged
// cookies), the app answers with a clean fail() or a typed error, never crashes and never
// leaves a rejection unhandled. FUZZ_SEED=<n> reruns one run's requests.
import { PassportKitError, UnexpectedStatusError } from '@passport-kit/core';
import { OAuth1Strategy } from '@passport-kit/oauth1';
import { InternalOAuthError, OAuth2Strategy, type OAuth2StrategyOptions } from '@passport-kit/oauth2';
import { expect } from 'chai';
import nock from 'nock';
import { createApp } from './support/app.js';
import { Client, CookieJar, listen, pool, type Answer, type Listening } from './support/http.js';
import { encodeComponent, encodePairs, oddValue, paramShape, type Pairs } from './support/hostile-values.js';
import { watchProcess } from '@passport-kit/test-support/process-watch';
import { form, json, startProvider, type Provider } from '@passport-kit/test-support/loopback-provider';
import { Prng, fuzzSeed } from './support/prng.js';

// The providers' loopback origins, known once they listen.
let PROVIDER = '';
let OAUTH1_PROVIDER = '';
const COOKIE_SECRET = 'fuzz-cookie-secret-0123456789abcdefghijklmnop';

type Done = (err: unknown, user?: unknown) => void;

/** A provider-shaped strategy: the profile comes from the provider's userinfo endpoint. */
class ProfileStrategy extends OAuth2Strategy {
  protected override async userProfile(accessToken: string): Promise<unknown> {
    const { status, body } = await this.requestResource(`${PROVIDER}/userinfo`, accessToken);
    if (status !== 200) throw new InternalOAuthError('Failed to fetch user profile', new UnexpectedStatusError(`userinfo answered ${status}`, status, body));
    return JSON.parse(body) as unknown;
  }
}

function oauth2Strategy(name: string, options: Partial<OAuth2StrategyOptions> = {}) {
  const strategy = new ProfileStrategy(
    {
      authorizationURL: `${PROVIDER}/authorize`,
      tokenURL: `${PROVIDER}/token`,
      clientID: 'fuzz-client',
      clientSecret: 'fuzz-client-secret-value',
      callbackURL: `http://app.test/${name}/callback`,
      issuer: PROVIDER,
      sessionKey: `fuzz:${name}`,
      stateCookie: { secret: COOKIE_SECRET, name: `tx.${name}` },
      ...options,
    },
    (_at: string, _rt: string | undefined, profile: { sub: string }, done: Done) => done(null, { id: profile.sub }),
  );
  strategy.name = name;
  return strategy;
}

/** The token and userinfo endpoints: codes `good-<n>` are exchanged for `at-<n>`, others refused. */
function oauth2Provider(): Promise<Provider & { exchanged: string[] }> {
  const exchanged: string[] = [];
  return startProvider({
    '/token': (_req, res, body) => {
      const params = new URLSearchParams(body);
      const code = params.get('code') ?? '';
      if (!/^good-\d+$/.test(code) || !params.get('code_verifier')) return json(res, 400, { error: 'invalid_grant' });
      exchanged.push(code);
      json(res, 200, { access_token: `at-${code.slice(5)}`, token_type: 'Bearer', expires_in: 3600 });
    },
    '/userinfo': (req, res) => json(res, 200, { sub: `user-${String(req.headers['authorization']).slice('Bearer at-'.length)}` }),
  }).then((provider) => Object.assign(provider, { exchanged }));
}

/** Request tokens `rt-<n>`; verifiers `good-<n>` get an access token, others a 401. */
function oauth1Provider(): Promise<Provider> {
  let issued = 0;
  return startProvider({
    '/oauth/request_token': (_req, res) => {
      issued++;
      form(res, 200, `oauth_token=rt-${issued}&oauth_token_secret=rts-${issued}&oauth_callback_confirmed=true`);
    },
    '/oauth/access_token': (req, res) => {
      const verifier = /oauth_verifier="([^"]*)"/.exec(String(req.headers['authorization']))?.[1] ?? '';
      if (!/^good-\d+$/.test(verifier)) return form(res, 401, 'Invalid oauth_verifier parameter');
      const n = verifier.slice(5);
      form(res, 200, `oauth_token=at-${n}&oauth_token_secret=ats-${n}&user_id=${n}`);
    },
  });
}

const METHODS = ['GET', 'GET', 'GET', 'GET', 'GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH'];

interface Generated {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** Puts the pairs in the query, the body, or both, with an odd body now and then. */
function shapeRequest(rng: Prng, route: string, pairs: Pairs, cookie: string): Generated {
  const method = rng.pick(METHODS);
  const headers: Record<string, string> = {};
  if (cookie) headers['cookie'] = cookie;
  if (method === 'GET' || rng.chance(0.3)) return { method, path: `${route}?${encodePairs(rng, pairs)}`, headers };
  const inBody = pairs.filter(() => rng.chance(0.7));
  const inQuery = pairs.filter((p) => !inBody.includes(p));
  const path = inQuery.length ? `${route}?${encodePairs(rng, inQuery)}` : route;
  switch (rng.int(0, 7)) {
    case 0:
      headers['content-type'] = 'application/json';
      return { method, path, headers, body: JSON.stringify(Object.fromEntries(inBody.map(([k, v]) => [k, rng.pick<unknown>([v, 1, null, true, [v], { v }])]))) };
    case 1:
      headers['content-type'] = 'application/json';
      return { method, path, headers, body: '{"code": "x", "state": ' };
    case 2:
      headers['content-type'] = 'application/x-www-form-urlencoded';
      return { method, path, headers, body: Buffer.from(Array.from({ length: rng.int(1, 4096) }, () => rng.int(0, 255))) };
    case 3:
      headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-16';
      return { method, path, headers, body: encodePairs(rng, inBody) };
    case 4:
      headers['content-type'] = 'text/plain';
      return { method, path, headers, body: encodePairs(rng, inBody) };
    case 5:
      headers['content-type'] = 'application/x-www-form-urlencoded';
      return { method, path, headers, body: `${encodePairs(rng, inBody)}&pad=${'p'.repeat(300 * 1024)}` };
    default:
      headers['content-type'] = 'application/x-www-form-urlencoded';
      return { method, path, headers, body: encodePairs(rng, inBody) };
  }
}

/** Errors the app's error handler may see: ours, or body-parser's refusal of a malformed body. */
function isCleanError(err: unknown): boolean {
  if (err instanceof PassportKitError) return true;
  const e = err as { status?: unknown; expose?: unknown; type?: unknown };
  return typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true && typeof e.type === 'string';
}

type Kind = 'success' | 'fail' | 'error' | 'restart';

/** What the app answered, or why the answer is not clean. */
function classify(answer: Answer, authorizationURL: string): Kind | `unclean: ${string}` {
  const json = answer.json as { user?: unknown; failure?: unknown; error?: { name?: string } } | undefined;
  if (answer.status === 200 && json?.user) return 'success';
  if (answer.status === 302 && String(answer.headers['location']).startsWith(authorizationURL)) return 'restart';
  if (answer.status >= 400 && answer.status < 500 && json && 'failure' in json) return 'fail';
  if (answer.status >= 400 && answer.status < 600 && json?.error?.name) return 'error';
  return `unclean: ${answer.status} ${answer.body.slice(0, 200)}`;
}

interface Tally {
  callbacks: number;
  kinds: Record<string, number>;
  unclean: string[];
  forged: string[];
}

function tally(): Tally {
  return { callbacks: 0, kinds: {}, unclean: [], forged: [] };
}

function record(t: Tally, label: string, answer: Answer, authorizationURL: string, mayLogIn: boolean) {
  t.callbacks++;
  const kind = classify(answer, authorizationURL);
  t.kinds[kind.startsWith('unclean') ? 'unclean' : kind] = (t.kinds[kind.startsWith('unclean') ? 'unclean' : kind] ?? 0) + 1;
  if (kind.startsWith('unclean')) t.unclean.push(`${label}: ${kind}`);
  if (kind === 'success' && !mayLogIn) t.forged.push(`${label}: logged in`);
}

describe('hostile callbacks (generated, seeded)', function () {
  this.timeout(120_000);

  // nock's interceptor sits under every socket, passthrough included, and quadruples the CPU
  // each request costs; these tests talk to real loopback servers only.
  before(() => nock.restore());
  after(() => {
    if (!nock.isActive()) nock.activate();
  });

  describe('OAuth2Strategy through Express', () => {
    let provider: Provider & { exchanged: string[] };
    let sessionApp: Listening;
    let cookieApp: Listening;
    const appErrors: unknown[] = [];

    before(async () => {
      provider = await oauth2Provider();
      PROVIDER = provider.url;
      const onError = (err: unknown) => appErrors.push(err);
      sessionApp = await listen(createApp([oauth2Strategy('oauth2'), oauth2Strategy('short', { stateTTL: 1 })], { onError }));
      cookieApp = await listen(createApp([oauth2Strategy('oauth2'), oauth2Strategy('short', { stateTTL: 1 })], { session: false, onError }));
    });
    after(async () => {
      await sessionApp.close();
      await cookieApp.close();
      await provider.close();
    });

    it('answers 10,000 generated callbacks with fail() or a typed error, and logs in only with a live state and a good code', async () => {
      const seed = fuzzSeed(20_240_601);
      const events = watchProcess();
      const clients = { session: new Client(sessionApp.url), cookie: new Client(cookieApp.url) };
      const t = tally();
      let codes = 0;
      const started = performance.now();
      const cpu = process.cpuUsage();

      /** A browser that started a login: its cookies and the state it was sent with. */
      async function startLogin(client: Client, jar: CookieJar, name: string): Promise<string> {
        const answer = await client.send({ path: `/${name}/login`, headers: { cookie: jar.header() } });
        jar.store(answer);
        if (answer.status !== 302) throw new Error(`login did not redirect: ${answer.status} ${answer.body}`);
        return new URL(String(answer.headers['location'])).searchParams.get('state') ?? '';
      }

      function oneCase(index: number): () => Promise<void> {
        const caseRng = new Prng(seed * 100_003 + index);
        return async () => {
          const target = caseRng.pick(['session', 'cookie'] as const);
          const client = clients[target];
          const context = caseRng.pick(['none', 'login', 'login', 'login', 'replay', 'foreign', 'expired', 'forged-cookie'] as const);
          const name = context === 'expired' ? 'short' : 'oauth2';
          const route = `/${name}/callback`;
          const jar = new CookieJar();
          let state: string | undefined;
          if (context !== 'none') state = await startLogin(client, jar, name);
          if (context === 'expired') await new Promise((resolve) => setTimeout(resolve, 3));
          if (context === 'replay' && state) {
            const first = await client.send({ path: `${route}?${new URLSearchParams({ code: `good-${++codes}`, state })}`, headers: { cookie: jar.header() } });
            record(t, `#${index} first of replay`, first, `${PROVIDER}/authorize`, true);
            if (classify(first, `${PROVIDER}/authorize`) !== 'success') t.unclean.push(`#${index} a well-formed callback did not log in: ${first.status} ${first.body.slice(0, 200)}`);
          }
          let cookie = jar.header();
          if (context === 'foreign') {
            const other = new CookieJar();
            await startLogin(client, other, name);
            cookie = other.header();
          }
          if (context === 'forged-cookie') {
            cookie = [...jar.cookies].map(([k, v]) => `${k}=${forge(caseRng, v)}`).join('; ');
          }

          const code = paramShape(caseRng, 'code', caseRng.chance(0.6) ? `good-${++codes}` : `bad-${caseRng.int(0, 1e6)}`, 0.15);
          const stateParam = paramShape(caseRng, 'state', state, 0.1);
          const error = caseRng.chance(0.2) ? paramShape(caseRng, 'error', caseRng.pick(['access_denied', 'server_error', 'temporarily_unavailable', 'invalid_scope']), 0) : { pairs: [], kind: 'absent' };
          const extra: Pairs = [];
          if (caseRng.chance(0.15)) extra.push(['error_description', oddValue(caseRng)]);
          if (caseRng.chance(0.05)) extra.push(['error_uri', oddValue(caseRng)]);
          if (caseRng.chance(0.15)) extra.push(...paramShape(caseRng, 'iss', caseRng.pick([PROVIDER, 'https://evil.example']), 0).pairs);
          const pairs = caseRng.shuffle([...code.pairs, ...stateParam.pairs, ...error.pairs, ...extra]);
          const request = shapeRequest(caseRng, route, pairs, cookie);
          const answer = await attempt(client, request);
          // A parameter may be repeated across query and body, or sit in a body no parser reads:
          // what matters is that only a browser's own live login can succeed.
          const mayLogIn = context === 'login';
          record(t, `#${index} ${target} ${context} ${request.method} code:${code.kind} state:${stateParam.kind} error:${error.kind}`, answer, `${PROVIDER}/authorize`, mayLogIn);
        };
      }

      const tasks: (() => Promise<void>)[] = [];
      // About 1 in 8 cases also sends a first callback (the replay case): over 10,000 callbacks in all.
      for (let i = 0; i < 9_500; i++) tasks.push(oneCase(i));
      await pool(tasks, 32);
      const seconds = (performance.now() - started) / 1000;
      const cpuSeconds = cpuSecondsSince(cpu);
      events.stop();
      clients.session.close();
      clients.cookie.close();

      console.log(`      oauth2 fuzz (seed ${seed}): ${t.callbacks} callbacks in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s CPU), ${JSON.stringify(t.kinds)}, ${provider.exchanged.length} codes exchanged`);
      expect(t.callbacks).to.be.at.least(10_000);
      expect(t.unclean, t.unclean.slice(0, 5).join('\n')).to.deep.equal([]);
      expect(t.forged, t.forged.slice(0, 5).join('\n')).to.deep.equal([]);
      expect(appErrors.filter((err) => !isCleanError(err)).map(String).slice(0, 5)).to.deep.equal([]);
      expect(events.unhandledRejections).to.deep.equal([]);
      expect(events.uncaughtExceptions).to.deep.equal([]);
      // Every category happened, so the generator exercises what it claims.
      for (const kind of ['success', 'fail', 'error', 'restart']) expect(t.kinds[kind], kind).to.be.greaterThan(100);
    });
  });

  describe('OAuth1Strategy through Express', () => {
    let provider: Provider;
    let app: Listening;
    const appErrors: unknown[] = [];

    before(async () => {
      provider = await oauth1Provider();
      OAUTH1_PROVIDER = provider.url;
      const strategy = (name: string, ttl?: number) => {
        const s = new OAuth1Strategy(
          {
            requestTokenURL: `${OAUTH1_PROVIDER}/oauth/request_token`,
            accessTokenURL: `${OAUTH1_PROVIDER}/oauth/access_token`,
            userAuthorizationURL: `${OAUTH1_PROVIDER}/oauth/authorize`,
            consumerKey: 'fuzz-consumer',
            consumerSecret: 'fuzz-consumer-secret-value',
            callbackURL: `http://app.test/${name}/callback`,
            sessionKey: `fuzz:${name}`,
            ...(ttl ? { requestTokenTTL: ttl } : {}),
          },
          (token: string, _secret: string, _profile: unknown, done: Done) => done(null, { id: token }),
        );
        s.name = name;
        return s;
      };
      app = await listen(createApp([strategy('oauth'), strategy('oauth-short', 1)], { onError: (err) => appErrors.push(err) }));
    });
    after(async () => {
      await app.close();
      await provider.close();
    });

    it('answers 2,000 generated callbacks with fail() or a typed error', async () => {
      const seed = fuzzSeed(20_240_602);
      const events = watchProcess();
      const client = new Client(app.url);
      const t = tally();
      let verifiers = 0;
      const started = performance.now();
      const cpu = process.cpuUsage();

      async function startLogin(jar: CookieJar, name: string): Promise<string> {
        const answer = await client.send({ path: `/${name}/login`, headers: { cookie: jar.header() } });
        jar.store(answer);
        if (answer.status !== 302) throw new Error(`login did not redirect: ${answer.status} ${answer.body}`);
        return new URL(String(answer.headers['location'])).searchParams.get('oauth_token') ?? '';
      }

      const tasks = Array.from({ length: 1_900 }, (_, index) => async () => {
        const rng = new Prng(seed * 100_003 + index);
        const context = rng.pick(['none', 'login', 'login', 'replay', 'foreign', 'expired'] as const);
        const name = context === 'expired' ? 'oauth-short' : 'oauth';
        const route = `/${name}/callback`;
        const jar = new CookieJar();
        let token: string | undefined;
        if (context !== 'none') token = await startLogin(jar, name);
        if (context === 'expired') await new Promise((resolve) => setTimeout(resolve, 3));
        if (context === 'replay' && token) {
          const first = await client.send({ path: `${route}?${new URLSearchParams({ oauth_token: token, oauth_verifier: `good-${++verifiers}` })}`, headers: { cookie: jar.header() } });
          record(t, `#${index} first of replay`, first, `${OAUTH1_PROVIDER}/oauth/authorize`, true);
          if (classify(first, `${OAUTH1_PROVIDER}/oauth/authorize`) !== 'success') t.unclean.push(`#${index} a well-formed callback did not log in: ${first.status} ${first.body.slice(0, 200)}`);
        }
        let cookie = jar.header();
        if (context === 'foreign') {
          const other = new CookieJar();
          await startLogin(other, name);
          cookie = other.header();
        }
        const tokenParam = paramShape(rng, 'oauth_token', token, 0.1);
        const verifier = paramShape(rng, 'oauth_verifier', rng.chance(0.6) ? `good-${++verifiers}` : `bad-${rng.int(0, 1e6)}`, 0.15);
        const denied = rng.chance(0.1) ? paramShape(rng, 'denied', token, 0) : { pairs: [], kind: 'absent' };
        const request = shapeRequest(rng, route, rng.shuffle([...tokenParam.pairs, ...verifier.pairs, ...denied.pairs]), cookie);
        const answer = await attempt(client, request);
        const mayLogIn = context === 'login';
        record(t, `#${index} ${context} ${request.method} token:${tokenParam.kind} verifier:${verifier.kind} denied:${denied.kind}`, answer, `${OAUTH1_PROVIDER}/oauth/authorize`, mayLogIn);
      });
      await pool(tasks, 32);
      const seconds = (performance.now() - started) / 1000;
      const cpuSeconds = cpuSecondsSince(cpu);
      events.stop();
      client.close();

      console.log(`      oauth1 fuzz (seed ${seed}): ${t.callbacks} callbacks in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s CPU), ${JSON.stringify(t.kinds)}`);
      expect(t.callbacks).to.be.at.least(2_000);
      expect(t.unclean, t.unclean.slice(0, 5).join('\n')).to.deep.equal([]);
      expect(t.forged, t.forged.slice(0, 5).join('\n')).to.deep.equal([]);
      expect(appErrors.filter((err) => !isCleanError(err)).map(String).slice(0, 5)).to.deep.equal([]);
      expect(events.unhandledRejections).to.deep.equal([]);
      expect(events.uncaughtExceptions).to.deep.equal([]);
      for (const kind of ['success', 'fail', 'error', 'restart']) expect(t.kinds[kind], kind).to.be.greaterThan(20);
    });
  });
});

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}

/** The answer, or a status-0 answer saying why none came (a crash, a dropped connection). */
async function attempt(client: Client, request: Generated): Promise<Answer> {
  try {
    return await client.send(request);
  } catch (err) {
    return { status: 0, headers: {}, body: `no answer: ${String(err)}`, json: undefined };
  }
}

/** A tampered cookie value: flipped, cut, swapped for junk, or blown up to 100 KB. */
function forge(rng: Prng, value: string): string {
  switch (rng.int(0, 4)) {
    case 0: {
      const at = rng.int(0, Math.max(0, value.length - 1));
      return `${value.slice(0, at)}${value[at] === 'A' ? 'B' : 'A'}${value.slice(at + 1)}`;
    }
    case 1: return value.slice(0, rng.int(0, value.length - 1));
    case 2: return 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.BBBB.CCCC';
    case 3: return 'x'.repeat(100 * 1024);
    default: return encodeComponent(oddValue(rng));
  }
}
