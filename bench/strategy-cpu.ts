// CPU per login of each side's strategy alone, without Express, express-session or passport's
// middleware: the strategy is driven as passport drives it (a copy per request with redirect,
// success, fail and error), with a plain object as the session, against the bench emulator in
// a child process at 0 ms latency. Logins run one at a time in interleaved rounds (ours,
// theirs, floor, …) in this one process, so the differences are the strategies' own.
// Run: npx tsx bench/strategy-cpu.ts [--logins n] [--rounds n] [--providers a,b]
// With `node --cpu-prof --import tsx bench/strategy-cpu.ts` the profile holds only strategy work.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Strategy } from 'passport';
import { median } from './import-time.js';
import { createStrategy, PROVIDERS, type Provider, type Side } from './implementations.js';

const { values: args } = parseArgs({
  options: {
    logins: { type: 'string', default: '1500' },
    rounds: { type: 'string', default: '5' },
    providers: { type: 'string', default: PROVIDERS.join(',') },
    emulator: { type: 'string' },
  },
});


interface FakeRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  session: Record<string, unknown>;
}

/** One authenticate() call, as passport makes it; resolves with how it ended. */
function authenticate(strategy: Strategy, req: FakeRequest): Promise<{ redirect?: string; user?: unknown }> {
  return new Promise((resolve, reject) => {
    const copy = Object.create(strategy) as Record<string, unknown> & { authenticate: (req: unknown, options: object) => void };
    copy.redirect = (url: string) => resolve({ redirect: url });
    copy.success = (user: unknown) => resolve({ user });
    copy.fail = (challenge: unknown) => reject(new Error(`fail: ${JSON.stringify(challenge)}`));
    copy.error = (err: unknown) => reject(err instanceof Error ? err : new Error(String(err)));
    copy.pass = () => reject(new Error('pass'));
    copy.authenticate(req, {});
  });
}

const request = (url: string, session: Record<string, unknown>): FakeRequest => {
  const { pathname, search, searchParams } = new URL(url, 'http://app.test');
  return { method: 'GET', url: `${pathname}${search}`, headers: { host: 'app.test' }, query: Object.fromEntries(searchParams), session };
};

/** A whole login: /login, the provider's approval (done here), /callback. */
async function login(strategy: Strategy): Promise<void> {
  const session: Record<string, unknown> = {};
  const { redirect } = await authenticate(strategy, request('/login', session));
  const authorize = new URL(redirect ?? '');
  const callback = new URLSearchParams();
  const requestToken = authorize.searchParams.get('oauth_token');
  if (requestToken !== null) {
    callback.set('oauth_token', requestToken);
    callback.set('oauth_verifier', 'bench-verifier');
  } else {
    callback.set('code', `c1_${randomBytes(9).toString('base64url')}`);
    const state = authorize.searchParams.get('state');
    if (state !== null) callback.set('state', state);
  }
  const { user } = await authenticate(strategy, request(`/callback?${callback}`, session));
  if (!user) throw new Error('no user');
}

async function main(): Promise<void> {
  const logins = Number(args.logins);
  const rounds = Number(args.rounds);
  const providers = (args.providers ?? '').split(',').filter((name): name is Provider => (PROVIDERS as readonly string[]).includes(name));
  const child = fork(new URL(import.meta.url).pathname, ['--emulator', '1'], { execArgv: ['--import', 'tsx'] });
  const emulator = await new Promise<string>((resolve) => child.once('message', (url) => resolve(String(url))));
  const sides: Side[] = ['ours', 'theirs', 'floor'];
  console.log(`strategy CPU per login, no Express (${logins} sequential logins × ${rounds} interleaved rounds, median), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('provider   ours µs  theirs µs  floor µs  ours−floor  theirs−floor');
  try {
    for (const provider of providers) {
      const strategies = new Map<Side, Strategy>();
      for (const side of sides) strategies.set(side, await createStrategy(provider, side, { emulator, callbackURL: 'http://app.test/callback' }));
      const samples = new Map<Side, number[]>(sides.map((side) => [side, []]));
      for (let round = -1; round < rounds; round++) {
        for (const side of sides) {
          const strategy = strategies.get(side)!;
          const count = round < 0 ? 200 : logins; // round -1 warms every side up
          const cpu = process.cpuUsage();
          for (let i = 0; i < count; i++) await login(strategy);
          const used = process.cpuUsage(cpu);
          if (round >= 0) samples.get(side)!.push((used.user + used.system) / count);
        }
      }
      const [ours, theirs, floor] = sides.map((side) => median(samples.get(side)!)) as [number, number, number];
      console.log(`${provider.padEnd(9)} ${ours.toFixed(0).padStart(8)} ${theirs.toFixed(0).padStart(10)} ${floor.toFixed(0).padStart(9)} ${(ours - floor).toFixed(0).padStart(11)} ${(theirs - floor).toFixed(0).padStart(13)}`);
    }
  } finally {
    child.disconnect();
  }
  process.exit(0);
}

// The emulator's own process (this file, forked with --emulator).
if (args.emulator !== undefined) {
  const { startBenchEmulator } = await import('./emulator.js');
  const emulator = await startBenchEmulator({ latency: 0 });
  process.send?.(emulator.url);
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}
