/**
 * Reads `tools` / `disallowedTools` into entries, each with the source range of its own text, so that a
 * finding points at one entry and a fix replaces or removes just that entry. Both forms are read: the comma
 * string (`Read, Grep, Bash(git diff *)`) and the YAML list. Like Claude Code, every string (the whole
 * value, or each list item) is split at commas and spaces outside parentheses: `Read Grep` is two tools,
 * `Bash(git diff *, git log *)` one.
 *
 * Offsets inside a comma string are exact for plain scalars and for quoted scalars without escapes; when
 * they cannot be mapped (escapes, `''` in single quotes) every entry gets the whole value's range and
 * `exact` is false, and fixes that need an entry's own range are not offered.
 */
import type { AgentModel, Field, FieldValue } from '../../model';
import { currentToolName, legacyTool, ruleParens } from '../../claude-code/tools';
import { getField } from './fields';
import { PerParse } from './per-parse';
import { AGENT_SPAWN_TOOLS, ALL_TOOLS_WILDCARD, MCP_ALL, MCP_PREFIX, TOOLS } from '../../schema';
import type { OffsetRange, TextEdit } from '../../types';

export type ToolListKey = 'tools' | 'disallowedTools';

export interface ToolEntry {
  /** The entry as Claude Code reads it, trimmed. */
  text: string;
  /** Its source range (the whole value when `exact` is false). */
  range: OffsetRange;
  /** `range` is the entry's own text (quotes of a list item excluded). */
  exact: boolean;
  /** The entry with its quotes, for removing it. */
  outer: OffsetRange;
  /** The tool name: the text before `(`, or the whole entry. */
  name: string;
  /** Source range of the name (exact only when `exact`). */
  nameRange: OffsetRange;
  /** The text inside `Tool(...)`, when there are parentheses. */
  specifier?: string;
  /** `mcp__...` entries. */
  mcp: boolean;
  /** No parentheses, or a name, a `(` and a last `)` that ends the entry (as Claude Code reads rules). */
  wellFormed: boolean;
}

export interface ToolList {
  key: ToolListKey;
  field: Field;
  form: 'string' | 'list';
  entries: ToolEntry[];
  /** A list item held more than one entry (`- Read, Grep`). */
  splitItems: boolean;
}

export type ToolStatus = 'known' | 'legacy' | 'mcp' | 'unknown';

type ToolLists = Partial<Record<ToolListKey, ToolList | null>>;
const cache = new PerParse<AgentModel, ToolLists>();
const noLists = (): ToolLists => ({});

/**
 * The tool list of this key, or undefined when the field is absent or not a string or list. Read once per
 * parsed agent: every tools rule asks for the same lists.
 */
export function readToolList(agent: AgentModel, text: string, key: ToolListKey): ToolList | undefined {
  const lists = cache.get(agent, noLists);
  if (!(key in lists)) lists[key] = read(agent, text, key) ?? null;
  return lists[key] ?? undefined;
}

function read(agent: AgentModel, text: string, key: ToolListKey): ToolList | undefined {
  const field = getField(agent, key);
  if (!field) return undefined;
  const v = field.value;
  if (v.kind === 'list') {
    const entries: ToolEntry[] = [];
    let splitItems = false;
    for (const item of v.items) {
      if (item.kind === 'number' || item.kind === 'boolean') entries.push(makeEntry(item.source, item.range, true));
      if (item.kind !== 'string') continue;
      const es = stringEntries(item, text);
      // One entry per item: removing it removes the item with its quotes and `- `.
      if (es.length === 1) es[0].outer = item.range;
      else if (es.length > 1) splitItems = true;
      for (const e of es) entries.push(e); // not push(...es): an item may hold any number of entries
    }
    return { key, field, form: 'list', entries, splitItems };
  }
  if (v.kind === 'string') return { key, field, form: 'string', entries: stringEntries(v, text), splitItems: false };
  return undefined;
}

/** What a tool of Claude Code does, by its name; undefined for a name that is not one (`constructor` neither). */
export function toolDoc(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(TOOLS, name) ? TOOLS[name] : undefined;
}

/** Known, legacy, MCP or unknown, by the entry's tool name. */
export function toolStatus(e: ToolEntry): ToolStatus {
  if (e.mcp) return 'mcp';
  if (toolDoc(e.name) !== undefined || e.text === ALL_TOOLS_WILDCARD) return 'known';
  if (legacyTool(e.name)) return 'legacy';
  return 'unknown';
}

/** `Agent(type)` / `Task(type)`: a rule about which agents may be started. */
export function isAgentTypeRule(e: ToolEntry): boolean {
  return e.specifier !== undefined && AGENT_SPAWN_TOOLS.includes(e.name);
}

/**
 * Does the deny entry `deny` (from disallowedTools) remove the tool entry `allow` (from tools)? Any entry
 * of the same tool does, with or without a rule: for a subagent Claude Code takes away the whole tool
 * (`Bash(rm *)` denies Bash). So do `mcp__*` and a whole MCP server (`mcp__server`, `mcp__server__*`).
 */
export function denies(deny: ToolEntry, allow: ToolEntry): boolean {
  if (deny.text === allow.text) return true;
  if (deny.mcp) {
    if (!allow.mcp) return false;
    if (deny.text === MCP_ALL) return true;
    const rest = deny.text.slice(MCP_PREFIX.length);
    const server = rest.endsWith('__*') ? rest.slice(0, -3) : rest.includes('__') ? undefined : rest;
    if (server === undefined) return false;
    const prefix = MCP_PREFIX + server;
    return allow.text === prefix || allow.text.startsWith(prefix + '__');
  }
  return !allow.mcp && currentToolName(deny.name) === currentToolName(allow.name);
}

/**
 * An edit removing entry `index` with its separator (the one after it, or before it for the last entry),
 * or undefined when the list has one entry or the offsets are not exact.
 */
export function removalEdit(list: ToolList, index: number): TextEdit | undefined {
  const es = list.entries;
  if (es.length < 2 || list.splitItems || es.some((e) => !e.exact)) return undefined;
  const range = index + 1 < es.length ? { start: es[index].outer.start, end: es[index + 1].outer.start } : { start: es[index - 1].outer.end, end: es[index].outer.end };
  return { range, newText: '' };
}

function stringEntries(v: Extract<FieldValue, { kind: 'string' }>, text: string): ToolEntry[] {
  const parts = splitTools(v.value);
  const raw = rawInner(v, text);
  if (raw) {
    const rawParts = splitTools(text.slice(raw.start, raw.end), true).map((p) => ({ start: raw.start + p.start, end: raw.start + p.end }));
    const norm = (s: string) => s.replace(/\s+/g, ' ');
    if (rawParts.length === parts.length && rawParts.every((r, i) => norm(text.slice(r.start, r.end)) === norm(parts[i].text))) {
      // Exact when the entry's source is the entry itself (a folded plain scalar may differ inside).
      return parts.map((p, i) => {
        const same = text.slice(rawParts[i].start, rawParts[i].end) === p.text;
        return makeEntry(p.text, same ? rawParts[i] : v.range, same);
      });
    }
  }
  return parts.map((p) => makeEntry(p.text, v.range, false));
}

/** The source range holding the scalar's characters one for one, or undefined when escapes are in the way. */
function rawInner(v: Extract<FieldValue, { kind: 'string' }>, text: string): OffsetRange | undefined {
  const raw = text.slice(v.range.start, v.range.end);
  switch (v.style) {
    case 'plain':
      return v.range;
    case 'double-quoted':
      return raw.includes('\\') ? undefined : { start: v.range.start + 1, end: v.range.end - 1 };
    case 'single-quoted':
      return raw.slice(1, -1).includes("''") ? undefined : { start: v.range.start + 1, end: v.range.end - 1 };
    default: {
      // Block scalar: the text starts on the line after the `|` / `>` header.
      const nl = raw.indexOf('\n');
      return nl < 0 ? undefined : { start: v.range.start + nl + 1, end: v.range.end };
    }
  }
}

/**
 * Splits like Claude Code: at commas and spaces outside parentheses (a `(` opens, a `)` closes; they do
 * not nest). With `anyWhiteSpace`, line breaks and tabs split too (for the source text of a scalar folded
 * over lines). Parts are trimmed, empty parts dropped. Offsets relative to `s`.
 */
export function splitTools(s: string, anyWhiteSpace = false): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  let inParens = false;
  let from = -1;
  const push = (to: number) => {
    let b = to;
    while (b > from && /\s/.test(s[b - 1])) b--;
    if (from >= 0 && b > from) out.push({ text: s.slice(from, b), start: from, end: b });
    from = -1;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') inParens = true;
    else if (c === ')') inParens = false;
    else if (!inParens && (c === ',' || c === ' ' || (anyWhiteSpace && /\s/.test(c)))) {
      push(i);
      continue;
    }
    if (from < 0) from = i;
  }
  push(s.length);
  return out;
}

function makeEntry(value: string, range: OffsetRange, exact: boolean, outer: OffsetRange = range): ToolEntry {
  // As Claude Code reads a rule: the tool name before the first `(`, the specifier up to the last `)`,
  // which must end the entry (parentheses a backslash escapes do not count).
  const { open: paren, close } = ruleParens(value);
  const mcp = value.startsWith(MCP_PREFIX);
  const name = (paren < 0 ? value : value.slice(0, paren)).trim();
  let specifier: string | undefined;
  let wellFormed = close < 0;
  if (paren >= 0) {
    wellFormed = close === value.length - 1 && close > paren && name !== '';
    specifier = value.slice(paren + 1, close > paren ? close : value.length);
  }
  const nameRange = exact ? { start: range.start, end: range.start + (paren < 0 ? value.length : value.slice(0, paren).trimEnd().length) } : range;
  return { text: value, range, exact, outer, name, nameRange, specifier, mcp, wellFormed };
}
