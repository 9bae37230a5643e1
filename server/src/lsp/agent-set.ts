/**
 * The Claude Code session of each workspace folder, in the language server: its root is the working folder,
 * and its agents folders are found as Claude Code finds them (cli/agent-set.ts: the user's, the project's
 * from the root up to the git root, managed). Each file is read once (fs/agent-file, fs/walk) into what the
 * session keeps of it (an AgentSummary: no parse is kept), then follows file events, and the live text of
 * the files open in an editor. The core's AgentSession holds the files and makes the set.
 *
 * Files outside the workspace (the user's folder, the folders above the root) are watched through the
 * client: the server asks it, by LSP dynamic registration, to watch those folders with relative patterns
 * (the editor's own watcher, which runs where the files are, in code-server too), and the events come in as
 * workspace/didChangeWatchedFiles like every other.
 *
 * It answers the Agents view (AGENT_SET_REQUEST, AGENT_SET_CHANGED_NOTIFICATION), the workspace rules of
 * open files (name-shadowing, descriptions-over-budget) and the preview's shadowing line. When a change
 * alters what those rules said for an open file, `onStale` asks the server to check that file again.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { FileSystemWatcher } from 'vscode-languageserver';
import { detached, fileUri } from '../agent-index';
import { isDir, sessionAgentFolders, userAgentsFolder, type SessionFolders } from '../cli/agent-set';
import type { AgentScope, ClaudeCodeReading } from '../core/claude-code/reading';
import { AgentSession, type AgentSummary, type FileNames, type SessionFolder } from '../core/claude-code/session';
import { listingCost } from '../core/claude-code/set';
import type { AgentModel } from '../core/model';
import { field, parseAgent } from '../core/parse';
import { readAsClaudeCode } from '../core/claude-code/reading';
import { positionOf, type Position } from '../core/positions';
import type { WorkspaceView } from '../core/rules';
import { tokensOfLength } from '../core/schema';
import type { AgentSetResult, SessionAgent, SessionAgents } from '../protocol';
import { readAgentFileOrUndefined, type AgentFile } from '../fs/agent-file';
import { walkMarkdown } from '../fs/walk';
import { isAtOrBelow, isBelow } from '../fs/paths';

/** The most files read from one agents folder (as the workspace scan). */
const FOLDER_LIMIT = 50_000;
/** How many files are read at a time. */
const READ_BATCH = 16;
/** Changes that come together are told to the client as one. */
const NOTIFY_DELAY_MS = 150;

/** What the session keeps of a file, from its text and the parse and reading already made. */
export function agentSummary(text: string, agent: AgentModel, claude: ClaudeCodeReading, positionAt: (offset: number) => Position = (o) => positionOf(text, o)): AgentSummary {
  const fields = agent.frontmatter?.fields ?? [];
  const name = field(fields, 'name');
  const description = field(fields, 'description');
  const range = (r: { start: number; end: number }) => ({ start: positionAt(r.start), end: positionAt(r.end) });
  return {
    loads: claude.loads,
    // Copies: a slice of the text would keep the whole text alive (agent-index.ts, `detached`).
    name: claude.name === undefined ? undefined : detached(claude.name),
    listing: claude.listing === undefined ? undefined : detached(claude.listing),
    reason: claude.notLoaded?.reason,
    runs: claude.resolution.runs,
    model: detached(claude.model),
    toolCount: claude.resolution.toolNames?.length ?? null,
    nameRange: name?.value.range,
    namePosition: name ? range(name.value.range) : undefined,
    descriptionRange: description?.keyRange,
    descriptionPosition: description ? range(description.keyRange) : undefined,
  };
}

const TOO_LARGE: AgentSummary = { loads: false, reason: 'it is larger than 1 MiB, and Claude Code does not read it', runs: false, model: 'inherit', toolCount: null };

/** The summary of a file read from disk; undefined when it cannot be read (gone, not a regular file). */
function summaryOfRead(read: AgentFile | undefined, file: string, scope: AgentScope): AgentSummary | undefined {
  if (!read) return undefined;
  if (read.kind === 'too-large') return TOO_LARGE;
  const agent = parseAgent(read.text);
  return agentSummary(read.text, agent, readAsClaudeCode(read.text, { scope, fileName: file, agent }));
}

/** A short digest of an answer (FNV-1a of its JSON): what is kept to tell that it changed, not the answer. */
function digest(answer: unknown): number {
  const s = JSON.stringify(answer) ?? '';
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Whether two summaries show the same thing (the view, the rules). */
function sameSummary(a: AgentSummary | undefined, b: AgentSummary | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface AgentSetsOptions {
  /** HOME and CLAUDE_CONFIG_DIR, as Claude Code reads them (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** The sessions changed: the view should ask again. */
  onChanged(): void;
  /** What the workspace rules said for this open file may have changed: check it again. */
  onStale(file: string): void;
  /** Asks the client to watch folders outside the workspace; undefined when it cannot. */
  watch?(watchers: FileSystemWatcher[]): Promise<{ dispose(): void }>;
  log?(message: string): void;
}

interface Session {
  root: string;
  core: AgentSession;
  names: FileNames;
}

export class AgentSets {
  private sessions: Session[] = [];
  private roots: string[] = [];
  /** Files open in an editor: their live text wins over the disk. */
  private readonly open = new Set<string>();
  /** For each open file, what its last check heard from the workspace rules' questions (digests). */
  private readonly heard = new Map<string, { shadowing?: number; budget?: number }>();
  /** Settles once the sessions are first read (requests before that wait for it). */
  private ready: Promise<void>;
  private started!: () => void;
  private notifyTimer: NodeJS.Timeout | undefined;
  private watching: Promise<{ dispose(): void }> | undefined;
  private watchKey = '';

  constructor(private readonly options: AgentSetsOptions) {
    this.ready = new Promise((resolve) => (this.started = resolve));
  }

  private get env(): NodeJS.ProcessEnv {
    return this.options.env ?? process.env;
  }

  private folders(root: string, existing = true): SessionFolder[] {
    const s: SessionFolders = {
      cwd: root,
      home: this.env.HOME || os.homedir(),
      configDir: this.env.CLAUDE_CONFIG_DIR || undefined,
      scopes: new Set<AgentScope>(['project', 'user', 'managed']),
    };
    return sessionAgentFolders(s, existing);
  }

  /** Starts the session of each workspace folder and reads its agents folders; resolves once they are read. */
  setRoots(roots: readonly string[]): Promise<void> {
    this.roots = roots.map((r) => path.resolve(r));
    const home = path.resolve(this.env.HOME || os.homedir());
    this.sessions = this.roots.map((root) => {
      const core = new AgentSession(root);
      return { root, core, names: namesFor(root, home, (file) => core.scopeOf(file)) };
    });
    const read = Promise.all(this.sessions.map((s) => this.refreshFolders(s))).then(() => this.changed());
    void read.finally(this.started);
    this.ready = read;
    return read;
  }

  /** Reads the agents folders of a session again when the list of them changed (one appeared or went). */
  private async refreshFolders(s: Session): Promise<void> {
    const infos = this.folders(s.root);
    const before = new Set(s.core.folderList.map((f) => f.folder));
    s.core.setFolders(infos);
    await Promise.all(infos.filter((f) => !before.has(f.folder)).map((f) => this.readFolder(s, f)));
    this.updateWatchers();
  }

  /** Reads every file of an agents folder (the open ones keep their live text). */
  private async readFolder(s: Session, f: SessionFolder): Promise<void> {
    let files: string[] = [];
    try {
      if (isDir(f.folder)) files = (await walkMarkdown(f.folder, { skipDirs: new Set(), lowerCaseMd: true, limit: FOLDER_LIMIT })).map((w) => path.resolve(w.file));
    } catch (e) {
      this.options.log?.(`Subagent Studio: cannot read ${f.folder}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const read: Array<[string, AgentSummary]> = [];
    const seen = new Set<string>();
    for (let i = 0; i < files.length; i += READ_BATCH) {
      const batch = files.slice(i, i + READ_BATCH);
      const live = batch.map((file) => (this.open.has(file) ? s.core.summaryOf(file) : undefined));
      const reads = await Promise.all(batch.map((file, j) => (live[j] ? Promise.resolve(undefined) : readAgentFileOrUndefined(file))));
      batch.forEach((file, j) => {
        const l = live[j];
        if (l) return void read.push([file, l]);
        const r = reads[j];
        // One file reached by two paths (links) counts once, as in Claude Code: the first path.
        const id = r?.kind === 'text' ? r.id : undefined;
        if (id !== undefined && seen.has(id)) return;
        if (id !== undefined) seen.add(id);
        const summary = summaryOfRead(r, file, f.scope);
        if (summary) read.push([file, summary]);
      });
    }
    s.core.replaceFolder(f.folder, read);
  }

  /** The client watches the session folders outside the workspace (the workspace's own are watched already). */
  private updateWatchers(): void {
    if (!this.options.watch) return;
    const inWorkspace = (p: string) => this.roots.some((r) => isAtOrBelow(p, r));
    const watchers: FileSystemWatcher[] = [];
    const bases = new Set<string>();
    for (const s of this.sessions) for (const f of s.core.folderList) if (!inWorkspace(f.folder)) bases.add(f.folder);
    for (const base of bases) watchers.push({ globPattern: { baseUri: fileUri(base), pattern: '**' } });
    // A user folder that is not there yet: its parent is watched for it to appear (not the parent's tree).
    const user = userAgentsFolder({ home: this.env.HOME || os.homedir(), configDir: this.env.CLAUDE_CONFIG_DIR || undefined });
    if (!bases.has(user) && isDir(path.dirname(user))) watchers.push({ globPattern: { baseUri: fileUri(path.dirname(user)), pattern: path.basename(user) } });
    const key = JSON.stringify(watchers);
    if (key === this.watchKey) return;
    this.watchKey = key;
    const previous = this.watching;
    this.watching = watchers.length ? this.options.watch(watchers) : undefined;
    // What changed between the first reading and the watch is read once the editor watches.
    this.watching?.then(
      () => this.catchUp(bases),
      (e) => this.options.log?.(`Subagent Studio: the editor cannot watch the agents folders outside the workspace: ${String(e)}`),
    );
    void previous?.then(
      (d) => d.dispose(),
      () => undefined,
    );
  }

  /** Reads these folders again (a file made before the editor watched them would go unseen until the next event). */
  private async catchUp(folders: ReadonlySet<string>): Promise<void> {
    for (const s of this.sessions) {
      for (const f of s.core.folderList) if (folders.has(f.folder)) await this.readFolder(s, f);
    }
    this.changed();
  }

  /** A file (or folder) changed on disk: whatever of the sessions it touches is read again. */
  async fileChanged(file: string, deleted: boolean): Promise<void> {
    await this.ready;
    const abs = path.resolve(file);
    if (this.open.has(abs)) return; // the editor's text wins
    let changed = false;
    for (const s of this.sessions) {
      const candidates = this.folders(s.root, false);
      const aboveOne = candidates.some((f) => isAtOrBelow(f.folder, abs));
      const inNewOne = !s.core.holds(abs) && candidates.some((f) => isBelow(abs, f.folder));
      if (aboveOne || inNewOne) {
        // An agents folder, or a folder above one, came, went or changed; or a file came in a new one.
        const had = s.core.hasFolder(abs);
        await this.refreshFolders(s); // reads the folders that appeared
        const stayed = had && s.core.folderList.find((f) => f.folder === abs);
        if (stayed) await this.readFolder(s, stayed);
        changed = true;
        continue;
      }
      const folder = s.core.folderList.find((f) => isBelow(abs, f.folder));
      if (!folder) continue;
      if (abs.endsWith('.md')) {
        const summary = deleted ? undefined : summaryOfRead(await readAgentFileOrUndefined(abs), abs, folder.scope);
        if (sameSummary(s.core.summaryOf(abs), summary)) continue;
        s.core.setFile(abs, summary);
      } else await this.readFolder(s, folder); // a folder inside it: moved, gone, or new
      changed = true;
    }
    if (changed) this.changed();
  }

  /** An open file was checked: its summary from that check's text, parse and reading. */
  documentChecked(file: string, text: string, agent: AgentModel, claude: ClaudeCodeReading, positionAt: (offset: number) => Position): void {
    const abs = path.resolve(file);
    const holders = this.sessions.filter((s) => s.core.holds(abs));
    if (holders.length === 0) return;
    this.open.add(abs);
    const summary = agentSummary(text, agent, claude, positionAt);
    let changed = false;
    for (const s of holders) {
      if (sameSummary(s.core.summaryOf(abs), summary)) continue;
      s.core.setFile(abs, summary);
      changed = true;
    }
    if (changed) this.changed();
  }

  /** The file is gone: what its checks heard goes too. */
  forget(file: string): void {
    this.heard.delete(path.resolve(file));
  }

  /** The editor closed the file: the disk counts again. */
  async documentClosed(file: string): Promise<void> {
    const abs = path.resolve(file);
    this.heard.delete(abs);
    if (!this.open.delete(abs)) return;
    await this.fileChanged(abs, false);
  }

  private sessionOf(file: string): Session | undefined {
    return this.sessions.find((s) => s.core.holds(file));
  }

  /** The session's questions of the workspace rules, for a file; each answer is noted, to tell when it changes. */
  viewFor(file: string): Partial<WorkspaceView> {
    const abs = path.resolve(file);
    const s = this.sessionOf(abs);
    const view = s?.core.viewFor(abs, s.names);
    if (!view) return {};
    const note = (part: 'shadowing' | 'budget', answer: unknown) => {
      this.heard.set(abs, { ...this.heard.get(abs), [part]: digest(answer) });
      return answer;
    };
    return {
      shadowing: (claude) => note('shadowing', view.shadowing(claude)) as ReturnType<typeof view.shadowing>,
      descriptionBudget: (claude) => note('budget', view.descriptionBudget(claude)) as ReturnType<typeof view.descriptionBudget>,
    };
  }

  /** The preview's line: the file Claude Code uses instead of this one, or the ones this one shadows. */
  previewShadowing(file: string, claude: ClaudeCodeReading): { shadowedBy?: string; shadows: string[] } | undefined {
    const abs = path.resolve(file);
    const s = this.sessionOf(abs);
    const sh = s?.core.shadowing(abs, claude, s.names);
    return sh && { shadowedBy: sh.shadowedBy?.display, shadows: sh.shadows.map((n) => n.display) };
  }

  private changed(): void {
    if (this.notifyTimer) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      this.recheckStale();
      this.options.onChanged();
    }, NOTIFY_DELAY_MS);
  }

  /** The open files whose rules would now hear another answer are checked again. */
  private recheckStale(): void {
    for (const [file, heard] of this.heard) {
      const s = this.sessionOf(file);
      const summary = s?.core.summaryOf(file);
      if (!s || !summary) continue;
      const now = {
        shadowing: heard.shadowing === undefined ? undefined : digest(s.core.shadowing(file, summary, s.names)),
        budget: heard.budget === undefined ? undefined : digest(s.core.budget(file, summary, s.names)),
      };
      if (now.shadowing !== heard.shadowing || now.budget !== heard.budget) this.options.onStale(file);
    }
  }

  /** The agents of each session, for the view. */
  async result(): Promise<AgentSetResult> {
    await this.ready;
    return { sessions: this.sessions.map((s) => sessionResult(s)) };
  }
}

/** How a session names files: URIs, and paths relative to the working folder (project) or to `~` (the others). */
function namesFor(root: string, home: string, scopeOf: (file: string) => AgentScope | undefined): FileNames {
  return {
    uri: fileUri,
    display: (file) => {
      if (scopeOf(file) === 'project') return path.relative(root, file);
      const fromHome = path.relative(home, file);
      return fromHome.startsWith('..') || path.isAbsolute(fromHome) ? file : path.join('~', fromHome);
    },
  };
}

function sessionResult(s: Session): SessionAgents {
  const set = s.core.set;
  const agents = set.entries.map((e): SessionAgent => {
    const r = e.reading;
    const state: SessionAgent['state'] = !r.loads ? 'not-loaded' : e.shadowedBy ? 'shadowed' : !r.runs ? 'cannot-start' : 'loads';
    return {
      uri: s.names.uri(e.file),
      display: s.names.display(e.file),
      scope: e.scope,
      state,
      name: r.loads ? r.name : undefined,
      reason: r.reason,
      shadowedBy: e.shadowedBy && { uri: s.names.uri(e.shadowedBy.file), display: s.names.display(e.shadowedBy.file), why: e.shadowedBy.why },
      shadows: e.shadows.map((f) => ({ uri: s.names.uri(f), display: s.names.display(f) })),
      model: r.loads ? r.model : undefined,
      toolCount: r.loads ? r.toolCount : undefined,
      listing: r.listing,
      tokens: e.used ? tokensOfLength(listingCost(r)) : 0,
    };
  });
  return { folder: s.root, agents, count: set.byName.size, budget: set.budget };
}
