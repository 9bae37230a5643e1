/**
 * Claude Code's own split of an agent file into frontmatter and body. It is not the author's view (see
 * parse/frontmatter.ts): Claude Code matches `/^---\s*\n([\s\S]*?)---\s*\n?/` on the text after one BOM,
 * so the block ends at the first `---` that follows the opening line, wherever it stands, even mid-line
 * (`description: a --- b` ends the frontmatter after `a `), and the rest is the body. The same match is
 * done here by hand, with offsets, in one pass.
 */
import type { OffsetRange } from '../types';

export interface ClaudeCodeSplit {
  /** A UTF-8 BOM was removed first. */
  bom: boolean;
  /** The YAML text Claude Code parses: from after the opening line(s) to the first `---`. */
  content: OffsetRange;
  /** The `---` that ends the block (three characters; not always a line of its own). */
  closer: OffsetRange;
  /** The body after the closer, trimmed as Claude Code trims it: the start of the agent's system prompt. */
  body: OffsetRange;
}

/** JavaScript's `\s` (and `String.prototype.trim`'s white space). */
export function isJsSpace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) ||
    code === 32 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Claude Code's split, or undefined when it finds no frontmatter (the agent is then not loaded). */
export function claudeCodeSplit(text: string): ClaudeCodeSplit | undefined {
  const bom = text.charCodeAt(0) === 0xfeff;
  const origin = bom ? 1 : 0;
  if (!text.startsWith('---', origin) || text.indexOf('---', origin + 3) < 0) return undefined;
  // `\s*\n`: the white space after the opening `---`, up to its last line feed.
  let i = origin + 3;
  while (i < text.length && isJsSpace(text.charCodeAt(i))) i++;
  const lastLf = text.lastIndexOf('\n', i - 1);
  if (lastLf < origin + 3) return undefined;
  const contentStart = lastLf + 1;
  const closer = text.indexOf('---', contentStart);
  if (closer < 0) return undefined;
  // `---\s*\n?` then the body, trimmed.
  let bodyStart = closer + 3;
  while (bodyStart < text.length && isJsSpace(text.charCodeAt(bodyStart))) bodyStart++;
  let bodyEnd = text.length;
  while (bodyEnd > bodyStart && isJsSpace(text.charCodeAt(bodyEnd - 1))) bodyEnd--;
  return {
    bom,
    content: { start: contentStart, end: closer },
    closer: { start: closer, end: closer + 3 },
    body: { start: bodyStart, end: bodyEnd },
  };
}
