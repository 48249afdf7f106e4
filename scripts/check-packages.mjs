// Checks every package the way a user receives it: publint on the package.json and packed
// files, and "are the types wrong" on the tarball (types resolve for require and import under
// node10, node16 and bundler resolution).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const scratch = mkdtempSync(join(tmpdir(), 'passport-kit-pack-'));
let failed = 0;

function run(cmd, args, cwd) {
  try {
    return { ok: true, out: execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (err) {
    return { ok: false, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

for (const dir of readdirSync(packagesDir)) {
  const pkgDir = join(packagesDir, dir);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  const publint = run('npx', ['--no-install', 'publint', '--strict', pkgDir], root);
  const packed = run('npm', ['pack', '--silent', '--pack-destination', scratch], pkgDir);
  const tarball = packed.ok ? join(scratch, packed.out.trim().split('\n').pop()) : undefined;
  const attw = tarball
    ? run('npx', ['--no-install', 'attw', '--format', 'ascii', '--profile', 'node16', tarball], root)
    : { ok: false, out: packed.out };
  const ok = publint.ok && attw.ok;
  if (!ok) failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${pkg.name}`);
  if (!publint.ok) console.log(publint.out);
  if (!attw.ok) console.log(attw.out);
}

rmSync(scratch, { recursive: true, force: true });
if (failed > 0) {
  console.error(`${failed} package(s) failed the checks`);
  process.exit(1);
}
