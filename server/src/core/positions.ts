/**
 * Offset <-> (line, character) conversion, 0-based as in LSP, for the edges (server, CLI, preview model).
 * The one place lines are counted for anything we send out: as LSP counts them, a line ends at `\r\n`,
 * `\r` or `\n` (vscode-languageserver-textdocument's `TextDocument`, which a property test holds us to).
 */
export interface Position {
  line: number;
  character: number;
}

const LF = 10;
const CR = 13;

/** The offset of the start of each line (the first is 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    // indexOf finds line breaks several times faster than a loop over charCodeAt (hot in the CLI).
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CR) {
      if (text.charCodeAt(i + 1) === LF) i++;
      starts.push(i + 1);
    } else if (c === LF) starts.push(i + 1);
  }
  return starts;
}

/** The position of one offset, scanning only the text before it (cheaper than a LineMap for one lookup near the top). */
export function positionOf(text: string, offset: number): Position {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < o; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
      line++;
      lineStart = i + 1;
    }
  }
  // An offset between the `\r` and the `\n` of a line break is the end of that line, as in LSP.
  return { line, character: (o > lineStart && text.charCodeAt(o - 1) === CR ? o - 1 : o) - lineStart };
}

export class LineMap {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
  }

  positionAt(offset: number): Position {
    let o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // Between the `\r` and the `\n` of a line break: the end of the line, as in LSP.
    if (o > this.starts[lo] && this.text.charCodeAt(o - 1) === CR) o--;
    return { line: lo, character: o - this.starts[lo] };
  }

  /** The offset of a position; a character past the end of its line is the end of the line (before its line break). */
  offsetAt(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= this.starts.length) return this.text.length;
    const lineStart = this.starts[p.line];
    if (p.character <= 0) return lineStart;
    return Math.min(lineStart + p.character, this.lineEnd(p.line));
  }

  /** The offset of the start of a line (0-based, clamped to the lines there are). */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** The offset where a line's text ends, before its line break. */
  lineEnd(line: number): number {
    const l = Math.max(0, Math.min(line, this.starts.length - 1));
    let end = l + 1 < this.starts.length ? this.starts[l + 1] : this.text.length;
    while (end > this.starts[l] && isLineBreak(this.text.charCodeAt(end - 1))) end--;
    return end;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

function isLineBreak(c: number): boolean {
  return c === LF || c === CR;
}

export interface LspRange {
  start: Position;
  end: Position;
}

export function toLspRange(map: LineMap, r: { start: number; end: number }): LspRange {
  return { start: map.positionAt(r.start), end: map.positionAt(r.end) };
}
