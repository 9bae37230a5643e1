import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { previewShows, previewState, previewTabs, showNotes } from '../preview-util';
import { needsDriver, newAgent, session, waitUntil, workspaceFile } from '../util';

/**
 * The preview after a window reload: VS Code restores its tab, and the extension's serializer has it show the
 * agent file it showed (the webview saved its URI), though the editor shows a Markdown file by then. The first
 * session opens it and asks for the reload; the second checks what came back.
 */
describe('Subagent Studio inside VS Code: the preview after a window reload', function () {
  before(function () {
    needsDriver(this, 'reload the window and go on after it');
  });
  const agent = workspaceFile('.claude/agents/panel-reloaded.md');

  if (!session.reloaded) {
    it('(before the reload) the preview of an agent file, and a Markdown file in the editor', async () => {
      const editor = await newAgent('panel-reloaded', '---\nname: panel-reloaded\ndescription: Use it to try the preview after a reload.\n---\nYou help.\n');
      await vscode.commands.executeCommand('subagentStudio.openPreviewToSide');
      await previewShows(agent, 'panel-reloaded');
      // The Markdown file takes the agent file's place: nothing but the webview's saved state names the agent.
      await showNotes(editor.viewColumn!);
      assert.equal(previewTabs().length, 1);
      session.reloadAfterRun = true;
    });
  } else {
    it('(after the reload) the preview came back, showing the agent it showed', async () => {
      try {
        await waitUntil('the preview tab to come back', () => (previewTabs().length === 1 ? true : undefined));
        // The extension starts for the restored preview; until then its command is not there.
        await waitUntil('the extension to start', () => Promise.resolve(previewState()).catch(() => undefined));
        await previewShows(agent, 'panel-reloaded');
        assert.equal(vscode.window.activeTextEditor?.document.languageId, 'markdown');
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await vscode.workspace.fs.delete(agent);
      }
    });
  }
});
