/**
 * How Claude Code parses the frontmatter: Bun's YAML 1.2 parser with default options, and when that fails
 * one retry after rewriting the text. Bun's parser is matched with the `yaml` package (duplicate keys
 * allowed, the last one winning; merge keys; several documents read as a list of them); the oracle tests
 * hold the two to the real Claude Code.
 *
 * The retry (REWRITE_KEY_LINE, REWRITE_INDICATORS in the schema): each line split at `\n` that is a
 * top-level `key: value` with a value holding a YAML indicator is quoted whole, byte for byte, as a
 * double-quoted string, good lines included; then each run of leading tabs becomes two spaces per tab.
 */
import { parseAllDocuments } from 'yaml';
import { REWRITE_INDICATORS, REWRITE_KEY_LINE } from '../schema';
import type { OffsetRange } from '../types';

export type YamlParse = { ok: true; value: unknown } | { ok: false; message: string; at: number };

/** Parses as Bun.YAML.parse does: the value, or the first error and its offset. */
export function parseLikeBun(source: string): YamlParse {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const docs = parseAllDocuments(source, { uniqueKeys: false, merge: true, prettyErrors: false });
    if (!Array.isArray(docs)) return { ok: true, value: null }; // an empty stream
    for (const d of docs) {
      const e = d.errors[0];
      if (e) return { ok: false, message: e.message.split('\n')[0], at: Math.min(Math.max(e.pos[0], 0), source.length) };
    }
    if (docs.length === 0) return { ok: true, value: null };
    const values = docs.map((d) => d.toJS());
    return { ok: true, value: values.length === 1 ? values[0] : values };
  } catch (e) {
    // toJS throws on an alias it cannot resolve or an alias bomb.
    return { ok: false, message: e instanceof Error ? e.message.split('\n')[0] : String(e), at: 0 };
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** A line the retry quoted. Offsets point into the source that was rewritten. */
export interface RewrittenLine {
  key: string;
  keyRange: OffsetRange;
  /** The raw value, now the whole string (from its first non-blank character to the end of the line). */
  valueRange: OffsetRange;
  value: string;
}

export interface Retry {
  text: string;
  rewritten: RewrittenLine[];
  /** Starts of the lines whose leading tabs became spaces. */
  tabLines: number[];
}

/** Claude Code's rewrite of frontmatter that failed to parse. */
export function rewriteForRetry(source: string): Retry {
  const rewritten: RewrittenLine[] = [];
  const out: string[] = [];
  let start = 0;
  for (const line of source.split('\n')) {
    out.push(rewriteLine(line, start, rewritten));
    start += line.length + 1;
  }
  const text = out.join('\n');
  const tabLines: number[] = [];
  const sourceLines = lineStarts(source);
  const textLines = lineStarts(text);
  const retried = text.replace(/^\t+/gm, (tabs: string, at: number) => {
    tabLines.push(sourceLines[lineIndex(textLines, at)]);
    return '  '.repeat(tabs.length);
  });
  // Tabs became spaces only at line starts: the rewritten text's lines are still the source's, one for one.
  return { text: retried, rewritten, tabLines };
}

function rewriteLine(line: string, start: number, rewritten: RewrittenLine[]): string {
  const m = REWRITE_KEY_LINE.exec(line);
  if (!m) return line;
  const [, key, value] = m;
  if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) return line;
  if (value.startsWith('[') && value.endsWith(']')) {
    const list = parseLikeBun(value);
    if (list.ok && Array.isArray(list.value)) return line;
  }
  if (!REWRITE_INDICATORS.test(value)) return line;
  const valueStart = start + line.length - value.length;
  rewritten.push({ key, keyRange: { start, end: start + key.length }, valueRange: { start: valueStart, end: start + line.length }, value });
  return `${key}: "${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** Offsets where each `\n`-separated line starts. */
function lineStarts(s: string): number[] {
  const starts = [0];
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The index of the line holding `offset`. */
function lineIndex(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Maps an offset in the rewritten text to the same line and column of the source (clamped to the line). */
export function mapToSource(source: string, rewrittenText: string, at: number): number {
  const sourceLines = lineStarts(source);
  const textLines = lineStarts(rewrittenText);
  const line = lineIndex(textLines, at);
  const lineEnd = line + 1 < sourceLines.length ? sourceLines[line + 1] - 1 : source.length;
  return Math.min(sourceLines[line] + (at - textLines[line]), lineEnd);
}

export type FrontmatterYaml =
  | { status: 'parsed'; value: unknown }
  | { status: 'rewritten'; value: unknown; strictError: { message: string; at: number }; retry: Retry }
  | { status: 'failed'; strictError: { message: string; at: number }; retry: Retry; retryError: { message: string; at: number } };

/** Claude Code's parse of the frontmatter text: strict, else the rewrite and one retry. Offsets relative to `source`. */
export function parseFrontmatterYaml(source: string): FrontmatterYaml {
  const first = parseLikeBun(source);
  if (first.ok) return { status: 'parsed', value: first.value };
  const strictError = { message: first.message, at: first.at };
  const retry = rewriteForRetry(source);
  const second = parseLikeBun(retry.text);
  if (second.ok) return { status: 'rewritten', value: second.value, strictError, retry };
  return { status: 'failed', strictError, retry, retryError: { message: second.message, at: mapToSource(source, retry.text, second.at) } };
}
