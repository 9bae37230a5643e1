/**
 * The agent files of a workspace (or of a CLI run) by name, for the workspace checks: which other file in
 * the same agents tree has the same `name`, and which skills exist. Node-only (reads the file system, always
 * through fs/agent-file and fs/walk: regular files only, links followed, at most 1 MiB, never blocking).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAgent, stringValue, field } from './core/parse';
import type { AgentModel } from './core/model';
import { positionOf, type LspRange } from './core/positions';
import type { OtherAgent, WorkspaceView } from './core/rules';
import type { Finding } from './core/types';
import { encodingFinding, tooLargeFinding } from './file-checks';
import { readAgentFileOrUndefined, type AgentFile } from './fs/agent-file';
import { isRegularFileSync } from './fs/untrusted-file';
import { walkMarkdown } from './fs/walk';

/** What the index knows of one file: plain data, so it can cross to a worker thread. */
export interface Entry extends Omit<OtherAgent, 'uri'> {
  /** The absolute path. */
  file: string;
  tree: string;
  name: string;
}

/** What reading a file from disk found wrong with the file itself (file-checks), with its range as LSP positions. */
export interface DiskProblem {
  finding: Finding;
  range: LspRange;
}

/** The most files a scan visits, so a huge workspace cannot stall the server. */
const SCAN_LIMIT = 50_000;
/** How many files the scan reads at a time. */
const SCAN_BATCH = 16;

/**
 * The agents tree a file belongs to: the path up to its first `agents` folder (`<project>/.claude/agents`
 * or `<plugin>/agents`); for a file outside any `agents` folder, its own folder.
 */
export function agentsTreeOf(file: string): string {
  return treeOfAbsolute(path.resolve(file));
}

function treeOfAbsolute(abs: string): string {
  // Most files sit in `<...>/agents/<file>.md`: answer those without splitting the path.
  const sep = path.sep;
  const dir = path.dirname(abs);
  if (dir.endsWith(sep + 'agents') && !dir.slice(0, -'agents'.length).includes(sep + 'agents' + sep)) return dir;
  const parts = abs.split(sep);
  const i = parts.indexOf('agents');
  return i >= 0 && i < parts.length - 1 ? parts.slice(0, i + 1).join(sep) : dir;
}

/** `pathToFileURL(abs).toString()`, made by hand for the common POSIX path that needs no escaping (5x faster). */
export function fileUri(abs: string): string {
  return path.sep === '/' && /^\/[\w./-]*$/.test(abs) ? 'file://' + abs : pathToFileURL(abs).toString();
}

/**
 * Whether a skill exists, for the files of a file's agents tree: a `SKILL.md` that is a regular file in the
 * project's `.claude/skills/<name>/`, a plugin's `skills/<name>/` or the user's `~/.claude/skills/<name>/`.
 * A stat, not a read (only whether the file is there matters): it cannot hang on what it finds.
 */
export function skillLookup(file: string): (name: string) => boolean {
  // `<project>/.claude/agents` -> `<project>/.claude/skills`; `<plugin>/agents` -> `<plugin>/skills`.
  const tree = agentsTreeOf(file);
  const roots = [path.join(path.dirname(tree), 'skills'), path.join(os.homedir(), '.claude', 'skills')];
  return (name) => roots.some((r) => isRegularFileSync(path.join(r, name, 'SKILL.md')));
}

/**
 * A copy of a string that does not keep the string it was cut from alive. V8 makes a slice of 13 or more
 * characters a view of the whole text: a name kept in the index would keep its file's text (measured: 7 KB
 * a file in a CLI run). Joining makes a new string, and slicing that one is a view of it alone.
 */
export function detached(s: string): string {
  return (' ' + s).slice(1);
}

/** The index entry of a file from its text and parse, or undefined when it has no usable `name`. */
export function nameEntry(file: string, text: string, agent: AgentModel): Entry | undefined {
  const abs = path.resolve(file);
  const nameField = agent.frontmatter ? field(agent.frontmatter.fields, 'name') : undefined;
  const name = stringValue(nameField?.value)?.trim();
  if (!nameField || !name) return undefined;
  const nameRange = nameField.value.range;
  return {
    file: abs,
    tree: treeOfAbsolute(abs),
    name: detached(name),
    nameRange,
    // Positions, not a slice of the text: a slice would keep the whole file's text alive.
    namePosition: { start: positionOf(text, nameRange.start), end: positionOf(text, nameRange.end) },
  };
}

export class AgentIndex {
  private readonly entries = new Map<string, Entry>();
  /** `tree + NUL + name` -> the entries with that name in that tree. */
  private readonly byName = new Map<string, Set<Entry>>();
  /** File URIs, made when a file is first reported as a namesake (making one per file costs more than linting it). */
  private readonly uris = new Map<string, string>();

  /** `onDiskProblem`: told, for each file read from disk, what is wrong with the file itself (or that nothing is). */
  constructor(private readonly onDiskProblem?: (file: string, problem: DiskProblem | undefined) => void) {}

  private uriOf(file: string): string {
    let uri = this.uris.get(file);
    if (uri === undefined) this.uris.set(file, (uri = fileUri(file)));
    return uri;
  }

  /** Records (or re-records) a file from its text; pass the parsed agent when there is one already. */
  update(file: string, text: string, agent: AgentModel = parseAgent(text)): void {
    const entry = nameEntry(file, text, agent);
    if (entry) this.add(entry);
    else this.remove(file);
  }

  /** Records an entry made elsewhere (by another thread). */
  add(entry: Entry): void {
    this.removeAbsolute(entry.file);
    this.entries.set(entry.file, entry);
    const key = entry.tree + '\0' + entry.name;
    const same = this.byName.get(key) ?? new Set<Entry>();
    same.add(entry);
    this.byName.set(key, same);
  }

  /** Each set of two or more files with one name in one agents tree, in the order they were recorded. */
  *namesakeGroups(): Iterable<readonly Entry[]> {
    for (const same of this.byName.values()) if (same.size > 1) yield [...same];
  }

  remove(file: string): void {
    this.removeAbsolute(path.resolve(file));
  }

  private removeAbsolute(abs: string): void {
    const old = this.entries.get(abs);
    if (!old) return;
    this.entries.delete(abs);
    this.uris.delete(abs);
    this.byName.get(old.tree + '\0' + old.name)?.delete(old);
  }

  /** Reads a file from disk into the index (a missing or unreadable file is dropped, and so is one over 1 MiB). */
  async updateFromDisk(file: string): Promise<void> {
    const abs = path.resolve(file);
    this.indexRead(abs, await readAgentFileOrUndefined(abs));
  }

  /** Finds and reads every `*.md` inside an `agents` folder below `root`; returns the files it read. */
  async scan(root: string): Promise<string[]> {
    let files: string[];
    try {
      files = (await walkMarkdown(root, { onlyInAgents: true, limit: SCAN_LIMIT })).map((f) => path.resolve(f.file));
    } catch {
      return []; // the root cannot be read: nothing to index
    }
    // A file reached by two paths (links) counts once, as in Claude Code: the first path in walk order.
    const seen = new Set<string>();
    const indexed: string[] = [];
    // In small batches: reading every file at once held all their texts in memory together. Read together,
    // recorded in order, so that which of two paths counts does not depend on which read finished first.
    for (let i = 0; i < files.length; i += SCAN_BATCH) {
      const batch = files.slice(i, i + SCAN_BATCH);
      const reads = await Promise.all(batch.map(readAgentFileOrUndefined));
      batch.forEach((f, j) => {
        const read = reads[j];
        const id = read?.kind === 'text' ? read.id : undefined;
        if (id !== undefined && seen.has(id)) return;
        if (id !== undefined) seen.add(id);
        this.indexRead(f, read);
        indexed.push(f);
      });
    }
    return indexed;
  }

  /** Records what reading a file gave (undefined: it could not be read), and tells what is wrong with the file. */
  private indexRead(abs: string, read: AgentFile | undefined): void {
    let problem: DiskProblem | undefined;
    if (read?.kind === 'text') {
      this.update(abs, read.text);
      if (read.notUtf8) {
        const at = positionOf(read.text, read.notUtf8.offset);
        problem = { finding: encodingFinding(read.notUtf8), range: { start: at, end: at } };
      }
    } else {
      this.remove(abs);
      if (read?.kind === 'too-large') problem = { finding: tooLargeFinding(), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    }
    this.onDiskProblem?.(abs, problem);
  }

  /** The files in the same agents tree as `file` whose name is `name` (the file itself included). */
  filesNamed(file: string, name: string): string[] {
    return [...(this.byName.get(agentsTreeOf(file) + '\0' + name) ?? [])].map((e) => e.file);
  }

  /** The name recorded for a file, if any. */
  nameOf(file: string): string | undefined {
    return this.entries.get(path.resolve(file))?.name;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The workspace as the rules see it from `file`. */
  viewFor(file: string): WorkspaceView {
    const abs = path.resolve(file);
    const tree = treeOfAbsolute(abs);
    return {
      othersNamed: (name) => {
        const others: OtherAgent[] = [];
        for (const e of this.byName.get(tree + '\0' + name) ?? []) {
          if (e.file !== abs) others.push({ uri: this.uriOf(e.file), nameRange: e.nameRange, namePosition: e.namePosition });
        }
        return others;
      },
      skillExists: skillLookup(abs),
    };
  }
}
