/**
 * How Claude Code reads each frontmatter value once the YAML is parsed: the one reader of a tools list, a
 * model value, a number of turns, an effort level. Each function takes the value as Claude Code holds it
 * (plain JavaScript from the YAML parse) and returns what the agent gets, or undefined when the value is
 * dropped.
 */
import { AUTO_COMPACT_WINDOW_MIN, CACHE_TTL_VALUES, EFFORT_ALIASES, EFFORT_LEVELS, LOADER_MODEL_ALIASES, PERMISSION_MODE_ALIASES, PERMISSION_MODES } from '../schema';

/**
 * Splits tool strings the way Claude Code does: at commas and spaces (only U+0020) outside parentheses;
 * a `(` opens and a `)` closes (they do not nest); entries are trimmed and empty ones dropped.
 */
export function splitToolStrings(strings: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of strings) {
    if (!s) continue;
    let current = '';
    let inParens = false;
    const flush = () => {
      const t = current.trim();
      if (t) out.push(t);
      current = '';
    };
    for (const c of s) {
      if (c === '(') {
        inParens = true;
        current += c;
      } else if (c === ')') {
        inParens = false;
        current += c;
      } else if ((c === ',' || c === ' ') && !inParens) {
        flush();
      } else if (current !== '' || c.trim() !== '') {
        current += c;
      }
    }
    flush();
  }
  return out;
}

/**
 * A `tools` / `disallowedTools` / `skills` value as Claude Code reads it: undefined when absent or null,
 * `[]` for any falsy value (`""`, `false`, `0`), the split strings of a string or of a list's string items
 * (other items dropped), and `['*']` when any entry is `*`.
 */
function readToolEntries(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (!value) return [];
  const strings = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  if (strings.length === 0) return [];
  const entries = splitToolStrings(strings);
  return entries.includes('*') ? ['*'] : entries;
}

/**
 * `tools` / `disallowedTools`: the entries, or undefined for every tool (absent, or `*`). `tools:` with no
 * value, `""` or `false` give `[]`: the agent is listed with "All tools" and gets none.
 */
export function readToolsField(value: unknown): string[] | undefined {
  const entries = readToolEntries(value);
  if (entries === null) return value === undefined ? undefined : [];
  if (entries.includes('*')) return undefined;
  return entries;
}

/** `skills`: the entries (`*` kept), `[]` when absent. */
export function readSkillsField(value: unknown): string[] {
  return readToolEntries(value) ?? [];
}

/**
 * `model`: `inherit` or an alias (any case, given in lower case), or the string Claude Code sends to the
 * API: with every `[1m]` taken out (it asks for the 1M-token window by a header instead), then trimmed
 * (`son: [1m]` sends `son:`; the oracle, seed 4463).
 * Undefined for no model (the default).
 */
export function readModel(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const m = value.trim();
  const lower = m.toLowerCase();
  if (lower === 'inherit' || LOADER_MODEL_ALIASES.includes(lower)) return lower;
  return m.replace(/\[1m\]/gi, '').trim();
}

/** Scientific notation, and digits grouped by one separator (`1,000`, `1 000`, `1_000`), as Claude Code reads them. */
const SCIENTIFIC = /^[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d+$/;
const GROUPED = /^[+-]?\d{1,3}([_,\u00A0\u202F ])\d{3}(?:\1\d{3})*$/;
const GROUP_SEPARATORS = /[_,\u00A0\u202F ]/g;

/** A whole number as Claude Code takes it from a number or a text: `'10 turns'` is 10, `1,000` a thousand. */
function leadingInteger(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  const t = String(value).trim();
  if (t.length <= 32) {
    if (SCIENTIFIC.test(t)) {
      const n = Number(t);
      return Number.isInteger(n) ? n : NaN;
    }
    if (GROUPED.test(t)) return parseInt(t.replace(GROUP_SEPARATORS, ''), 10);
  }
  return parseInt(t, 10);
}

/** `maxTurns`: a positive integer, or undefined (dropped). */
export function readMaxTurns(value: unknown): number | undefined {
  const n = leadingInteger(value);
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** `autoCompactWindow`: an integer of at least AUTO_COMPACT_WINDOW_MIN, or undefined. */
export function readAutoCompactWindow(value: unknown): number | undefined {
  const n = readMaxTurns(value);
  return n !== undefined && Number.isSafeInteger(n) && n >= AUTO_COMPACT_WINDOW_MIN ? n : undefined;
}

/** `effort`: a level (any case, `med` for `medium`), or an integer; undefined when dropped. */
export function readEffort(value: unknown): string | number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  const n = String(value).toLowerCase();
  const level = Object.prototype.hasOwnProperty.call(EFFORT_ALIASES, n) ? EFFORT_ALIASES[n] : n;
  if (EFFORT_LEVELS.includes(level)) return level;
  const i = parseInt(n, 10);
  return Number.isInteger(i) ? i : undefined;
}

/** `permissionMode`: a mode (case-sensitive; `manual` is `default`), or undefined when dropped. */
export function readPermissionMode(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const mode = Object.prototype.hasOwnProperty.call(PERMISSION_MODE_ALIASES, value) ? PERMISSION_MODE_ALIASES[value] : value;
  return PERMISSION_MODES.includes(mode) ? mode : undefined;
}

/** `true` for `true` or `'true'`. */
export function readTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A key compared as Claude Code compares loosely spelled keys: `-` and `_` removed, lower case. */
export function looseKey(key: string): string {
  return key.replace(/[-_]/g, '').toLowerCase();
}

/** `experimental.cacheTtl` (its key spelled loosely): `5m` or `1h`, or undefined. */
export function readCacheTtl(experimental: unknown): string | undefined {
  if (typeof experimental !== 'object' || experimental === null) return undefined;
  const entry = Object.entries(experimental).find(([k]) => looseKey(k) === 'cachettl');
  const v: unknown = entry?.[1];
  return typeof v === 'string' && CACHE_TTL_VALUES.includes(v) ? v : undefined;
}
