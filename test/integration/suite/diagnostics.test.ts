import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, openAgent, waitForDiagnostics, waitUntil, workspaceFile } from './util';

describe('Subagent Studio inside VS Code: diagnostics', () => {
  it('opens an agent file as claude-agent and shows the YAML warning on its description line (Claude Code loads it by a rewrite)', async () => {
    const editor = await openAgent('.claude/agents/backend-architect.md');
    assert.equal(editor.document.languageId, 'claude-agent');
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'yaml-needs-rewrite'));
    const yaml = diagnostics.find((x) => codeOf(x) === 'yaml-needs-rewrite')!;
    assert.equal(yaml.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(yaml.range.start.line, 2);
    assert.equal(yaml.source, 'subagent-studio');
    assert.match(yaml.message, /Claude Code loads the agent anyway/);
    assert.ok(!diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error), 'no error: Claude Code loads it');
  });

  it('opens Markdown in an agentFolders folder of .subagent-studio.json as claude-agent', async () => {
    const uri = workspaceFile('prompts/defs/helper.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitUntil('the file to become a Claude Agent document', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.languageId === 'claude-agent'),
    );
  });

  it('leaves other Markdown files alone', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('docs/notes.md'));
    assert.equal(doc.languageId, 'markdown');
  });
});
