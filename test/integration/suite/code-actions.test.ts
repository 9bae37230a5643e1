import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, newAgent, waitForDiagnostics } from './util';

/** Two findings whose fixes fix-all applies: the YAML error of the description and the misspelled `Model`. */
const TWO_FIXABLE = (name: string) => `---\nname: ${name}\ndescription: Use it. Examples: Context: x\nModel: opus\n---\nBody\n`;
const FIXED = (name: string) => `---\nname: ${name}\ndescription: |-\n  Use it. Examples: Context: x\nmodel: opus\n---\nBody\n`;
const FIX_ALL = 'Fix all Subagent Studio problems';

/** The quick fixes VS Code offers at a range (what Ctrl+. lists), the first `resolve` of them resolved. */
function quickFixes(uri: vscode.Uri, range: vscode.Range, resolve = 0): Thenable<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value, resolve);
}

const misspelledKey = (d: vscode.Diagnostic[]) => d.find((x) => codeOf(x) === 'misspelled-key')!;

describe('Subagent Studio inside VS Code: fix all, rule documentation, disabling a rule', () => {
  it('the quick-fix menu offers Fix all when two fixes apply, and applying it (after resolve) fixes both', async () => {
    const editor = await newAgent('fix-all-menu', TWO_FIXABLE('fix-all-menu'));
    const uri = editor.document.uri;
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'misspelled-key') && d.some((x) => codeOf(x) === 'yaml-needs-rewrite'));
    const misspelled = misspelledKey(diagnostics);
    const listed = await quickFixes(uri, misspelled.range);
    const lazy = listed.find((a) => a.title === FIX_ALL);
    assert.ok(lazy, listed.map((a) => a.title).join(', '));
    assert.equal(lazy.edit, undefined, 'the menu gets Fix all without its edit');

    const resolved = (await quickFixes(uri, misspelled.range, 100)).find((a) => a.title === FIX_ALL)!;
    assert.ok(resolved.edit, 'resolving gives the edit');
    assert.ok(await vscode.workspace.applyEdit(resolved.edit));
    assert.equal(editor.document.getText(), FIXED('fix-all-menu'));
    await waitForDiagnostics(uri, (d) => d.length === 0);
  });

  it('one fixable finding: no Fix all in the menu', async () => {
    const editor = await newAgent('fix-all-one', '---\nname: fix-all-one\ndescription: Use it when asked.\nModel: opus\n---\nBody\n');
    const misspelled = misspelledKey(await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'misspelled-key')));
    const titles = (await quickFixes(editor.document.uri, misspelled.range)).map((a) => a.title);
    assert.ok(titles.includes('Rename to model'), titles.join(', '));
    assert.ok(!titles.includes(FIX_ALL), titles.join(', '));
  });

  it('"Subagent Studio: Fix All Agent Problems" fixes the active agent editor', async () => {
    const editor = await newAgent('fix-all-command', TWO_FIXABLE('fix-all-command'));
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'misspelled-key'));
    assert.equal(await vscode.commands.executeCommand<boolean>('subagentStudio.fixAll'), true);
    assert.equal(editor.document.getText(), FIXED('fix-all-command'));
  });

  it('"Show documentation for <rule>" opens the rule\'s page', async () => {
    const editor = await newAgent('rule-docs', '---\nname: rule-docs\ndescription: Use it when asked.\nModel: opus\n---\nBody\n');
    const misspelled = misspelledKey(await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'misspelled-key')));
    const show = (await quickFixes(editor.document.uri, misspelled.range)).find((a) => a.title === 'Show documentation for misspelled-key');
    assert.ok(show?.command);
    const opened = new Promise<vscode.TextEditor>((resolve) => {
      const sub = vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e?.document.uri.path.endsWith('/docs/rules/misspelled-key.md')) {
          sub.dispose();
          resolve(e);
        }
      });
    });
    await vscode.commands.executeCommand(show.command.command, ...((show.command.arguments ?? []) as unknown[]));
    assert.match((await opened).document.getText(), /^# misspelled-key/m);
  });

  describe('disabling a rule', () => {
    after(async () => {
      await vscode.workspace.getConfiguration('subagentStudio').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    });

    it('"Disable <rule> in this workspace" writes the workspace setting, and the diagnostic goes away', async () => {
      const editor = await newAgent('disable-rule', '---\nname: disable-rule\ndescription: Use it when asked.\nModel: opus\n---\nBody\n');
      const uri = editor.document.uri;
      const misspelled = misspelledKey(await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'misspelled-key')));
      const disable = (await quickFixes(uri, misspelled.range)).find((a) => a.title === 'Disable misspelled-key in this workspace');
      assert.ok(disable?.command);
      await vscode.commands.executeCommand(disable.command.command, ...((disable.command.arguments ?? []) as unknown[]));
      const rules = vscode.workspace.getConfiguration('subagentStudio').inspect<Record<string, string>>('rules');
      assert.deepEqual(rules?.workspaceValue, { 'misspelled-key': 'off' });
      await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'misspelled-key'));
    });
  });
});
