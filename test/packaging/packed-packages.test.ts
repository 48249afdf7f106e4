// Every public package as users get it: `npm pack`ed, installed from the tarballs into a scratch
// project outside the repository (no registry), and used from a CommonJS app, an ES module app
// and a TypeScript app (node16 and bundler resolution), each logging in against the emulator.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { ROOT, ensureBuilt, packAndInstall, publicPackages, type PackedWorkspace, type PublicPackage } from './pack.js';

const run = promisify(execFile);
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const REQUIRED_FILES = ['package.json', 'README.md', 'LICENSE'];
const FORBIDDEN = [/^(src|test|tests|__tests__|fixtures|test-fixtures|examples|scripts)\//, /\.test\.[cm]?[jt]s$/, /(^|\/)tsconfig[^/]*\.json$/, /(^|\/)tsup\.config\./, /\.tsbuildinfo$/];

/** Every file path an `exports` map, `main`, `module` or `types` names. */
function entryPoints(manifest: PublicPackage['manifest']): string[] {
  const paths: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') paths.push(value);
    else if (value && typeof value === 'object') for (const nested of Object.values(value)) walk(nested);
  };
  walk(manifest['exports']);
  for (const field of ['main', 'module', 'types', 'typings']) walk(manifest[field]);
  return [...new Set(paths)].map((path) => posix.normalize(path));
}

describe('packages as users install them (packed tarballs)', function () {
  this.timeout(180_000);
  const packages = publicPackages();
  const timings: Record<string, number> = {};
  let workspace: PackedWorkspace;

  async function timed<T>(name: string, step: () => T | Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await step();
    } finally {
      timings[name] = Date.now() - started;
    }
  }

  function runApp(file: string, args: string[] = []) {
    return run(process.execPath, [...args, file], {
      cwd: workspace.scratch,
      env: { ...process.env, PACKAGES: JSON.stringify(packages.map(({ name }) => name)), NODE_OPTIONS: '' },
      timeout: 60_000,
    });
  }

  before(async () => {
    timings['build'] = 0;
    const built = await timed('build', () => ensureBuilt(packages));
    workspace = await timed('pack and install', () => packAndInstall(packages));
    timings['cached'] = workspace.cached ? 1 : 0;
    timings['rebuilt'] = built === 'built' ? 1 : 0;
  });

  after(() => {
    if (existsSync(join(ROOT, '.tmp'))) writeFileSync(join(ROOT, '.tmp/packaging/last-run.json'), `${JSON.stringify(timings, null, 2)}\n`);
  });

  describe('tarball contents', () => {
    for (const { name, manifest } of packages) {
      it(`${name} ships its built code, types, README, LICENSE and package.json, and nothing else`, () => {
        const tarball = workspace.tarballs.get(name);
        expect(tarball, 'packed').to.be.a('string');
        const unpacked = mkdtempSync(join(tmpdir(), 'passport-kit-tarball-'));
        try {
          execFileSync('tar', ['-xzf', tarball as string, '-C', unpacked]);
          const files = execFileSync('tar', ['-tzf', tarball as string], { encoding: 'utf8' })
            .split('\n')
            .filter(Boolean)
            .map((entry) => entry.replace(/^package\//, ''));

          for (const file of REQUIRED_FILES) expect(files, `${name} ships ${file}`).to.include(file);
          for (const entry of entryPoints(manifest)) expect(files, `${name}'s entry point ${entry}`).to.include(entry);
          expect(files.filter((file) => /\.d\.c?ts$/.test(file)), `${name} ships types`).not.to.be.empty;
          for (const file of files) {
            for (const pattern of FORBIDDEN) expect(file, `${name} ships ${file}`).not.to.match(pattern);
          }

          // A source map must lead somewhere: to its own sources, shipped alongside.
          for (const file of files.filter((f) => /\.[cm]?js$/.test(f))) {
            const mapURL = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(unpacked, 'package', file), 'utf8'))?.[1];
            if (mapURL && !mapURL.startsWith('data:')) expect(files, `${file} points at its map`).to.include(posix.join(posix.dirname(file), mapURL));
          }
          for (const map of files.filter((f) => f.endsWith('.map'))) {
            const { sources = [] } = JSON.parse(readFileSync(join(unpacked, 'package', map), 'utf8')) as { sources?: string[] };
            for (const source of sources) expect(files, `${map} source ${source}`).to.include(posix.join(posix.dirname(map), source));
          }
          expect(JSON.parse(readFileSync(join(unpacked, 'package/package.json'), 'utf8')).version).to.equal(manifest.version);
        } finally {
          rmSync(unpacked, { recursive: true, force: true });
        }
      });
    }
  });

  it('installs outside the repository with no registry, and a CommonJS app requires every package and logs in with GitHub', async () => {
    expect(workspace.scratch.startsWith(ROOT)).to.equal(false);
    const { stdout } = await timed('commonjs app', () => runApp('commonjs-app.cjs'));
    const result = JSON.parse(stdout) as { exported: Record<string, number>; user: unknown; aliasIsStrategy: boolean; errorBrand: boolean };
    for (const { name } of packages) expect(result.exported[name], `${name} exports`).to.be.greaterThan(0);
    expect(result.user).to.deep.equal({ id: '1002', username: 'grace', email: 'grace@example.com' });
    expect(result.aliasIsStrategy).to.equal(true);
    expect(result.errorBrand).to.equal(true);
  });

  it('an ES module app imports every package and logs in with GitHub (OAuth 2.0) and Twitter (OAuth 1.0a)', async () => {
    const { stdout } = await timed('esm app', () => runApp('esm-app.mjs'));
    const result = JSON.parse(stdout) as { exported: Record<string, number>; github: unknown; twitter: unknown };
    for (const { name } of packages) expect(result.exported[name], `${name} exports`).to.be.greaterThan(0);
    expect(result.github).to.deep.equal({ provider: 'github', id: '1001', username: 'ada' });
    expect(result.twitter).to.deep.equal({ provider: 'twitter', id: '1003', username: 'alan' });
  });

  it('each strategy module is its constructor, as the packages it replaces: require(), .Strategy, __importDefault, util.inherits with Base.call(this), class extends', async () => {
    const { stdout } = await timed('module shapes', () => runApp('module-shapes.cjs'));
    const result = JSON.parse(stdout) as { modules: Record<string, Record<string, boolean>>; es5: unknown; extended: unknown; missingOptions: string };
    for (const [name, shape] of Object.entries(result.modules)) {
      expect(shape, name).to.deep.equal({ isConstructor: true, strategyAlias: true, importDefault: true, hasErrors: true });
    }
    expect(result.es5).to.deep.equal({ name: 'example', isStrategy: true, superIsBase: true, usesHeader: true, clientId: 'client' });
    expect(result.extended).to.deep.equal({ name: 'oauth2', isStrategy: true });
    expect(result.missingOptions).to.equal('OAuth2Strategy requires a authorizationURL option');
  });

  it('an ES module app gets each strategy constructor as the default import', async () => {
    const { stdout } = await timed('module shapes esm', () => runApp('module-shapes.mjs'));
    expect(JSON.parse(stdout)).to.deep.equal({ oauth2: true, github: true, facebook: true, twitter: true, oauth1: true });
  });

  it('a TypeScript app type-checks against the installed declarations under moduleResolution node16, and logs in', async () => {
    await timed('tsc node16', () => run(process.execPath, [TSC, '-p', 'tsconfig.node16.json'], { cwd: workspace.scratch }).catch(explainTsc));
    const { stdout } = await timed('typescript app', () => runApp(join('out', 'typescript-app.js')));
    expect(JSON.parse(stdout)).to.deep.equal({ user: { id: '1001', username: 'ada', email: 'ada@example.com' } });
  });

  it("TypeScript's `import X from` compiled to CommonJS (passport-kakao's form) extends the constructor", async () => {
    const { stdout } = await timed('typescript cjs app', () => runApp(join('out', 'module-shapes-ts.cjs')));
    expect(JSON.parse(stdout)).to.deep.equal({ name: 'kakao', github: 'github' });
  });

  it('the TypeScript app type-checks under moduleResolution bundler', async () => {
    // Rejects, failing the test, on any type error or unresolved import.
    await timed('tsc bundler', () => run(process.execPath, [TSC, '-p', 'tsconfig.bundler.json'], { cwd: workspace.scratch }).catch(explainTsc));
  });
});

function explainTsc(err: { stdout?: string; stderr?: string }): never {
  throw new Error(`tsc failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
}
