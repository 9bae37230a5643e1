/** Small helpers for findings and fixes that rules share: fields by key, whole-line removal, close values. */
import type { AgentModel, Field } from '../../model';
import { nearMisses } from '../../similarity';
import type { Fix, OffsetRange } from '../../types';
import type { RuleFinding } from '../rule';
import { PerParse } from './per-parse';

const fieldsByKey = new PerParse<AgentModel, Map<string, Field[]>>();
const NO_FIELDS: readonly Field[] = [];

/**
 * Every field with this key (a file may repeat a key; each occurrence is checked). The fields are grouped
 * by key once per parsed file: many rules ask, for every known key, on every file.
 */
export function fieldsNamed(agent: AgentModel, key: string): readonly Field[] {
  if (!agent.frontmatter) return NO_FIELDS;
  return fieldsByKey.get(agent, groupByKey).get(key) ?? NO_FIELDS;
}

function groupByKey(agent: AgentModel): Map<string, Field[]> {
  const m = new Map<string, Field[]>();
  for (const f of agent.frontmatter?.fields ?? NO_FIELDS) {
    const all = m.get(f.key);
    if (all) all.push(f);
    else m.set(f.key, [f]);
  }
  return m;
}

/** The range of the whole lines a field occupies, with the line break after it. */
export function fieldLines(text: string, f: Field): OffsetRange {
  const start = text.lastIndexOf('\n', f.keyRange.start - 1) + 1;
  const nl = text.indexOf('\n', f.range.end);
  return { start, end: nl < 0 ? text.length : nl + 1 };
}

/** A fix removing a field (its whole lines). */
export function removeFieldFix(text: string, f: Field, isPreferred = false): Fix {
  return { title: `Remove \`${f.key}\``, isPreferred, edits: [{ range: fieldLines(text, f), newText: '' }] };
}

/** The same word but for case and `-` / `_` (`Model` and `model`, `disallowed-tools` and `disallowedTools`). */
export function sameButForCase(a: string, b: string): boolean {
  return a.replace(/[-_]/g, '').toLowerCase() === b.replace(/[-_]/g, '').toLowerCase();
}

/**
 * One fix per allowed value close to `value` (closest first); preferred only when exactly one is close, and
 * safe (applied by fix-all) only when that one differs from `value` in nothing but case and separators.
 * `render` turns the allowed value into the replacement text.
 */
export function closeValueFixes(
  value: string,
  allowed: readonly string[],
  range: OffsetRange,
  title: (v: string) => string,
  render: (v: string) => string = (v) => v,
): { close: string[]; fixes: Fix[] } {
  const close = closeCandidates(value, allowed);
  const fixes = close.map((v) => ({
    title: title(v),
    isPreferred: close.length === 1,
    safe: close.length === 1 && sameButForCase(v, value),
    edits: [{ range, newText: render(v) }],
  }));
  return { close, fixes };
}

/**
 * A finding for each key of the map-valued `fieldKey` fields that is not in `known`, on the key, with a
 * rename fix per known key close to it (`message` gets the key and those close keys).
 */
export function unknownMapKeys(
  agent: AgentModel,
  fieldKey: string,
  known: readonly string[],
  alsoKnown: (key: string) => boolean,
  message: (key: string, close: string[]) => string,
): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const f of fieldsNamed(agent, fieldKey)) {
    if (f.value.kind !== 'map') continue;
    for (const e of f.value.entries) {
      if (known.includes(e.key) || alsoKnown(e.key)) continue;
      const { close, fixes } = closeValueFixes(e.key, known, e.keyRange, (v) => `Rename to ${v}`);
      out.push({ message: message(e.key, close), range: e.keyRange, fixes });
    }
  }
  return out;
}

/**
 * The candidates `word` is a near miss of (similarity.nearMisses), plus those it matches with two
 * neighbouring letters swapped (`Gerp` -> `Grep`, `Bsah` -> `Bash`), closest first.
 */
export function closeCandidates(word: string, candidates: readonly string[]): string[] {
  const close = nearMisses(word, candidates);
  const w = word.toLowerCase();
  for (const c of candidates) {
    if (c.length !== w.length || c === word || close.includes(c)) continue;
    if (swapsNeighbours(c.toLowerCase(), w)) close.push(c);
  }
  return close;
}

/** `a` and `b` (of one length) differ only by two neighbouring letters swapped. */
function swapsNeighbours(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i + 1 >= a.length || a[i] !== b[i + 1] || a[i + 1] !== b[i]) return false;
  return a.slice(i + 2) === b.slice(i + 2);
}

/** `a`, `b` or `c` as Markdown code, for messages. */
export function listOf(values: readonly string[], conjunction = 'or'): string {
  const q = values.map((v) => `\`${v}\``);
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join(', ')} ${conjunction} ${q[q.length - 1]}`;
}

/** record[key] when it is the record's own property (so `constructor` is not a legacy value). */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
