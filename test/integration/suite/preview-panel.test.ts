import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { isAgentPreview, previewShows, previewState as state, previewTabs, showNotes } from './preview-util';
import { codeOf, drive, needsDriver, newAgent, query, waitForDiagnostics, waitUntil } from './util';

/**
 * The preview panel's life in a real VS Code: where it opens and what its webview may load, which editor it
 * follows, how an edit reaches it, what it does while hidden, what the open commands do with no agent file,
 * and a click that reveals a problem; how it comes back after a reload is in reload/preview-restored.test.ts.
 * What needs a clock or a server under the test's control (the throttle while typing, the spacing after slow
 * renders, answers and documents that a newer one overtook) is tested in plain Node:
 * test/unit/preview-panel.test.ts.
 */
const textTabs = (uri: vscode.Uri) =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());

const agentText = (name: string, more = '') => `---\nname: ${name}\ndescription: Use it to try the preview panel.\n${more}---\n# Role\n\nYou help.\n`;

describe('Subagent Studio inside VS Code: the preview panel', () => {
  const written: vscode.Uri[] = [];
  /** A new agent file, opened in an editor; deleted after the suite. */
  async function agent(name: string, more = ''): Promise<vscode.TextEditor> {
    const editor = await newAgent(name, agentText(name, more));
    written.push(editor.document.uri);
    return editor;
  }

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  after(async () => {
    for (const uri of written.splice(0)) await vscode.workspace.fs.delete(uri);
  });

  it('opens beside the agent editor and leaves the focus there; opening it again brings the same panel forward', async () => {
    const editor = await agent('panel-beside');
    await vscode.commands.executeCommand('subagentStudio.openPreviewToSide');
    const first = await previewShows(editor.document.uri, 'panel-beside');
    assert.equal(first.visible, true);
    const [tab] = previewTabs();
    assert.equal(previewTabs().length, 1);
    assert.equal(tab.group.viewColumn, editor.viewColumn! + 1, 'the preview is not in the group beside the editor');
    assert.equal(tab.label, 'Preview panel-beside');
    assert.equal(vscode.window.tabGroups.activeTabGroup.viewColumn, editor.viewColumn, 'the focus left the editor');

    await vscode.commands.executeCommand('subagentStudio.openPreview');
    const active = await waitUntil('a preview to come forward', () => {
      const g = vscode.window.tabGroups.activeTabGroup;
      return isAgentPreview(g.activeTab) ? g : undefined;
    });
    assert.equal(active.viewColumn, tab.group.viewColumn, 'a new preview opened instead of the one beside');
    assert.equal(previewTabs().length, 1);
  });

  it('an edit reaches the open preview as an update in place, not a new document, and renames its tab', async () => {
    const editor = await agent('panel-edits');
    await vscode.commands.executeCommand('subagentStudio.openPreviewToSide');
    const before = await previewShows(editor.document.uri, 'panel-edits');

    const line = editor.document.lineAt(1);
    await editor.edit((e) => e.replace(new vscode.Range(1, 'name: '.length, 1, line.text.length), 'panel-renamed'));
    const after = await previewShows(editor.document.uri, 'panel-renamed');
    assert.equal(after.webview?.version, editor.document.version);
    assert.equal(after.webview?.load, before.webview?.load, 'the webview was given a whole new document for the edit');
    // The file's name differs from the agent's now: the tab names both, to tell it from same-named agents.
    await waitUntil('the tab to take the new name', () => (previewTabs()[0]?.label === 'Preview panel-renamed (panel-edits.md)' ? true : undefined));
  });

  it('follows the agent editor that becomes active, and not an editor of another language', async () => {
    const first = await agent('panel-first');
    await vscode.commands.executeCommand('subagentStudio.openPreviewToSide');
    await previewShows(first.document.uri, 'panel-first');

    // The active editor changes before showTextDocument resolves, and the preview hears of it at once.
    await showNotes(first.viewColumn!);
    assert.equal((await state()).uri, first.document.uri.toString(), 'the preview followed a Markdown file that is no agent');

    const second = await agent('panel-second');
    await previewShows(second.document.uri, 'panel-second');
    assert.equal(previewTabs().length, 1);
  });

  it('hidden behind another tab during an edit, it catches up once shown again', async () => {
    const editor = await agent('panel-hidden', 'tools: Read, Frobnicate\n');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'tool-unknown'));
    await vscode.commands.executeCommand('subagentStudio.openPreviewToSide');
    await previewShows(editor.document.uri, 'panel-hidden');

    const notes = await showNotes(editor.viewColumn! + 1, true);
    await waitUntil('the preview to be hidden', async () => ((await state()).visible ? undefined : true));
    const all = new vscode.Range(0, 0, editor.document.lineCount, 0);
    await editor.edit((e) => e.replace(all, agentText('panel-caught-up', 'tools: Read\n')));
    // The server sends a version's diagnostics before it says it has checked it (what the preview waits for):
    // the preview hears of the edit while it is hidden. (That it asks nothing then is a unit test's.)
    await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'tool-unknown'));
    assert.equal((await state()).visible, false);

    const [notesTab] = textTabs(notes.document.uri);
    await vscode.window.tabGroups.close(notesTab);
    const after = await previewShows(editor.document.uri, 'panel-caught-up');
    assert.equal(after.webview?.version, editor.document.version);
  });

  describe('what only the browser sees', function () {
    before(function () {
      needsDriver(this, 'read the webview or the notifications, or click');
    });

    it('the webview loads from the media folder, and nothing beside it', async () => {
      const editor = await agent('panel-media');
      await vscode.commands.executeCommand('subagentStudio.openPreviewToSide');
      await previewShows(editor.document.uri, 'panel-media'); // media/preview.js ran: it reported what it shows
      const [content] = await query(`main#content[data-uri="${editor.document.uri.toString()}"]`, ['--mono']);
      assert.notEqual(content?.style['--mono'].trim() ?? '', '', 'media/preview.css does not apply');
      // The extension's icon, one folder up from media/preview.css.
      const selector = 'link[rel="stylesheet"][href*="/media/preview.css"]';
      const icon = await drive<{ url: string; loaded: boolean }>('/image', { selector, src: '../images/icon.png' });
      const extension = vscode.extensions.getExtension('subagent-studio.subagent-studio')!;
      assert.ok(icon.url.endsWith(vscode.Uri.joinPath(extension.extensionUri, 'images', 'icon.png').path), `not the extension's icon: ${icon.url}`);
      assert.equal(icon.loaded, false, `the webview loaded ${icon.url}, outside the media folder`);
    });

    it('with no agent file in the editor, the open command says so and opens nothing', async () => {
      await showNotes(vscode.ViewColumn.One);
      await vscode.commands.executeCommand('subagentStudio.openPreview');
      // In the notification centre: VS Code 1.139 shows no toast in this test session.
      await vscode.commands.executeCommand('notifications.showList');
      try {
        const said = await waitUntil('a message', async () => {
          const m = await query('.notifications-center .notification-list-item-message');
          return m.find((x) => x.text.includes('Open a Claude agent file'));
        });
        assert.equal(said.text, 'Open a Claude agent file (.claude/agents/*.md) to preview it.');
        assert.deepEqual(previewTabs(), []);
        assert.equal((await state()).uri, undefined);
      } finally {
        await vscode.commands.executeCommand('notifications.clearAll');
        await vscode.commands.executeCommand('notifications.hideList');
      }
    });

    it('a click on a problem in the preview puts the cursor on it, in the editor the file is in', async () => {
      const editor = await agent('panel-reveal', 'tools: Read, Frobnicate\n');
      await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'tool-unknown'));
      await vscode.commands.executeCommand('subagentStudio.openPreviewToSide');
      await previewShows(editor.document.uri, 'panel-reveal');
      assert.deepEqual(editor.selection.active, new vscode.Position(0, 0));
      const where = 'tools: Read, '.length;
      const button = `button.reveal[data-reveal-line="3"][data-reveal-character="${where}"]`;
      await waitUntil('the problem in the preview', async () => ((await query(button)).length === 1 ? true : undefined));

      await drive('/click', { selector: button });
      const revealed = await waitUntil('the cursor to move to the problem', () => {
        const e = vscode.window.activeTextEditor;
        return e?.document.uri.toString() === editor.document.uri.toString() && e.selection.active.line === 3 ? e : undefined;
      });
      assert.deepEqual(revealed.selection, new vscode.Selection(3, where, 3, where));
      assert.equal(revealed.viewColumn, editor.viewColumn, 'not in the editor the file was in');
      assert.equal(textTabs(editor.document.uri).length, 1, 'the file opened in a second editor');
    });
  });
});
