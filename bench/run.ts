// `npm run bench`: our strategies against the packages they replace (the anchors) and against a
// floor (bench/floor/: the least a correct login can do), three-way from one run. Each
// provider's three apps run at once in their own processes; the load driver (another process)
// drives them in turns, ours, theirs, floor, ours, …, and every figure is the median over the rounds.
// Options: --latency ms (20), --users n (16), --rounds n (3), --duration ms (2500),
// --warmup ms (500), --pending n (10000), --imports n (7), --providers a,b (all), --no-transport,
// --cpu-prof dir (each app writes a V8 CPU profile there).
import { execFile } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify, parseArgs } from 'node:util';
import { BUILD_DIR, buildBench } from './build.js';
import { startBenchEmulator, type BackChannelSummary } from './emulator.js';
import { PACKAGES, PROVIDERS, type Provider, type Side } from './implementations.js';
import { coldImportTimes, median } from './import-time.js';
import { AppProcess, DriverProcess, type WindowedLoad } from './processes.js';
import { printReport, type BenchConfig, type Figures } from './report.js';

const { values: args } = parseArgs({
  options: {
    latency: { type: 'string', default: '20' },
    users: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '2500' },
    warmup: { type: 'string', default: '500' },
    pending: { type: 'string', default: '10000' },
    imports: { type: 'string', default: '7' },
    providers: { type: 'string', default: PROVIDERS.join(',') },
    'no-transport': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});

function positiveInteger(name: string, value: string | undefined, max: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > max) throw new TypeError(`--${name} must be an integer from 0 to ${max}, got ${String(value)}`);
  return parsed;
}

const config: BenchConfig = {
  latency: positiveInteger('latency', args.latency, 5_000),
  users: Math.max(1, positiveInteger('users', args.users, 1_000)),
  rounds: Math.max(1, positiveInteger('rounds', args.rounds, 50)),
  durationMs: Math.max(100, positiveInteger('duration', args.duration, 600_000)),
  pending: Math.max(1, positiveInteger('pending', args.pending, 100_000)),
  importSamples: Math.max(1, positiveInteger('imports', args.imports, 100)),
};
const warmupMs = positiveInteger('warmup', args.warmup, 60_000);
const providers = (args.providers ?? '').split(',').filter((name): name is Provider => (PROVIDERS as readonly string[]).includes(name));
const SIDES: readonly Side[] = ['ours', 'theirs', 'floor'];
const log = (line = '') => process.stdout.write(`${line}\n`);
const began = performance.now();

log(`passport-kit bench · Node ${process.version} · ${availableParallelism()} CPUs · back-channel latency ${config.latency} ms · ${config.users} virtual users`);
log(`${config.rounds} interleaved rounds (ours, theirs, floor, ours, …) of ${warmupMs} ms warm-up + ${config.durationMs} ms measured; medians over rounds`);
log('theirs run with state: true and pkce: S256 (the per-login protection ours has by default); appsecret_proof on for all three on Facebook');
log('floor: session state checked once, token, profile (GitHub user and emails at once), node:http keep-alive; no PKCE, deadlines, caps or validation (a lower bound, not a product)');
log(`load average at start: ${loadavg().map((load) => load.toFixed(1)).join(' ')} (other work on the machine inflates latency and CPU figures; ratios come from interleaved rounds)`);
if (availableParallelism() <= 2) log(`note: the load driver and the emulator compete with the app for these ${availableParallelism()} CPUs; app CPU is the app process's own (process.cpuUsage)`);
log();

await buildBench();
const emulator = await startBenchEmulator({ latency: config.latency });
const driver = new DriverProcess();

interface Round {
  load: WindowedLoad;
  backChannel: BackChannelSummary;
}

function figuresOf(rounds: readonly Round[], pendingBytes: number, heapMB: number, importMs: number): Figures {
  const per = (pick: (round: Round) => number) => median(rounds.map(pick));
  const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return {
    loginsPerSecond: per(({ load }) => load.result.logins / load.result.seconds),
    callbackP50: per(({ load }) => percentile(load.result.callbackMs, 0.5)),
    callbackP99: per(({ load }) => percentile(load.result.callbackMs, 0.99)),
    cpuPerLoginMicros: per(({ load }) => (load.after.cpuMicros - load.before.cpuMicros) / (load.after.logins - load.before.logins)),
    roundTrips: per(({ backChannel }) => backChannel.roundTrips),
    sequential: per(({ backChannel }) => backChannel.sequential),
    holdMs: per(({ backChannel }) => backChannel.holdMs),
    rssMB: per(({ load }) => load.after.rss / 2 ** 20),
    heapMB,
    pendingBytes,
    importMs,
    callsByEndpoint: Object.fromEntries(
      Object.keys(rounds[0]?.backChannel.requests ?? {}).map((name) => [
        name,
        per(({ backChannel }) => (backChannel.requests[name as keyof BackChannelSummary['requests']] ?? 0) / backChannel.logins),
      ]),
    ),
    failures: rounds.reduce((sum, { load }) => sum + load.result.failures + load.after.failures - load.before.failures, 0),
  };
}

/** Heap growth per login started and abandoned, after full GCs, in bytes. */
async function pendingLoginBytes(app: AppProcess): Promise<number> {
  // Some first, so the code and pools these requests use exist before the baseline.
  await driver.pending(app, 200, 32);
  const before = await app.snapshot(true);
  const { started } = await driver.pending(app, config.pending, 32);
  const after = await app.snapshot(true);
  return (after.heapUsed - before.heapUsed) / started;
}

const loads = new Map<Provider, Record<Side, Round[]>>();
const pendingBytes = new Map<Provider, Record<Side, number>>();
const heaps = new Map<Provider, Record<Side, number>>();
try {
  for (const provider of providers) {
    const apps = {
      ours: await AppProcess.start(provider, 'ours', emulator.url, args['cpu-prof']),
      theirs: await AppProcess.start(provider, 'theirs', emulator.url, args['cpu-prof']),
      floor: await AppProcess.start(provider, 'floor', emulator.url, args['cpu-prof']),
    };
    const rounds: Record<Side, Round[]> = { ours: [], theirs: [], floor: [] };
    const heap = { ours: 0, theirs: 0, floor: 0 };
    try {
      for (let round = 0; round < config.rounds; round++) {
        for (const side of SIDES) {
          emulator.reset();
          const load = await driver.load(apps[side], { users: config.users, warmupMs, durationMs: config.durationMs });
          rounds[side].push({ load, backChannel: emulator.summary() });
        }
      }
      // What stays resident once the logins are over: code, pools, caches, the 16 sessions.
      for (const side of SIDES) heap[side] = (await apps[side].snapshot(true)).heapUsed / 2 ** 20;
    } finally {
      await Promise.all(SIDES.map((side) => apps[side].stop()));
    }
    loads.set(provider, rounds);
    heaps.set(provider, heap);
    // On fresh apps: what a loaded app frees later (sockets, buffers) would hide the growth.
    const bytes = { ours: 0, theirs: 0, floor: 0 };
    for (const side of SIDES) {
      const app = await AppProcess.start(provider, side, emulator.url);
      try {
        bytes[side] = await pendingLoginBytes(app);
      } finally {
        await app.stop();
      }
    }
    pendingBytes.set(provider, bytes);
    log(`measured ${provider} (${Math.round((performance.now() - began) / 1000)} s)`);
  }
} finally {
  driver.stop();
  await emulator.close();
}

const specifiers = providers.flatMap((provider) => [PACKAGES[provider].ours, PACKAGES[provider].theirs]);
const importTimes = await coldImportTimes(specifiers, BUILD_DIR, config.importSamples);

const results = new Map<Provider, Record<Side, Figures>>();
for (const provider of providers) {
  const rounds = loads.get(provider);
  const bytes = pendingBytes.get(provider);
  const heap = heaps.get(provider);
  if (!rounds || !bytes || !heap) continue;
  // The floor is part of the app: it has no package of its own to import.
  const importMs = (side: Side) => (side === 'floor' ? NaN : (importTimes.get(PACKAGES[provider][side]) ?? NaN));
  const figures = (side: Side) => figuresOf(rounds[side], bytes[side], heap[side], importMs(side));
  results.set(provider, { ours: figures('ours'), theirs: figures('theirs'), floor: figures('floor') });
}

log();
log(`heap per pending login: ${config.pending} logins started in fresh sessions and abandoned at the provider, heap growth after full GCs / ${config.pending}`);
log(`cold import: fresh node process per sample, median of ${config.importSamples}; ours from the bundled ESM build (bench/dist), theirs from node_modules`);
log();
const missed = printReport(results, config, log);

if (!args['no-transport']) {
  log();
  log('transport section (bench/transport.ts):');
  const bench = dirname(fileURLToPath(import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(bench, 'transport.ts'), '2000'], {
    cwd: bench,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(bench, '..', 'tsconfig.json') },
  });
  log(stdout.trimEnd());
}
log();
log(`load average at end: ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
log(`done in ${Math.round((performance.now() - began) / 1000)} s; ${missed} target(s) missed`);
