import type { Options } from 'tsup';

/**
 * tsup options for a package whose module is its strategy constructor, as passport-oauth2's
 * `module.exports = Strategy` is: `require()` returns the constructor, with every named export
 * as a property of it (`Strategy`, the error classes, …), so `util.inherits(Sub, require(...))`,
 * `class X extends require(...)` and TypeScript's `__importDefault(require(...)).default` all
 * get the constructor. The ESM build has it as the default export besides the named ones.
 */
export function constructorModule(constructorName: string): Options[] {
  const common: Options = {
    entry: ['src/index.ts'],
    dts: { compilerOptions: { composite: false } },
    tsconfig: 'tsconfig.build.json',
    target: 'node20',
    sourcemap: false,
    splitting: false,
  };
  return [
    // Each build cleans only its own files: tsup runs the two at once.
    { ...common, format: ['esm'], clean: ['*.js', '*.d.ts'] },
    {
      ...common,
      format: ['cjs'],
      clean: ['*.cjs', '*.d.cts'],
      // No `__esModule` on the result (it is a plain function), so interop helpers hand out
      // the constructor itself as the default.
      footer: { js: `module.exports = Object.assign(module.exports.${constructorName}, module.exports);` },
    },
  ];
}
