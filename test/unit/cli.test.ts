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

  test('JSON and SARIF count lines as LSP does: a lone \\r ends a line', () => {
    const root = tempProject({ '.claude/agents/a.md': '---\nname: cr\ndescription: Use it when asked.\n---\n# Role\rYou help.\r<exmaple>\ruser: hi\r</example>\r' });
    const [report] = JSON.parse(run('lint', root, '--format', 'json').stdout) as JsonReport[];
    const misspelled = report.diagnostics.find((d) => d.code === 'example-tag-misspelled')!;
    assert.deepEqual(misspelled.range, { start: { line: 6, character: 0 }, end: { line: 6, character: 9 } });
    const sarif = JSON.parse(run('lint', root, '--format', 'sarif').stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: unknown } }> }> }> };
    const result = sarif.runs[0].results.find((x) => x.ruleId === 'example-tag-misspelled')!;
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 7, startColumn: 1, endLine: 7, endColumn: 10 });
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

  test('--format sarif: SARIF 2.1.0 with rule metadata, help URIs and one result per finding', () => {
    const root = tempProject({ '.claude/agents/a.md': BROKEN });
    const r = spawnSync(process.execPath, [CLI, 'lint', '.', '--format', 'sarif'], { encoding: 'utf8', cwd: root });
    assert.equal(r.status, 1);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, 'subagent-studio');
    const rule = run0.tool.driver.rules.find((x: { id: string }) => x.id === 'invalid-yaml');
    assert.match(rule.helpUri, /^https:\/\/.+\/docs\/rules\/invalid-yaml\.md$/);
    assert.ok(rule.shortDescription.text && rule.help.markdown);
    assert.equal(run0.results.length, 1);
    const res = run0.results[0];
    assert.equal(res.ruleId, 'invalid-yaml');
    assert.equal(run0.tool.driver.rules[res.ruleIndex].id, 'invalid-yaml');
    assert.equal(res.level, 'error');
    assert.deepEqual(res.locations[0].physicalLocation.artifactLocation, { uri: '.claude/agents/a.md', uriBaseId: 'SRCROOT' });
    assert.equal(res.locations[0].physicalLocation.region.startLine, 3);
  });

  test('--max-warnings and --quiet', () => {
    const root = tempProject({ '.claude/agents/a.md': '---\nname: a\ndescription: Use it for a.\nauthor: me\n---\n' });
    assert.equal(run('lint', root).status, 0);
    assert.equal(run('lint', root, '--max-warnings', '1').status, 0);
    const over = run('lint', root, '--max-warnings=0');
    assert.equal(over.status, 1);
    assert.match(over.stderr, /1 warnings, more than --max-warnings 0/);
    const quiet = JSON.parse(run('lint', root, '--quiet', '--format', 'json').stdout) as JsonReport[];
    assert.deepEqual(quiet[0].diagnostics, []);
    assert.equal(run('lint', root, '--max-warnings', 'many').status, 2);
  });

  test('.subagent-studio.json: rule severities and extra agent folders', () => {
    const root = tempProject({
      '.subagent-studio.json': JSON.stringify({ rules: { 'unknown-key': 'error' }, agentFolders: ['prompts/agentdefs'] }),
      '.claude/agents/a.md': '---\nname: a\ndescription: Use it for a.\nauthor: me\n---\n',
      'prompts/agentdefs/b.md': VALID,
      'docs/c.md': '# not an agent\n',
    });
    const r = spawnSync(process.execPath, [CLI, 'lint', '.', '--format', 'json'], { encoding: 'utf8', cwd: root });
    assert.equal(r.status, 1, 'unknown-key raised to error by the config');
    const files = (JSON.parse(r.stdout) as JsonReport[]).map((x) => x.file).sort();
    assert.deepEqual(files, [path.join('.claude', 'agents', 'a.md'), path.join('prompts', 'agentdefs', 'b.md')]);
  });

  test('a bad config file exits 2 naming the file and the reason', () => {
    for (const [content, why] of [
      ['{oops', /not valid JSON/],
      ['{"rules": {"no-such-rule": "off"}}', /unknown rule "no-such-rule"/],
      ['{"rules": {"unknown-key": "loud"}}', /must be one of error, warning, information, hint, off/],
      ['{"colour": 1}', /unknown setting "colour"/],
    ] as const) {
      const root = tempProject({ '.subagent-studio.json': content, '.claude/agents/a.md': VALID });
      const r = run('lint', root);
      assert.equal(r.status, 2, content);
      assert.match(r.stderr, new RegExp(`${path.join(root, '.subagent-studio.json').replace(/[.\\/]/g, '\\$&')}: `));
      assert.match(r.stderr, why);
    }
    const missing = run('lint', '.', '--config', '/nonexistent/.subagent-studio.json');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /\/nonexistent\/\.subagent-studio\.json: cannot read: ENOENT/);
  });

  test('globs: matching files are linted; a glob that matches nothing exits 2 naming it', () => {
    const root = tempProject({ 'x/agents/a.md': VALID, 'x/agents/b.md': BROKEN, 'x/agents/c.txt': 'no' });
    const r = spawnSync(process.execPath, [CLI, 'lint', 'x/**/*.md', '--format', 'json'], { encoding: 'utf8', cwd: root });
    assert.equal(r.status, 1);
    assert.deepEqual((JSON.parse(r.stdout) as JsonReport[]).map((x) => x.file), ['x/agents/a.md', 'x/agents/b.md']);
    const none = spawnSync(process.execPath, [CLI, 'lint', 'nothing/**/*.md'], { encoding: 'utf8', cwd: root });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /nothing\/\*\*\/\*\.md: no file matches this glob/);
  });

  test('linting on worker threads gives the same report as one thread, duplicates across threads included', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`.claude/agents/a${String(i).padStart(2, '0')}.md`] = `---\nname: agent-${i % 6}\ndescription: Use it for ${i}.\n---\n`;
    files['.claude/agents/broken.md'] = BROKEN;
    const root = tempProject(files);
    const once = (threads: string) => spawnSync(process.execPath, [CLI, 'lint', root, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, SUBAGENT_STUDIO_THREADS: threads } });
    const one = once('1');
    const two = once('2');
    assert.equal(one.status, 1);
    assert.equal(two.status, 1, two.stderr);
    assert.equal(two.stdout, one.stdout);
    const reports = JSON.parse(two.stdout) as JsonReport[];
    // a00 and a06 share a name and land in different threads' shares.
    assert.ok(reports[0].diagnostics.some((d) => d.code === 'duplicate-name' && /a06\.md/.test(d.message)));
  });
});
