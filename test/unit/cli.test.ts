import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CORPUS_DIR, needsShared, PERSONAS_DIR, REPO_ROOT } from '../helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

interface JsonReport {
  file: string;
  diagnostics: Array<{ code: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>;
}

function tempProject(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ss-cli-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const VALID = '---\nname: reviewer\ndescription: Reviews code. Use after edits.\n---\nBody\n';
const BROKEN = '---\nname: helper\ndescription: Use it. Examples: Context: a user asks.\n---\nBody\n';

describe('CLI', () => {
  test('personas: JSON per the contract, exit 1', { skip: needsShared }, () => {
    const r = run('lint', PERSONAS_DIR, '--format', 'json');
    assert.equal(r.status, 1, r.stderr);
    const reports = JSON.parse(r.stdout) as JsonReport[];
    const agents = reports.filter((x) => /\d{3}-/.test(path.basename(x.file)));
    assert.equal(agents.length, 5);
    for (const rep of agents) {
      const err = rep.diagnostics.find((d) => d.severity === 'error');
      assert.ok(err, rep.file);
      assert.equal(err.code, 'invalid-yaml');
      assert.equal(err.range.start.line, 2);
      assert.equal(typeof err.range.end.character, 'number');
    }
  });

  test('the real-world corpus: exit 0', { skip: needsShared }, () => {
    const r = run('lint', CORPUS_DIR);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /0 errors/);
  });

  test('text output names the file, line:column, severity, message and rule', () => {
    const root = tempProject({ '.claude/agents/a.md': BROKEN });
    const r = run('lint', root);
    assert.equal(r.status, 1);
    assert.match(r.stdout, new RegExp(`${path.join(root, '.claude/agents/a.md').replace(/[.\\/]/g, '\\$&')}\\n  3:22 +error +Not valid YAML: \`: \` after \`Examples\`.* invalid-yaml`));
  });

  test('a folder with agents folders below it lints only the files inside them', () => {
    const root = tempProject({ '.claude/agents/a.md': VALID, 'plugins/p/agents/b.md': VALID, 'docs/readme.md': '# Docs\n', 'README.md': '# x\n' });
    const reports = JSON.parse(run('lint', root, '--format', 'json').stdout) as JsonReport[];
    assert.deepEqual(reports.map((x) => path.relative(root, x.file)).sort(), [path.join('.claude', 'agents', 'a.md'), path.join('plugins', 'p', 'agents', 'b.md')]);
  });

  test('--fix repairs in place and keeps the description text', () => {
    const root = tempProject({ '.claude/agents/a.md': BROKEN });
    const r = run('lint', root, '--fix');
    assert.equal(r.status, 0, r.stdout);
    const fixed = readFileSync(path.join(root, '.claude/agents/a.md'), 'utf8');
    assert.equal(fixed, '---\nname: helper\ndescription: |-\n  Use it. Examples: Context: a user asks.\n---\nBody\n');
  });

  test('bad usage exits 2 with a message', () => {
    for (const args of [[], ['lint'], ['frobnicate', 'x'], ['lint', 'x', '--format', 'xml'], ['lint', 'x', '--nope']]) {
      const r = run(...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /subagent-studio: .+/);
    }
  });

  test('a missing file exits 2 naming the file and why', () => {
    const r = run('lint', '/nonexistent/agent.md');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\/nonexistent\/agent\.md: no such file or folder/);
  });

  test('an unreadable file exits 2 naming the file and why', { skip: process.getuid?.() === 0 ? 'root reads every file' : undefined }, () => {
    const root = tempProject({ 'a.md': VALID });
    chmodSync(path.join(root, 'a.md'), 0);
    const r = run('lint', path.join(root, 'a.md'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /a\.md: cannot read/);
  });

  test('a folder given as a file argument works, and the personas folder copied under .claude/agents too', { skip: needsShared }, () => {
    const root = tempProject({});
    cpSync(PERSONAS_DIR, path.join(root, '.claude', 'agents'), { recursive: true });
    const r = run('lint', root, '--format', 'json');
    assert.equal(r.status, 1);
    assert.equal((JSON.parse(r.stdout) as JsonReport[]).length, 6);
  });
});
