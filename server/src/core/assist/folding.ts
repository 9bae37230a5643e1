/**
 * Folding ranges: the frontmatter, each field written over several lines, each `<example>` the rules count
 * (in the description and in the body) and each section of the body by heading. They are the outline's
 * ranges (one reading of the file for both), each ended at its last character of text, so that a section
 * does not fold the blank lines before the next heading. Sorted by start; no two start on the same line
 * (VS Code keeps only one of those), and none stays on one line.
 */
import type { AgentModel } from '../model';
import type { OffsetRange } from '../types';
import { outline, type OutlineSymbol } from './symbols';

export function foldingRanges(text: string, agent: AgentModel, symbols: readonly OutlineSymbol[] = outline(text, agent)): OffsetRange[] {
  const ranges: OffsetRange[] = [];
  const visit = (s: OutlineSymbol) => {
    if (s.kind !== 'turn') ranges.push({ start: s.range.start, end: lastTextEnd(text, s.range) });
    for (const c of s.children) visit(c);
  };
  for (const s of symbols) visit(s);
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: OffsetRange[] = [];
  let lastStartLine = -1;
  for (const r of ranges) {
    const startLine = lineStartOf(text, r.start);
    // On one line (no line break before its end), or starting on the line of the one before it (which, with
    // the same start or an earlier one, is the larger range): not a fold of its own.
    if (text.lastIndexOf('\n', r.end - 1) < r.start || startLine === lastStartLine) continue;
    out.push(r);
    lastStartLine = startLine;
  }
  return out;
}

/** The end of the range moved back over white space, so that it ends on its last line with text. */
function lastTextEnd(text: string, r: OffsetRange): number {
  let end = r.end;
  while (end > r.start && /\s/.test(text[end - 1])) end--;
  return end;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
