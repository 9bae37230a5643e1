import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { openAgent, waitUntil } from './util';

interface PreviewState {
  uri: string | undefined;
  model: { name?: string; claudeCode: { state: string; reason?: string; listing?: string }; examples: unknown[] } | undefined;
  html: string | undefined;
  webview: { uri: string; version: number; name: string | null } | undefined;
  visible: boolean;
}

const state = () => vscode.commands.executeCommand<PreviewState>('subagentStudio._previewState');

describe('Subagent Studio inside VS Code: the preview', () => {
  it('opens beside the agent file, and shows the new name after an edit to `name`', async () => {
    const editor = await openAgent('.claude/agents/backend-architect.md');
    const uri = editor.document.uri.toString();
    await vscode.commands.executeCommand('subagentStudio.openPreviewToSide');

    // The webview itself reports what it shows once its script has swapped the content in.
    const first = await waitUntil('the preview to show the agent', async () => {
      const s = await state();
      return s.webview?.uri === uri && s.webview.name === 'backend-architect' ? s : undefined;
    });
    assert.equal(first.visible, true);
    // The persona loads (through Claude Code's rewrite): a note, no red banner, and the main conversation's line.
    assert.equal(first.model?.claudeCode.state, 'loads');
    assert.match(first.html ?? '', /data-state="loads-rewritten"/);
    assert.doesNotMatch(first.html ?? '', /banner-error/);
    assert.match(first.model?.claudeCode.listing ?? '', /^- backend-architect: /);
    assert.match(first.html ?? '', /data-role="listing"/);
    assert.ok((first.model?.examples.length ?? 0) >= 1);
    assert.match(first.html ?? '', /backend-architect/);
    const tabs = vscode.window.tabGroups.all;
    assert.ok(tabs.length >= 2, 'the preview opened in a second editor group, beside the file');

    const nameLine = editor.document.lineAt(1);
    const start = nameLine.text.indexOf('backend-architect');
    await editor.edit((e) => e.replace(new vscode.Range(1, start, 1, nameLine.text.length), 'payments-architect'));
    const after = await waitUntil('the preview to show the new name', async () => {
      const s = await state();
      return s.webview?.name === 'payments-architect' ? s : undefined;
    });
    assert.equal(after.model?.name, 'payments-architect');
    assert.equal(after.webview?.version, editor.document.version);
  });

  it('says plainly, in one red banner, when Claude Code will not load the agent', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, '.claude', 'agents', 'over-lines.md');
    // `: ` on a line of its own: Claude Code's rewrite does not reach it, and the agent is not loaded.
    const text = '---\nname: over-lines\ndescription: Use it after edits.\n  Examples: Context: a change is done.\n---\nYou review.\n';
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), vscode.ViewColumn.One);
    const s = await waitUntil('the preview to show the file that does not load', async () => {
      const st = await state();
      return st.webview?.uri === uri.toString() && st.model?.claudeCode.state === 'not-loaded' ? st : undefined;
    });
    assert.match(s.model?.claudeCode.reason ?? '', /not valid YAML/);
    assert.equal((s.html?.match(/class="banner /g) ?? []).length, 1, 'one banner');
    assert.match(s.html ?? '', /<div class="banner banner-error" role="alert" data-role="state" data-state="not-loaded"><strong>Not loaded\.<\/strong>/);
    assert.doesNotMatch(s.html ?? '', /data-role="listing"/);
  });
});
