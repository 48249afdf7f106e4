// The mistakes users make with a strategy's constructor, each in its own file under mistakes/:
// the first error TypeScript reports must name the real problem (the file's `// first error:`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import ts from 'typescript';

const DIR = new URL('./mistakes', import.meta.url).pathname;

describe('type errors for common verify and options mistakes', function () {
  this.timeout(120_000);
  const cases = readdirSync(DIR).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  let firstErrors: Map<string, string>;

  before(() => {
    const config = ts.getParsedCommandLineOfConfigFile(join(DIR, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (!config) throw new Error('mistakes/tsconfig.json did not parse');
    const program = ts.createProgram(config.fileNames, config.options);
    firstErrors = new Map();
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
      const file = diagnostic.file?.fileName;
      if (!file?.startsWith(DIR)) throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      const name = file.slice(DIR.length + 1);
      // Diagnostics come in source order within a file: the first one is what the user reads first.
      if (!firstErrors.has(name)) firstErrors.set(name, ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    }
  });

  for (const name of cases) {
    const expected = /^\/\/ first error: (.+)$/m.exec(readFileSync(join(DIR, name), 'utf8'))?.[1];
    it(`${name.replace(/\.ts$/, '').replaceAll('-', ' ')}: ${expected}`, () => {
      expect(expected, `${name} names its expected error`).to.be.a('string');
      expect(firstErrors.get(name), `${name}'s first error`).to.include(expected);
    });
  }
});
