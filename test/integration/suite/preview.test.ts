import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { openAgent, waitUntil } from './util';

interface PreviewState {
  uri: string | undefined;
  model: { name?: string; skipped?: string; examples: unknown[] } | undefined;
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
    assert.match(first.model?.skipped ?? '', /Claude Code will skip this file/);
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
});
