/**
 * Reads the frontmatter with the `yaml` package, keeping the source range of every key and value.
 * Offsets are shifted by `base` so they point into the whole document.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node } from 'yaml';
import type { Field, FieldValue, ScalarStyle, YamlProblem } from '../model';
import type { OffsetRange } from '../types';

export interface YamlRead {
  problems: YamlProblem[];
  fields: Field[];
  notAMapping: boolean;
}

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single-quoted',
  QUOTE_DOUBLE: 'double-quoted',
  BLOCK_LITERAL: 'block-literal',
  BLOCK_FOLDED: 'block-folded',
};

export function readYaml(source: string, base: number): YamlRead {
  const doc = parseDocument(source, { lineCounter: new LineCounter(), uniqueKeys: true, prettyErrors: false });
  const problems: YamlProblem[] = doc.errors.map((e) => ({
    code: e.code,
    message: e.message.split('\n')[0],
    range: { start: base + e.pos[0], end: base + Math.max(e.pos[1], e.pos[0] + 1) },
  }));
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return { problems, fields: [], notAMapping: false };
  }
  if (!isMap(contents)) return { problems, fields: [], notAMapping: true };
  return { problems, fields: mapEntries(contents.items, base), notAMapping: false };
}

function rangeOf(node: Node | null | undefined, base: number, fallback: number): OffsetRange {
  const r = node?.range;
  if (!r) return { start: base + fallback, end: base + fallback };
  return { start: base + r[0], end: base + r[1] };
}

function mapEntries(items: unknown[], base: number): Field[] {
  const fields: Field[] = [];
  for (const pair of items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as Node | null;
    const keyRange = rangeOf(keyNode, base, 0);
    const key = isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode) : '';
    const value = toValue(pair.value as Node | null, base, keyRange.end);
    fields.push({ key, keyRange, value, range: { start: keyRange.start, end: Math.max(keyRange.end, value.range.end) } });
  }
  return fields;
}

function toValue(node: Node | null, base: number, after: number): FieldValue {
  if (!node) return { kind: 'null', range: { start: after, end: after } };
  const range = rangeOf(node, base, after - base);
  if (isScalar(node)) return scalarValue(node, range);
  if (isSeq(node)) {
    return {
      kind: 'list',
      items: node.items.map((item) => toValue(item as Node | null, base, range.start)),
      range,
      flow: node.flow === true,
    };
  }
  if (isMap(node)) return { kind: 'map', entries: mapEntries(node.items, base), range, flow: node.flow === true };
  // Aliases and other nodes: keep their text as a string so nothing is lost.
  return { kind: 'string', value: String(node), range, style: 'plain' };
}

function scalarValue(node: Scalar, range: OffsetRange): FieldValue {
  const v = node.value;
  const source = node.source ?? String(v);
  if (v === null || v === undefined) return { kind: 'null', range };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v, range, source };
  if (typeof v === 'number') return { kind: 'number', value: v, range, source };
  return { kind: 'string', value: String(v), range, style: STYLES[node.type ?? 'PLAIN'] ?? 'plain' };
}
