// Cold `import` time: a fresh node process per sample imports one package and reports how long
// the import took (module resolution, reading, compiling and running its whole graph).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function sample(specifier: string, cwd: string): Promise<number> {
  const probe = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe], { cwd, env: { ...process.env, NODE_OPTIONS: '' } });
  return Number(stdout);
}

/**
 * Median cold import time, in ms, of each specifier, resolved from `cwd`. Samples are taken in
 * turns (a, b, c, a, b, c, …) so a busy moment of the machine does not land on one package.
 */
export async function coldImportTimes(specifiers: readonly string[], cwd: string, samples: number): Promise<Map<string, number>> {
  const times = new Map<string, number[]>(specifiers.map((specifier) => [specifier, []]));
  for (let i = 0; i < samples; i++) {
    for (const specifier of specifiers) times.get(specifier)?.push(await sample(specifier, cwd));
  }
  return new Map([...times].map(([specifier, values]) => [specifier, median(values)]));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
