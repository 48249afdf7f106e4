// Checks that a release would work, without releasing anything:
// 1. `npm publish --dry-run` for every public package (built code present, metadata valid);
// 2. in a scratch clone (never this tree), `lerna version --conventional-commits` after a
//    probe `feat` commit: one version for every package (fixed mode), internal dependencies
//    pinned to it, and a CHANGELOG.md per package listing the feature where it belongs.
// Run `npm run build` first. Prints one line per check and exits 1 if any failed.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const lerna = join(root, 'node_modules/lerna/dist/cli.js');
const PROBE_PACKAGE = 'core';
const PROBE_SUBJECT = 'release check probe';
let failures = 0;

function check(ok, label, detail = '') {
  if (!ok) failures += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}${!ok && detail ? `\n${detail}` : ''}`);
}

function run(cmd, args, cwd, env = {}) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
}

function publicPackages(base) {
  return readdirSync(join(base, 'packages'))
    .map((dir) => ({ dir: join(base, 'packages', dir), short: dir }))
    .filter(({ dir }) => existsSync(join(dir, 'package.json')))
    .map((pkg) => ({ ...pkg, manifest: JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private);
}

const started = Date.now();
const packages = publicPackages(root);

// 1. npm publish --dry-run
for (const { dir, manifest } of packages) {
  if (!existsSync(join(dir, 'dist'))) {
    check(false, `npm publish --dry-run ${manifest.name}`, '  no dist/: run `npm run build` first');
    continue;
  }
  try {
    const out = run('npm', ['publish', '--dry-run', '--json', '--ignore-scripts'], dir);
    const parsed = JSON.parse(out.slice(out.indexOf('{')));
    // Inside a workspace npm keys the report by package name.
    const report = parsed[manifest.name] ?? parsed;
    const files = report.files.map((file) => file.path);
    const ok = report.name === manifest.name && report.version === manifest.version && files.includes('dist/index.js') && files.includes('README.md') && files.includes('LICENSE');
    check(ok, `npm publish --dry-run ${manifest.name}@${manifest.version} (${files.length} files)`, `  files: ${files.join(', ')}`);
  } catch (err) {
    check(false, `npm publish --dry-run ${manifest.name}`, `${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}

// 2. lerna version in a scratch clone
const scratch = mkdtempSync(join(tmpdir(), 'passport-kit-release-'));
try {
  const clone = join(scratch, 'repo');
  run('git', ['clone', '--quiet', root, clone], scratch);
  // lerna.json lets only main version (allowBranch); a check run from a feature branch or
  // worktree versions the same commits as main would.
  run('git', ['checkout', '--quiet', '-B', 'main'], clone);
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
  const identity = { GIT_AUTHOR_NAME: 'release check', GIT_AUTHOR_EMAIL: 'release-check@localhost', GIT_COMMITTER_NAME: 'release check', GIT_COMMITTER_EMAIL: 'release-check@localhost' };
  appendFileSync(join(clone, 'packages', PROBE_PACKAGE, 'README.md'), '\n');
  run('git', ['commit', '--quiet', '--all', '-m', `feat(${PROBE_PACKAGE}): ${PROBE_SUBJECT}`], clone, identity);
  const before = JSON.parse(readFileSync(join(clone, 'lerna.json'), 'utf8')).version;
  try {
    run('node', [lerna, 'version', '--conventional-commits', '--no-push', '--no-git-tag-version', '--yes'], clone, identity);
  } catch (err) {
    check(false, 'lerna version --conventional-commits (scratch clone)', `${err.stdout ?? ''}${err.stderr ?? ''}`);
    throw err;
  }
  const after = JSON.parse(readFileSync(join(clone, 'lerna.json'), 'utf8')).version;
  check(after !== before, `lerna version: ${before} -> ${after} after a feat commit`);
  const cloned = publicPackages(clone);
  const names = new Set(cloned.map(({ manifest }) => manifest.name));
  for (const { dir, short, manifest } of cloned) {
    const pinned = Object.entries(manifest.dependencies ?? {}).filter(([name]) => names.has(name));
    const badPins = pinned.filter(([, range]) => range !== after);
    check(manifest.version === after && badPins.length === 0, `${manifest.name}@${manifest.version}, internal dependencies pinned to ${after}`, `  ${JSON.stringify(badPins)}`);
    const changelog = existsSync(join(dir, 'CHANGELOG.md')) ? readFileSync(join(dir, 'CHANGELOG.md'), 'utf8') : '';
    const lists = changelog.includes(PROBE_SUBJECT);
    check(
      changelog.includes(`# ${after}`) || changelog.includes(`## ${after}`) || changelog.includes(`[${after}]`),
      `${manifest.name} CHANGELOG.md has a ${after} entry`,
    );
    check(lists === (short === PROBE_PACKAGE), `${manifest.name} CHANGELOG.md ${short === PROBE_PACKAGE ? 'lists' : 'does not list'} the ${PROBE_PACKAGE} feature`);
  }
} catch (err) {
  if (failures === 0) check(false, 'release check', String(err?.stack ?? err));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log(`${failures === 0 ? 'release check passed' : `${failures} release check(s) failed`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = failures === 0 ? 0 : 1;
