// Several instances sharing sessions in Redis (express-session + connect-redis, the standard
// setup): a login started on one instance completes on another, and the session keeps no
// pending login afterwards. Runs against a redis-server this suite starts itself; without one
// installed it is skipped locally, and fails under CI=true so CI cannot skip it silently.
import { RedisStore } from 'connect-redis';
import { expect } from 'chai';
import nock from 'nock';
import { createClient } from 'redis';
import { CookieJar } from '../hardening/support/http.js';
import { Instance, oauth1Strategy, oauth2Strategy, startIdentityProvider, type IdentityProvider } from './support/instances.js';
import { requirePrerequisite } from '@passport-kit/test-support/prerequisites';
import { redisServerInstalled, startRedisServer, type RedisServer } from './support/redis-server.js';

const SESSION_SECRET = 'instances-session-secret';

describe('several instances with express-session on Redis (connect-redis)', function () {
  this.timeout(20_000);
  let redis: RedisServer;
  let op: IdentityProvider;
  const clients: ReturnType<typeof createClient>[] = [];
  let a: Instance;
  let b: Instance;
  let codes = 0;

  before(async function () {
    requirePrerequisite(this, redisServerInstalled(), { name: 'redis-server', aptPackage: 'redis-server' });
    nock.restore(); // real sockets only
    redis = await startRedisServer();
    op = await startIdentityProvider();
    // Each instance has its own Redis connection, as separate processes would.
    const instance = async () => {
      const client = createClient({ url: redis.url });
      await client.connect();
      clients.push(client);
      const store = new RedisStore({ client, prefix: 'sess:' });
      return Instance.start([oauth2Strategy(op), oauth1Strategy(op)], { session: { store, secret: SESSION_SECRET } });
    };
    a = await instance();
    b = await instance();
  });

  after(async () => {
    await a?.stop();
    await b?.stop();
    await Promise.all(clients.map((client) => client.quit()));
    await op?.close();
    await redis?.stop();
    if (!nock.isActive()) nock.activate();
  });

  /** The session documents in Redis. */
  async function sessions(): Promise<Record<string, unknown>[]> {
    const reader = clients[0] as ReturnType<typeof createClient>;
    const keys = await reader.keys('sess:*');
    const values = await Promise.all(keys.map((key) => reader.get(key)));
    return values.map((value) => JSON.parse(String(value)) as Record<string, unknown>);
  }

  it('completes on instance B an OAuth 2.0 login started on instance A, with no pending login left in the session', async () => {
    expect(a.port).to.not.equal(b.port);
    const jar = new CookieJar();
    const code = `code-${++codes}`;
    const { state } = await a.startOAuth2(op, jar, code);
    const pending = await sessions();
    expect(pending.some((s) => Object.keys(s).some((key) => key.startsWith('oauth2:'))), 'the pending login is in Redis').to.equal(true);

    const outcome = await b.finishOAuth2(jar, code, state);
    expect(outcome.status, JSON.stringify(outcome)).to.equal(200);
    expect(outcome.user).to.deep.equal({ id: code });
    const after = await sessions();
    expect(after.filter((s) => Object.keys(s).some((key) => key.startsWith('oauth2:')))).to.deep.equal([]);
    expect(after.some((s) => (s['passport'] as { user?: unknown } | undefined)?.user !== undefined), 'logged in').to.equal(true);
  });

  it('two tabs started on different instances complete on the other one each', async () => {
    const jar = new CookieJar();
    const [first, second] = [`code-${++codes}`, `code-${++codes}`];
    const tab1 = await a.startOAuth2(op, jar, first);
    const tab2 = await b.startOAuth2(op, jar, second);
    expect((await b.finishOAuth2(jar, first, tab1.state)).user).to.deep.equal({ id: first });
    expect((await a.finishOAuth2(jar, second, tab2.state)).user).to.deep.equal({ id: second });
  });

  it('a state used on B is refused when replayed on A', async () => {
    const jar = new CookieJar();
    const code = `code-${++codes}`;
    const { state } = await a.startOAuth2(op, jar, code);
    const stolen = jar.clone();
    expect((await b.finishOAuth2(jar, code, state)).status).to.equal(200);
    expect((await a.finishOAuth2(stolen, code, state)).status).to.equal(403);
  });

  it('completes on instance B an OAuth 1.0a login started on instance A', async () => {
    const jar = new CookieJar();
    const token = await a.startOAuth1(jar);
    const outcome = await b.finishOAuth1(jar, token);
    expect(outcome.status, JSON.stringify(outcome)).to.equal(200);
    expect(outcome.user).to.deep.equal({ id: token });
  });
});
