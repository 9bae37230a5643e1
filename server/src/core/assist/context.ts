/**
 * Where the cursor is in an agent file, in the terms completion and hover need: typing a key, typing the
 * value of a key (on its line or as a list item below it), inside the description, or in the body.
 * Works line by line on the text, so it also works while the YAML is broken (which is most of the time
 * while typing).
 */
import type { AgentModel } from '../model';
import type { OffsetRange } from '../types';

export type CursorContext =
  | { kind: 'key'; prefix: string; replace: OffsetRange }
  | { kind: 'value'; key: string; prefix: string; replace: OffsetRange; listItem: boolean; lineValue: string }
  | { kind: 'description' }
  | { kind: 'body' }
  | { kind: 'none' };

const WORD = /[\w$().*-]/;

export function cursorContext(text: string, agent: AgentModel, offset: number): CursorContext {
  const fm = agent.frontmatter;
  const d = agent.descriptionRange;
  if (d && offset > d.start && offset <= d.end) return { kind: 'description' };
  if (!fm || offset < fm.content.start || offset > fm.content.end) {
    return offset >= agent.body.start ? { kind: 'body' } : { kind: 'none' };
  }
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const before = text.slice(lineStart, offset);
  let wordEnd = offset;
  while (wordEnd < lineEnd && WORD.test(text[wordEnd])) wordEnd++;

  if (/^[A-Za-z_$]*$/.test(before)) {
    return { kind: 'key', prefix: before, replace: { start: lineStart, end: wordEnd } };
  }
  const onLine = /^([A-Za-z_$][\w$.-]*)[ \t]*:[ \t]*(.*)$/.exec(before);
  if (onLine) {
    const value = onLine[2];
    const lastComma = value.lastIndexOf(',');
    const partStart = lastComma >= 0 ? lastComma + 1 + (/^\s*/.exec(value.slice(lastComma + 1))?.[0].length ?? 0) : value.search(/\S|$/);
    const prefix = value.slice(partStart).replace(/^\[/, '');
    const start = offset - prefix.length;
    return { kind: 'value', key: onLine[1], prefix, replace: { start, end: wordEnd }, listItem: false, lineValue: text.slice(lineStart, lineEnd).replace(/^[^:]*:\s*/, '') };
  }
  const item = /^[ \t]*-[ \t]*(\S*)$/.exec(before);
  if (item) {
    const key = parentKey(text, fm.content.start, lineStart);
    if (key) return { kind: 'value', key, prefix: item[1], replace: { start: offset - item[1].length, end: wordEnd }, listItem: true, lineValue: '' };
  }
  return { kind: 'none' };
}

/** The top-level key whose block holds the line starting at `lineStart` (the nearest `key:` line above). */
function parentKey(text: string, contentStart: number, lineStart: number): string | undefined {
  let at = lineStart;
  while (at > contentStart) {
    const prevStart = text.lastIndexOf('\n', at - 2) + 1;
    const line = text.slice(prevStart, at - 1);
    const m = /^([A-Za-z_$][\w$.-]*)[ \t]*:/.exec(line);
    if (m) return m[1];
    if (!/^([ \t]|-|$)/.test(line)) return undefined;
    at = prevStart;
  }
  return undefined;
}
