import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, newAgent, waitForDiagnostics } from './util';

describe('Subagent Studio inside VS Code: quick fixes and completion', () => {
  it('a quick fix from vscode.executeCodeActionProvider repairs the description and the error goes away', async () => {
    const editor = await newAgent('quick-fix', "---\nname: quick-fix\ndescription: Use it. Examples: Context: the user asks. user: 'hi'\n---\nBody\n");
    const uri = editor.document.uri;
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'yaml-needs-rewrite'));
    const diagnostic = diagnostics.find((x) => codeOf(x) === 'yaml-needs-rewrite')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const block = actions.find((a) => a.title.startsWith('Rewrite description as a block scalar'));
    assert.ok(block?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(block.edit));
    assert.equal(editor.document.getText(), "---\nname: quick-fix\ndescription: |-\n  Use it. Examples: Context: the user asks. user: 'hi'\n---\nBody\n");
    await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'yaml-needs-rewrite'));
  });

  it('fix all (source.fixAll.subagentStudio) applies every safe fix in one edit', async () => {
    const editor = await newAgent('fix-all', '---\nname: fix-all\ndescription: Use it. Examples: Context: x\nModel: opus\n---\n');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'misspelled-key'));
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, 'source.fixAll.subagentStudio');
    assert.equal(actions.length, 1);
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    assert.equal(editor.document.getText(), '---\nname: fix-all\ndescription: |-\n  Use it. Examples: Context: x\nmodel: opus\n---\n');
  });

  it('completion offers the model values after `model: `', async () => {
    const editor = await newAgent('complete', '---\nname: complete\ndescription: Use it for tests.\nmodel: \n---\n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(3, 7));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const model of ['sonnet', 'opus', 'haiku', 'inherit']) assert.ok(labels.includes(model), `${model} in ${labels.join(', ')}`);
  });

  it('hover on a key explains it', async () => {
    const editor = await newAgent('hover', '---\nname: hover\ndescription: Use it for tests.\neffort: high\n---\n');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(3, 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Allowed values/);
  });
});
