/**
 * Splits an agent file into frontmatter and body the way Claude Code does: the opening `---` must be the
 * very first line (after an optional UTF-8 BOM). A `---` block found further down that is evidently meant
 * as frontmatter (only blank lines before it, or `name:`/`description:` inside) is still returned, marked
 * as not on the first line, so that a rule can say why the file is skipped and move it.
 */
import type { OffsetRange } from '../types';

export interface FrontmatterSplit {
  bom: boolean;
  eol: '\n' | '\r\n';
  /** Absent when the file has no frontmatter block at all. */
  block?: {
    range: OffsetRange;
    open: OffsetRange;
    close?: OffsetRange;
    content: OffsetRange;
    startsOnFirstLine: boolean;
  };
  body: OffsetRange;
}

interface Line {
  start: number;
  /** End of the line's text, before its line break. */
  end: number;
  /** Start of the next line (after the line break). */
  next: number;
}

/**
 * Lines of text[from, to), with their offsets. A line ends at `\n`, `\r\n` or a lone `\r`, as YAML, LSP
 * and the editor count them (a lone `\r` is a line break to all three).
 */
export function* lines(text: string, from = 0, to = text.length): Generator<Line> {
  let start = from;
  let lf = text.indexOf('\n', start);
  let cr = text.indexOf('\r', start);
  while (start < to) {
    if (lf >= 0 && lf < start) lf = text.indexOf('\n', start);
    if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
    const at = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
    if (at < 0 || at >= to) {
      yield { start, end: to, next: to };
      return;
    }
    const next = Math.min(to, text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1);
    yield { start, end: at, next };
    start = next;
  }
}

/** A `---` line (trailing blanks allowed). The first character is tested before a slice is made: most lines are not. */
const isDelimiter = (text: string, line: Line): boolean => text.charCodeAt(line.start) === 45 && /^---[ \t]*$/.test(text.slice(line.start, line.end));

function mostlyCrlf(text: string): boolean {
  if (text.indexOf('\r\n') < 0) return false;
  let lf = 0;
  let crlf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    lf++;
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
  }
  return crlf > 0 && crlf * 2 >= lf;
}

/** How many lines ahead we look for a misplaced opening `---`. */
const MISPLACED_SEARCH_LINES = 20;

export function splitFrontmatter(text: string): FrontmatterSplit {
  const bom = text.charCodeAt(0) === 0xfeff;
  const eol = mostlyCrlf(text) ? '\r\n' : '\n';
  const origin = bom ? 1 : 0;

  let opening: Line | undefined;
  let startsOnFirstLine = false;
  let onlyBlankBefore = true;
  let seen = 0;
  for (const line of lines(text, origin)) {
    if (isDelimiter(text, line)) {
      opening = line;
      startsOnFirstLine = seen === 0;
      break;
    }
    if (text.slice(line.start, line.end).trim() !== '') onlyBlankBefore = false;
    if (++seen >= MISPLACED_SEARCH_LINES) break;
  }
  if (!opening) return { bom, eol, body: { start: origin, end: text.length } };

  let close: Line | undefined;
  for (const line of lines(text, opening.next)) {
    if (isDelimiter(text, line)) {
      close = line;
      break;
    }
  }
  const content: OffsetRange = { start: opening.next, end: close ? close.start : text.length };

  if (!startsOnFirstLine && !onlyBlankBefore) {
    // A `---` after other text is a Markdown rule unless the block holds agent keys.
    const inside = text.slice(content.start, content.end);
    if (!close || !/^(name|description)[ \t]*:/m.test(inside)) {
      return { bom, eol, body: { start: origin, end: text.length } };
    }
  }

  const blockEnd = close ? close.next : text.length;
  return {
    bom,
    eol,
    block: {
      range: { start: opening.start, end: close ? close.end : text.length },
      open: { start: opening.start, end: opening.start + 3 },
      close: close ? { start: close.start, end: close.start + 3 } : undefined,
      content,
      startsOnFirstLine,
    },
    body: { start: blockEnd, end: text.length },
  };
}
