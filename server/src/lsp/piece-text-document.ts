/**
 * The server's open documents. The same behaviour as `vscode-languageserver-textdocument` (a property test
 * holds it to the same text, line count and positions after any edit an editor can send), but an edit does
 * not copy the text: the text is kept as pieces until something reads it.
 *
 * Why: that library builds a new string for every edit, and the next edit copies it whole again (V8
 * flattens the joined string when it is cut). Typing 200 characters into a 1 MB file cost 220 ms before
 * the first check could start (350 ms when the file has non-Latin-1 characters); with pieces it is the
 * cost of one copy, made when the check reads the text.
 *
 * The line-offset bookkeeping follows the library's `FullTextDocument` (MIT, Microsoft) step by step, except
 * that a range past the last line is read as the end of the text there too.
 */
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';

const LF = 10;
const CR = 13;
/** More pieces than this and the text is joined: finding an offset walks the pieces. */
const MAX_PIECES = 256;

export class PieceTextDocument implements TextDocument {
  /** The text, as pieces in order (one piece once joined). */
  private pieces: string[];
  private length: number;
  private lineOffsets: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
  ) {
    this.pieces = [content];
    this.length = content.length;
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  getText(range?: Range): string {
    const text = this.joined();
    if (!range) return text;
    return text.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.ensureBeforeEOL(offset, lineOffsets[line]);
    return { line, character: offset - lineOffsets[line] };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line];
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this.length;
    const offset = Math.min(lineOffset + position.character, nextLineOffset);
    return this.ensureBeforeEOL(offset, lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const lastLine = lineOffsets.length - 1;
      return { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: this.length - lineOffsets[lastLine] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const startOffset = lineOffsets[line];
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.length;
    const endOffset = this.ensureBeforeEOL(nextLineOffset, startOffset);
    return { start: { line, character: 0 }, end: { line, character: endOffset - startOffset } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.length;
    const eolOffset = this.ensureBeforeEOL(nextLineOffset, lineOffsets[line]);
    return this.joined().substring(eolOffset, nextLineOffset);
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (isIncremental(change)) {
        const range = wellFormed(change.range);
        const startOffset = this.offsetAt(range.start);
        const endOffset = this.offsetAt(range.end);
        this.replace(startOffset, endOffset, change.text);
        const insertedEndOffset = startOffset + change.text.length;
        const crlfAtStart = this.charCodeAt(startOffset - 1) === CR && this.charCodeAt(startOffset) === LF;
        const crlfAtEnd = this.charCodeAt(insertedEndOffset - 1) === CR && this.charCodeAt(insertedEndOffset) === LF;
        if (crlfAtStart || crlfAtEnd) {
          this.lineOffsets = undefined;
          continue;
        }
        let lineOffsets = this.lineOffsets!;
        // A line past the end is read as the end of the text by offsetAt; the bookkeeping does the same (the
        // library does not, and its line offsets go wrong; an editor never sends such a range).
        const lastLine = lineOffsets.length - 1;
        const startLine = Math.min(Math.max(range.start.line, 0), lastLine);
        const endLine = Math.min(Math.max(range.end.line, 0), lastLine);
        const added = computeLineOffsets(change.text, false, startOffset);
        if (endLine - startLine === added.length) {
          for (let i = 0; i < added.length; i++) lineOffsets[i + startLine + 1] = added[i];
        } else if (added.length < 10_000) {
          lineOffsets.splice(startLine + 1, endLine - startLine, ...added);
        } else {
          this.lineOffsets = lineOffsets = lineOffsets.slice(0, startLine + 1).concat(added, lineOffsets.slice(endLine + 1));
        }
        const diff = change.text.length - (endOffset - startOffset);
        if (diff !== 0) for (let i = startLine + 1 + added.length; i < lineOffsets.length; i++) lineOffsets[i] += diff;
      } else if (isFull(change)) {
        this.pieces = [change.text];
        this.length = change.text.length;
        this.lineOffsets = undefined;
      } else {
        throw new Error('Unknown change event received');
      }
    }
    this.currentVersion = version;
  }

  private getLineOffsets(): number[] {
    if (this.lineOffsets === undefined) this.lineOffsets = computeLineOffsets(this.joined(), true);
    return this.lineOffsets;
  }

  private ensureBeforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEOL(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  private joined(): string {
    if (this.pieces.length !== 1) this.pieces = [this.pieces.join('')];
    return this.pieces[0];
  }

  /** The character code at an offset (NaN outside the text, as String.charCodeAt). */
  private charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    let start = 0;
    for (const p of this.pieces) {
      if (offset < start + p.length) return p.charCodeAt(offset - start);
      start += p.length;
    }
    return NaN;
  }

  /** Replaces text[start, end) by `text`, cutting the pieces at both ends. */
  private replace(start: number, end: number, text: string): void {
    const out: string[] = [];
    let at = 0;
    let inserted = false;
    for (const p of this.pieces) {
      const pEnd = at + p.length;
      if (pEnd <= start) out.push(p);
      else {
        if (at < start) out.push(p.substring(0, start - at));
        if (!inserted) {
          if (text) out.push(text);
          inserted = true;
        }
        if (pEnd > end) out.push(at >= end ? p : p.substring(end - at));
      }
      at = pEnd;
    }
    if (!inserted && text) out.push(text);
    this.pieces = out.length ? out : [''];
    this.length += text.length - (end - start);
    if (this.pieces.length > MAX_PIECES) this.joined();
  }
}

type Incremental = { range: Range; rangeLength?: number; text: string };

function isIncremental(event: TextDocumentContentChangeEvent): event is Incremental {
  const c = event as Partial<Incremental> | null | undefined;
  return c != null && typeof c.text === 'string' && c.range !== undefined && (c.rangeLength === undefined || typeof c.rangeLength === 'number');
}

function isFull(event: TextDocumentContentChangeEvent): event is { text: string } {
  const c = event as Partial<Incremental> | null | undefined;
  return c != null && typeof c.text === 'string' && c.range === undefined && c.rangeLength === undefined;
}

function isEOL(char: number): boolean {
  return char === CR || char === LF;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

function computeLineOffsets(text: string, isAtLineStart: boolean, textOffset = 0): number[] {
  const result: number[] = isAtLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isEOL(ch)) {
      if (ch === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}

/** For `new TextDocuments(...)`. */
export const PIECE_TEXT_DOCUMENTS: TextDocumentsConfiguration<PieceTextDocument> = {
  create: (uri, languageId, version, content) => new PieceTextDocument(uri, languageId, version, content),
  update: (document, changes, version) => {
    document.update(changes, version);
    return document;
  },
};
