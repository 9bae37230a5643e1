/**
 * Not a test: opens a persona and its preview to the side and waits until the webview shows it, so the
 * launcher's --screenshot captures the product as a user sees it (scripts/screenshot-preview.sh).
 */
import * as vscode from 'vscode';
import { openAgent, waitForDiagnostics, waitUntil } from '../suite/util';

export async function run(): Promise<void> {
  // SUBAGENT_STUDIO_THEME picks a colour theme, e.g. "Default Light Modern" or "Default High Contrast".
  const theme = process.env.SUBAGENT_STUDIO_THEME;
  if (theme) await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
  const editor = await openAgent('.claude/agents/backend-architect.md');
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('subagentStudio.openPreviewToSide');
  const uri = editor.document.uri.toString();
  await waitForDiagnostics(editor.document.uri, (d) => d.length > 0);
  await waitUntil('the preview to render', async () => {
    const s = await vscode.commands.executeCommand<{ webview?: { uri: string } }>('subagentStudio._previewState');
    return s.webview?.uri === uri ? true : undefined;
  });
  // Let the workbench paint the diagnostics squiggles and the webview before the picture is taken.
  await new Promise((r) => setTimeout(r, 1500));
}
