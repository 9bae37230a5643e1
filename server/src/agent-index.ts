/**
 * The agent files of a workspace (or of a CLI run) by name, for the workspace checks: which other file in
 * the same agents tree has the same `name`, and which skills exist. Node-only (reads the file system, always
 * through fs/untrusted-file: regular files only, links followed, at most 1 MiB, never blocking).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAgent, stringValue, field } from './core/parse';
import type { AgentModel } from './core/model';
import { positionOf } from './core/positions';
import type { OtherAgent, WorkspaceView } from './core/rules';
import { AGENT_SIZE_LIMIT, isRegularFileSync, readUntrustedFile } from './fs/untrusted-file';

/** What the index knows of one file: plain data, so it can cross to a worker thread. */
export interface Entry extends Omit<OtherAgent, 'uri'> {
  /** The absolute path. */
  file: string;
  tree: string;
  name: string;
}

/** Folders never searched for agent files, by the workspace scan and the CLI alike. */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', 'out', 'dist', '.vscode-test']);
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

export class AgentIndex {
  private readonly entries = new Map<string, Entry>();
  /** `tree + NUL + name` -> the entries with that name in that tree. */
  private readonly byName = new Map<string, Set<Entry>>();
  /** File URIs, made when a file is first reported as a namesake (making one per file costs more than linting it). */
  private readonly uris = new Map<string, string>();

  private uriOf(file: string): string {
    let uri = this.uris.get(file);
    if (uri === undefined) this.uris.set(file, (uri = fileUri(file)));
    return uri;
  }

  /** Records (or re-records) a file from its text; pass the parsed agent when there is one already. */
  update(file: string, text: string, agent: AgentModel = parseAgent(text)): void {
    const abs = path.resolve(file);
    this.removeAbsolute(abs);
    const nameField = agent.frontmatter ? field(agent.frontmatter.fields, 'name') : undefined;
    const name = stringValue(nameField?.value)?.trim();
    if (!nameField || !name) return;
    const nameRange = nameField.value.range;
    const entry: Entry = {
      file: abs,
      tree: treeOfAbsolute(abs),
      name,
      nameRange,
      // Positions, not a slice of the text: a slice would keep the whole file's text alive.
      namePosition: { start: positionOf(text, nameRange.start), end: positionOf(text, nameRange.end) },
    };
    this.add(entry);
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

  /** The entries of these files (those that have a name). */
  entriesOf(files: readonly string[]): Entry[] {
    return files.map((f) => this.entries.get(path.resolve(f))).filter((e): e is Entry => e !== undefined);
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
    try {
      this.update(file, (await readUntrustedFile(file, AGENT_SIZE_LIMIT)).bytes.toString('utf8'));
    } catch {
      this.remove(file);
    }
  }

  /** Finds and reads every `*.md` inside an `agents` folder below `root`. */
  async scan(root: string): Promise<number> {
    const files: string[] = [];
    const walk = async (dir: string, inAgents: boolean): Promise<void> => {
      if (files.length >= SCAN_LIMIT) return;
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const p = path.join(dir, e.name);
        if (e.isDirectory() && !SKIP_DIRS.has(e.name)) await walk(p, inAgents || e.name === 'agents');
        else if (inAgents && e.isFile() && e.name.toLowerCase().endsWith('.md')) files.push(p);
      }
    };
    await walk(root, false);
    // In small batches: reading every file at once held all their texts in memory together.
    for (let i = 0; i < files.length; i += SCAN_BATCH) await Promise.all(files.slice(i, i + SCAN_BATCH).map((f) => this.updateFromDisk(f)));
    return files.length;
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
