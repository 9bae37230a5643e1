/**
 * `subagent-studio list`: Claude Code's reading of each agent file, one entry per file. The JSON form is a
 * contract (README, "The list command"): the oracle tests compare it with what the real Claude Code loads.
 */
import { readAsClaudeCode, type AgentScope, type ClaudeCodeReading } from '../core/claude-code/reading';
import { listingCost, type AgentSet, type ShadowReason } from '../core/claude-code/set';
import { tokensOfLength } from '../core/schema';
import { isPluginAgentPath } from '../core/lint';
import { parseFrontmatter } from '../core/parse';
import { readAgentFileSync } from '../fs/agent-file';

export interface ListEntry {
  file: string;
  /** The file's own verdict (a same-named file may still shadow it). */
  loads: boolean;
  /** Why it does not load; absent when it loads. */
  reason?: string;
  name: string | null;
  /** The description as the main conversation gets it. */
  description: string | null;
  /** As the main conversation is told: `All tools`, `Read, Grep`, `All tools except Write`, `None`. */
  tools: string | null;
  /** The tools the agent gets, or null for every tool. */
  toolNames: string[] | null;
  /** Whether the agent can start (false: Claude Code refuses it, no listed tool resolves). */
  runs: boolean;
  /** The alias or the string Claude Code sends as the model; `inherit` when none. */
  model: string | null;
}

/** The scope a file is read in, from its path. */
export function scopeOf(file: string): AgentScope {
  return isPluginAgentPath(file) ? 'plugin' : 'project';
}

export function listEntry(file: string, reading: ClaudeCodeReading): ListEntry {
  if (!reading.loads) return notRead(file, reading.notLoaded?.reason ?? 'it is not an agent file');
  return {
    file,
    loads: true,
    name: reading.name ?? null,
    description: reading.description ?? null,
    tools: reading.listedTools,
    toolNames: reading.resolution.toolNames,
    runs: reading.resolution.runs,
    model: reading.model,
  };
}

/** Reads each file and gives its entry; an unreadable file is an InputError. */
export function listFiles(files: readonly string[]): ListEntry[] {
  return files.map((file) => {
    const read = readAgentFileSync(file);
    if (read.kind === 'too-large') return notRead(file, 'it is larger than 1 MiB, and Claude Code does not read it');
    return listEntry(file, readAsClaudeCode(read.text, { scope: scopeOf(file), fileName: file, agent: parseFrontmatter(read.text) }));
  });
}

function notRead(file: string, reason: string): ListEntry {
  return { file, loads: false, reason, name: null, description: null, tools: null, toolNames: null, runs: false, model: null };
}

/** An entry of the set a session has: also its scope, and whether Claude Code uses it for its name. */
export interface SetListEntry extends ListEntry {
  scope: AgentScope;
  used: boolean;
  /** The file Claude Code uses for this name instead, or null. */
  shadowedBy: string | null;
}

/** The entries of a session's agent set: every file of every scope, the used ones first within a scope. */
export function setEntries(set: AgentSet): Array<SetListEntry & { why?: ShadowReason; tokens: number }> {
  return set.entries.map((e) => ({
    ...listEntry(e.file, e.reading),
    scope: e.scope,
    used: e.used,
    shadowedBy: e.shadowedBy?.file ?? null,
    why: e.shadowedBy?.why,
    tokens: e.used ? tokensOfLength(listingCost(e.reading)) : 0,
  }));
}

export function formatListJson(entries: readonly ListEntry[]): string {
  return JSON.stringify(entries, null, 2) + '\n';
}

/** The JSON of a session's set: the contract's fields only. */
export function formatSetJson(entries: ReturnType<typeof setEntries>): string {
  return formatListJson(entries.map(({ why: _why, tokens: _tokens, ...e }) => e));
}

const WHY: Record<ShadowReason, string> = { scope: 'a scope of higher rank', 'nearer-folder': 'a folder nearer the working folder', 'read-order': 'read after this one' };

function state(e: ListEntry & { shadowedBy?: string | null; why?: ShadowReason }, display: (file: string) => string = (f) => f): string {
  if (!e.loads) return `not loaded: ${e.reason ?? ''}`;
  if (e.shadowedBy) return `shadowed by ${display(e.shadowedBy)} (${e.why ? WHY[e.why] : ''})`;
  return e.runs ? 'loads' : 'cannot start';
}

/** Rows padded to their columns (the last column as it is). */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const cell = (s: string, w: number) => (s.length > w ? s.slice(0, w - 1) + '…' : s.padEnd(w));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : cell(c, widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** A table people can read in a terminal: name, state, model, tools, file. */
export function formatListText(entries: readonly ListEntry[]): string {
  const rows = entries.map((e) => [e.name ?? '—', state(e), e.model ?? '—', e.tools ?? '—', e.file]);
  const loaded = entries.filter((e) => e.loads).length;
  return [...table(['NAME', 'STATE', 'MODEL', 'TOOLS', 'FILE'], rows), '', `${loaded} of ${entries.length} agent files load`].join('\n') + '\n';
}

/**
 * The session's set as a table: name, scope, state, model, tools, tokens, file; and what it all costs.
 * `display` shortens a path for the eye (relative to the working folder, `~` for the home folder).
 */
export function formatSetText(entries: ReturnType<typeof setEntries>, budget: AgentSet['budget'], display: (file: string) => string = (f) => f): string {
  const rows = entries.map((e) => [e.name ?? '—', e.scope, state(e, display), e.model ?? '—', e.tools ?? '—', e.used ? String(e.tokens) : '—', display(e.file)]);
  const used = entries.filter((e) => e.used).length;
  const notLoaded = entries.filter((e) => !e.loads).length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const summary = `${plural(used, 'agent', 'agents')} from ${plural(entries.length, 'file', 'files')} (${notLoaded} not loaded); their entries cost the main conversation about ${budget.tokens} tokens on every turn${budget.over ? `, over the ${budget.limit} at which Claude Code warns` : ` (Claude Code warns over ${budget.limit})`}`;
  return [...table(['NAME', 'SCOPE', 'STATE', 'MODEL', 'TOOLS', 'TOKENS', 'FILE'], rows), '', summary].join('\n') + '\n';
}
