import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { expandSnippetBody, parseSnippetFile } from '../../../server/src/snippet-expand';
import { codeOf, newAgent, waitForDiagnostics, waitUntil, workspaceFile } from './util';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const personas = parseSnippetFile(readFileSync(path.join(REPO, 'snippets', 'personas.code-snippets'), 'utf8'));

const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
/** The items in the order the suggest widget lists them when nothing is typed: by sortText, then label. */
const ordered = (items: vscode.CompletionItem[]) =>
  [...items].sort((a, b) => (a.sortText ?? label(a)).localeCompare(b.sortText ?? label(b)) || label(a).localeCompare(label(b)));

async function completionsAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return ordered(list.items);
}

/** An empty agent file on disk, open in an editor. */
async function emptyAgent(name: string): Promise<vscode.TextEditor> {
  const uri = workspaceFile(`.claude/agents/${name}.md`);
  await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

describe('Subagent Studio inside VS Code: help that fits the cursor', () => {
  // The extension's activation resolves once its language client runs: its providers are registered then.
  before(async () => {
    await vscode.extensions.getExtension('subagent-studio.subagent-studio')!.activate();
  });
  afterEach(async () => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it("an agent file gets Markdown's editor defaults: word wrap on, no unicode highlighting of prose, quick suggestions, no word list", () => {
    const editor = vscode.workspace.getConfiguration('editor', { languageId: 'claude-agent' });
    assert.equal(editor.get('wordWrap'), 'on');
    assert.equal(editor.get('unicodeHighlight.ambiguousCharacters'), false);
    assert.equal(editor.get('unicodeHighlight.invisibleCharacters'), false);
    // YAML values and keys being typed are strings to the grammar; in the prose the server answers nothing.
    assert.deepEqual(editor.get('quickSuggestions'), { other: 'on', comments: 'off', strings: 'on' });
    assert.equal(editor.get('wordBasedSuggestions'), 'off');
    assert.notEqual(editor.get('snippetSuggestions'), 'top', 'snippets are no longer put above everything');
  });

  it('after `model: ` the first item is sonnet, and no snippet is offered', async () => {
    const editor = await newAgent('complete-model', '---\nname: complete-model\ndescription: Use it for tests.\nmodel: \n---\n');
    const items = await completionsAt(editor.document.uri, new vscode.Position(3, 7));
    assert.equal(label(items[0]), 'sonnet', items.map(label).join(', '));
    assert.deepEqual(items.slice(0, 4).map(label), ['sonnet', 'opus', 'haiku', 'inherit']);
    assert.deepEqual(items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(label), []);
  });

  it('typing a key in the frontmatter opens suggestions by itself; accepting it opens its values', async () => {
    const editor = await newAgent('complete-typing', '---\nname: complete-typing\ndescription: Use it for tests.\n\n---\nBody\n');
    editor.selection = new vscode.Selection(3, 0, 3, 0);
    await vscode.commands.executeCommand('type', { text: 'mod' });
    const line = () => editor.document.lineAt(3).text;
    // No change event tells that the suggest widget is open: accept until the widget, once it is up, does.
    await waitUntil('quick suggestions to offer `model` and accept it', async () => {
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      return line() === 'model: ' ? true : undefined;
    });
    await waitUntil('the values of `model` to open and sonnet to be accepted', async () => {
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      return line() === 'model: sonnet' ? true : undefined;
    });
  });

  it('an empty agent file offers the minimal agent, then the personas, each named after the file, and nothing else', async () => {
    const editor = await emptyAgent('empty-for-completion');
    const items = await completionsAt(editor.document.uri, new vscode.Position(0, 0));
    assert.ok(
      items.every((i) => i.kind === vscode.CompletionItemKind.Snippet),
      items.map(label).join(', '),
    );
    assert.equal(label(items[0]), 'New agent (minimal)');
    assert.deepEqual(items.slice(1).map(label), Object.keys(personas));
  });

  it('inserting each persona offered in an empty agent file gives the persona, named after the file', async () => {
    const editor = await emptyAgent('persona-insert');
    const doc = editor.document;
    const items = await completionsAt(doc.uri, new vscode.Position(0, 0));
    for (const [name, snippet] of Object.entries(personas)) {
      const item = items.find((i) => label(i) === name);
      assert.ok(item && item.insertText instanceof vscode.SnippetString, name);
      await editor.edit((e) => e.delete(new vscode.Range(0, 0, doc.lineCount, 0)));
      assert.ok(await editor.insertSnippet(item.insertText, new vscode.Position(0, 0)));
      assert.equal(doc.getText(), expandSnippetBody(snippet.body, { values: { 1: 'persona-insert' } }), name);
      await vscode.commands.executeCommand('leaveSnippet');
    }
    await editor.edit((e) => e.delete(new vscode.Range(0, 0, doc.lineCount, 0)));
    await doc.save();
  });

  it('folding: the frontmatter, the description, each <example> and each section, none twice', async () => {
    const text =
      '---\nname: folding\ndescription: |-\n  Use it to fold.\n  <example>\n  user: hi\n  assistant: hello\n  </example>\n---\n# Role\nYou fold.\n\n## Steps\nOne.\n\n# Output\nText.\n';
    const editor = await newAgent('folding', text);
    const ranges = await waitUntil('folding ranges', async () => {
      const r = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', editor.document.uri);
      return r?.length ? r : undefined;
    });
    const spans = ranges.map((r) => `${r.start}-${r.end}`).sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b));
    assert.deepEqual(spans, ['0-8', '2-7', '4-7', '9-13', '12-13', '15-16']);
    assert.equal(new Set(ranges.map((r) => r.start)).size, ranges.length, 'no two ranges start on one line');
  });

  it('the Problems panel gets messages without literal backticks', async () => {
    const editor = await newAgent('plain-messages', '---\nname: plain-messages\ndescription: Use it for tests.\nauthor: me\n---\nBody\n');
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'unknown-key'));
    const unknown = diagnostics.find((x) => codeOf(x) === 'unknown-key')!;
    assert.match(unknown.message, /‘author’/);
    assert.ok(
      diagnostics.every((d) => !d.message.includes('`')),
      diagnostics.map((d) => d.message).join('\n'),
    );
  });
});
