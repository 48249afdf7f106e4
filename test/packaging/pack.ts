// Packs the workspace the way npm publishes it and installs the tarballs into a scratch project
// outside the repository, with no registry: our packages and the third-party packages they need
// are all given as tarballs, and npm runs --offline on an empty cache.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const CACHE = join(ROOT, '.tmp', 'packaging');
/** Third-party packages the scratch apps use themselves, besides what our packages depend on. */
const APP_DEPENDENCIES = ['passport', '@types/node'];

export interface PublicPackage {
  name: string;
  dir: string;
  manifest: Record<string, unknown> & { name: string; version: string; dependencies?: Record<string, string> };
}

export function publicPackages(): PublicPackage[] {
  const packagesDir = join(ROOT, 'packages');
  return readdirSync(packagesDir)
    .map((entry) => join(packagesDir, entry))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PublicPackage['manifest'] }))
    .filter(({ manifest }) => manifest['private'] !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir, manifest }));
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Builds (`npm run build`) when a package has no dist, or a source newer than its dist. */
export function ensureBuilt(packages: PublicPackage[]): 'fresh' | 'built' {
  const stale = packages.some(({ dir }) => {
    const built = filesUnder(join(dir, 'dist')).map((file) => statSync(file).mtimeMs);
    if (built.length === 0) return true;
    const sources = [...filesUnder(join(dir, 'src')), join(dir, 'package.json'), join(dir, 'tsup.config.ts')].filter(existsSync);
    return Math.max(...sources.map((file) => statSync(file).mtimeMs)) > Math.min(...built);
  });
  if (!stale) return 'fresh';
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
  return 'built';
}

/** A hash of everything `npm pack` would put in our tarballs. */
function contentHash(packages: PublicPackage[]): string {
  const hash = createHash('sha256');
  for (const { dir } of packages) {
    for (const file of [join(dir, 'package.json'), join(dir, 'README.md'), join(dir, 'LICENSE'), ...filesUnder(join(dir, 'dist'))].sort()) {
      if (!existsSync(file)) continue;
      hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  for (const file of readdirSync(join(ROOT, 'test/packaging/apps')).sort()) hash.update(file);
  return hash.digest('hex').slice(0, 16);
}

/** The installed folders of every third-party package our packages and the apps need. */
function thirdPartyClosure(packages: PublicPackage[]): string[] {
  const ours = new Set(packages.map(({ name }) => name));
  const found = new Map<string, string>();
  const visit = (name: string, from: string) => {
    if (ours.has(name) || found.has(name)) return;
    const manifestPath = createRequire(join(from, 'package.json')).resolve(`${name}/package.json`);
    const dir = dirname(manifestPath);
    found.set(name, dir);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies?: Record<string, string> };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir);
  };
  for (const { dir, manifest } of packages) for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir);
  for (const name of APP_DEPENDENCIES) visit(name, ROOT);
  return [...found.values()];
}

function pack(specs: string[], destination: string): string[] {
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination, ...specs], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return (JSON.parse(out) as { filename: string }[]).map(({ filename }) => join(destination, filename.replace(/^@/, '').replace('/', '-')));
}

export interface PackedWorkspace {
  /** Our tarballs, by package name. */
  tarballs: Map<string, string>;
  /** The scratch project (outside the repository) the tarballs are installed in. */
  scratch: string;
  /** Whether this run packed and installed, or reused the cache for identical contents. */
  cached: boolean;
}

/** Packs every public package, and installs the tarballs in a scratch project; cached by content. */
export function packAndInstall(packages: PublicPackage[]): PackedWorkspace {
  const hash = contentHash(packages);
  const tarballDir = join(CACHE, hash);
  const scratch = join(tmpdir(), `passport-kit-scratch-${hash}`);
  const done = join(scratch, '.installed');
  const cached = existsSync(done) && existsSync(join(tarballDir, 'ours.json'));
  if (!cached) {
    // Only the newest contents are kept: older tarballs and scratch projects go.
    if (existsSync(CACHE)) for (const old of readdirSync(CACHE)) if (/^[0-9a-f]{16}$/.test(old)) rmSync(join(CACHE, old), { recursive: true, force: true });
    for (const old of readdirSync(tmpdir())) if (old.startsWith('passport-kit-scratch-')) rmSync(join(tmpdir(), old), { recursive: true, force: true });
    mkdirSync(join(tarballDir, 'third-party'), { recursive: true });
    mkdirSync(scratch, { recursive: true });
    const ours = pack(packages.map(({ dir }) => dir), tarballDir);
    writeFileSync(join(tarballDir, 'ours.json'), JSON.stringify(Object.fromEntries(packages.map(({ name }, i) => [name, ours[i]]))));
    const theirs = pack(thirdPartyClosure(packages), join(tarballDir, 'third-party'));
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'passport-kit-scratch-app', private: true, type: 'module' }, null, 2));
    // An empty cache and --offline: the install fails if anything would come from a registry.
    execFileSync(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--cache', join(scratch, '.npm-cache'), ...ours, ...theirs],
      { cwd: scratch, stdio: 'pipe' },
    );
    writeFileSync(done, new Date().toISOString());
  }
  cpSync(join(ROOT, 'test/packaging/apps'), scratch, { recursive: true });
  const tarballs = new Map(Object.entries(JSON.parse(readFileSync(join(tarballDir, 'ours.json'), 'utf8')) as Record<string, string>));
  return { tarballs, scratch, cached };
}
