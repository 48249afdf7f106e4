// Some suites need a program the repository cannot install (Debian's chromium, redis-server) or
// a build. Without it a suite skips locally, fails under CI=true (CI must not skip silently),
// and tells test/summary-reporter.cjs what it needed, so the end of `npm test` says which tests
// did not run and the one command that installs what they need.

/** What a skipped test needed, and how to get it. */
export interface Prerequisite {
  /** What is missing, as a person would name it: `chromium`, `the CommonJS build`. */
  name: string;
  /** The Debian package that provides it, for `apt-get install -y …`. */
  aptPackage?: string;
  /** The command that provides it, when it is not a Debian package: `npm run build`. */
  command?: string;
}

/** Where the reporter finds the prerequisite on a skipped test or on its suite. */
export const PREREQUISITE = Symbol.for('passport-kit.test.prerequisite');

/**
 * Skips the current test (in `it`) or suite (in `before`) unless `available`; under CI=true
 * throws instead.
 *
 * @example
 * before(function () {
 *   requirePrerequisite(this, existsSync('/usr/bin/chromium'), { name: 'chromium', aptPackage: 'chromium' });
 * });
 */
export function requirePrerequisite(context: Mocha.Context, available: boolean, prerequisite: Prerequisite): void {
  if (available) return;
  const how = prerequisite.aptPackage ? `apt-get install -y ${prerequisite.aptPackage}` : prerequisite.command;
  if (process.env['CI'] === 'true') throw new Error(`${prerequisite.name} is missing: ${how ?? ''} (.ci/run provides it)`);
  const runnable = context.test;
  // In a hook the skip covers the whole suite; in a test, that test only.
  const target = (runnable as { type?: string } | undefined)?.type === 'hook' ? runnable?.parent : runnable;
  if (target) Object.defineProperty(target, PREREQUISITE, { value: prerequisite });
  context.skip();
}
