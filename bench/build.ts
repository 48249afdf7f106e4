// Builds what the bench runs into bench/dist (ignored by git and eslint), as plain JavaScript:
// each of our packages as its published ESM entry would be (tsup's shape: one bundled file per
// package, every package import left external), installed under dist/node_modules/@passport-kit/,
// and the app and driver processes. Neither the app nor the cold-import probe then pays for a TypeScript loader.
import { rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// esbuild is what tsup (the packages' build) and tsx run on; it is in the root node_modules.
import { build, type BuildOptions, type Plugin } from 'esbuild';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
export const BUILD_DIR = join(BENCH, 'dist');

/** Our packages the bench loads (the strategies and what they import). */
const PACKAGES = ['core', 'oauth2', 'oauth1', 'github', 'facebook', 'twitter'];

// Bare specifiers (`undici`, `@passport-kit/core`, `passport-github2`) resolve at run time, as
// they would for an installed package; only the package's own files are bundled.
const packagesExternal: Plugin = {
  name: 'packages-external',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => (args.kind === 'entry-point' ? undefined : { path: args.path, external: true }));
  },
};

const common: BuildOptions = { bundle: true, format: 'esm', platform: 'node', target: 'node20', plugins: [packagesExternal], logLevel: 'warning', tsconfigRaw: {} };

export async function buildBench(): Promise<void> {
  await rm(BUILD_DIR, { recursive: true, force: true });
  await Promise.all(
    PACKAGES.map(async (name) => {
      const outdir = join(BUILD_DIR, 'node_modules', '@passport-kit', name);
      await build({ ...common, entryPoints: [join(ROOT, 'packages', name, 'src', 'index.ts')], outfile: join(outdir, 'index.js') });
      await writeFile(join(outdir, 'package.json'), JSON.stringify({ name: `@passport-kit/${name}`, type: 'module', exports: './index.js' }));
    }),
  );
  await build({ ...common, entryPoints: [join(BENCH, 'app.ts'), join(BENCH, 'driver.ts')], outdir: BUILD_DIR, outExtension: { '.js': '.mjs' } });
}
