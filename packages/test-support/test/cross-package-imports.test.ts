// Test code reaches another package by name (@passport-kit/test-support/login-app,
// @passport-kit/testing), never by a relative path out of its own package
// (`../../oauth2/test/support/...`, `../../../test/support/...`): a relative path ties a test to
// another package's folder layout, and moving a helper breaks suites far away.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where test code lives: every package's tests, this package, the root suites and the recorders. */
const TEST_CODE = ['packages/*/test', 'packages/test-support', 'test', 'scripts/recorders', 'scripts/record-fixtures.ts'];

/** Relative imports that leave their package on purpose, each with the reason. */
const ALLOWED: Record<string, string> = {
  // The fuzz table times every parser in one place; Twitter's error-body readers are not exported.
  'test/hardening/linear-parsing.test.ts -> packages/twitter/src/lib/error-bodies.ts': 'unexported parser under test',
  'test/hardening/linear-parsing.test.ts -> packages/bearer/src/bearer-token.ts': 'unexported parser under test',
  'test/hardening/linear-parsing.test.ts -> packages/oauth2/src/parse-error-response.ts': 'unexported parser under test',
  'test/hardening/linear-parsing.test.ts -> packages/oauth2/src/token-response.ts': 'unexported parser under test',
};

const SOURCE = /\.(?:ts|mts|cts|js|mjs|cjs)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist']);
// `from '…'`, `import '…'`, `import('…')`, `export … from '…'`, `require('…')`.
const RELATIVE_SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])(\.{1,2}\/[^'"]+)\1/g;

function expand(pattern: string): string[] {
  if (!pattern.includes('*')) return [join(ROOT, pattern)];
  const [before = '', after = ''] = pattern.split('*');
  return readdirSync(join(ROOT, before), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(ROOT, before, entry.name, after));
}

function sourceFiles(path: string): string[] {
  if (SOURCE.test(path)) return [path];
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => !SKIPPED_FOLDERS.has(entry.name))
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(path, entry.name)) : SOURCE.test(entry.name) ? [join(path, entry.name)] : []));
}

/** `packages/<name>` for a file in a workspace package; the repository root for anything else. */
function packageOf(path: string): string {
  const [top, name] = relative(ROOT, path).split(sep);
  return top === 'packages' && name !== undefined ? `packages/${name}` : '(root)';
}

/** The relative imports in `text` (the source of `file`) that resolve outside `file`'s package. */
function crossPackageImports(file: string, text: string): string[] {
  const found: string[] = [];
  for (const [, , specifier = ''] of text.matchAll(RELATIVE_SPECIFIER)) {
    const target = resolve(dirname(file), specifier);
    if (packageOf(target) === packageOf(file)) continue;
    const edge = `${relative(ROOT, file)} -> ${relative(ROOT, target).replace(/\.js$/, '.ts')}`;
    if (!(edge in ALLOWED)) found.push(`${relative(ROOT, file)} imports '${specifier}'`);
  }
  return found;
}

describe('test code imports other packages by name', () => {
  const files = [...new Set(TEST_CODE.flatMap(expand).flatMap(sourceFiles))];

  it('reads the test code of every package', () => {
    expect(files.some((file) => file.includes(`${sep}packages${sep}github${sep}test${sep}`))).to.equal(true);
    expect(files.some((file) => file.startsWith(join(ROOT, 'test', 'hardening')))).to.equal(true);
    expect(files.some((file) => file.startsWith(join(ROOT, 'scripts', 'recorders')))).to.equal(true);
  });

  it('no test, helper or recorder imports another package by a relative path', () => {
    expect(files.flatMap((file) => crossPackageImports(file, readFileSync(file, 'utf8')))).to.deep.equal([]);
  });

  it('flags a relative import into another package, and only that', () => {
    // Built from parts, so this file's own source holds no such import.
    const importing = (...specifiers: string[]) => specifiers.map((specifier) => `import { x } from '${specifier}';`).join('\n');
    const githubTest = join(ROOT, 'packages', 'github', 'test', 'github.example.test.ts');
    const rootTest = join(ROOT, 'test', 'hardening', 'example.test.ts');
    expect(crossPackageImports(githubTest, importing('../../oauth2/test/support/login-app.js'))).to.have.length(1);
    expect(crossPackageImports(githubTest, importing('../../../test/support/recordings.js'))).to.have.length(1);
    expect(crossPackageImports(rootTest, `await import('${'../../packages/testing/src/oauth1-provider.js'}')`)).to.have.length(1);
    expect(crossPackageImports(githubTest, importing('./support/github-app.js', '../src/strategy.js'))).to.deep.equal([]);
    expect(crossPackageImports(rootTest, importing('../support/http.js', '@passport-kit/test-support/login-app'))).to.deep.equal([]);
  });
});
