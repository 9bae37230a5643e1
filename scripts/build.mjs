// Bundles the three programs users run: the extension (client), the language server and the CLI.
// `vscode` is provided by the editor at run time and is never bundled.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !minify,
  minify,
  logLevel: 'warning',
  external: ['vscode'],
  // ESM dependencies (tinyglobby) read import.meta.url, which a CommonJS bundle lacks: give it this file's URL.
  // SUBAGENT_STUDIO_VERSION: package.json's version (server/src/version.ts).
  define: { 'import.meta.url': 'importMetaUrl', SUBAGENT_STUDIO_VERSION: JSON.stringify(version) },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node\n' + common.banner.js } },
];

if (watch) {
  const { context } = await import('esbuild');
  for (const e of entries) await (await context({ ...common, ...e })).watch();
  console.log('watching for changes...');
} else {
  await Promise.all(entries.map((e) => build({ ...common, ...e })));
}
