import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { lintText } from '../../../server/src/core/lint';
import { expandSnippetBody, parseSnippetFile } from '../../../client/src/snippet-expand';
import { waitForDiagnostics, workspaceFile } from './util';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const snippets = parseSnippetFile(readFileSync(path.join(REPO, 'snippets', 'personas.code-snippets'), 'utf8'));

describe('Subagent Studio inside VS Code: persona snippets and the new-agent command', () => {
  it('inserting each persona snippet in an empty agent file gives the expanded snippet text', async () => {
    const uri = workspaceFile('.claude/agents/empty.md');
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'claude-agent');
    assert.ok(Object.keys(snippets).length >= 5);
    for (const [name, snippet] of Object.entries(snippets)) {
      await editor.edit((e) => e.delete(new vscode.Range(0, 0, doc.lineCount, 0)));
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'claude-agent', name });
      assert.equal(doc.getText(), expandSnippetBody(snippet.body), name);
      await vscode.commands.executeCommand('leaveSnippet');
    }
    await editor.edit((e) => e.delete(new vscode.Range(0, 0, doc.lineCount, 0)));
    await doc.save();
  });

  it('completion in an empty agent file offers the personas first', async () => {
    const uri = workspaceFile('.claude/agents/empty-for-completion.md');
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(0, 0));
    const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    // The editor lists snippets above other suggestions in agent files (a language default we contribute).
    assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'claude-agent' }).get('snippetSuggestions'), 'top');
    const snippetItems = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(label).sort();
    assert.ok(snippetItems.length >= 5, `snippets offered: ${snippetItems.join(', ')}`);
    assert.ok(snippetItems.slice(0, 5).every((l) => l.startsWith('persona-')), `first snippets: ${snippetItems.join(', ')}`);
  });

  it('"New Agent from Persona..." creates .claude/agents/<name>.md that lints clean', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('subagentStudio.newAgentFromPersona', { persona: 'persona-backend-architect-003', name: 'it-architect' });
    assert.equal(uri.toString(), workspaceFile('.claude/agents/it-architect.md').toString());
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    assert.match(text, /^---\nname: it-architect\n/);
    assert.deepEqual(lintText(text, { fileName: uri.fsPath }).findings.filter((f) => f.severity === 'error'), []);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    // The language server agrees: it reports (a note on the description's length) and no error.
    const diagnostics = await waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error), []);
  });
});
