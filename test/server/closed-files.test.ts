import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { LspClient, type Published } from '../../scripts/lib/lsp-client';

const agent = (name: string, description = `Use it for ${name}.`) => `---\nname: ${name}\ndescription: ${description}\n---\nYou help.\n`;
/** No description: Claude Code skips the file (an error). */
const BROKEN = '---\nname: broken\n---\nYou help.\n';

/** A project whose `.claude/agents/` holds these files. */
function workspace(files: Record<string, string>): { root: string; file: (name: string) => string; uri: (name: string) => string } {
  const root = mkdtempSync(path.join(tmpdir(), 'ss-closed-'));
  const agents = path.join(root, '.claude', 'agents');
  mkdirSync(agents, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(agents, name), text);
  const file = (name: string) => path.join(agents, name);
  return { root, file, uri: (name) => pathToFileURL(file(name)).toString() };
}

async function withWorkspaceServer(root: string, use: (client: LspClient) => Promise<void>): Promise<void> {
  const client = new LspClient({ env: { SUBAGENT_STUDIO_TEST_COUNTERS: '1' } });
  try {
    await client.initialize(root);
    await use(client);
  } finally {
    assert.ok(await client.shutdown(), 'the server answers shutdown');
  }
}

const codes = (p: Published) => p.diagnostics.map((d) => String(d.code)).sort();
const idle = (client: LspClient) => client.connection.sendRequest<boolean>('subagentStudio/test/closedFilesIdle');
const lastFor = (client: LspClient, uri: string) => client.published.filter((p) => p.uri === uri).at(-1);

describe('language server over stdio: agent files no editor has open', () => {
  test('every agent file of the workspace gets its diagnostics without being opened; a clean one gets none', async () => {
    const ws = workspace({ 'broken.md': BROKEN, 'clean.md': agent('clean'), 'twin-a.md': agent('twin'), 'twin-b.md': agent('twin') });
    await withWorkspaceServer(ws.root, async (client) => {
      const broken = await client.diagnosticsUntil(ws.uri('broken.md'), (p) => p.diagnostics.length > 0);
      assert.deepEqual(codes(broken), ['description-missing']);
      assert.equal(broken.diagnostics[0].severity, 1);
      assert.equal(broken.version, undefined, 'a closed file has no document version');
      // Each twin is told of the other, though neither was ever opened: every namesake was read first.
      for (const twin of ['twin-a.md', 'twin-b.md']) {
        const p = lastFor(client, ws.uri(twin)) ?? (await client.diagnosticsUntil(ws.uri(twin), () => true));
        assert.deepEqual(codes(p), ['duplicate-name'], twin);
      }
      assert.equal(await idle(client), true);
      assert.equal(lastFor(client, ws.uri('clean.md')), undefined, 'no empty list for a file that never had problems');
    });
  });

  test('a file closed with unsaved edits gets the problems of its text on disk back; one closed clean keeps none', async () => {
    const ws = workspace({ 'broken.md': BROKEN });
    await withWorkspaceServer(ws.root, async (client) => {
      await client.diagnosticsUntil(ws.uri('broken.md'), (p) => p.diagnostics.length > 0);
      // Mended in the editor, never saved: the editor's diagnostics are none.
      await client.open(ws.uri('broken.md'), BROKEN);
      const mended = client.diagnosticsUntil(ws.uri('broken.md'), (p) => p.diagnostics.length === 0);
      await client.change(ws.uri('broken.md'), [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'description: Use it for tests.\n' }]);
      await mended;
      const back = client.diagnosticsUntil(ws.uri('broken.md'), () => true);
      await client.close(ws.uri('broken.md'));
      assert.deepEqual(codes(await back), ['description-missing'], 'the disk still lacks the description');

      // Saved mended, then closed: the check of the disk finds nothing, and says so.
      writeFileSync(ws.file('broken.md'), agent('broken'));
      await client.open(ws.uri('broken.md'), agent('broken'));
      const cleared = client.diagnosticsUntil(ws.uri('broken.md'), () => true);
      await client.close(ws.uri('broken.md'));
      assert.deepEqual((await cleared).diagnostics, []);
    });
  });

  test('a closed file that changes or goes on disk is checked again', async () => {
    const ws = workspace({ 'later.md': agent('later') });
    await withWorkspaceServer(ws.root, async (client) => {
      assert.equal(await idle(client), true);
      const watched = (name: string, type: FileChangeType) =>
        client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: ws.uri(name), type }] });

      const broke = client.diagnosticsUntil(ws.uri('later.md'), () => true);
      writeFileSync(ws.file('later.md'), BROKEN);
      await watched('later.md', FileChangeType.Changed);
      assert.deepEqual(codes(await broke), ['description-missing']);

      const made = client.diagnosticsUntil(ws.uri('new.md'), () => true);
      writeFileSync(ws.file('new.md'), agent('new', 'Reviews code: use it after edits.'));
      await watched('new.md', FileChangeType.Created);
      assert.deepEqual(codes(await made), ['yaml-needs-rewrite']);

      const gone = client.diagnosticsUntil(ws.uri('later.md'), () => true);
      rmSync(ws.file('later.md'));
      await watched('later.md', FileChangeType.Deleted);
      assert.deepEqual((await gone).diagnostics, [], 'a deleted file has no problems left');
    });
  });

  test('subagentStudio.diagnostics.scope "openFiles" takes the closed files\' diagnostics back, "workspace" brings them again', async () => {
    const ws = workspace({ 'broken.md': BROKEN });
    await withWorkspaceServer(ws.root, async (client) => {
      await client.diagnosticsUntil(ws.uri('broken.md'), (p) => p.diagnostics.length > 0);
      client.settings = { diagnostics: { scope: 'openFiles' } };
      const cleared = client.diagnosticsUntil(ws.uri('broken.md'), () => true);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.deepEqual((await cleared).diagnostics, []);

      // Opened and closed under openFiles: its problems go with the editor.
      await client.open(ws.uri('broken.md'), BROKEN);
      const gone = client.diagnosticsUntil(ws.uri('broken.md'), () => true);
      await client.close(ws.uri('broken.md'));
      assert.deepEqual((await gone).diagnostics, []);

      client.settings = { diagnostics: { scope: 'workspace' } };
      const again = client.diagnosticsUntil(ws.uri('broken.md'), () => true);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.deepEqual(codes(await again), ['description-missing']);
    });
  });
});
