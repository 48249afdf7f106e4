// Mocha's spec output, then which tests were skipped for a missing program and the one command
// that installs what they need (packages/test-support/src/prerequisites.ts marks them), then the one line CI
// reads, always last: `N passed, N failed` (`, N skipped` when some were).
'use strict';
const Mocha = require('mocha');

const PREREQUISITE = Symbol.for('passport-kit.test.prerequisite');

/** The prerequisite marked on a skipped test or on the nearest suite above it. */
function prerequisiteOf(test) {
  for (let runnable = test; runnable; runnable = runnable.parent) {
    if (runnable[PREREQUISITE]) return runnable[PREREQUISITE];
  }
  return undefined;
}

/** "apt-get install -y chromium redis-server (as root), then npm run build && npm test". */
function howToRunThem(prerequisites) {
  const aptPackages = [...new Set(prerequisites.map((p) => p.aptPackage).filter(Boolean))];
  const commands = [...new Set(prerequisites.map((p) => p.command).filter(Boolean)), 'npm test'];
  const install = aptPackages.length ? `apt-get install -y ${aptPackages.join(' ')} (as root), then ` : '';
  return `${install}${commands.join(' && ')}`;
}

/** The skipped tests grouped by what they needed; the rest were skipped on purpose (`it.skip`). */
function skippedReport(skipped) {
  const groups = new Map();
  for (const test of skipped) {
    const prerequisite = prerequisiteOf(test);
    const key = prerequisite ? prerequisite.name : '';
    if (!groups.has(key)) groups.set(key, { prerequisite, titles: [] });
    groups.get(key).titles.push(test.fullTitle());
  }
  const lines = [`\n${skipped.length} ${skipped.length === 1 ? 'test' : 'tests'} skipped:`];
  for (const { prerequisite, titles } of groups.values()) {
    lines.push(prerequisite ? `  ${titles.length} without ${prerequisite.name}:` : `  ${titles.length} skipped in the code:`);
    for (const title of titles) lines.push(`    - ${title}`);
  }
  const needed = [...groups.values()].map((group) => group.prerequisite).filter(Boolean);
  if (needed.length) lines.push(`To run them too: ${howToRunThem(needed)}`);
  return `${lines.join('\n')}\n`;
}

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const skipped = [];
    runner.on('pending', (test) => skipped.push(test));
    runner.once('end', () => {
      const { passes, failures, pending } = runner.stats;
      if (skipped.length) process.stdout.write(skippedReport(skipped));
      const skippedCount = pending ? `, ${pending} skipped` : '';
      process.stdout.write(`\n${passes} passed, ${failures} failed${skippedCount}\n`);
    });
  }
}

module.exports = SummaryReporter;
