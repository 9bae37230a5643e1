/**
 * The lenient read: when the frontmatter is not valid YAML, Claude Code reads nothing, but the author
 * still meant something. This line-based `key: value` read recovers the fields the way a person reads
 * them, so later checks, quick fixes and the preview have something to work with:
 * - a line starting at column 0 with `key:` starts a field, and everything after the first `:` is its
 *   value (so `description: Use this agent. Examples: Context: ...` is one description);
 * - indented lines and `- item` lines continue the field above (a list, a block scalar or a folded
 *   plain scalar);
 * - quoted values are unquoted, `true`/`false` and integers become booleans and numbers.
 */
import type { Field, FieldValue } from '../model';
import type { OffsetRange } from '../types';
import { lines } from './frontmatter';

interface RawLine {
  start: number;
  end: number;
  text: string;
}

const KEY_LINE = /^([A-Za-z_$][\w$.-]*)[ \t]*:(?=[ \t]|$)/;

export function readLenient(text: string, content: OffsetRange): Field[] {
  const all: RawLine[] = [];
  for (const l of lines(text, content.start, content.end)) all.push({ start: l.start, end: l.end, text: text.slice(l.start, l.end) });

  const fields: Field[] = [];
  let i = 0;
  while (i < all.length) {
    const line = all[i];
    const m = KEY_LINE.exec(line.text);
    if (!m) {
      i++;
      continue;
    }
    const key = m[1];
    const keyRange = { start: line.start, end: line.start + key.length };
    // Continuation lines: indented, list items, or blank lines followed by more of them.
    let j = i + 1;
    let lastContent = i;
    while (j < all.length) {
      const t = all[j].text;
      if (t.trim() === '') {
        j++;
        continue;
      }
      if (/^[ \t]/.test(t) || /^-([ \t]|$)/.test(t)) {
        lastContent = j;
        j++;
        continue;
      }
      break;
    }
    const first = afterColon(line, m[0].length);
    const cont = all.slice(i + 1, lastContent + 1);
    const value = readValue(first, cont);
    fields.push({ key, keyRange, value, range: { start: keyRange.start, end: Math.max(keyRange.end, value.range.end) } });
    i = lastContent + 1;
  }
  return fields;
}

/** The trimmed rest of the line after `key:`. */
function afterColon(line: RawLine, colonEnd: number): RawLine {
  let s = colonEnd;
  while (s < line.text.length && /[ \t]/.test(line.text[s])) s++;
  let e = line.text.length;
  while (e > s && /[ \t]/.test(line.text[e - 1])) e--;
  return { start: line.start + s, end: line.start + e, text: line.text.slice(s, e) };
}

function readValue(first: RawLine, cont: RawLine[]): FieldValue {
  const t = first.text;
  const contentLines = cont.filter((l) => l.text.trim() !== '');
  // Like the YAML reader, a value ends at its last non-blank character (never at trailing spaces).
  const last = contentLines[contentLines.length - 1];
  const lastEnd = last ? last.start + last.text.trimEnd().length : first.end;

  if (t === '' && contentLines.length > 0 && contentLines.every((l) => /^[ \t]*-([ \t]|$)/.test(l.text))) {
    return {
      kind: 'list',
      flow: false,
      range: { start: contentLines[0].start, end: lastEnd },
      items: contentLines.map((l) => {
        const dash = l.text.indexOf('-');
        return scalar(trimmed({ start: l.start, end: l.end, text: l.text }, dash + 1));
      }),
    };
  }
  // A block scalar's header as YAML has it: one indentation digit (1-9) and one chomping sign, in either order.
  // Anything else (`|42`) is no block scalar, and the text is what the line holds (as Claude Code's rewrite reads it).
  if (/^[|>]([1-9][-+]?|[-+][1-9]?)?$/.test(t)) {
    const body = cont.map((l) => l.text);
    let indent = Infinity; // a loop, not Math.min(...lines): a spread of every line throws RangeError past ~120,000
    for (const l of contentLines) indent = Math.min(indent, /^[ \t]*/.exec(l.text)![0].length);
    const dedented = body.map((l) => l.slice(Math.min(indent, l.length)));
    const folded = t.startsWith('>');
    let value = folded ? foldLines(dedented) : dedented.join('\n');
    value = t.includes('-') ? value.replace(/\n+$/, '') : value.replace(/\n*$/, '\n');
    return { kind: 'string', value, style: folded ? 'block-folded' : 'block-literal', range: { start: first.start, end: lastEnd } };
  }
  if (t.startsWith('[') && t.endsWith(']') && contentLines.length === 0) {
    const items: FieldValue[] = [];
    let s = 1;
    for (let k = 1; k <= t.length - 1; k++) {
      if (k === t.length - 1 || t[k] === ',') {
        const part = trimmed({ start: first.start + s, end: first.start + k, text: t.slice(s, k) }, 0);
        if (part.text !== '') items.push(scalar(part));
        s = k + 1;
      }
    }
    return { kind: 'list', flow: true, items, range: { start: first.start, end: first.end } };
  }
  if (contentLines.length > 0 && t !== '') {
    // A plain scalar folded over several lines.
    return { kind: 'string', value: foldPlain([t, ...cont.map((l) => l.text)]), style: 'plain', range: { start: first.start, end: lastEnd } };
  }
  if (contentLines.length > 0) {
    return { kind: 'string', value: foldPlain(cont.map((l) => l.text)), style: 'plain', range: { start: contentLines[0].start, end: lastEnd } };
  }
  return scalar(first);
}

/**
 * The lines of a plain scalar folded as YAML folds them: a line break between two lines of text becomes a
 * space, and each blank line a line break (a paragraph break is kept).
 */
function foldPlain(ls: readonly string[]): string {
  let out = '';
  let blanks = 0;
  for (const raw of ls) {
    const l = raw.trim();
    if (l === '') {
      if (out !== '') blanks++;
      continue;
    }
    out += out === '' ? l : blanks > 0 ? '\n'.repeat(blanks) + l : ' ' + l;
    blanks = 0;
  }
  return out;
}

function trimmed(l: RawLine, from: number): RawLine {
  let s = from;
  while (s < l.text.length && /[ \t]/.test(l.text[s])) s++;
  let e = l.text.length;
  while (e > s && /[ \t]/.test(l.text[e - 1])) e--;
  return { start: l.start + s, end: l.start + e, text: l.text.slice(s, e) };
}

function foldLines(ls: string[]): string {
  let out = '';
  for (let k = 0; k < ls.length; k++) {
    if (k === 0) out = ls[k];
    else if (ls[k] === '' || ls[k - 1] === '') out += '\n' + ls[k];
    else out += ' ' + ls[k];
  }
  return out;
}

/** A one-line scalar: quoted strings unquoted, booleans, integers, empty = null. */
function scalar(l: RawLine): FieldValue {
  const t = l.text;
  const range = { start: l.start, end: l.end };
  if (t === '' || t === '~' || t === 'null') return { kind: 'null', range };
  if (t === 'true' || t === 'false') return { kind: 'boolean', value: t === 'true', range, source: t };
  if (/^[-+]?\d+$/.test(t)) return { kind: 'number', value: Number(t), range, source: t };
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    return { kind: 'string', value: unescapeDoubleQuoted(t.slice(1, -1)), style: 'double-quoted', range };
  }
  if (t.length >= 2 && t.startsWith("'") && t.endsWith("'")) {
    return { kind: 'string', value: t.slice(1, -1).replace(/''/g, "'"), style: 'single-quoted', range };
  }
  return { kind: 'string', value: t, style: 'plain', range };
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/', '0': '\0', ' ': ' ' };

export function unescapeDoubleQuoted(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (all, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ESCAPES[e] ?? all;
  });
}
