// The side-by-side table and the targets, as ratios from one run.
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

interface Row {
  metric: string;
  pick: (figures: Figures) => number;
  digits: number;
  /** The target for this metric, if it sets one. */
  target?: (ours: Figures, theirs: Figures, config: BenchConfig) => { text: string; met: boolean };
}

const ROWS: Row[] = [
  {
    metric: 'logins/s',
    pick: (f) => f.loginsPerSecond,
    digits: 0,
    target: (ours, theirs) => ({ text: '≥ 1.25 × theirs', met: ours.loginsPerSecond >= 1.25 * theirs.loginsPerSecond }),
  },
  {
    metric: 'callback p50, ms',
    pick: (f) => f.callbackP50,
    digits: 1,
    target: (ours, _theirs, config) => {
      const floor = 1.05 * ours.sequential * config.latency + 1;
      return { text: `≤ ${floor.toFixed(1)} (1.05×${ours.sequential}×${config.latency}+1)`, met: ours.callbackP50 <= floor };
    },
  },
  { metric: 'callback p99, ms', pick: (f) => f.callbackP99, digits: 1 },
  {
    metric: 'app CPU per login, µs',
    pick: (f) => f.cpuPerLoginMicros,
    digits: 0,
    target: (ours, theirs) => ({ text: '≤ 0.8 × theirs', met: ours.cpuPerLoginMicros <= 0.8 * theirs.cpuPerLoginMicros }),
  },
  { metric: 'back-channel calls/login', pick: (f) => f.roundTrips, digits: 2 },
  { metric: '  strictly sequential (callback)', pick: (f) => f.sequential, digits: 0 },
  { metric: '  emulator hold per call, ms', pick: (f) => f.holdMs, digits: 1 },
  { metric: 'RSS after load, MB', pick: (f) => f.rssMB, digits: 1 },
  {
    metric: 'heap per pending login, bytes',
    pick: (f) => f.pendingBytes,
    digits: 0,
    target: (ours, theirs) => ({ text: '≤ theirs', met: ours.pendingBytes <= theirs.pendingBytes }),
  },
  { metric: 'cold import, ms', pick: (f) => f.importMs, digits: 1 },
];

function cell(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** Renders the table; returns how many targets were missed. */
export function printReport(results: Map<Provider, Record<Side, Figures>>, config: BenchConfig, log: (line: string) => void): number {
  const header = ['provider', 'metric', 'ours', 'theirs', 'ours/theirs', 'target', ''];
  const lines: string[][] = [];
  let missed = 0;
  const summary: string[] = [];
  for (const [provider, { ours, theirs }] of results) {
    lines.push([`${provider}`, `${PACKAGES[provider].ours} vs ${PACKAGES[provider].theirs}`, '', '', '', '', '']);
    for (const row of ROWS) {
      const a = row.pick(ours);
      const b = row.pick(theirs);
      const verdict = row.target?.(ours, theirs, config);
      if (verdict && !verdict.met) missed++;
      if (verdict) summary.push(`${verdict.met ? 'met   ' : 'MISSED'} ${provider} ${row.metric}: ours ${cell(a, row.digits)}, theirs ${cell(b, row.digits)}, ratio ${cell(a / b, 2)}; target ${verdict.text}`);
      lines.push(['', row.metric, cell(a, row.digits), cell(b, row.digits), cell(a / b, 2), verdict?.text ?? '', verdict ? (verdict.met ? 'met' : 'MISSED') : '']);
    }
    if (ours.failures || theirs.failures) lines.push(['', `failed logins (ours / theirs): ${ours.failures} / ${theirs.failures}`, '', '', '', '', '']);
  }
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => (line[i] ?? '').length)));
  const format = (line: string[]) =>
    line
      .map((text, i) => (i >= 2 && i <= 4 ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  log(format(header));
  log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) log(line[2] === '' && line[0] !== '' ? line.slice(0, 2).join('  ') : format(line));
  log('');
  log('back-channel requests per login, by endpoint (emulator counts):');
  for (const [provider, { ours, theirs }] of results) {
    const list = (figures: Figures) => Object.entries(figures.callsByEndpoint).filter(([name]) => name !== 'authorize').map(([name, calls]) => `${name} ${calls.toFixed(2)}`).join(', ');
    log(`  ${provider.padEnd(8)} ours: ${list(ours)}; theirs: ${list(theirs)}`);
  }
  log('');
  log(`targets: ${summary.length - missed} of ${summary.length} met`);
  for (const line of summary) log(`  ${line}`);
  return missed;
}
