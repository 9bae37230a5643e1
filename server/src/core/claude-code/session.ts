/**
 * The agents of one Claude Code session, kept current file by file for a host that follows the files (the
 * language server): the agents folders of each scope, what the set needs and the Agents view shows of each
 * file (an AgentSummary, not its parse), and the set itself (set.ts), made again only after a change.
 *
 * It also answers the workspace rules about one file whose text may be newer than its summary (an editor
 * is open on it): which namesakes it shadows or is shadowed by, and whether it carries the report of the
 * session's description budget. Both come from the same `agentSet`, run on the namesakes alone.
 * Pure: the host finds and reads the files.
 */
import type { LspRange } from '../positions';
import type { SessionBudget, SessionNamesake, SessionShadowing, WorkspaceView } from '../rules/rule';
import { DESCRIPTIONS_TOKEN_WARNING, tokensOfLength } from '../schema';
import type { OffsetRange } from '../types';
import type { AgentScope, ClaudeCodeReading } from './reading';
import { agentSet, listingCost, type AgentSet, type AgentSource, type SetEntry, type SetReading } from './set';

/** What a session keeps of one agent file: what the set, the Agents view and the workspace rules need. */
export interface AgentSummary extends SetReading {
  /** Why Claude Code does not load it; absent when it loads. */
  reason?: string;
  /** It loads and can start (false: Claude Code lists it but refuses to start it). */
  runs: boolean;
  /** `inherit`, an alias, or the string sent to the API. */
  model: string;
  /** How many tools the agent gets; null for every tool of the main conversation (but the denied ones). */
  toolCount: number | null;
  /** Where its `name` value and its `description` key stand, for related information. */
  nameRange?: OffsetRange;
  namePosition?: LspRange;
  descriptionRange?: OffsetRange;
  descriptionPosition?: LspRange;
}

/** One agents folder of the session, in Claude Code's order (set.ts). */
export interface SessionFolder {
  scope: AgentScope;
  folder: string;
  depth?: number;
}

/** How the host names a file: its URI (for related information) and its path as people read it. */
export interface FileNames {
  uri(file: string): string;
  display(file: string): string;
}

const NO_POSITION: LspRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
/** How many of the next largest descriptions the budget's report points at. */
const BUDGET_RELATED = 2;

interface Folder<S> {
  info: SessionFolder;
  files: Map<string, S>;
}

interface Made<S extends SetReading> {
  set: AgentSet<S>;
  byFile: Map<string, SetEntry<S>>;
  /** The used entries, largest first (the first few: what the budget's report needs). */
  largest: SetEntry<S>[];
}

export class AgentSession<S extends AgentSummary = AgentSummary> {
  private folders: Folder<S>[] = [];
  /** The files that load, by name. */
  private readonly named = new Map<string, Set<string>>();
  private made?: Made<S>;

  /** `cwd`: the session's working folder. */
  constructor(readonly cwd: string) {}

  /** The folders of the session, in Claude Code's order; the files of a folder that stays are kept. */
  setFolders(infos: readonly SessionFolder[]): void {
    const old = new Map(this.folders.map((f) => [f.info.folder, f]));
    for (const f of this.folders) if (!infos.some((i) => i.folder === f.info.folder)) for (const file of f.files.keys()) this.unname(file, f.files.get(file)!);
    this.folders = infos.map((info) => ({ info, files: old.get(info.folder)?.files ?? new Map<string, S>() }));
    this.made = undefined;
  }

  get folderList(): readonly SessionFolder[] {
    return this.folders.map((f) => f.info);
  }

  /** The folder a file belongs to (the innermost that holds it), if any. */
  private folderOf(file: string): Folder<S> | undefined {
    let best: Folder<S> | undefined;
    for (const f of this.folders) {
      const dir = f.info.folder;
      const inside = file.length > dir.length && file.startsWith(dir) && (file[dir.length] === '/' || file[dir.length] === '\\');
      if (inside && (!best || dir.length > best.info.folder.length)) best = f;
    }
    return best;
  }

  /** Whether the file lies in one of the session's agents folders. */
  holds(file: string): boolean {
    return this.folderOf(file) !== undefined;
  }

  /** The scope of the folder that holds the file. */
  scopeOf(file: string): AgentScope | undefined {
    return this.folderOf(file)?.info.scope;
  }

  /** Whether `folder` is one of the session's agents folders. */
  hasFolder(folder: string): boolean {
    return this.folders.some((f) => f.info.folder === folder);
  }

  /** Every file of a folder at once (after reading it whole). */
  replaceFolder(folder: string, files: Iterable<readonly [string, S]>): void {
    const f = this.folders.find((x) => x.info.folder === folder);
    if (!f) return;
    for (const [file, s] of f.files) this.unname(file, s);
    f.files = new Map(files);
    for (const [file, s] of f.files) this.name(file, s);
    this.made = undefined;
  }

  /** Records (or, with undefined, removes) one file; false when it lies in none of the session's folders. */
  setFile(file: string, summary: S | undefined): boolean {
    const f = this.folderOf(file);
    if (!f) return false;
    const old = f.files.get(file);
    if (old) this.unname(file, old);
    if (summary) {
      f.files.set(file, summary);
      this.name(file, summary);
    } else f.files.delete(file);
    this.made = undefined;
    return true;
  }

  summaryOf(file: string): S | undefined {
    return this.folderOf(file)?.files.get(file);
  }

  private name(file: string, s: S): void {
    if (!s.loads || s.name === undefined) return;
    const same = this.named.get(s.name);
    if (same) same.add(file);
    else this.named.set(s.name, new Set([file]));
  }

  private unname(file: string, s: S): void {
    if (s.name === undefined) return;
    const same = this.named.get(s.name);
    same?.delete(file);
    if (same?.size === 0) this.named.delete(s.name);
  }

  /** The set of the session (made again after a change). */
  get set(): AgentSet<S> {
    return this.build().set;
  }

  private build(): Made<S> {
    if (this.made) return this.made;
    const set = agentSet<S>(this.folders.map((f) => ({ ...f.info, files: [...f.files].map(([file, reading]) => ({ file, reading })) })));
    const byFile = new Map(set.entries.map((e) => [e.file, e]));
    const largest = [...set.byName.values()].sort((a, b) => listingCost(b.reading) - listingCost(a.reading) || compare(a.file, b.file)).slice(0, BUDGET_RELATED + 1);
    return (this.made = { set, byFile, largest });
  }

  /**
   * The set of the file's namesakes, with `reading` in place of what is recorded for the file (the text of
   * an open editor may be newer). Undefined outside the session's folders.
   */
  private namesakeSet(file: string, reading: SetReading): AgentSet<SetReading> | undefined {
    const own = this.folderOf(file);
    if (!own) return undefined;
    const sources = new Map<Folder<S>, AgentSource<SetReading>>([[own, { ...own.info, files: [{ file, reading }] }]]);
    if (reading.loads && reading.name !== undefined) {
      for (const other of this.named.get(reading.name) ?? []) {
        if (other === file) continue;
        const f = this.folderOf(other)!;
        const source = sources.get(f) ?? { ...f.info, files: [] };
        source.files.push({ file: other, reading: f.files.get(other)! });
        sources.set(f, source);
      }
    }
    // In the session's order of folders, as the whole set is made.
    return agentSet(this.folders.flatMap((f) => sources.get(f) ?? []));
  }

  /** The file's entry in the set, read as `reading`; undefined outside the session's folders. */
  entryWith(file: string, reading: SetReading): SetEntry<SetReading> | undefined {
    return this.namesakeSet(file, reading)?.entries.find((e) => e.file === file);
  }

  /** How the file's agent, read as `reading`, stands against its namesakes; undefined when it has none. */
  shadowing(file: string, reading: SetReading, names: FileNames): SessionShadowing | undefined {
    const set = this.namesakeSet(file, reading);
    const e = set?.entries.find((x) => x.file === file);
    if (!set || !e || (!e.shadowedBy && e.shadows.length === 0)) return undefined;
    const namesake = (other: string, why: SessionNamesake['why']): SessionNamesake => {
      const f = this.folderOf(other)!;
      const s = f.files.get(other);
      return {
        uri: names.uri(other),
        display: names.display(other),
        scope: f.info.scope,
        why,
        nameRange: s?.nameRange ?? { start: 0, end: 0 },
        namePosition: s?.namePosition ?? NO_POSITION,
      };
    };
    const whyOf = (other: string) => set.entries.find((x) => x.file === other)!.shadowedBy!.why;
    return {
      scope: e.scope,
      shadowedBy: e.shadowedBy && namesake(e.shadowedBy.file, e.shadowedBy.why),
      shadows: e.shadows.map((other) => namesake(other, whyOf(other))),
    };
  }

  /**
   * The budget's report, for the one file that carries it: the descriptions of the agents Claude Code uses
   * are over the budget, and this file's entry (read as `reading`) is the largest of them (of equal ones,
   * the first path). Undefined for every other file.
   */
  budget(file: string, reading: SetReading, names: FileNames): SessionBudget | undefined {
    const made = this.build();
    const before = made.byFile.get(file);
    const now = this.entryWith(file, reading);
    if (!now?.used) return undefined;
    const ownChars = listingCost(reading);
    const chars = made.set.budget.chars - (before?.used ? listingCost(before.reading) : 0) + ownChars;
    const tokens = tokensOfLength(chars);
    if (tokens <= DESCRIPTIONS_TOKEN_WARNING) return undefined;
    const others = made.largest.filter((e) => e.file !== file);
    const top = others[0];
    if (top && (listingCost(top.reading) > ownChars || (listingCost(top.reading) === ownChars && compare(top.file, file) < 0))) return undefined;
    const agents = made.set.byName.size + (before?.used ? 0 : 1);
    return {
      tokens,
      agents,
      limit: DESCRIPTIONS_TOKEN_WARNING,
      ownTokens: tokensOfLength(ownChars),
      next: others.slice(0, BUDGET_RELATED).map((e) => ({
        uri: names.uri(e.file),
        display: names.display(e.file),
        tokens: tokensOfLength(listingCost(e.reading)),
        range: e.reading.descriptionRange ?? e.reading.nameRange ?? { start: 0, end: 0 },
        position: e.reading.descriptionPosition ?? e.reading.namePosition ?? NO_POSITION,
      })),
    };
  }

  /** The session's answers to the workspace rules for one file (WorkspaceView), or undefined outside it. */
  viewFor(file: string, names: FileNames): Required<Pick<WorkspaceView, 'shadowing' | 'descriptionBudget'>> | undefined {
    if (!this.holds(file)) return undefined;
    return {
      shadowing: (claude: ClaudeCodeReading) => this.shadowing(file, claude, names),
      descriptionBudget: (claude: ClaudeCodeReading) => this.budget(file, claude, names),
    };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
