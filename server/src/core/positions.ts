/** Offset <-> (line, character) conversion, 0-based as in LSP, for the edges (server, CLI). */
export interface Position {
  line: number;
  character: number;
}

/** The position of one offset, scanning only the text before it (cheaper than a LineMap for one lookup near the top). */
export function positionOf(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

export class LineMap {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    // indexOf finds line breaks several times faster than a loop over charCodeAt (hot in the CLI).
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= this.starts.length) return this.text.length;
    const lineStart = this.starts[p.line];
    const next = p.line + 1 < this.starts.length ? this.starts[p.line + 1] : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + p.character, next));
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

export interface LspRange {
  start: Position;
  end: Position;
}

export function toLspRange(map: LineMap, r: { start: number; end: number }): LspRange {
  return { start: map.positionAt(r.start), end: map.positionAt(r.end) };
}
