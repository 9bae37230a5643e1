/**
 * Scroll sync between an agent file's editor and its preview, both ways, as VS Code's Markdown preview
 * does it. The webview maps source lines to its blocks (media/preview.js); here:
 * - the editor scrolled: the preview is asked to put the editor's top line at its top;
 * - the user scrolled the preview: the editor reveals the preview's top line at its top.
 * Neither side follows back a scroll it asked for: the webview marks the scrolls it was asked for
 * (`byEditor`), and the editor's scroll that a reveal of ours causes is not sent back to the preview.
 */
import * as vscode from 'vscode';

export class ScrollSync {
  /** The line a reveal of ours put at the top of the editor, until the editor's scroll for it arrives. */
  private revealedTop: number | undefined;

  constructor(
    /** The editor showing the previewed document, if one is visible. */
    private readonly editorOf: () => vscode.TextEditor | undefined,
    /** Asks the webview to put `line` at its top (when it can take messages). */
    private readonly scrollPreview: (line: number) => void,
  ) {}

  /** An editor scrolled: the preview follows when it shows that editor's document, unless we scrolled it. */
  editorScrolled(editor: vscode.TextEditor): void {
    if (editor.document.uri.toString() !== this.editorOf()?.document.uri.toString()) return;
    const revealed = this.revealedTop;
    this.revealedTop = undefined;
    if (revealed !== undefined && revealed === topLine(editor)) return;
    this.previewToEditor(editor);
  }

  /** Puts the editor's top line at the top of the preview (a preview showing a document anew starts there). */
  previewToEditor(editor = this.editorOf()): void {
    const line = editor && topLine(editor);
    if (line !== undefined) this.scrollPreview(line);
  }

  /** The user scrolled the preview to `line` (fractional: between two blocks): the editor follows. */
  previewScrolled(line: number): void {
    const editor = this.editorOf();
    if (!editor) return;
    const last = editor.document.lineCount - 1;
    const target = Math.min(Math.max(0, Math.floor(line)), last);
    if (topLine(editor) === target) return;
    this.revealedTop = target;
    // VS Code keeps some lines above a line it reveals at the top: reveal the line that many below.
    const below = Math.min(target + revealPadding(editor.document), last);
    editor.revealRange(new vscode.Range(below, 0, below, 0), vscode.TextEditorRevealType.AtTop);
  }
}

/**
 * How many lines VS Code's editor keeps above a line revealed at its top: room for sticky scroll
 * (`editor.stickyScroll.maxLineCount` when it is on), or `editor.cursorSurroundingLines`, the larger.
 */
function revealPadding(doc: vscode.TextDocument): number {
  const editor = vscode.workspace.getConfiguration('editor', doc);
  const surrounding = editor.get<number>('cursorSurroundingLines', 0);
  return editor.get<boolean>('stickyScroll.enabled', true) ? Math.max(surrounding, editor.get<number>('stickyScroll.maxLineCount', 5)) : surrounding;
}

/** The first line the editor shows, or undefined when it shows none. */
function topLine(editor: vscode.TextEditor): number | undefined {
  return editor.visibleRanges[0]?.start.line;
}
