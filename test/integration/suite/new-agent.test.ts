import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { lintText } from '../../../server/src/core/lint';
import { drive, needsDriver, query, waitUntil, workspaceFile, type Match } from './util';

/**
 * "New Agent from Persona..." and "New Claude Agent...". The picker and the name box are driven as a
 * person drives them, with the keyboard, through the launcher's test driver (test/integration/driver.mjs),
 * which also reads what they show. The workbench under test refuses to show modal dialogs (the extension's
 * call throws): so the question before replacing a file is seen through the record the extension keeps in
 * development and test runs (`subagentStudio._newAgentQuestions`: its text, its buttons in order, the
 * answer), and these tests show that a question that gets no answer keeps the file. That the first button
 * is the one Enter presses is VS Code's, not shown here.
 */
const NEW_AGENT = 'subagentStudio.newAgentFromPersona';
const read = async (uri: vscode.Uri) => Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
const questions = () => vscode.commands.executeCommand<Array<{ message: string; buttons: string[]; answer?: string; error?: string }>>('subagentStudio._newAgentQuestions');
const EXISTING = '---\nname: my-agent\ndescription: Use it for the tests of the New Agent command.\n---\nKeep me.\n';

/** Resolves with what the elements matching `selector` show, once `ready` holds for it. */
function shown(what: string, selector: string, ready: (matches: Match[]) => boolean): Promise<Match[]> {
  let last: Match[] = [];
  return waitUntil(what, async () => {
    last = await query(selector);
    return ready(last) ? last : undefined;
  }).catch(async (e: Error) => {
    const widget = await query('.quick-input-widget');
    throw new Error(`${e.message}; ${selector} showed ${JSON.stringify(last)}; the quick input: ${JSON.stringify(widget.map((w) => w.text))}`);
  });
}

describe('Subagent Studio inside VS Code: New Agent', () => {
  const existing = workspaceFile('.claude/agents/my-agent.md');
  before(() => write(existing, EXISTING));
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('the blank agent: named as given, in a normal tab, with the description selected to type over', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>(NEW_AGENT, { persona: 'blank', name: 'it-blank' });
    assert.equal(uri.toString(), workspaceFile('.claude/agents/it-blank.md').toString());
    const text = await read(uri);
    assert.match(text, /^---\nname: it-blank\ndescription: \|-\n {2}Use this agent when /);
    assert.deepEqual(
      lintText(text, { fileName: uri.fsPath }).findings.filter((f) => f.severity === 'error'),
      [],
    );

    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), uri.toString());
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab!;
    assert.equal(tab.isPreview, false, 'a normal tab, not a preview tab that the next file replaces');
    const description = editor.document.lineAt(3);
    assert.deepEqual(
      [editor.selection.start.line, editor.selection.start.character, editor.selection.end.character],
      [3, 2, description.text.length],
      'the sample description is selected',
    );
  });

  it('a persona: the cursor at the start of its description', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>(NEW_AGENT, { persona: 'persona-backend-architect-001', name: 'it-persona' });
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.ok(editor.selection.isEmpty);
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [3, 2]);
    assert.match(editor.document.lineAt(3).text, /^ {2}Use this agent when you need to design/);
  });

  it('an existing file given by name is kept: the question before replacing it gets no answer here', async () => {
    const result = await vscode.commands.executeCommand<vscode.Uri | undefined>(NEW_AGENT, { persona: 'persona-backend-architect-003', name: 'my-agent' });
    assert.equal(result, undefined);
    assert.equal(await read(existing), EXISTING, 'the file is unchanged');
    const [asked] = (await questions()).slice(-1);
    assert.deepEqual(asked.buttons, ['Keep the File', 'Replace'], 'the first button, the default, keeps the file');
    assert.match(asked.message, /Replace it with the backend-architect persona\?$/);
  });

  it('"New Claude Agent..." writes into the agents folder it is given', async () => {
    const folder = workspaceFile('plugins/reviewer/agents');
    await vscode.workspace.fs.createDirectory(folder);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('subagentStudio.newAgent', { folder: folder.toString(), persona: 'blank', name: 'plugin-reviewer' });
    assert.equal(uri.toString(), vscode.Uri.joinPath(folder, 'plugin-reviewer.md').toString());
    assert.match(await read(uri), /^---\nname: plugin-reviewer\n/);
  });

  it('the minimal snippet is named after its file', async () => {
    const uri = workspaceFile('.claude/agents/named-by-file.md');
    await write(uri, '');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // The server offers it in completion where a whole agent can go (snippets are not contributed statically).
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(0, 0));
    const minimal = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'New agent (minimal)');
    assert.ok(minimal && minimal.insertText instanceof vscode.SnippetString, JSON.stringify(list.items.map((i) => i.label)));
    assert.ok(await editor.insertSnippet(minimal.insertText, new vscode.Position(0, 0)));
    assert.match(editor.document.getText(), /^---\nname: named-by-file\n/);
    await vscode.commands.executeCommand('leaveSnippet');
  });

  describe('through the picker and the name box', function () {
    before(function () {
      needsDriver(this, 'type into the picker');
    });

    it('rows name each persona once; the name offered is free; an existing name is said as it is typed; the file is kept', async () => {
      const running = Promise.resolve(vscode.commands.executeCommand<vscode.Uri | undefined>(NEW_AGENT));
      const rows = await shown('the picker', '.quick-input-list .monaco-list-row', (m) => m.length >= 6);
      // Each row's aria-label: its label, description and detail, joined by commas.
      const texts = rows.map((r) => r.label ?? r.text);
      assert.match(rows[0].text.trim(), /^Blank agent/, JSON.stringify(rows));
      const times = (text: string, name: string) => text.split(new RegExp(`(?<![a-z0-9-])${name}(?![a-z0-9-])`)).length - 1;
      for (const name of ['backend-architect', 'backend-architecture-engineer', 'senior-backend-architect']) {
        const named = texts.filter((t) => times(t, name) > 0);
        assert.ok(named.length > 0, `a row for ${name} in ${JSON.stringify(texts)}`);
        for (const row of named) assert.equal(times(row, name), 1, `the row names ${name} once: ${row}`);
      }
      // Two personas share a name: their numbers tell them apart.
      assert.ok(texts.some((t) => t.includes('persona 001')) && texts.some((t) => t.includes('persona 003')), JSON.stringify(texts));

      await drive('/keys', { type: 'blank', press: ['Enter'] });
      // my-agent.md exists: the name offered is the next free one.
      await shown('the free name', '.quick-input-box input', (m) => m[0]?.value === 'my-agent-2');

      const retype = async (text: string) => {
        await drive('/keys', { press: ['Control+A', 'Backspace'] });
        await drive('/keys', { type: text });
      };
      await retype('My Agent');
      await shown('the name refused', '.quick-input-message', (m) => /lowercase letters/.test(m[0]?.text ?? ''));
      await retype('my-agent');
      await shown('the name said to exist', '.quick-input-message', (m) => /my-agent\.md already exists/.test(m[0]?.text ?? ''));

      // Enter on an existing name asks first. The question cannot be shown here, so it gets no answer: kept.
      await drive('/keys', { press: ['Enter'] });
      assert.equal(await running, undefined);
      assert.equal(await read(existing), EXISTING, 'the file is unchanged');
      const [asked] = (await questions()).slice(-1);
      assert.equal(asked.message, '.claude/agents/my-agent.md already exists. Replace it with a blank agent?');
      assert.deepEqual(asked.buttons, ['Pick Another Name', 'Replace'], 'the first button, the default, keeps the file');
      assert.equal(asked.answer, undefined);
      assert.match(asked.error ?? '', /refused to show dialog/);
    });

    it('the Explorer offers "New Claude Agent..." on agents folders only', async () => {
      const menuOf = async (folder: vscode.Uri) => {
        await vscode.commands.executeCommand('revealInExplorer', folder);
        await drive('/click', { selector: '.explorer-folders-view .monaco-list-row.selected', button: 'right' });
        const items = await shown('the context menu', '.monaco-menu .action-label', (m) => m.length > 3);
        await drive('/keys', { press: ['Escape'] });
        return items.map((i) => i.text);
      };
      assert.ok((await menuOf(workspaceFile('.claude/agents'))).includes('New Claude Agent...'));
      assert.ok(!(await menuOf(workspaceFile('docs'))).includes('New Claude Agent...'));
    });
  });
});
