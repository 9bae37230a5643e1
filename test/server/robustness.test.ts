import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType, HoverRequest, type Hover } from 'vscode-languageserver-protocol';
import { LspClient } from '../../scripts/lib/lsp-client';

const SMALL = '---\nname: probe\ndescription: Use it to probe the server.\neffort: high\n---\nBody\n';

describe('language server over stdio: robustness', () => {
  let client: LspClient;
  let root: string;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'ss-robust-'));
    mkdirSync(path.join(root, '.claude', 'agents'), { recursive: true });
    client = new LspClient();
    await client.initialize(root);
    await client.open('file:///probe/.claude/agents/probe.md', SMALL);
  });
  after(async () => {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  /** The server still answers a request about a small document. */
  async function stillAnswers(): Promise<void> {
    const h = (await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: 'file:///probe/.claude/agents/probe.md' },
      position: { line: 3, character: 1 },
    })) as Hover;
    assert.match((h.contents as { value: string }).value, /effort/);
    assert.equal(client.process.exitCode, null, 'the server process is still running');
  }

  test('a 10 MB agent file gets its diagnostics, and the server keeps answering', async () => {
    const body = Array.from({ length: 200_000 }, (_, i) => (i % 40 === 0 ? `## Section ${i}` : `- item ${i}: some text with <b>tags</b> and \`code\``)).join('\n');
    const text = `---\nname: huge\ndescription: Use it for huge things. Examples: Context: x\n---\n${body}\n`;
    assert.ok(text.length > 10_000_000, `${text.length} characters`);
    const { diagnostics } = await client.open('file:///probe/.claude/agents/huge.md', text);
    assert.ok(diagnostics.some((d) => d.code === 'yaml-needs-rewrite'));
    await stillAnswers();
  });

  test('a binary file: no crash, and the server keeps answering', async () => {
    const bytes = Buffer.alloc(64 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    const published = await client.open('file:///probe/.claude/agents/binary.md', bytes.toString('latin1'));
    assert.ok(Array.isArray(published.diagnostics));
    await stillAnswers();
  });

  test('a file deleted on disk while open: edits are still checked, and the server keeps answering', async () => {
    const file = path.join(root, '.claude', 'agents', 'gone.md');
    writeFileSync(file, SMALL.replace('probe', 'gone'));
    const uri = pathToFileURL(file).toString();
    await client.open(uri, SMALL.replace('probe', 'gone'));
    rmSync(file);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Deleted }] });
    const next = client.nextDiagnostics(uri, 2);
    await client.change(uri, [{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 10 } }, text: 'Gone Now' }]);
    const d = await next;
    assert.ok(d.diagnostics.some((x) => x.code === 'name-format'));
    await client.close(uri);
    await stillAnswers();
  });

  test('malformed messages: invalid JSON, missing params, impossible positions, unknown methods', async () => {
    // Invalid JSON with valid framing, written straight onto the wire.
    client.process.stdin!.write('Content-Length: 5\r\n\r\n{bad}');
    assert.equal(await client.connection.sendRequest('textDocument/hover', {}), null);
    assert.equal(
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///probe/.claude/agents/probe.md' }, position: { line: -5, character: 1e9 } }),
      null,
    );
    assert.deepEqual(
      await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: 'file:///never-opened.md' }, position: { line: 0, character: 0 } }),
      [],
    );
    await assert.rejects(client.connection.sendRequest('no/such/method', {}), /Unhandled method/);
    await stillAnswers();
  });
});
