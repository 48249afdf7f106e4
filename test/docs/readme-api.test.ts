import { readFileSync, readdirSync } from 'node:fs';
import { expect } from 'chai';

const packagesDir = new URL('../../packages/', import.meta.url);

/** The backticked names of the run-time exports table in a README's `## API` section. */
function documentedExports(readme: string): Set<string> {
  const start = readme.indexOf('\n## API\n');
  if (start === -1) return new Set();
  const rest = readme.slice(start + 1);
  const next = rest.indexOf('\n## ', 1);
  const section = next === -1 ? rest : rest.slice(0, next);
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    if (!line.startsWith('| `')) continue;
    const exportsCell = line.split('|')[1] ?? '';
    for (const [, code] of exportsCell.matchAll(/`([^`]+)`/g)) names.add(code!.replace(/\(.*$/s, ''));
  }
  return names;
}

describe("each package README's API section", () => {
  for (const pkg of readdirSync(packagesDir)) {
    // A private workspace package (test support) is not published, so it has no API to document.
    const manifest = JSON.parse(readFileSync(new URL(`${pkg}/package.json`, packagesDir), 'utf8')) as { private?: boolean };
    if (manifest.private) continue;
    it(`lists exactly what @passport-kit/${pkg} exports at run time`, async () => {
      const readme = readFileSync(new URL(`${pkg}/README.md`, packagesDir), 'utf8');
      const module = (await import(`@passport-kit/${pkg}`)) as Record<string, unknown>;
      const exported = Object.keys(module).filter((name) => name !== 'default');
      const documented = documentedExports(readme);
      expect([...exported].filter((name) => !documented.has(name)).sort(), 'exported but not in the API section').to.deep.equal([]);
      expect([...documented].filter((name) => !exported.includes(name)).sort(), 'in the API section but not exported').to.deep.equal([]);
    });
  }
});
