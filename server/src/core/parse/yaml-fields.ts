/**
 * Reads the frontmatter with the `yaml` package, keeping the source range of every key and value.
 * Offsets are shifted by `base` so they point into the whole document.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Document, type Node } from 'yaml';
import type { Field, FieldValue, ScalarStyle, YamlProblem } from '../model';
import { bunErrors, withYamlLineBreaks, YAML_OPTIONS } from '../claude-code/yaml';
import type { OffsetRange } from '../types';

export interface YamlRead {
  problems: YamlProblem[];
  fields: Field[];
  notAMapping: boolean;
  /** The content as plain JavaScript (absent when the YAML has problems). */
  value?: unknown;
}

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single-quoted',
  QUOTE_DOUBLE: 'double-quoted',
  BLOCK_LITERAL: 'block-literal',
  BLOCK_FOLDED: 'block-folded',
};

/**
 * `parseDocument` without stack traces: broken frontmatter (a generated description) can produce hundreds
 * of YAML errors, and capturing a stack for each was most of the time spent on such a file.
 */
export function parseYamlQuickly(source: string): Document.Parsed {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseDocument(withYamlLineBreaks(source), YAML_OPTIONS);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export function readYaml(source: string, base: number): YamlRead {
  const doc = parseYamlQuickly(source);
  // The parser may report an error one past the end (an unexpected end of input): keep ranges inside.
  const clamp = (at: number) => base + Math.min(Math.max(at, 0), source.length);
  const problems: YamlProblem[] = bunErrors([doc], withYamlLineBreaks(source)).map((e) => ({
    code: e.code,
    message: e.message.split('\n')[0],
    range: { start: clamp(e.pos[0]), end: clamp(Math.max(e.pos[1], e.pos[0] + 1)) },
  }));
  const value = problems.length === 0 ? plainValue(doc) : undefined;
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return { problems, fields: [], notAMapping: false, value };
  }
  if (!isMap(contents)) return { problems, fields: [], notAMapping: true, value };
  return { problems, fields: mapEntries(source, contents.items, base), notAMapping: false, value };
}

/** The document as plain JavaScript; undefined when an alias cannot be resolved. */
function plainValue(doc: Document.Parsed): unknown {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return doc.toJS();
  } catch {
    return undefined;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * The source range of a node. The `yaml` package ends block nodes (block scalars, block lists and maps)
 * after their last line break; we end every value at its last non-blank character, so that replacing a
 * value never swallows the line break before the next key.
 */
function rangeOf(source: string, node: Node | null | undefined, base: number, fallback: number): OffsetRange {
  const r = node?.range;
  if (!r) return { start: base + fallback, end: base + fallback };
  let end = r[1];
  while (end > r[0] && /\s/.test(source[end - 1])) end--;
  return { start: base + r[0], end: base + end };
}

function mapEntries(source: string, items: unknown[], base: number): Field[] {
  const fields: Field[] = [];
  for (const pair of items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as Node | null;
    const keyRange = rangeOf(source, keyNode, base, 0);
    const key = isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode) : '';
    const value = toValue(source, pair.value as Node | null, base, keyRange.end);
    fields.push({ key, keyRange, value, range: { start: keyRange.start, end: Math.max(keyRange.end, value.range.end) } });
  }
  return fields;
}

function toValue(source: string, node: Node | null, base: number, after: number): FieldValue {
  if (!node) return { kind: 'null', range: { start: after, end: after } };
  const range = rangeOf(source, node, base, after - base);
  if (isScalar(node)) return scalarValue(node, range);
  if (isSeq(node)) {
    return {
      kind: 'list',
      items: node.items.map((item) => toValue(source, item as Node | null, base, range.start)),
      range,
      flow: node.flow === true,
    };
  }
  if (isMap(node)) return { kind: 'map', entries: mapEntries(source, node.items, base), range, flow: node.flow === true };
  // Aliases and other nodes: keep their text as a string so nothing is lost.
  return { kind: 'string', value: String(node), range, style: 'plain' };
}

function scalarValue(node: Scalar, range: OffsetRange): FieldValue {
  const v = node.value;
  const source = node.source ?? String(v);
  if (v === null || v === undefined) return { kind: 'null', range };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v, range, source };
  if (typeof v === 'number') return { kind: 'number', value: v, range, source };
  return { kind: 'string', value: typeof v === 'string' ? v : source, range, style: STYLES[node.type ?? 'PLAIN'] ?? 'plain' };
}
