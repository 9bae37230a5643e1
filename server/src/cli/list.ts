/**
 * `subagent-studio list`: Claude Code's reading of each agent file, one entry per file. The JSON form is a
 * contract (README, "The list command"): the oracle tests compare it with what the real Claude Code loads.
 */
import { readAsClaudeCode, type AgentScope, type ClaudeCodeReading } from '../core/claude-code/reading';
import { isPluginAgentPath } from '../core/lint';
import { parseAgent } from '../core/parse';
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
    return listEntry(file, readAsClaudeCode(read.text, { scope: scopeOf(file), fileName: file, agent: parseAgent(read.text) }));
  });
}

function notRead(file: string, reason: string): ListEntry {
  return { file, loads: false, reason, name: null, description: null, tools: null, toolNames: null, runs: false, model: null };
}

export function formatListJson(entries: readonly ListEntry[]): string {
  return JSON.stringify(entries, null, 2) + '\n';
}

/** A table people can read in a terminal: name, state, model, tools, file. */
export function formatListText(entries: readonly ListEntry[]): string {
  const rows = entries.map((e) => [
    e.name ?? '—',
    e.loads ? (e.runs ? 'loads' : 'cannot start') : `not loaded: ${e.reason ?? ''}`,
    e.model ?? '—',
    e.tools ?? '—',
    e.file,
  ]);
  const header = ['NAME', 'STATE', 'MODEL', 'TOOLS', 'FILE'];
  const widths = header.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const cell = (s: string, w: number) => (s.length > w ? s.slice(0, w - 1) + '…' : s.padEnd(w));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : cell(c, widths[i]))).join('  ').trimEnd();
  const loaded = entries.filter((e) => e.loads).length;
  return [line(header), ...rows.map(line), '', `${loaded} of ${entries.length} agent files load`].join('\n') + '\n';
}
