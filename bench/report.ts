// The three-way table (ours, theirs = the anchors, floor) and the targets, as ratios
// from one run.
import { PACKAGES, type Provider, type Side } from './implementations.js';

/** One implementation's figures (medians over the interleaved rounds). */
export interface Figures {
  loginsPerSecond: number;
  callbackP50: number;
  callbackP99: number;
  cpuPerLoginMicros: number;
  roundTrips: number;
  sequential: number;
  rssMB: number;
  /** Heap used after full GCs once the load rounds are over, MB. */
  heapMB: number;
  pendingBytes: number;
  importMs: number;
  /** The emulator's actual hold per back-channel call (the requested latency plus timer lateness), ms. */
  holdMs: number;
  /** Back-channel requests per login, by emulator endpoint. */
  callsByEndpoint: Record<string, number>;
  /** Logins that did not complete, over all rounds. */
  failures: number;
}

export interface BenchConfig {
  latency: number;
  users: number;
  rounds: number;
  durationMs: number;
  pending: number;
  importSamples: number;
}

type Sides = Record<Side, Figures>;

interface Row {
  metric: string;
  pick: (figures: Figures) => number;
  digits: number;
  /** The target for this metric, if it sets one. */
  target?: (sides: Sides) => { text: string; met: boolean };
}

/** Within measuring reach of the floor's callback: 5 % and half a millisecond. */
const nearFloor = (p50: number, floor: Figures) => p50 <= 1.05 * floor.callbackP50 + 0.5;

const ROWS: Row[] = [
  {
    metric: 'logins/s',
    pick: (f) => f.loginsPerSecond,
    digits: 0,
    // Where the anchor's callback is above its floor there is room to beat it by a quarter.
    target: ({ ours, theirs, floor }) => {
      const factor = nearFloor(theirs.callbackP50, floor) ? 1 : 1.25;
      return { text: `≥ ${factor.toFixed(2)} × theirs${factor > 1 ? ' (theirs above floor)' : ''}`, met: ours.loginsPerSecond >= factor * theirs.loginsPerSecond };
    },
  },
  {
    metric: 'callback p50, ms',
    pick: (f) => f.callbackP50,
    digits: 1,
    target: ({ ours, floor }) => ({ text: `≤ ${(1.05 * floor.callbackP50 + 0.5).toFixed(1)} (1.05 × floor + 0.5)`, met: nearFloor(ours.callbackP50, floor) }),
  },
  { metric: 'callback p99, ms', pick: (f) => f.callbackP99, digits: 1 },
  {
    metric: 'app CPU per login, µs',
    pick: (f) => f.cpuPerLoginMicros,
    digits: 0,
    // Our own CPU is what we add to the floor; the anchors' own, what they add.
    target: ({ ours, theirs, floor }) => {
      const budget = 0.5 * (theirs.cpuPerLoginMicros - floor.cpuPerLoginMicros);
      const own = ours.cpuPerLoginMicros - floor.cpuPerLoginMicros;
      return { text: `ours − floor (${own.toFixed(0)}) ≤ 0.5 × (theirs − floor) = ${budget.toFixed(0)}`, met: own <= budget };
    },
  },
  { metric: 'back-channel calls/login', pick: (f) => f.roundTrips, digits: 2 },
  { metric: '  strictly sequential (callback)', pick: (f) => f.sequential, digits: 0 },
  { metric: '  emulator hold per call, ms', pick: (f) => f.holdMs, digits: 1 },
  { metric: 'RSS after load, MB', pick: (f) => f.rssMB, digits: 1 },
  {
    metric: 'heap after GC, MB',
    pick: (f) => f.heapMB,
    digits: 1,
    target: ({ ours, theirs }) => ({ text: '≤ 1.1 × theirs', met: ours.heapMB <= 1.1 * theirs.heapMB }),
  },
  {
    metric: 'heap per pending login, bytes',
    pick: (f) => f.pendingBytes,
    digits: 0,
    target: ({ ours, theirs }) => ({ text: '≤ theirs', met: ours.pendingBytes <= theirs.pendingBytes }),
  },
  {
    metric: 'cold import, ms',
    pick: (f) => f.importMs,
    digits: 1,
    target: ({ ours, theirs }) => ({ text: '≤ 1.5 × theirs', met: ours.importMs <= 1.5 * theirs.importMs }),
  },
];

function cell(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** Renders the table; returns how many targets were missed. */
export function printReport(results: Map<Provider, Sides>, config: BenchConfig, log: (line: string) => void): number {
  const header = ['provider', 'metric', 'ours', 'theirs', 'floor', 'ours/floor', 'theirs/floor', 'ours/theirs', 'target', ''];
  const numeric = (i: number) => i >= 2 && i <= 7;
  const lines: string[][] = [];
  let missed = 0;
  const summary: string[] = [];
  for (const [provider, sides] of results) {
    const { ours, theirs, floor } = sides;
    lines.push([`${provider}`, `${PACKAGES[provider].ours} vs ${PACKAGES[provider].theirs} vs floor`]);
    for (const row of ROWS) {
      const [a, b, f] = [row.pick(ours), row.pick(theirs), row.pick(floor)];
      const verdict = row.target?.(sides);
      if (verdict && !verdict.met) missed++;
      if (verdict) {
        summary.push(`${verdict.met ? 'met   ' : 'MISSED'} ${provider} ${row.metric}: ours ${cell(a, row.digits)}, theirs ${cell(b, row.digits)}, floor ${cell(f, row.digits)}; target ${verdict.text}`);
      }
      lines.push(['', row.metric, cell(a, row.digits), cell(b, row.digits), cell(f, row.digits), cell(a / f, 2), cell(b / f, 2), cell(a / b, 2), verdict?.text ?? '', verdict ? (verdict.met ? 'met' : 'MISSED') : '']);
    }
    if (ours.failures || theirs.failures || floor.failures) lines.push(['', `failed logins (ours / theirs / floor): ${ours.failures} / ${theirs.failures} / ${floor.failures}`]);
  }
  const widths = header.map((title, i) => Math.max(title.length, ...lines.filter((line) => line.length > 2).map((line) => (line[i] ?? '').length)));
  const format = (line: string[]) =>
    line
      .map((text, i) => (numeric(i) ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  log(format(header));
  log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) log(line.length === 2 ? line.join('  ') : format(line));
  log('');
  log('back-channel requests per login, by endpoint (emulator counts):');
  for (const [provider, sides] of results) {
    const list = (figures: Figures) =>
      Object.entries(figures.callsByEndpoint)
        .filter(([name]) => name !== 'authorize')
        .map(([name, calls]) => `${name} ${calls.toFixed(2)}`)
        .join(', ');
    log(`  ${provider.padEnd(8)} ours: ${list(sides.ours)}; theirs: ${list(sides.theirs)}; floor: ${list(sides.floor)}`);
  }
  log('');
  log(`targets (${config.rounds} rounds, latency ${config.latency} ms): ${summary.length - missed} of ${summary.length} met`);
  for (const line of summary) log(`  ${line}`);
  return missed;
}
