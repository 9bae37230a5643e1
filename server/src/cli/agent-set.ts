/**
 * The agent folders of a session, found the way Claude Code finds them (spec §1), read into the core's
 * set (core/claude-code/set.ts):
 * - project: `.claude/agents` in the working folder and in each folder above it, up to and including the
 *   git root (up to `/` outside a repository); the home folder itself is never read as a project;
 * - user: `$CLAUDE_CONFIG_DIR/agents`, or `~/.claude/agents`;
 * - managed: `/etc/claude-code/.claude/agents` (Linux), when it exists.
 * Every folder below an agents folder is searched, hidden ones included; only names ending in `.md` (lower
 * case) count; links are followed; a file over 1 MiB is not read.
 */
import { existsSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readAsClaudeCode, type AgentScope } from '../core/claude-code/reading';
import { agentSet, type AgentSet, type AgentSource } from '../core/claude-code/set';
import { parseFrontmatter } from '../core/parse';
import { readAgentFileSync } from '../fs/agent-file';
import { walkMarkdown } from '../fs/walk';

export interface SessionFolders {
  /** The working folder of the session. */
  cwd: string;
  home: string;
  /** CLAUDE_CONFIG_DIR, when set. */
  configDir?: string;
  /** The scopes to read (default: project, user, managed). */
  scopes: ReadonlySet<AgentScope>;
}

export function sessionFolders(cwd: string, scopes: ReadonlySet<AgentScope>, env: NodeJS.ProcessEnv = process.env): SessionFolders {
  return { cwd: path.resolve(cwd), home: env.HOME ?? os.homedir(), configDir: env.CLAUDE_CONFIG_DIR || undefined, scopes };
}

/** Whether `p` is a folder (links followed); false when it cannot be told. */
export const isDir = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** The project folders whose `.claude/agents` Claude Code reads, from the working folder up, with their depth. */
export function projectFolders(cwd: string, home: string): Array<{ dir: string; depth: number }> {
  const out: Array<{ dir: string; depth: number }> = [];
  const homeDir = path.resolve(home);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (dir === homeDir) break;
    out.push({ dir, depth: dir.split(path.sep).filter(Boolean).length });
    if (existsSync(path.join(dir, '.git'))) break; // the git root is the last
    if (path.dirname(dir) === dir) break;
  }
  return out;
}

/** An agents folder's files, each read as Claude Code reads it. */
async function readFolder(folder: string, scope: AgentScope, depth?: number): Promise<AgentSource> {
  const found = isDir(folder) ? await walkMarkdown(folder, { skipDirs: new Set(), lowerCaseMd: scope !== 'plugin' }) : [];
  const seen = new Set<string>();
  const files: AgentSource['files'] = [];
  for (const { file } of found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const read = readAgentFileSync(file);
    if (read.kind === 'too-large') {
      const reading = readAsClaudeCode('', { scope, fileName: file });
      reading.notLoaded = { code: 'no-frontmatter', reason: 'it is larger than 1 MiB, and Claude Code does not read it', range: { start: 0, end: 0 } };
      files.push({ file, reading });
      continue;
    }
    if (read.id !== undefined) {
      if (seen.has(read.id)) continue; // one file reached twice (a link): Claude Code reads it once
      seen.add(read.id);
    }
    files.push({ file, reading: readAsClaudeCode(read.text, { scope, fileName: file, agent: parseFrontmatter(read.text) }) });
  }
  return { scope, folder, depth, files };
}

/** An agents folder of a session, before it is read. */
export interface SessionFolder {
  scope: AgentScope;
  folder: string;
  /** Project folders: how many folders lie above it (nearer the working folder wins). */
  depth?: number;
}

/** The user's agents folder: `$CLAUDE_CONFIG_DIR/agents`, else `~/.claude/agents`. */
export function userAgentsFolder(s: Pick<SessionFolders, 'home' | 'configDir'>): string {
  return path.join(s.configDir ?? path.join(s.home, '.claude'), 'agents');
}

/** Where managed agents live on this platform, when Claude Code reads them (Linux only, so far). */
export const MANAGED_AGENTS_FOLDER: string | undefined = process.platform === 'linux' ? '/etc/claude-code/.claude/agents' : undefined;

/**
 * The agents folders Claude Code reads for the session, in the order it ranks them (later wins): the
 * user's, then the project folders from the working folder up, then managed. With `existing`, only the
 * folders there are (the user's is listed either way: a host may watch for it).
 */
export function sessionAgentFolders(s: SessionFolders, existing = true): SessionFolder[] {
  const out: SessionFolder[] = [];
  if (s.scopes.has('user')) out.push({ scope: 'user', folder: userAgentsFolder(s) });
  if (s.scopes.has('project')) {
    for (const { dir, depth } of projectFolders(s.cwd, s.home)) {
      const folder = path.join(dir, '.claude', 'agents');
      if (!existing || isDir(folder)) out.push({ scope: 'project', folder, depth });
    }
  }
  if (s.scopes.has('managed') && MANAGED_AGENTS_FOLDER && (!existing || isDir(MANAGED_AGENTS_FOLDER))) out.push({ scope: 'managed', folder: MANAGED_AGENTS_FOLDER });
  return out;
}

/** The agent folders of the session, read, in the order Claude Code ranks them (later wins). */
export async function sessionSources(s: SessionFolders): Promise<AgentSource[]> {
  const sources: AgentSource[] = [];
  for (const f of sessionAgentFolders(s)) sources.push(await readFolder(f.folder, f.scope, f.depth));
  return sources;
}

export async function sessionAgentSet(s: SessionFolders): Promise<AgentSet> {
  return agentSet(await sessionSources(s));
}
