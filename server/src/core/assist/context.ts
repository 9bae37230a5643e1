/**
 * Where the cursor is in an agent file, in the terms completion and hover need: where a whole agent can go
 * (an empty file, or the first line with only a word on it), typing a key, typing the value of a key (on
 * its line or as a list item below it), inside the description, or in the body. Works line by line on the
 * text, so it also works while the YAML is broken (which is most of the time while typing).
 */
import type { AgentModel } from '../model';
import { getField } from '../rules/support/fields';
import type { OffsetRange } from '../types';

export type CursorContext =
  /** No frontmatter, and the cursor on the first line with nothing else on it but the word typed. */
  | { kind: 'whole-file'; replace: OffsetRange }
  /** `rest` is the text after the word on the line (`: value` when an existing key is edited). */
  | { kind: 'key'; prefix: string; replace: OffsetRange; rest: string }
  /**
   * `prefix` is the part of the value typed before the cursor: the whole value, or for a tool list the
   * entry being typed (after a comma or a space). `inRule`: inside the parentheses of `Bash(...)`.
   */
  | { kind: 'value'; key: string; prefix: string; replace: OffsetRange; inRule: boolean }
  /** Inside the description's value; `block`: a block scalar (`|`, `>`), where lines of text are safe. */
  | { kind: 'description'; block: boolean; lineBefore: string }
  | { kind: 'body' }
  | { kind: 'none' };

const WORD = /[\w$().*-]/;
/** A key as written at the start of a frontmatter line. */
const KEY_LINE = /^([A-Za-z_$][\w$.-]*)[ \t]*:/;

export function cursorContext(text: string, agent: AgentModel, offset: number): CursorContext {
  const fm = agent.frontmatter;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const before = text.slice(lineStart, offset);
  let wordEnd = offset;
  while (wordEnd < lineEnd && WORD.test(text[wordEnd])) wordEnd++;

  if (!fm) {
    if (lineStart === 0 && /^\uFEFF?[\w-]*$/.test(before) && text.slice(offset, lineEnd).trim() === '') {
      return { kind: 'whole-file', replace: { start: lineStart + (before.startsWith('\uFEFF') ? 1 : 0), end: lineEnd } };
    }
    return offset >= agent.body.start ? { kind: 'body' } : { kind: 'none' };
  }
  const d = agent.descriptionRange;
  if (d && offset > d.start && offset <= d.end) return descriptionContext(agent, before);
  if (offset < fm.content.start || offset > fm.content.end) {
    return offset >= agent.body.start ? { kind: 'body' } : { kind: 'none' };
  }
  // An indented line with nothing before the cursor, below `description: |`: a new line of the block
  // (the value's range ends at its last text).
  if (/^[ \t]+$/.test(before) && parentKey(text, fm.content.start, lineStart) === 'description') return descriptionContext(agent, before);

  if (/^[A-Za-z_$]*$/.test(before)) {
    return { kind: 'key', prefix: before, replace: { start: lineStart, end: wordEnd }, rest: text.slice(wordEnd, lineEnd) };
  }
  const onLine = /^([A-Za-z_$][\w$.-]*)[ \t]*:[ \t]*(.*)$/.exec(before);
  if (onLine) return valueContext(onLine[1], onLine[2].replace(/^\[/, ''), offset, wordEnd);
  const item = /^[ \t]*-[ \t]*(.*)$/.exec(before);
  if (item) {
    const key = parentKey(text, fm.content.start, lineStart);
    if (key) return valueContext(key, item[1], offset, wordEnd);
  }
  return { kind: 'none' };
}

function descriptionContext(agent: AgentModel, lineBefore: string): CursorContext {
  const value = getField(agent, 'description')?.value;
  const block = value?.kind === 'string' && (value.style === 'block-literal' || value.style === 'block-folded');
  return { kind: 'description', block, lineBefore };
}

/**
 * The value being typed: for every key the whole text before the cursor; the tool lists also split it, as
 * Claude Code does, at commas and spaces outside parentheses, so the entry being typed is the last part.
 */
function valueContext(key: string, typed: string, offset: number, wordEnd: number): CursorContext {
  let depth = 0;
  for (const c of typed) depth = c === '(' ? 1 : c === ')' ? 0 : depth;
  const isToolList = key === 'tools' || key === 'disallowedTools';
  const prefix = isToolList ? (/[^\s,()]*$/.exec(typed)?.[0] ?? '') : typed.trimStart();
  return { kind: 'value', key, prefix, replace: { start: offset - prefix.length, end: wordEnd }, inRule: isToolList && depth > 0 };
}

/** The top-level key whose block holds the line starting at `lineStart` (the nearest `key:` line above). */
function parentKey(text: string, contentStart: number, lineStart: number): string | undefined {
  let at = lineStart;
  while (at > contentStart) {
    const prevStart = text.lastIndexOf('\n', at - 2) + 1;
    const line = text.slice(prevStart, at - 1);
    const m = KEY_LINE.exec(line);
    if (m) return m[1];
    if (!/^([ \t]|-|$)/.test(line)) return undefined;
    at = prevStart;
  }
  return undefined;
}
