/** What the preview tests ask of the preview panel: its state and its tabs. */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { waitUntil, workspaceFile } from './util';

/** What `subagentStudio._previewState` answers (client/src/preview/panel.ts), as far as these tests read it. */
export interface PreviewState {
  uri: string | undefined;
  model: { name?: string } | undefined;
  webview: { uri: string; version: number; name: string | null; load: string } | undefined;
  visible: boolean;
}

export const previewState = () => vscode.commands.executeCommand<PreviewState>('subagentStudio._previewState');

/** The state once the preview's webview shows the agent `name` of the file `uri`. */
export function previewShows(uri: vscode.Uri, name: string): Promise<PreviewState> {
  return waitUntil(`the preview to show ${name}`, async () => {
    const s = await previewState();
    return s.webview?.uri === uri.toString() && s.webview.name === name ? s : undefined;
  });
}

/** Whether `tab` is the preview's. */
export const isAgentPreview = (tab: vscode.Tab | undefined) => tab?.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('subagentStudio.preview');

/** The preview's tabs, in any group. */
export const previewTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(isAgentPreview);

/** The workspace's Markdown notes (no agent file) in an editor in `column`. */
export async function showNotes(column: vscode.ViewColumn, preserveFocus = false): Promise<vscode.TextEditor> {
  const notes = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('docs/notes.md')), { viewColumn: column, preserveFocus });
  assert.equal(notes.document.languageId, 'markdown');
  return notes;
}
