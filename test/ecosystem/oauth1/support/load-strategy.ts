// Loads an unmodified passport-oauth1 strategy from node_modules with its `require('passport-oauth1')`
// answered by the base under test: the real passport-oauth1 1.3.0 (the control), or ours as the
// root package.json `overrides` install it.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
type ModuleInternals = { _load(request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown };
const Module = require('node:module') as unknown as ModuleInternals;

/** Which `passport-oauth1` the strategy gets. */
export type Base =
  /** passport-oauth1 1.3.0 itself, as bench/ installs it. */
  | 'passport-oauth1'
  /** @passport-kit/oauth1, exactly what `require('passport-oauth1')` gives in the strategy's directory. */
  | 'ours';

/** The directory of an installed package. */
export function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** Where `require('passport-oauth1')` from inside `strategyPackage` leads. */
export function resolvedBase(strategyPackage: string): string {
  return require.resolve('passport-oauth1', { paths: [packageDir(strategyPackage)] });
}

/** The real passport-oauth1, resolved from bench/, which keeps it. */
export function realPassportOAuth1(): string {
  return require.resolve('passport-oauth1', { paths: [path.resolve(packageDir('@passport-kit/bench'))] });
}

/** `require(strategyPackage)`, fresh, with its `passport-oauth1` taken from `base`. */
export function loadStrategy<T>(strategyPackage: string, base: Base): T {
  const dir = packageDir(strategyPackage);
  for (const file of Object.keys(require.cache)) if (file.startsWith(`${dir}${path.sep}`)) delete require.cache[file];
  const baseModule = baseExports(strategyPackage, base);
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === 'passport-oauth1' && parent?.filename?.startsWith(`${dir}${path.sep}`)) return baseModule;
    return load.call(this, request, parent, isMain);
  };
  try {
    return require(strategyPackage) as T;
  } finally {
    Module._load = load;
  }
}

function baseExports(strategyPackage: string, base: Base): unknown {
  return require(base === 'passport-oauth1' ? realPassportOAuth1() : resolvedBase(strategyPackage));
}
