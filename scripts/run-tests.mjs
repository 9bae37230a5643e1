// Runs every layer of tests and prints one closing line: "tests: N passed, N failed, N skipped".
// The oracle layer counts one test per agent file held to the real Claude Code.
//   node scripts/run-tests.mjs [--only unit,server,grammar,browser,integration,release]
// The real-VS-Code layers (integration, release) run once per VS Code in test/integration/vscode-versions.json;
// `--only integration:1.139` (or release:1.100.3) runs one of them.
// `npm test` builds first (pretest). Each layer's own output is shown as it runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VSCODE_VERSIONS } from './lib/code-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = (() => {
  const i = process.argv.indexOf('--only');
  return i > 0 ? new Set(process.argv[i + 1].split(',')) : undefined;
})();
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Runs a command, echoing its output, and returns its exit code and output. */
function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const echo = (stream) => (d) => {
      out += d;
      stream.write(d);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}

/** Counts from node's test runner (spec reporter summary lines). */
function nodeCounts(out) {
  const n = (label) => Number((new RegExp(`^\\S* ?${label} (\\d+)$`, 'm').exec(out) ?? [])[1] ?? 0);
  return { passed: n('pass'), failed: n('fail') + n('cancelled'), skipped: n('skipped') + n('todo') };
}

/** Counts from mocha's summary ("N passing", "N failing", "N pending"). */
function mochaCounts(out) {
  const n = (label) => [...out.matchAll(new RegExp(`(\\d+) ${label}`, 'g'))].reduce((s, m) => s + Number(m[1]), 0);
  return { passed: n('passing'), failed: n('failing'), skipped: n('pending') };
}

/**
 * One layer per VS Code version (TEST_VSCODE_VERSION tells the scripts which), with the ids `id`,
 * `id:1.139` and `id:1.139.1`.
 */
function perVersion(id, name, makeRun) {
  return VSCODE_VERSIONS.map(({ vscode }) => ({
    name: name(vscode),
    ids: [id, `${id}:${vscode.split('.').slice(0, 2).join('.')}`, `${id}:${vscode}`],
    run: makeRun({ TEST_VSCODE_VERSION: vscode }),
  }));
}

// The .vsix is the same for every VS Code: the first release layer packages it and checks its contents, the
// others install that package.
let sharedVsix;
function releaseArgs() {
  if (sharedVsix && existsSync(sharedVsix)) return ['--vsix', sharedVsix, '--skip-contents'];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'release-vsix-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  sharedVsix = path.join(dir, 'subagent-studio.vsix');
  return ['--keep-vsix', sharedVsix];
}

const layers = [
  {
    name: 'unit+server',
    ids: ['unit', 'server'],
    async run() {
      const dirs = ['out/test/unit', 'out/test/server'].filter((d) => (!only || only.has(path.basename(d))) && existsSync(path.join(root, d)));
      const r = await run(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=120000', ...dirs]);
      return { ...nodeCounts(r.out), code: r.code };
    },
  },
  {
    name: 'oracle (the real Claude Code)',
    ids: ['oracle'],
    async run() {
      // Our reading of every fixture, the corpus and 2,000 generated files against the pinned Claude Code.
      const r = await run(process.execPath, ['out/test/oracle/run.js', ...commitSeed()]);
      const m = /^oracle: (\d+) files agree, (\d+) disagree/m.exec(r.out);
      if (!m) return { passed: 0, failed: 1, skipped: 0, code: r.code || 1 };
      return { passed: Number(m[1]), failed: Number(m[2]), skipped: 0, code: r.code };
    },
  },
  ...perVersion(
    'integration',
    (v) => `integration (real VS Code ${v})`,
    (env) => async () => {
      const r = await run('bash', ['test/integration/run.sh'], { env });
      const c = mochaCounts(r.out);
      // A launcher that failed before mocha reported still counts as a failure.
      if (r.code !== 0 && c.failed === 0) c.failed = 1;
      return { ...c, code: r.code };
    },
  ),
  {
    name: 'grammar',
    // After integration: that layer installs code-server, whose Markdown grammar the real-grammar fixtures use.
    ids: ['grammar'],
    async run() {
      if (!pkg.scripts?.['test:grammar']) return { passed: 0, failed: 0, skipped: 0, code: 0, note: 'no grammar tests yet' };
      const r = await run('npm', ['run', '--silent', 'test:grammar']);
      const files = Number((/(\d+) files? (?:passed|ok)/i.exec(r.out) ?? [])[1] ?? 0);
      return r.code === 0 ? { passed: Math.max(files, 1), failed: 0, skipped: 0, code: 0 } : { passed: 0, failed: 1, skipped: 0, code: r.code };
    },
  },
  ...perVersion(
    'release',
    (v) => `release (.vsix installed in VS Code ${v})`,
    (env) => async () => {
      // Packages the extension, checks the .vsix against .vscodeignore, installs it into code-server.
      const setup = await run('bash', ['scripts/setup-code-server.sh'], { env });
      if (setup.code !== 0) return { passed: 0, failed: 1, skipped: 0, code: setup.code };
      const r = await run(process.execPath, ['test/release/smoke.mjs', ...releaseArgs()], { env });
      const c = mochaCounts(r.out);
      if (r.code !== 0 && c.failed === 0) c.failed = 1;
      return { ...c, code: r.code };
    },
  ),
];

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
for (const layer of layers) {
  if (only && !layer.ids.some((id) => only.has(id))) continue;
  console.log(`\n=== ${layer.name} ===`);
  const r = await layer.run();
  console.log(`=== ${layer.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.note ? ` (${r.note})` : ''} ===`);
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.skipped += r.skipped;
  if (r.code !== 0 || r.failed > 0) exitCode = 1;
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);

/**
 * The generated files' seed, from the commit checked out: the same commit draws the same files, so a test
 * run's verdict depends on the code alone (a random seed made one commit pass and fail by turns), and each
 * new commit still draws new ones. Outside a git checkout, or with SUBAGENT_STUDIO_ORACLE_SEED=random,
 * run.js draws its own (it prints the seed either way). To explore more files: `node out/test/oracle/run.js`.
 */
function commitSeed() {
  if (process.env.SUBAGENT_STUDIO_ORACLE_SEED === 'random') return [];
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' });
  if (head.status !== 0 || !/^[0-9a-f]{40}$/.test(head.stdout.trim())) return [];
  return ['--seed', String(parseInt(head.stdout.trim().slice(0, 8), 16) % 1_000_000)];
}
