#!/usr/bin/env node
// Grammar tests: runs vscode-tmgrammar-test (VS Code's own vscode-textmate + oniguruma, offline) over the
// fixtures in test/grammar/fixtures/ (scope assertions written under the lines they test).
//
// Pass 1, always: our grammar as package.json contributes it, with a stub for the embedded Markdown
//   grammar (test/grammar/stubs/). The fixtures assert our own scopes only.
// Pass 2, when a VS Code is installed under .vscode-test/ (scripts/setup-code-server.sh) or
//   VSCODE_EXTENSIONS_DIR points at a VS Code `extensions` folder: the same fixtures plus
//   test/grammar/real/ against every grammar VS Code ships (the real text.html.markdown and its
//   injections), so the embedding is tested as the editor runs it.
//
// Exit code 0 when every pass succeeds, 1 otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER_DIR } from '../../scripts/lib/code-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const require = createRequire(import.meta.url);
const CLI = path.join(path.dirname(require.resolve('vscode-tmgrammar-test/package.json')), 'dist', 'unit.js');
const FIXTURES = 'test/grammar/fixtures/*.grammar.md';
const REAL_FIXTURES = 'test/grammar/real/*.grammar.md';

let passed = 0;
let failed = 0;

function run(label, args) {
  console.log(`\n# ${label}`);
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['inherit', 'pipe', 'pipe'], encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  passed += (r.stdout?.match(/^✓ /gm) ?? []).length;
  failed += (r.stdout?.match(/^✖ /gm) ?? []).length;
  // The Markdown grammar names grammars for many fenced-code languages; VS Code does not ship them all.
  const missing = [];
  for (const line of (r.stderr ?? '').split('\n')) {
    const m = /^grammar not found for "(.*)"$/.exec(line);
    if (m) missing.push(m[1]);
    else if (line) process.stderr.write(line + '\n');
  }
  if (missing.length) console.log(`  (${missing.length} grammars embedded by others are not installed, as in VS Code itself: ${missing.join(', ')})`);
  if (r.error) console.error(r.error);
  return r.status === 0;
}

function vscodeExtensionsDir() {
  const candidates = [process.env.VSCODE_EXTENSIONS_DIR, path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'extensions')];
  return candidates.find((d) => d && existsSync(path.join(d, 'markdown-basics', 'package.json')));
}

/** A configuration (package.json shape) with every grammar the VS Code extensions contribute, and ours. */
function realGrammarsConfig(extensionsDir, dir) {
  const grammars = [];
  for (const ext of readdirSync(extensionsDir)) {
    const pj = path.join(extensionsDir, ext, 'package.json');
    if (!existsSync(pj)) continue;
    const manifest = JSON.parse(readFileSync(pj, 'utf8'));
    for (const g of manifest.contributes?.grammars ?? []) {
      const file = path.join(extensionsDir, ext, g.path);
      // vscode-tmgrammar-test joins paths to the configuration's folder: make them relative to it.
      grammars.push({ ...g, path: path.relative(dir, file) });
    }
  }
  const ours = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).contributes.grammars;
  for (const g of ours) grammars.push({ ...g, path: path.relative(dir, path.join(ROOT, g.path)) });
  const file = path.join(dir, 'package.json');
  writeFileSync(file, JSON.stringify({ contributes: { grammars } }));
  return file;
}

let ok = run('pass 1: package.json grammar + stub text.html.markdown', ['-g', 'test/grammar/stubs/markdown.tmLanguage.json', FIXTURES]);

const extensionsDir = vscodeExtensionsDir();
if (extensionsDir) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'claude-agent-grammar-'));
  try {
    const config = realGrammarsConfig(extensionsDir, dir);
    ok = run(`pass 2: VS Code's grammars from ${path.relative(ROOT, extensionsDir) || extensionsDir}`, ['--config', config, FIXTURES, REAL_FIXTURES]) && ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  console.log('\n# pass 2 skipped: no VS Code under .vscode-test/ (scripts/setup-code-server.sh) and no VSCODE_EXTENSIONS_DIR');
}

console.log(`\ngrammar tests: ${passed} files passed, ${failed} failed${ok ? '' : ' (FAILED)'}`);
process.exit(ok ? 0 : 1);
