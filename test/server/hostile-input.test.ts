import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { DiagnosticSeverity, HoverRequest, type Hover } from 'vscode-languageserver-protocol';
import { LspClient } from '../../scripts/lib/lsp-client';
import { withServer } from './servers';

const AGENT = '---\nname: probe\ndescription: Use it to probe the server.\neffort: high\nauthor: me\n---\nBody\n';
/** A guard, not a timing: a server that hangs on the input fails the test instead of stalling the suite. */
const GUARD = { timeout: 30_000 };

function workspace(): { root: string; agents: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'ss-hostile-'));
  const agents = path.join(root, '.claude', 'agents');
  mkdirSync(agents, { recursive: true });
  return { root, agents };
}

/** The server still answers a request about the open document. */
async function stillAnswers(client: LspClient, uri: string): Promise<void> {
  const h = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 1 } })) as Hover;
  assert.match((h.contents as { value: string }).value, /effort/);
  assert.equal(client.process.exitCode, null, 'the server process is still running');
}

describe('language server over stdio: hostile files in the workspace', () => {
  for (const [what, make] of [
    ['a link to /dev/zero', (config: string) => symlinkSync('/dev/zero', config)],
    ['a FIFO', (config: string) => assert.equal(spawnSync('mkfifo', [config]).status, 0, 'mkfifo')],
  ] as const) {
    test(`.subagent-studio.json that is ${what}: reported as not a regular file, checks go on with the defaults`, GUARD, async () => {
      const { root, agents } = workspace();
      const config = path.join(root, '.subagent-studio.json');
      make(config);
      await withServer(root, async (client) => {
        const uri = pathToFileURL(path.join(agents, 'probe.md')).toString();
        const { diagnostics } = await client.open(uri, AGENT);
        assert.ok(diagnostics.some((d) => d.code === 'unknown-key' && d.severity === DiagnosticSeverity.Warning));
        const said = client.logs.filter((l) => l.includes(config));
        assert.equal(said.length, 1, said.join('\n'));
        assert.match(said[0], /not a regular file/);
        assert.doesNotMatch(said[0], /\n\s+at /, 'a message, not a stack trace');
        await stillAnswers(client, uri);
      });
    });
  }

  test('severities that are not severities ("warn", 5) fall back to the rule default, with one warning each in the log', GUARD, async () => {
    const { root, agents } = workspace();
    const client = new LspClient();
    client.settings = { rules: { 'unknown-key': 'warn', 'description-too-long': 5, 'description-no-trigger': 'error' } };
    try {
      await client.initialize(root);
      const applied = (p: { diagnostics: Array<{ code?: unknown; severity?: unknown }> }) =>
        p.diagnostics.some((d) => d.code === 'description-no-trigger' && d.severity === DiagnosticSeverity.Error);
      const text = AGENT.replace('Use it to probe the server.', 'Probes the server.');
      for (const name of ['one.md', 'two.md']) {
        const { diagnostics } = await client.openUntil(pathToFileURL(path.join(agents, name)).toString(), text, applied);
        const unknown = diagnostics.filter((d) => d.code === 'unknown-key');
        assert.ok(unknown.length > 0);
        for (const d of diagnostics) assert.ok(d.severity! >= 1 && d.severity! <= 4, JSON.stringify(d));
        assert.ok(unknown.every((d) => d.severity === DiagnosticSeverity.Warning));
      }
      const warnings = client.logs.filter((l) => /unknown-key|description-too-long/.test(l));
      assert.equal(warnings.length, 2, warnings.join('\n'));
      assert.match(
        warnings.find((w) => w.includes('unknown-key'))!,
        /"warn".*default \(warning\)/,
      );
    } finally {
      await client.shutdown();
    }
  });

  test('the workspace scan follows a linked agent file: its name counts for duplicate-name', GUARD, async () => {
    const { root, agents } = workspace();
    mkdirSync(path.join(root, 'elsewhere'));
    writeFileSync(path.join(root, 'elsewhere', 'twin.md'), AGENT.replace('probe', 'twin'));
    symlinkSync(path.join(root, 'elsewhere', 'twin.md'), path.join(agents, 'linked.md'));
    symlinkSync(agents, path.join(agents, 'loop'));
    await withServer(root, async (client) => {
      const uri = pathToFileURL(path.join(agents, 'open.md')).toString();
      const { diagnostics } = await client.openUntil(uri, AGENT.replace('probe', 'twin'), (p) => p.diagnostics.some((d) => d.code === 'duplicate-name'));
      const dup = diagnostics.find((d) => d.code === 'duplicate-name')!;
      assert.match(dup.message, /\(linked\.md\)/, 'the file reached twice (through the loop) counts once');
    });
  });

  test('the workspace scan reports files that are not UTF-8 (file-encoding), without their being opened', GUARD, async () => {
    const { root, agents } = workspace();
    const wide = path.join(agents, 'wide.md');
    writeFileSync(wide, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(AGENT, 'utf16le')]));
    const latin = path.join(agents, 'latin.md');
    writeFileSync(latin, Buffer.from(AGENT.replace('Body', 'Résumé'), 'latin1'));
    const client = new LspClient();
    try {
      const reported = (file: string) => client.diagnosticsUntil(pathToFileURL(file).toString(), (p) => p.diagnostics.some((d) => d.code === 'file-encoding'));
      const both = Promise.all([reported(wide), reported(latin)]);
      await client.initialize(root);
      const [w, l] = await both;
      assert.match(w.diagnostics[0].message, /UTF-16 LE/);
      assert.equal(w.diagnostics[0].severity, DiagnosticSeverity.Warning);
      assert.match(l.diagnostics[0].message, /not valid UTF-8/);
      assert.deepEqual(l.diagnostics[0].range.start, { line: 6, character: 1 });
    } finally {
      await client.shutdown();
    }
  });

  test('the extension gets the agentFolders of a folder from the server (subagentStudio/agentFolders)', GUARD, async () => {
    const { root } = workspace();
    writeFileSync(path.join(root, '.subagent-studio.json'), JSON.stringify({ agentFolders: ['prompts/defs', 'plugins/*/agents/'] }));
    await withServer(root, async (client) => {
      const answer = await client.connection.sendRequest('subagentStudio/agentFolders', { folders: [root, path.join(root, 'nested')] });
      const expected = [
        { base: path.join(root, 'prompts', 'defs'), pattern: '**/*.md' },
        { base: path.join(root, 'plugins'), pattern: '*/agents/**/*.md' },
      ];
      assert.deepEqual(answer, { folders: [expected, expected] });
    });
  });
});
