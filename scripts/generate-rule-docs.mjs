// Writes docs/rules/<id>.md for every rule, and docs/rules/README.md, from the rules' own metadata
// (server/src/core/rules/docs.ts). `--check` writes nothing and exits 1 when a page is missing, stale or extra.
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { importTs, REPO_ROOT } from './lib/import-ts.mjs';

const outDir = path.join(REPO_ROOT, 'docs', 'rules');
const check = process.argv.includes('--check');

const { RULES, ruleDocFiles } = await importTs("export { RULES } from './server/src/core/rules'; export { ruleDocFiles } from './server/src/core/rules/docs';");
const files = ruleDocFiles(RULES);

const existing = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith('.md')) : [];
const stale = existing.filter((f) => !(f in files));
const changed = Object.entries(files).filter(([f, text]) => !existing.includes(f) || readFileSync(path.join(outDir, f), 'utf8') !== text);

if (check) {
  for (const [f] of changed) console.error(`docs/rules/${f} is missing or out of date`);
  for (const f of stale) console.error(`docs/rules/${f} belongs to no rule`);
  if (changed.length || stale.length) {
    console.error('Run `npm run generate:docs`.');
    process.exit(1);
  }
  console.log(`docs/rules: ${Object.keys(files).length} pages up to date`);
} else {
  mkdirSync(outDir, { recursive: true });
  for (const [f, text] of changed) writeFileSync(path.join(outDir, f), text, 'utf8');
  for (const f of stale) unlinkSync(path.join(outDir, f));
  console.log(`docs/rules: ${changed.length} written, ${stale.length} removed, ${Object.keys(files).length} pages`);
}
