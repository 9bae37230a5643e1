import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { drive, needsDriver, newAgent, openAgent, query, waitUntil } from './util';

interface PreviewState {
  uri: string | undefined;
  webview: { uri: string; version: number; name: string | null } | undefined;
  scroll: { line: number; byEditor: boolean } | undefined;
}

const state = () => vscode.commands.executeCommand<PreviewState>('subagentStudio._previewState');

/** A preview of `editor`'s document beside it, once its webview shows it. */
async function previewBeside(editor: vscode.TextEditor): Promise<void> {
  await vscode.commands.executeCommand('subagentStudio.openPreviewToSide');
  const uri = editor.document.uri.toString();
  await waitUntil('the preview to show the file', async () => ((await state()).webview?.uri === uri ? true : undefined));
}

const top = (editor: vscode.TextEditor) => editor.visibleRanges[0].start.line;

describe('Subagent Studio inside VS Code: the preview scrolls with the editor, and in high contrast', function () {
  before(function () {
    needsDriver(this, 'scroll the webview or read its colours');
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('scrolling the editor scrolls the preview to its top line, and scrolling the preview scrolls the editor', async () => {
    // A system prompt of 150 paragraphs, one every other line from line 5.
    const body = Array.from({ length: 150 }, (_, i) => `Paragraph ${i + 1} of the system prompt.\n`).join('\n');
    const editor = await newAgent('long-prompt', `---\nname: long-prompt\ndescription: Use it to try scroll sync.\n---\n\n${body}`);
    await previewBeside(editor);

    // (VS Code keeps room for sticky scroll above a line revealed at the top: the editor's top is a few lines up.)
    editor.revealRange(new vscode.Range(101, 0, 101, 0), vscode.TextEditorRevealType.AtTop);
    const line = await waitUntil('the editor to scroll', () => (top(editor) > 90 ? top(editor) : undefined));
    await waitUntil(`the preview to report line ${line} at its top`, async () => {
      const s = (await state()).scroll;
      return s?.byEditor && Math.abs(s.line - line) < 0.5 ? s : undefined;
    });
    assert.equal(top(editor), line, 'the preview did not scroll the editor back');

    // The mouse wheel over the preview, as a person scrolls it: the editor follows to the same top line,
    // and the preview stays where it was put.
    await drive('/wheel', { selector: 'iframe.webview', deltaY: 1200 });
    const moved = await waitUntil('the editor to follow the preview', async () => {
      const s = (await state()).scroll;
      // The editor reveals the line at its top, less the room sticky scroll keeps there (lines the folding
      // ranges of the frontmatter and the body give it; none, one or two, by version and by where it is).
      return s && !s.byEditor && s.line > line + 10 && Math.abs(top(editor) - Math.floor(s.line)) <= 2 ? s : undefined;
    });
    const after = await state();
    assert.deepEqual(after.scroll, moved, 'the editor scrolling after the preview did not scroll the preview back');
  });

  it("high contrast: the bubbles of an example have no fill of their own, and the theme's contrast borders", async () => {
    const config = vscode.workspace.getConfiguration('workbench');
    await config.update('colorTheme', 'Default High Contrast', vscode.ConfigurationTarget.Global);
    try {
      await previewBeside(await openAgent('.claude/agents/backend-architect.md'));
      const [page] = await waitUntil('the preview in high contrast', async () => {
        const m = await query('body.vscode-high-contrast:has(.bubble)', ['background-color', '--vscode-contrastBorder', '--vscode-contrastActiveBorder']);
        return m.length === 1 ? m : undefined;
      });
      const bubbles = await query('body.vscode-high-contrast .turn .bubble', ['background-color', 'border-top-color']);
      const user = await query('body.vscode-high-contrast .turn-user .bubble', ['border-top-color']);
      const claude = await query('body.vscode-high-contrast .turn-assistant .bubble', ['border-top-color']);
      assert.ok(user.length > 0 && claude.length > 0, 'the persona has examples with both turns');
      for (const b of bubbles) assert.equal(b.style['background-color'], page.style['background-color'], 'a bubble is filled with a colour of its own');
      const rgb = (hex: string) => {
        const n = /^#([0-9a-f]{6})/i.exec(hex.trim())![1];
        return `rgb(${[0, 2, 4].map((i) => parseInt(n.slice(i, i + 2), 16)).join(', ')})`;
      };
      assert.equal(claude[0].style['border-top-color'], rgb(page.style['--vscode-contrastBorder']));
      assert.equal(user[0].style['border-top-color'], rgb(page.style['--vscode-contrastActiveBorder']));
    } finally {
      await config.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
