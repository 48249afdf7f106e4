// `npm run fixtures:record [-- <recorder>...]`: re-records the nock fixtures under test-fixtures/
// against real local servers. Each file in scripts/recorders/ is one recorder: it default-exports
// an async function that starts its server(s) behind packages/test-support/src/recording-proxy.ts, drives the
// handshakes, and saves each with saveRecording() from packages/test-support/src/recordings.ts. Adding a
// recorder is adding a file there; `npm run fixtures:record -- oauth2` runs just that one.
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import nock from 'nock';

// packages/test-support/src/recordings.ts imports nock, which intercepts sockets as soon as it loads: a
// recording must reach the real servers, so take nock out of the way first.
nock.restore();

/** What a recorder module default-exports: records its handshakes, returns the fixture paths written. */
export type Recorder = () => Promise<string[]>;

const recordersDir = fileURLToPath(new URL('./recorders/', import.meta.url));
const available = readdirSync(recordersDir)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
  .map((file) => basename(file, '.ts'))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`No recorder named ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(1);
}

for (const name of wanted.length > 0 ? wanted : available) {
  const started = Date.now();
  const module = (await import(pathToFileURL(`${recordersDir}${name}.ts`).href)) as { default: Recorder };
  const written = await module.default();
  console.log(`${name}: ${written.length} recording(s) in ${Date.now() - started} ms`);
  for (const file of written) console.log(`  ${file}`);
}
