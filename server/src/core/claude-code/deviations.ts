/**
 * Where Claude Code reads a value otherwise than the author evidently meant: a line the retry quoted
 * whole (`model: haiku # cheap` becomes the model `haiku # cheap`), a frontmatter cut short at a `---`
 * inside it, a description cut at ` #`, and duplicate keys of which only the last counts.
 */
import type { Field } from '../model';
import { field } from '../parse';
import type { OffsetRange } from '../types';
import type { ClaudeCodeSplit } from './split';
import type { AuthorParse } from './reading';
import { parseLikeBun, type RewrittenLine } from './yaml';

export type Deviation =
  /** The retry quoted this line whole; the author meant `meant`, Claude Code reads `read`. */
  | { kind: 'rewritten'; key: string; range: OffsetRange; meant: string; read: string }
  /** Claude Code's frontmatter ends at this `---`; the keys after it are body text. */
  | { kind: 'cut'; range: OffsetRange; key?: string; lostKeys: string[] }
  /** ` #` starts a YAML comment inside the description: Claude Code reads only `read`. */
  | { kind: 'comment'; key: string; range: OffsetRange; meant: string; read: string }
  /** A key given again later: Claude Code reads only the last one. */
  | { kind: 'duplicate-key'; key: string; range: OffsetRange; last: Field };

/** What the author meant by one `key: value` line, read alone as YAML; undefined when it is not YAML alone. */
export function meantByLine(key: string, value: string): string | undefined {
  const alone = parseLikeBun(`${key}: ${value}`);
  if (!alone.ok || typeof alone.value !== 'object' || alone.value === null || Array.isArray(alone.value)) return undefined;
  const v = (alone.value as Record<string, unknown>)[key];
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? undefined : String(v);
}

/** True when the text at `at` starts a line that is only `---` (and blanks); `\n`, `\r\n` and a lone `\r` end lines. */
function isDelimiterLine(text: string, at: number): boolean {
  if (at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r') return false;
  let i = at + 3;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i === text.length || text[i] === '\n' || text[i] === '\r';
}

export function findDeviations(
  text: string,
  split: ClaudeCodeSplit | undefined,
  yamlParsed: boolean,
  rewritten: readonly RewrittenLine[],
  agent: AuthorParse | undefined,
): Deviation[] {
  const out: Deviation[] = [];
  for (const line of rewritten) {
    const meant = meantByLine(line.key, line.value);
    if (meant !== undefined && meant !== line.value) out.push({ kind: 'rewritten', key: line.key, range: line.valueRange, meant, read: line.value });
  }
  const fields = agent?.frontmatter?.fields ?? [];
  if (split && !isDelimiterLine(text, split.closer.start)) {
    const closer = split.closer.start;
    const inField = fields.find((f) => f.keyRange.start < closer && closer <= Math.max(f.range.end, lineEndOf(text, f.keyRange.start)));
    out.push({ kind: 'cut', range: split.closer, key: inField?.key, lostKeys: fields.filter((f) => f.keyRange.start > closer).map((f) => f.key) });
  }
  const description = field(fields, 'description');
  if (yamlParsed && description && description.value.kind === 'string' && description.value.style === 'plain') {
    const v = description.value;
    const lineEnd = lineEndOf(text, v.range.end);
    const rest = text.slice(v.range.end, lineEnd);
    const hash = rest.indexOf('#');
    // Inside the frontmatter only: a `---` later on the line may have ended it first.
    if (hash >= 0 && (!split || v.range.end + hash < split.content.end)) {
      const meant = text.slice(v.range.start, lineEnd).trimEnd();
      out.push({ kind: 'comment', key: 'description', range: { start: v.range.end + hash, end: lineEnd }, meant, read: v.value });
    }
  }
  const seen = new Map<string, Field>();
  for (let i = fields.length - 1; i >= 0; i--) {
    const f = fields[i];
    const last = seen.get(f.key);
    if (last) out.push({ kind: 'duplicate-key', key: f.key, range: f.keyRange, last });
    else seen.set(f.key, f);
  }
  return out;
}

/** Where the line holding `at` ends, before its `\n`, `\r\n` or lone `\r`. */
function lineEndOf(text: string, at: number): number {
  let end = at;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}
