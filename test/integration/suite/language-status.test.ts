import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { SubagentStudioApi } from '../../../client/src/extension';
import type { StatusItemView } from '../../../client/src/language-status';
import { newAgent, waitUntil } from './util';

/**
 * The language status items (the `{}` beside "Claude Agent" in the status bar), as the extension set them:
 * VS Code has no API to read another item's text, so the extension's API hands out what it gave VS Code.
 */
async function api(): Promise<SubagentStudioApi> {
  const ext = vscode.extensions.getExtension<SubagentStudioApi>('subagent-studio.subagent-studio');
  assert.ok(ext, 'the extension is installed');
  return ext.isActive ? ext.exports : ext.activate();
}

async function agentItem(what: string, ready: (item: StatusItemView) => boolean): Promise<StatusItemView> {
  const status = await api();
  return waitUntil(`the language status to say ${what}`, () => {
    const item = status.languageStatus().agent;
    return ready(item) ? item : undefined;
  });
}

describe('Subagent Studio inside VS Code: the language status', () => {
  it('says whether Claude Code loads the active agent, and why not, and follows each edit', async () => {
    const loads = await newAgent('status-loads', '---\nname: status-loads\ndescription: Use it after edits.\n---\nYou review.\n');
    const ok = await agentItem('that it loads', (i) => /Loads/.test(i.text));
    assert.equal(ok.text, '$(pass) Loads in Claude Code');
    assert.match(ok.detail ?? '', /^Claude Code \d+\.\d+\.\d+ loads and can start it$/);
    assert.equal(ok.severity, 'information');
    assert.equal(ok.command, 'subagentStudio.openPreviewToSide');

    // Another file, whose `: ` on a line of its own Claude Code's YAML rewrite does not reach.
    await newAgent('status-broken', '---\nname: status-broken\ndescription: Use it after edits.\n  Examples: Context: a change is done.\n---\nYou review.\n');
    const broken = await agentItem('that it does not load', (i) => /Not loaded/.test(i.text));
    assert.equal(broken.text, '$(error) Not loaded by Claude Code');
    assert.match(broken.detail ?? '', /^Claude Code does not load this agent: .*YAML/);
    assert.doesNotMatch(broken.detail ?? '', /`/, 'plain text: no Markdown backticks');
    assert.equal(broken.severity, 'error');
    assert.equal(broken.command, 'vscode.open', 'a link to the line');

    // Back to the first file, then an edit that drops its name: the item follows the file and the edit.
    const editor = await vscode.window.showTextDocument(loads.document);
    await agentItem('that it loads again', (i) => /Loads/.test(i.text));
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(1, 0, 2, 0))));
    const unnamed = await agentItem('that it does not load without a name', (i) => /Not loaded/.test(i.text));
    assert.match(unnamed.detail ?? '', /name/);
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'name: status-loads\n'));
    await agentItem('that it loads once named', (i) => /Loads/.test(i.text));
  });

  it("shows the server's state, with a link to its log", async () => {
    const status = await api();
    const client = status.client!;
    assert.deepEqual(status.languageStatus().server, {
      text: 'Server running',
      detail: 'Subagent Studio',
      severity: 'information',
      busy: false,
      command: 'subagentStudio.showOutput',
    });
    await client.stop();
    const stopped = status.languageStatus().server;
    assert.equal(stopped.text, 'Server stopped');
    assert.equal(stopped.severity, 'error');
    assert.equal(status.languageStatus().agent.text, 'Claude Code: not checked');
    const starting = client.start();
    assert.equal(status.languageStatus().server.text, 'Server starting');
    assert.equal(status.languageStatus().server.busy, true);
    await starting;
    assert.equal(status.languageStatus().server.text, 'Server running');
    await agentItem('what Claude Code does once the server runs again', (i) => /Loads|Not loaded/.test(i.text));
  });
});
