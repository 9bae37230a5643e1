import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, DRIVER, query, waitForDiagnostics, waitUntil, workspaceFile } from './util';

/** No description: Claude Code skips the file, an error. */
const BROKEN = '---\nname: closed-broken\n---\nYou help.\n';
const hasError = (code: string) => (d: vscode.Diagnostic[]) => d.some((x) => codeOf(x) === code && x.severity === vscode.DiagnosticSeverity.Error);

describe('Subagent Studio inside VS Code: agent files no editor has open', () => {
  const broken = workspaceFile('.claude/agents/closed-broken.md');
  const unnamed = workspaceFile('.claude/agents/closed-unnamed.md');

  before(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.writeFile(broken, Buffer.from(BROKEN, 'utf8'));
    await vscode.workspace.fs.writeFile(unnamed, Buffer.from('---\ndescription: Use it for tests.\n---\nYou help.\n', 'utf8'));
  });

  after(async () => {
    await vscode.workspace.fs.delete(broken);
    await vscode.workspace.fs.delete(unnamed);
  });

  it('with every editor closed, the Problems panel shows the problems of agent files that were never opened', async () => {
    assert.equal(vscode.window.visibleTextEditors.length, 0);
    await waitForDiagnostics(broken, hasError('description-missing'));
    await waitForDiagnostics(unnamed, hasError('name-missing'));
    for (const uri of [broken, unnamed]) {
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), `${uri.path} was never opened`);
    }
    if (!DRIVER) return;
    // What the user sees: the panel lists both files.
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await waitUntil('both files in the Problems panel', async () => {
      const rows = (await query('.markers-panel .monaco-list-row')).map((r) => r.label ?? r.text);
      return ['closed-broken.md', 'closed-unnamed.md'].every((f) => rows.some((r) => r.includes(f))) ? rows : undefined;
    });
  });

  it('a broken file keeps its problem after it is opened, mended without saving, and closed', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(broken));
    assert.equal(editor.document.languageId, 'claude-agent');
    await editor.edit((e) => e.insert(new vscode.Position(2, 0), 'description: Use it for tests.\n'));
    await waitForDiagnostics(broken, (d) => d.length === 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // The disk still has no description: the server checks the file from there again.
    await waitForDiagnostics(broken, hasError('description-missing'));
  });
});
