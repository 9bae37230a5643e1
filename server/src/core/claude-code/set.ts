/**
 * The agents a Claude Code session has: of the agent files of every scope, which file each name comes
 * from, which files it shadows and why, which files do not load, and what all descriptions cost the main
 * conversation. Pure: the hosts (CLI, language server) find the files and read them.
 *
 * Claude Code keeps one agent per name, the last in this order (spec §2): plugin, user, project folders
 * from the farthest above the working folder to the working folder itself, managed; within one folder,
 * files in the order of their paths (JavaScript string order). A file that does not load takes no part.
 */
import { DESCRIPTIONS_TOKEN_WARNING, tokensOfLength } from '../schema';
import type { AgentScope, ClaudeCodeReading } from './reading';

/** What the set needs of a file's reading (hosts that keep less than the whole reading pass that). */
export type SetReading = Pick<ClaudeCodeReading, 'loads' | 'name' | 'listing'>;

/** One folder Claude Code reads agent files from. */
export interface AgentSource<R extends SetReading = ClaudeCodeReading> {
  scope: AgentScope;
  /** The folder (for reports); for project folders, `depth` orders them. */
  folder: string;
  /** Project folders: how many folders lie above this one (deeper is nearer the working folder, and wins). */
  depth?: number;
  files: Array<{ file: string; reading: R }>;
}

export type ShadowReason =
  /** A file of a scope of higher rank (project over user) has the name. */
  | 'scope'
  /** A project folder nearer the working folder has the name. */
  | 'nearer-folder'
  /** A file of the same folder that Claude Code reads later (its path comes after this one's). */
  | 'read-order';

export interface SetEntry<R extends SetReading = ClaudeCodeReading> {
  file: string;
  scope: AgentScope;
  folder: string;
  reading: R;
  /** Claude Code uses this file for its name. */
  used: boolean;
  /** The file Claude Code uses instead, and why; absent when this one is used or does not load. */
  shadowedBy?: { file: string; scope: AgentScope; why: ShadowReason };
  /** The files this one shadows (when it is used). */
  shadows: string[];
}

export interface AgentSet<R extends SetReading = ClaudeCodeReading> {
  /** Every file, in the order the sources and their files were given. */
  entries: SetEntry<R>[];
  /** The file used for each name. */
  byName: Map<string, SetEntry<R>>;
  /** What the used agents' entries cost the main conversation on every turn. */
  budget: { chars: number; tokens: number; limit: number; over: boolean };
}

const RANK: Record<AgentScope, number> = { plugin: 0, user: 1, project: 2, managed: 3 };

/** The place of a source in Claude Code's order: later wins. */
function order(s: AgentSource<SetReading>): [number, number] {
  return [RANK[s.scope], s.depth ?? 0];
}

export function agentSet<R extends SetReading>(sources: readonly AgentSource<R>[]): AgentSet<R> {
  const entries: SetEntry<R>[] = [];
  const ranked: Array<{ entry: SetEntry<R>; key: [number, number]; path: string }> = [];
  for (const s of sources) {
    for (const f of s.files) {
      const entry: SetEntry<R> = { file: f.file, scope: s.scope, folder: s.folder, reading: f.reading, used: false, shadows: [] };
      entries.push(entry);
      if (f.reading.loads && f.reading.name !== undefined) ranked.push({ entry, key: order(s), path: f.file });
    }
  }
  // Stable sort: by scope and folder depth, then by path within a folder.
  ranked.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || (a.entry.folder === b.entry.folder ? (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) : 0));
  const byName = new Map<string, SetEntry<R>>();
  const named = new Map<string, SetEntry<R>[]>();
  for (const { entry } of ranked) {
    const name = entry.reading.name!;
    byName.set(name, entry);
    const all = named.get(name);
    if (all) all.push(entry);
    else named.set(name, [entry]);
  }
  for (const [name, all] of named) {
    const winner = byName.get(name)!;
    winner.used = true;
    for (const e of all) {
      if (e === winner) continue;
      const why: ShadowReason = e.scope !== winner.scope ? 'scope' : e.folder !== winner.folder ? 'nearer-folder' : 'read-order';
      e.shadowedBy = { file: winner.file, scope: winner.scope, why };
      winner.shadows.push(e.file);
    }
  }
  let chars = 0;
  for (const e of byName.values()) chars += listingCost(e.reading);
  const tokens = tokensOfLength(chars);
  return { entries, byName, budget: { chars, tokens, limit: DESCRIPTIONS_TOKEN_WARNING, over: tokens > DESCRIPTIONS_TOKEN_WARNING } };
}

/** What one agent's entry costs the main conversation, in characters: its listing line and its line break. */
export function listingCost(reading: SetReading): number {
  return (reading.listing ?? '').length + 1;
}
