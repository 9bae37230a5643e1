/** The CLI as CI meets it: each behaviour through the real process (over 400 lines: one case per behaviour, sharing the helpers here). */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CORPUS_DIRS, PERSONA_DIRS, readJson, REPO_ROOT, type Manifest } from '../helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Runs the CLI without blocking this process (a Unix socket served by this process must keep answering),
 * killed after `timeout` ms: a run that would hang fails instead of stalling the suite.
 */
function runAsync(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeout: number }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd, env: opts.env ?? process.env, timeout: opts.timeout });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

interface JsonReport {
  file: string;
  diagnostics: Array<{ code: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>;
}

/** The parts of a SARIF log the tests read. */
interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; helpUri: string; shortDescription: { text: string }; help: { markdown: string } }> } };
    results: Array<{ ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: unknown; region: { startLine: number } } }> }>;
  }>;
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
/** Claude Code does not load it: `: ` on a continuation line, which its rewrite does not reach. */
const BROKEN = '---\nname: helper\ndescription: Use it.\n  Examples: Context: a user asks.\n---\nBody\n';
/** Claude Code loads it only through its rewrite: a warning. */
const REWRITTEN = '---\nname: helper\ndescription: Use it. Examples: Context: a user asks.\n---\nBody\n';

describe('CLI', () => {
  test('personas: JSON per the contract, exit 0, a yaml-needs-rewrite warning on line 3 of each', () => {
    for (const dir of PERSONA_DIRS) {
      const r = run('lint', dir, '--format', 'json');
      assert.equal(r.status, 0, r.stderr);
      const reports = JSON.parse(r.stdout) as JsonReport[];
      const agents = reports.filter((x) => /\d{3}-/.test(path.basename(x.file)));
      assert.equal(agents.length, 5, dir);
      for (const rep of agents) {
        assert.deepEqual(
          rep.diagnostics.filter((d) => d.severity === 'error'),
          [],
          rep.file,
        );
        const w = rep.diagnostics.find((d) => d.code === 'yaml-needs-rewrite');
        assert.ok(w, rep.file);
        assert.equal(w.severity, 'warning');
        assert.equal(w.range.start.line, 2);
        assert.match(w.message, /strict YAML readers reject/i);
        assert.equal(typeof w.range.end.character, 'number');
      }
    }
  });

  test('list: what Claude Code does with each persona, as JSON per the contract', () => {
    for (const dir of PERSONA_DIRS) {
      const r = run('list', dir, '--format', 'json');
      const entries = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
      const agents = entries.filter((e) => /\d{3}-/.test(path.basename(String(e.file))));
      assert.equal(agents.length, 5, dir);
      for (const e of agents) {
        assert.deepEqual(Object.keys(e), ['file', 'loads', 'name', 'description', 'tools', 'toolNames', 'runs', 'model']);
        assert.equal(e.loads, true, String(e.file));
        assert.equal(e.tools, 'All tools');
        assert.equal(e.toolNames, null);
        assert.equal(e.runs, true);
        assert.match(String(e.description), /^Use this agent when you need/);
      }
      // The README beside them does not load: exit 1, with the reason.
      const readme = entries.find((e) => path.basename(String(e.file)) === 'README.md')!;
      assert.equal(readme.loads, false);
      assert.match(String(readme.reason), /no frontmatter/);
      assert.equal(r.status, 1);
    }
  });

  test('the corpus of real-world shapes: exit 0', () => {
    for (const dir of CORPUS_DIRS) {
      const r = run('lint', dir);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /0 errors/);
    }
  });

  test('list of a session: every agent across scopes, which file wins each name, as JSON per the contract', () => {
    const home = tempProject({ '.claude/agents/reviewer.md': '---\nname: reviewer\ndescription: User copy.\n---\nU\n' });
    const root = tempProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.claude/agents/reviewer.md': '---\nname: reviewer\ndescription: Project copy.\n---\nP\n',
      '.claude/agents/broken.md': '---\nname: broken\n---\nno description\n',
    });
    const r = spawnSync(process.execPath, [CLI, 'list', '--format', 'json'], { cwd: root, encoding: 'utf8', env: { ...process.env, HOME: home, CLAUDE_CONFIG_DIR: '' } });
    assert.equal(r.status, 1, 'a file of the set does not load');
    const entries = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    const user = entries.find((e) => e.scope === 'user')!;
    const project = entries.find((e) => e.scope === 'project' && e.name === 'reviewer')!;
    assert.deepEqual(Object.keys(project), ['file', 'loads', 'name', 'description', 'tools', 'toolNames', 'runs', 'model', 'scope', 'used', 'shadowedBy']);
    assert.equal(project.used, true);
    assert.equal(project.shadowedBy, null);
    assert.equal(user.used, false);
    assert.equal(user.shadowedBy, project.file);
    const broken = entries.find((e) => String(e.file).endsWith('broken.md'))!;
    assert.equal(broken.loads, false);
    assert.match(String(broken.reason), /no `description`/);
    // --scope narrows; the text form is a table with the cost of all descriptions.
    const onlyUser = spawnSync(process.execPath, [CLI, 'list', '--scope', 'user', '--format', 'json'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, HOME: home, CLAUDE_CONFIG_DIR: '' },
    });
    assert.equal(onlyUser.status, 0);
    assert.deepEqual(
      (JSON.parse(onlyUser.stdout) as Array<{ scope: string; used: boolean }>).map((e) => [e.scope, e.used]),
      [['user', true]],
    );
    const text = spawnSync(process.execPath, [CLI, 'list'], { cwd: root, encoding: 'utf8', env: { ...process.env, HOME: home, CLAUDE_CONFIG_DIR: '' } }).stdout;
    assert.match(text, /^NAME +SCOPE +STATE +MODEL +TOOLS +TOKENS +FILE$/m);
    assert.match(text, /shadowed by/);
    assert.match(text, /1 agent from 3 files \(1 not loaded\); their entries cost the main conversation about \d+ tokens/);
    assert.match(text, /~\/\.claude\/agents\/reviewer\.md/);
    assert.equal(run('list', '--scope', 'plugins', root).status, 2);
  });

  test('text output names the file, line:column, severity, message and rule', () => {
    const root = tempProject({ '.claude/agents/a.md': BROKEN });
    const r = run('lint', root);
    assert.equal(r.status, 1);
    assert.match(
      r.stdout,
      new RegExp(`${path.join(root, '.claude/agents/a.md').replace(/[.\\/]/g, '\\$&')}\\n  4:3 +error +Not valid YAML: \`: \` after \`Examples\`.* invalid-yaml`),
    );
  });

  test('a key that is a list is reported, and nothing else reaches stderr (no warning of the YAML library)', () => {
    const root = tempProject({ '.claude/agents/a.md': '---\nname: a\ndescription: Use it.\n[Read]: x\n---\nBody\n' });
    const r = run('lint', root);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /unknown-key/);
    assert.equal(r.stderr, '');
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
    const sarif = JSON.parse(run('lint', root, '--format', 'sarif').stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: unknown } }> }> }>;
    };
    const result = sarif.runs[0].results.find((x) => x.ruleId === 'example-tag-misspelled')!;
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 7, startColumn: 1, endLine: 7, endColumn: 10 });
  });

  test('--fix repairs in place and keeps the description text', () => {
    for (const text of [BROKEN, REWRITTEN]) {
      const root = tempProject({ '.claude/agents/a.md': text });
      const r = run('lint', root, '--fix');
      assert.equal(r.status, 0, r.stdout);
      const fixed = readFileSync(path.join(root, '.claude/agents/a.md'), 'utf8');
      assert.equal(fixed, '---\nname: helper\ndescription: |-\n  Use it. Examples: Context: a user asks.\n---\nBody\n');
    }
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

  test('an unreadable file exits 2 naming the file and why, as root too: a FIFO and a Unix socket are not regular files', async () => {
    const root = tempProject({});
    const fifo = path.join(root, 'fifo.md');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    const socket = path.join(root, 'socket.md');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      for (const file of [fifo, socket]) {
        // A FIFO opened for reading waits for a writer: the guard turns a hang into a failure.
        const r = await runAsync(['lint', file], { timeout: 20_000 });
        assert.equal(r.status, 2, `${path.basename(file)}: ${r.stderr}`);
        assert.match(r.stderr, new RegExp(`${escapeRe(file)}: not a regular file`));
      }
    } finally {
      server.close();
    }
  });

  test('a folder given as a file argument works, and the personas folder copied under .claude/agents too', () => {
    for (const dir of PERSONA_DIRS) {
      const root = tempProject({});
      cpSync(dir, path.join(root, '.claude', 'agents'), { recursive: true });
      const r = run('lint', root, '--format', 'json');
      assert.equal(r.status, 0, 'the personas load (with warnings); the README is documentation');
      assert.equal((JSON.parse(r.stdout) as JsonReport[]).length, 6, dir);
    }
  });

  test('--format sarif: SARIF 2.1.0 with rule metadata, help URIs and one result per finding', () => {
    const root = tempProject({ '.claude/agents/a.md': BROKEN });
    const r = spawnSync(process.execPath, [CLI, 'lint', '.', '--format', 'sarif'], { encoding: 'utf8', cwd: root });
    assert.equal(r.status, 1);
    const sarif = JSON.parse(r.stdout) as SarifLog;
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, 'subagent-studio');
    assert.equal(run0.tool.driver.version, readJson<Manifest>('package.json').version);
    const rule = run0.tool.driver.rules.find((x) => x.id === 'invalid-yaml')!;
    assert.match(rule.helpUri, /^https:\/\/.+\/docs\/rules\/invalid-yaml\.md$/);
    assert.ok(rule.shortDescription.text && rule.help.markdown);
    assert.equal(run0.results.length, 1);
    const res = run0.results[0];
    assert.equal(res.ruleId, 'invalid-yaml');
    assert.equal(run0.tool.driver.rules[res.ruleIndex].id, 'invalid-yaml');
    assert.equal(res.level, 'error');
    assert.deepEqual(res.locations[0].physicalLocation.artifactLocation, { uri: '.claude/agents/a.md', uriBaseId: 'SRCROOT' });
    assert.equal(res.locations[0].physicalLocation.region.startLine, 4);
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
    assert.deepEqual(
      (JSON.parse(r.stdout) as JsonReport[]).map((x) => x.file),
      ['x/agents/a.md', 'x/agents/b.md'],
    );
    const none = spawnSync(process.execPath, [CLI, 'lint', 'nothing/**/*.md'], { encoding: 'utf8', cwd: root });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /nothing\/\*\*\/\*\.md: no file matches this glob/);
  });

  test('linting on worker threads gives the same report as one thread, duplicates across threads included', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`.claude/agents/a${String(i).padStart(2, '0')}.md`] = `---\nname: agent-${i % 6}\ndescription: Use it for ${i}.\n---\n`;
    files['.claude/agents/broken.md'] = BROKEN;
    const root = tempProject(files);
    const once = (threads: string) =>
      spawnSync(process.execPath, [CLI, 'lint', root, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, SUBAGENT_STUDIO_THREADS: threads } });
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

describe('CLI: it says what it checked', () => {
  const lintJson = (cwd: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, 'lint', ...args, '--format', 'json'], { encoding: 'utf8', cwd, timeout: 30_000 });
    return { ...r, reports: r.status === 0 || r.status === 1 ? (JSON.parse(r.stdout) as JsonReport[]) : [] };
  };
  const files = (reports: JsonReport[]) => reports.map((x) => x.file);

  test('a glob matches files in dot folders: "**/*.md" takes .claude/agents/', () => {
    const root = tempProject({ '.claude/agents/a.md': BROKEN });
    const r = lintJson(root, '**/*.md');
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(files(r.reports), [path.join('.claude', 'agents', 'a.md')]);
  });

  test('symbolic links in folders are followed: linked files and folders are linted, a loop ends, a file reached twice counts once', () => {
    const root = tempProject({
      '.claude/agents/a.md': VALID,
      'shared/helper.md': BROKEN,
      'team-agents/t.md': VALID.replace('reviewer', 'team-reviewer'),
    });
    const agents = path.join(root, '.claude', 'agents');
    symlinkSync(path.join(root, 'shared', 'helper.md'), path.join(agents, 'linked.md'));
    symlinkSync(path.join(root, 'team-agents'), path.join(agents, 'team'));
    symlinkSync(agents, path.join(agents, 'loop')); // a folder that contains itself
    symlinkSync(path.join(agents, 'a.md'), path.join(agents, 'z-same-as-a.md'));
    symlinkSync(path.join(root, 'nowhere.md'), path.join(agents, 'broken.md'));
    const r = lintJson(root, '.');
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(
      files(r.reports),
      ['a.md', 'linked.md', path.join('team', 't.md')].map((f) => path.join('.claude', 'agents', f)),
    );
    assert.ok(r.reports[1].diagnostics.some((d) => d.code === 'invalid-yaml'));
    assert.deepEqual(r.reports[0].diagnostics, [], 'a.md is not its own namesake through the second path');
    assert.match(r.stderr, /broken\.md: skipped: a broken symbolic link/);
  });

  test('--fix does not write a file that a link leads to outside the folders linted, unless --fix-outside', () => {
    const outside = tempProject({ 'helper.md': BROKEN });
    const target = path.join(outside, 'helper.md');
    const root = tempProject({ '.claude/agents/a.md': VALID });
    symlinkSync(target, path.join(root, '.claude', 'agents', 'helper.md'));
    const r = spawnSync(process.execPath, [CLI, 'lint', '.', '--fix'], { encoding: 'utf8', cwd: root });
    assert.equal(r.status, 1, 'the finding is still reported');
    assert.equal(readFileSync(target, 'utf8'), BROKEN, 'not written');
    assert.match(r.stderr, /helper\.md: not fixed: .*outside.*--fix-outside/);
    const forced = spawnSync(process.execPath, [CLI, 'lint', '.', '--fix', '--fix-outside'], { encoding: 'utf8', cwd: root });
    assert.equal(forced.status, 0, forced.stdout + forced.stderr);
    assert.notEqual(readFileSync(target, 'utf8'), BROKEN, 'written when asked');
    assert.equal(run('lint', root, '--fix-outside').status, 2, '--fix-outside without --fix is bad usage');
  });

  test('no agent files found is an error (exit 2) unless --allow-empty', () => {
    const root = tempProject({ 'docs/.keep': '' });
    const r = run('lint', path.join(root, 'docs'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no agent files found/);
    assert.equal(r.stdout, '');
    const allowed = run('lint', path.join(root, 'docs'), '--allow-empty');
    assert.equal(allowed.status, 0, allowed.stderr);
    const glob = spawnSync(process.execPath, [CLI, 'lint', 'nothing/**/*.md', '--allow-empty'], { encoding: 'utf8', cwd: root });
    assert.equal(glob.status, 0, glob.stderr);
  });

  test('a Latin-1 file: a file-encoding warning, and --fix leaves its bytes alone', () => {
    const root = tempProject({ '.claude/agents/latin.md': '' });
    const file = path.join(root, '.claude', 'agents', 'latin.md');
    const bytes = Buffer.from('---\nname: latin\ndescription: Use it. Examples: Context: café\n---\nRésumé of the body\n', 'latin1');
    writeFileSync(file, bytes);
    const r = lintJson(root, '.');
    const enc = r.reports[0].diagnostics.find((d) => d.code === 'file-encoding');
    assert.ok(enc, JSON.stringify(r.reports));
    assert.equal(enc.severity, 'warning');
    assert.match(enc.message, /not valid UTF-8.*Latin-1/);
    assert.deepEqual(enc.range.start, { line: 2, character: 'description: Use it. Examples: Context: caf'.length });
    const fixed = spawnSync(process.execPath, [CLI, 'lint', '.', '--fix'], { encoding: 'utf8', cwd: root });
    assert.ok(readFileSync(file).equals(bytes), 'the file is not rewritten');
    assert.match(fixed.stderr, /latin\.md: not fixed: the file is not valid UTF-8/);
  });

  test('a UTF-16 file is reported as UTF-16, with or without a byte order mark', () => {
    const text = '---\nname: wide\ndescription: Use it for wide things.\n---\nBody\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(text, 'utf16le').swap16();
    const root = tempProject({});
    writeFileSync(path.join(root, 'le.md'), le);
    writeFileSync(path.join(root, 'be.md'), be);
    const r = lintJson(root, 'le.md', 'be.md');
    const messages = r.reports.map((x) => x.diagnostics.find((d) => d.code === 'file-encoding')?.message);
    assert.match(messages[0] ?? '', /UTF-16 LE/);
    assert.match(messages[1] ?? '', /UTF-16 BE/);
    assert.ok(r.reports.every((x) => x.diagnostics.find((d) => d.code === 'file-encoding')!.severity === 'warning'));
  });

  test('a file over 1 MiB is reported as skipped by Claude Code, not read whole', () => {
    const root = tempProject({ '.claude/agents/big.md': VALID + 'x'.repeat(1_048_576) });
    const r = lintJson(root, '.');
    assert.equal(r.status, 1);
    assert.deepEqual(
      r.reports[0].diagnostics.map((d) => [d.code, d.severity]),
      [['file-too-large', 'error']],
    );
  });

  test('a config file that is a link to /dev/zero, a FIFO or /proc/self/environ: exit 2 at once, and no content in the message', async () => {
    const root = tempProject({ '.claude/agents/a.md': VALID });
    const config = path.join(root, '.subagent-studio.json');
    const cases: Array<[string, () => void, RegExp]> = [
      ['/dev/zero', () => symlinkSync('/dev/zero', config), /not a regular file/],
      ['a FIFO', () => assert.equal(spawnSync('mkfifo', [config]).status, 0), /not a regular file/],
      ['/proc/self/environ', () => symlinkSync('/proc/self/environ', config), /not valid JSON/],
    ];
    for (const [what, make, why] of cases) {
      rmSync(config, { force: true });
      make();
      const r = await runAsync(['lint', '.'], { cwd: root, env: { ...process.env, SS_TEST_SECRET: 'hunter2-secret-value' }, timeout: 20_000 });
      assert.equal(r.status, 2, `${what}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`${escapeRe(config)}: `), what);
      assert.match(r.stderr, why, what);
      assert.doesNotMatch(r.stderr, /hunter2|SS_TEST_SECRET|PATH=/, `${what}: the message quotes no content`);
    }
  });

  test('an unreadable folder and a file it may not write: messages naming them, no stack trace', () => {
    const root = tempProject({ '.claude/agents/a.md': BROKEN, '.claude/agents/locked/b.md': VALID });
    const locked = path.join(root, '.claude', 'agents', 'locked');
    // Root reads and writes everything: as root, the CLI runs as the unprivileged user `nobody` (65534).
    const asRoot = process.getuid?.() === 0;
    chmodSync(root, 0o755);
    chmodSync(locked, asRoot ? 0o700 : 0);
    if (!asRoot) chmodSync(path.join(root, '.claude', 'agents', 'a.md'), 0o444);
    const unprivileged = (...args: string[]) =>
      asRoot
        ? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, ...args], { encoding: 'utf8' })
        : spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
    const r = unprivileged('lint', root, '--fix');
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`${escapeRe(locked)}: skipped: cannot read the folder \\(EACCES\\)`));
    assert.match(r.stderr, /a\.md: not fixed: cannot write: EACCES \(permission denied\)/);
    const folder = unprivileged('lint', locked);
    assert.equal(folder.status, 2);
    assert.match(folder.stderr, new RegExp(`${escapeRe(locked)}: cannot read the folder \\(EACCES\\)`));
    for (const out of [r.stderr, folder.stderr]) assert.doesNotMatch(out, /internal error|\n\s+at /);
  });

  test('a duplicate-name finding lists the first three namesakes, then how many more', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`.claude/agents/a${i}.md`] = VALID;
    const r = lintJson(tempProject(files), '.');
    const dup = r.reports[0].diagnostics.find((d) => d.code === 'duplicate-name');
    assert.match(dup?.message ?? '', /\(a1\.md, a2\.md, a3\.md and 2 more\)/);
  });
});
