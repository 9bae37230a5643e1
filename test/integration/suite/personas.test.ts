import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { lintText } from '../../../server/src/core/lint';
import { waitForDiagnostics, workspaceFile } from './util';

describe('Subagent Studio inside VS Code: persona snippets and the new-agent command', () => {
  it('"New Agent from Persona..." creates .claude/agents/<name>.md that lints clean', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('subagentStudio.newAgentFromPersona', { persona: 'persona-backend-architect-003', name: 'it-architect' });
    assert.equal(uri.toString(), workspaceFile('.claude/agents/it-architect.md').toString());
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    assert.match(text, /^---\nname: it-architect\n/);
    assert.deepEqual(
      lintText(text, { fileName: uri.fsPath }).findings.filter((f) => f.severity === 'error'),
      [],
    );
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    // The language server agrees: it reports (a note on the description's length) and no error.
    const diagnostics = await waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error),
      [],
    );
  });
});
