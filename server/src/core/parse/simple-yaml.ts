/**
 * A fast path for the frontmatter most agent files have: `key: value` lines whose values are plain words
 * and sentences, quoted strings (double-quoted with the common escapes), integers, booleans, simple block
 * scalars, `[]`, or a list of such items. For exactly that subset it gives the same fields as the `yaml`
 * package (a test holds it to deep equality); for anything else (any doubt at all) it answers undefined,
 * and the `yaml` package reads the text. It never decides that frontmatter is invalid: only `yaml` does.
 *
 * Why: parsing with the `yaml` package was the largest cost of linting thousands of files.
 */
import type { Field, FieldValue } from '../model';
import type { OffsetRange } from '../types';
import { lines } from './frontmatter';
import type { YamlRead } from './yaml-fields';

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?:( +)(.*))?$/;
const ITEM = /^( *)- (.*)$/;
/** Characters YAML does not allow unescaped, line breaks other than \n, or a lone surrogate. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Plain scalars of the core schema that are not strings. */
const NOT_STRINGS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

export function readSimpleYaml(text: string, content: OffsetRange): YamlRead | undefined {
  const fields: Field[] = [];
  const keys = new Set<string>();
  let list: { field: Field; indent: number; items: FieldValue[] } | undefined;
  const endList = () => {
    if (!list) return true;
    if (list.items.length === 0) return false; // `key:` with nothing: leave the null to `yaml`
    const items = list.items;
    list.field.value = { kind: 'list', items, flow: false, range: { start: list.field.value.range.start, end: items[items.length - 1].range.end } };
    list.field.range = { start: list.field.keyRange.start, end: list.field.value.range.end };
    list = undefined;
    return true;
  };

  let block: Block | undefined;
  const endBlock = () => {
    if (!block) return true;
    const done = finishBlock(block);
    block = undefined;
    return done;
  };

  for (const line of lines(text, content.start, content.end)) {
    const raw = text.slice(line.start, line.end);
    const body = withoutTrailingSpaces(raw);
    if (block && body !== '' && raw[0] === ' ') {
      if (!addBlockLine(block, raw, line.start)) return undefined;
      continue;
    }
    if (body === '') {
      if (block) {
        // Spaces past the block's indentation are text of the block (YAML keeps them), not a blank line.
        if (block.indent !== -1 && raw.length > block.indent) return undefined;
        block.blankSeen = true;
      }
      continue;
    }
    const key = KEY.exec(body);
    if (key) {
      if (!endList() || !endBlock() || keys.has(key[1])) return undefined;
      keys.add(key[1]);
      const keyRange = { start: line.start, end: line.start + key[1].length };
      if (key[3] === undefined || key[3] === '') {
        // A list may follow; the value's range starts at its first `-` (set by the first item).
        list = { field: { key: key[1], keyRange, value: { kind: 'null', range: keyRange }, range: keyRange }, indent: -1, items: [] };
        fields.push(list.field);
        continue;
      }
      const start = line.start + key[1].length + 1 + key[2].length;
      if (BLOCK_HEADERS.has(key[3])) {
        // A block scalar: its lines follow (`description: >-` and indented text).
        block = {
          header: key[3],
          start,
          indent: -1,
          lines: [],
          end: start,
          blankSeen: false,
          field: { key: key[1], keyRange, value: { kind: 'null', range: keyRange }, range: keyRange },
        };
        fields.push(block.field);
        continue;
      }
      const value = scalar(key[3], start);
      if (!value) return undefined;
      fields.push({ key: key[1], keyRange, value, range: { start: keyRange.start, end: value.range.end } });
      continue;
    }
    const item = ITEM.exec(body);
    if (!item || !list) return undefined;
    if (list.indent === -1) {
      list.indent = item[1].length;
      list.field.value = { kind: 'null', range: { start: line.start + list.indent, end: line.start + list.indent } };
    } else if (item[1].length !== list.indent) return undefined;
    const value = scalar(item[2], line.start + item[1].length + 2);
    if (!value) return undefined;
    list.items.push(value);
  }
  if (!endList() || !endBlock() || fields.length === 0) return undefined;
  return { problems: [], fields, notAMapping: false, value: Object.fromEntries(fields.map((f) => [f.key, plain(f.value)])) };
}

/** A parsed value as plain JavaScript, as the `yaml` package gives it. */
export function plain(v: FieldValue): unknown {
  switch (v.kind) {
    case 'list':
      return v.items.map(plain);
    case 'map':
      return Object.fromEntries(v.entries.map((e) => [e.key, plain(e.value)]));
    case 'null':
      return null;
    default:
      return v.value;
  }
}

/** The line without the spaces at its end (a loop: a regular expression tries every space of a 1 MB line). */
function withoutTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
  return end === line.length ? line : line.slice(0, end);
}

/** Block scalar headers the fast path reads: folded or literal, clipped or stripped, indentation found. */
const BLOCK_HEADERS = new Set(['>', '>-', '|', '|-']);

interface Block {
  header: string;
  /** Offset of the header (`>`), where the value's range starts. */
  start: number;
  indent: number;
  lines: string[];
  /** End of the last text line. */
  end: number;
  blankSeen: boolean;
  field: Field;
}

/**
 * One text line of a block scalar. Only the simplest blocks are taken: every line indented alike with
 * spaces, no blank line between text lines, no trailing blanks, no tab (anything else changes how YAML
 * folds the lines).
 */
function addBlockLine(block: Block, raw: string, start: number): boolean {
  const indent = raw.length - raw.trimStart().length;
  if (block.indent === -1) block.indent = indent;
  if (indent !== block.indent || block.blankSeen || raw.includes('\t') || raw.endsWith(' ') || UNSAFE.test(raw)) return false;
  block.lines.push(raw.slice(indent));
  block.end = start + raw.length;
  return true;
}

/** Sets the value of a finished block scalar; false when it has no text (left to `yaml`). */
function finishBlock(block: Block): boolean {
  if (block.lines.length === 0) return false;
  const folded = block.header[0] === '>';
  const value = block.lines.join(folded ? ' ' : '\n') + (block.header.endsWith('-') ? '' : '\n');
  block.field.value = { kind: 'string', value, range: { start: block.start, end: block.end }, style: folded ? 'block-folded' : 'block-literal' };
  block.field.range = { start: block.field.keyRange.start, end: block.end };
  return true;
}

/** One scalar on one line that the fast path is sure of, or undefined. */
function scalar(v: string, start: number): FieldValue | undefined {
  const range = { start, end: start + v.length };
  if (UNSAFE.test(v) || v.includes('\t')) return undefined;
  if (/^[1-9][0-9]{0,8}$|^0$/.test(v)) return { kind: 'number', value: Number(v), range, source: v };
  if (v === '[]') return { kind: 'list', items: [], flow: true, range }; // `tools: []`
  if (v === 'true' || v === 'false') return { kind: 'boolean', value: v === 'true', range, source: v };
  const quote = v[0];
  if (quote === '"' || quote === "'") {
    if (v.length < 2 || v[v.length - 1] !== quote) return undefined;
    const inner = v.slice(1, -1);
    const value = quote === '"' ? unescapeSimple(inner) : inner.includes(quote) ? undefined : inner;
    if (value === undefined) return undefined;
    return { kind: 'string', value, range, style: quote === '"' ? 'double-quoted' : 'single-quoted' };
  }
  // A plain scalar: starts with a letter, holds no `: ` or ` #`, does not end in `:`, is no null or boolean.
  if (!/^[A-Za-z(]/.test(v) || / #|: |:$/.test(v) || NOT_STRINGS.has(v)) return undefined;
  return { kind: 'string', value: v, range, style: 'plain' };
}

/** The escapes the fast path reads in a double-quoted string (the ones agent files use); any other: undefined. */
const SIMPLE_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['n', '\n'],
  ['t', '\t'],
  ['"', '"'],
  ['\\', '\\'],
  ['/', '/'],
]);

/**
 * The value of a one-line double-quoted string's inside, when it holds no bare `"` and only simple escapes;
 * otherwise undefined. A loop over indexOf rather than a regular expression: descriptions can be 1 MB long.
 */
function unescapeSimple(inner: string): string | undefined {
  const parts: string[] = [];
  let from = 0;
  for (let i = inner.indexOf('\\'); i >= 0; i = inner.indexOf('\\', from)) {
    const escaped = SIMPLE_ESCAPES.get(inner[i + 1]);
    if (escaped === undefined) return undefined;
    parts.push(inner.slice(from, i), escaped);
    from = i + 2;
  }
  parts.push(inner.slice(from));
  return parts.some((p, i) => i % 2 === 0 && p.includes('"')) ? undefined : parts.join('');
}
