// Checks every package the way a user receives it: the npm metadata people search and click
// (homepage, bugs, repository, keywords) and a CHANGELOG.md lerna keeps, publint on the
// package.json and packed files, and "are the types wrong" on the tarball (types resolve for
// require and import under node10, node16 and bundler resolution).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const scratch = mkdtempSync(join(tmpdir(), 'passport-kit-pack-'));
let failed = 0;

const REPOSITORY = 'https://github.com/passport-kit/passport-kit';
// The keywords people search npm with, per package: what it is and which provider it logs in
// with. A new package must be listed here.
const REQUIRED_KEYWORDS = {
  core: ['passport', 'oauth'],
  oauth2: ['passport', 'passport-strategy', 'oauth', 'oauth2'],
  oauth1: ['passport', 'passport-strategy', 'oauth', 'oauth1'],
  facebook: ['passport', 'passport-strategy', 'oauth', 'oauth2', 'facebook'],
  github: ['passport', 'passport-strategy', 'oauth', 'oauth2', 'github'],
  twitter: ['passport', 'passport-strategy', 'oauth', 'oauth1', 'oauth2', 'twitter', 'x'],
  oidc: ['passport', 'passport-strategy', 'oauth2', 'openid-connect'],
  bearer: ['passport', 'passport-strategy', 'oauth2', 'bearer'],
  testing: ['passport', 'oauth', 'testing', 'github', 'facebook', 'twitter', 'x'],
};
// The header lerna's conventional-commits writes and keeps above the entries (lerna version).
const CHANGELOG_HEADER = '# Change Log\n\nAll notable changes to this project will be documented in this file.\nSee [Conventional Commits](https://conventionalcommits.org) for commit guidelines.\n\n';

/** What is missing or wrong in a package's npm metadata and changelog; empty when nothing. */
function metadataProblems(dir, pkgDir, pkg) {
  const problems = [];
  if (pkg.homepage !== `${REPOSITORY}/tree/main/packages/${dir}#readme`) problems.push(`homepage must be ${REPOSITORY}/tree/main/packages/${dir}#readme`);
  if (pkg.bugs?.url !== `${REPOSITORY}/issues`) problems.push(`bugs.url must be ${REPOSITORY}/issues`);
  if (pkg.repository?.url !== `git+${REPOSITORY}.git` || pkg.repository?.directory !== `packages/${dir}`) problems.push(`repository must be { url: git+${REPOSITORY}.git, directory: packages/${dir} }`);
  const required = REQUIRED_KEYWORDS[dir];
  if (required === undefined) problems.push(`packages/${dir} is not in REQUIRED_KEYWORDS (scripts/check-packages.mjs)`);
  const missing = (required ?? []).filter((keyword) => !(pkg.keywords ?? []).includes(keyword));
  if (missing.length > 0) problems.push(`keywords lack ${missing.join(', ')}`);
  const changelog = join(pkgDir, 'CHANGELOG.md');
  if (!existsSync(changelog)) problems.push('no CHANGELOG.md');
  else if (!readFileSync(changelog, 'utf8').startsWith(CHANGELOG_HEADER)) problems.push("CHANGELOG.md does not start with lerna's header");
  if (!(pkg.files ?? []).includes('CHANGELOG.md')) problems.push('files does not publish CHANGELOG.md');
  return problems;
}

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
  const metadata = metadataProblems(dir, pkgDir, pkg);
  const publint = run('npx', ['--no-install', 'publint', '--strict', pkgDir], root);
  const packed = run('npm', ['pack', '--silent', '--pack-destination', scratch], pkgDir);
  const tarball = packed.ok ? join(scratch, packed.out.trim().split('\n').pop()) : undefined;
  const attw = tarball
    ? run('npx', ['--no-install', 'attw', '--format', 'ascii', '--profile', 'node16', tarball], root)
    : { ok: false, out: packed.out };
  const ok = metadata.length === 0 && publint.ok && attw.ok;
  if (!ok) failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${pkg.name}`);
  for (const problem of metadata) console.log(`  ${problem}`);
  if (!publint.ok) console.log(publint.out);
  if (!attw.ok) console.log(attw.out);
}

rmSync(scratch, { recursive: true, force: true });
if (failed > 0) {
  console.error(`${failed} package(s) failed the checks`);
  process.exit(1);
}
