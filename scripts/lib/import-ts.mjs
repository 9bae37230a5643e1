// Imports the project's TypeScript into a plain Node script, with no build step: esbuild bundles it in memory
// and the bundle runs here. Packages stay outside the bundle and come from node_modules.
//
//   const { RULES } = await importTs("export { RULES } from './server/src/core/rules';");
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The exports of `contents`, a TypeScript module whose imports are resolved from the repository root.
 * `minify`: as the shipped bundles are (for benchmarks).
 */
export async function importTs(contents, { minify = false } = {}) {
  const bundle = await build({
    stdin: { contents, resolveDir: REPO_ROOT, sourcefile: 'import-ts.ts', loader: 'ts' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify,
    write: false,
    logLevel: 'warning',
  });
  const module = { exports: {} };
  const run = new Function('module', 'exports', 'require', '__filename', '__dirname', bundle.outputFiles[0].text);
  run(module, module.exports, createRequire(path.join(REPO_ROOT, 'package.json')), path.join(REPO_ROOT, 'import-ts.js'), REPO_ROOT);
  return module.exports;
}
