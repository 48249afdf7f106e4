// Which passport-oauth2 the strategies under test run on. By default, the one npm installed for
// them: the root package.json's `overrides` link each strategy's `passport-oauth2` to
// packages/oauth2 (its built dist), as a user's one-line override would. With
// ECOSYSTEM_BASE=passport-oauth2 the suite runs as a control on the real passport-oauth2 1.8.0
// (the root devDependency bench/ also uses): a resolve hook sends the strategies' own
// `require('passport-oauth2')` there.
import { realpathSync } from 'node:fs';
import { ensureBuilt, publicPackages } from '../../packaging/pack.js';
import Module, { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const OUR_PACKAGE = join(ROOT, 'packages', 'oauth2');
const rootRequire = createRequire(join(ROOT, 'package.json'));

/** The real passport-oauth2 the root package.json installs (for the control, and bench/). */
export const REAL_PASSPORT_OAUTH2 = realpathSync(rootRequire.resolve('passport-oauth2'));

const CONTROL = process.env['ECOSYSTEM_BASE'] === 'passport-oauth2';
if (process.env['ECOSYSTEM_BASE'] !== undefined && !CONTROL) {
  throw new Error(`ECOSYSTEM_BASE is either unset (our base) or passport-oauth2 (the control), not ${process.env['ECOSYSTEM_BASE']}`);
}

if (CONTROL) {
  type Resolve = (request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]) => string;
  const internals = Module as unknown as { _resolveFilename: Resolve };
  const resolve = internals._resolveFilename;
  const installed = join(ROOT, 'node_modules') + sep;
  internals._resolveFilename = function (request, parent, ...rest) {
    if (request === 'passport-oauth2' && parent?.filename?.startsWith(installed)) return REAL_PASSPORT_OAUTH2;
    return resolve.call(this, request, parent, ...rest);
  };
}

/** The file `require('passport-oauth2')` loads from inside an installed package. */
export function passportOAuth2For(packageName: string): string {
  const packageRequire = createRequire(rootRequire.resolve(`${packageName}/package.json`));
  return realpathSync(packageRequire.resolve('passport-oauth2'));
}

/**
 * True when the strategies run on our base, false on the real passport-oauth2 (the control).
 * Read from where npm installed the package, not from its main file: on a fresh clone that file
 * (packages/oauth2/dist) is built only by the suite's `before` hook, after this is asked.
 */
export function onOurBase(): boolean {
  if (CONTROL) return false;
  const packageRequire = createRequire(rootRequire.resolve('passport-google-oauth20/package.json'));
  return dirname(realpathSync(packageRequire.resolve('passport-oauth2/package.json'))) === realpathSync(OUR_PACKAGE);
}

/** An installed strategy package, loaded as a CommonJS user would: `require(name)`. */
export function requireStrategyPackage(packageName: string): unknown {
  return rootRequire(packageName);
}

/**
 * Builds our packages when their dist is missing or older than their sources: the strategies
 * load packages/oauth2/dist, so `npm ci && npm test` on a fresh clone needs it built. A no-op
 * in CI, which builds first.
 */
export function ensureOurBaseBuilt(): void {
  if (onOurBase()) ensureBuilt(publicPackages());
}
