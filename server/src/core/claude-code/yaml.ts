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
import { isScalar, parseAllDocuments, visit, type Document } from 'yaml';
import { REWRITE_INDICATORS, REWRITE_KEY_LINE } from '../schema';
import type { OffsetRange } from '../types';

export type YamlParse = { ok: true; value: unknown } | { ok: false; message: string; at: number };

/**
 * A carriage return alone is a line break to YAML (and to Bun), not to the `yaml` package: written as a
 * line feed, the text keeps its length, so offsets stay valid.
 */
export function withYamlLineBreaks(source: string): string {
  return source.includes('\r') ? source.replace(/\r(?!\n)/g, '\n') : source;
}

/**
 * The `yaml` package's options for every frontmatter parse, the author's and Claude Code's: duplicate keys
 * allowed (the last wins), merge keys, plain error messages, and no warnings on the process (a key that is
 * a list, `[Read]: x`, printed a Node warning to the CLI's stderr and the server's log).
 */
export const YAML_OPTIONS = { uniqueKeys: false, merge: true, prettyErrors: false, logLevel: 'error' } as const;

/** Stands for a `,` that starts a plain value, which Bun takes and the `yaml` package refuses. */
const COMMA = '\uE000';
/** How many such commas one parse stands in for before giving up. */
const MAX_COMMAS = 64;

/** Parses as Bun.YAML.parse does: the value, or the first error and its offset. */
export function parseLikeBun(source: string): YamlParse {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    let text = withYamlLineBreaks(source);
    const placeholders = !text.includes(COMMA);
    for (let tries = 0; ; tries++) {
      const docs = parseAllDocuments(text, YAML_OPTIONS);
      if (!Array.isArray(docs)) return { ok: true, value: null }; // an empty stream
      const e = bunErrors(docs, text)[0];
      if (e) {
        // Bun reads `,x` as the text ",x": stand in for the comma and parse again.
        if (placeholders && tries < MAX_COMMAS && e.code === 'BAD_SCALAR_START' && text[e.pos[0]] === ',') {
          text = text.slice(0, e.pos[0]) + COMMA + text.slice(e.pos[0] + 1);
          continue;
        }
        return { ok: false, message: e.message.split('\n')[0], at: Math.min(Math.max(e.pos[0], 0), source.length) };
      }
      if (docs.length === 0) return { ok: true, value: null };
      const values = docs.map((d) => d.toJS() as unknown);
      const value = values.length === 1 ? values[0] : values;
      return { ok: true, value: tries > 0 ? restoreCommas(value) : value };
    }
  } catch (e) {
    // toJS throws on an alias it cannot resolve or an alias bomb.
    return { ok: false, message: e instanceof Error ? e.message.split('\n')[0] : String(e), at: 0 };
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** An error as the `yaml` package gives it (`pos`: offsets in the text parsed). */
export interface ParseError {
  code: string;
  message: string;
  pos: [number, number];
}

/**
 * The errors Bun makes of a text the `yaml` package parsed into `docs`: the package's own, less those Bun
 * does not make, or else the one Bun makes and the package does not. For the author's parse and Claude
 * Code's alike (Claude Code 2.1.332, found by the oracle):
 * - a tag followed at once by a character outside ASCII (`!nïcödé agent`, seed 832953): Bun ends the tag
 *   there and reads `ïcödé agent`; the package reads the same value but reports a missing space;
 * - a `:` after a flow collection on its line (`hooks: {}:`, seed 239034): the package reads a second pair
 *   with an empty key; Bun stops with "Unexpected token", so Claude Code's retry quotes the line.
 */
export function bunErrors(docs: readonly Document[], text: string): ParseError[] {
  const errors = docs.flatMap((d) => d.errors).filter((e) => !tagBeforeNonAscii(e, text));
  if (errors.length > 0) return errors;
  for (const doc of docs) {
    const at = emptyKeyAfterFlow(doc, text);
    if (at !== undefined) return [{ code: 'FLOW_BEFORE_COLON', message: 'Unexpected token', pos: [at, at + 1] }];
  }
  return [];
}

/** The text of `at`'s line before it. */
const lineBefore = (text: string, at: number) => text.slice(text.lastIndexOf('\n', at - 1) + 1, at);

function tagBeforeNonAscii(e: ParseError, text: string): boolean {
  return e.code === 'MISSING_CHAR' && text.charCodeAt(e.pos[0]) >= 0x80 && /(^|[\s[{,])!\S*$/.test(lineBefore(text, e.pos[0]));
}

/** Where the first `:` after a flow collection on its line stands, as an empty key of the `yaml` package. */
function emptyKeyAfterFlow(doc: Document, text: string): number | undefined {
  let at: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      if (!isScalar(key) || key.value !== null || !key.range || key.range[0] !== key.range[1]) return undefined;
      const before = lineBefore(text, key.range[0]).trimEnd();
      if (!/[}\]]$/.test(before) || !/\S/.test(before.slice(0, -1))) return undefined;
      at = key.range[0];
      return visit.BREAK;
    },
  });
  return at;
}

function restoreCommas(v: unknown): unknown {
  if (typeof v === 'string') return v.replaceAll(COMMA, ',');
  if (Array.isArray(v)) return v.map(restoreCommas);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replaceAll(COMMA, ','), restoreCommas(x)]));
  return v;
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
