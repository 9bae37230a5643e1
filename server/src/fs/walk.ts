/**
 * The `*.md` files below a folder, for the CLI and the language server's workspace scan alike. As Claude
 * Code walks agent folders: symbolic links to files and folders are followed; a folder reached again
 * (a link loop, or two links to one folder) is walked once; a broken link or an entry that is neither a
 * file nor a folder is skipped and said. Two paths to one file are both listed: readers tell them apart
 * by the file's identity (`UntrustedFile.id`), which catches hard links too. A root that cannot be read
 * is an InputError; a folder below it that cannot be read is skipped and said.
 */
import type { Dirent } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../input-error';

/** Folders never searched for agent files, by the workspace scan and the CLI alike. */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', 'out', 'dist', '.vscode-test']);

export interface WalkedFile {
  /** `root` joined with the path below it (relative when `root` is). */
  file: string;
  /** Whether a folder named `agents` lies on the way from `root` to the file. */
  inAgents: boolean;
}

export interface WalkOptions {
  /** Only the files inside an `agents` folder. */
  onlyInAgents?: boolean;
  /** Stop after this many files. */
  limit?: number;
  /** Told of each entry skipped, with the reason. */
  onSkip?: (file: string, reason: string) => void;
  /** Folders not searched (default SKIP_DIRS; Claude Code itself searches every folder of an agents folder). */
  skipDirs?: ReadonlySet<string>;
  /** Only names ending in `.md` in lower case, as Claude Code takes local agent files (default: any case). */
  lowerCaseMd?: boolean;
}

export async function walkMarkdown(root: string, opts: WalkOptions = {}): Promise<WalkedFile[]> {
  const out: WalkedFile[] = [];
  const limit = opts.limit ?? Infinity;
  const skipDirs = opts.skipDirs ?? SKIP_DIRS;
  const isMarkdown = opts.lowerCaseMd ? (name: string) => name.endsWith('.md') : (name: string) => name.toLowerCase().endsWith('.md');
  const visited = new Set<string>();
  const walk = async (dir: string, realDir: string, inAgents: boolean): Promise<void> => {
    if (visited.has(realDir)) return; // a loop, or a folder reached through a second link: walked once
    visited.add(realDir);
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      const why = `cannot read the folder (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
      if (dir === root) throw new InputError(dir, why);
      opts.onSkip?.(dir, `skipped: ${why}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // `dir` is normalized and an entry's name has no separator: joining by hand is the same, without the cost.
    const prefix = dir === '.' ? '' : dir.endsWith(path.sep) ? dir : dir + path.sep;
    for (const e of entries) {
      if (out.length >= limit) return;
      const p = prefix + e.name;
      const wanted = (inAgents || !opts.onlyInAgents) && isMarkdown(e.name);
      let kind: 'file' | 'dir' | 'other' = e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other';
      let real = realDir + path.sep + e.name;
      if (e.isSymbolicLink()) {
        if (skipDirs.has(e.name)) continue;
        try {
          const stat = await fs.stat(p);
          kind = stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : 'other';
          // A folder's real path tells a loop; a file needs none (readers know a file by its identity).
          if (kind === 'dir') real = await fs.realpath(p);
        } catch (err) {
          const loop = (err as NodeJS.ErrnoException).code === 'ELOOP';
          if (wanted || loop) opts.onSkip?.(p, loop ? 'skipped: a loop of symbolic links' : 'skipped: a broken symbolic link');
          continue;
        }
      }
      const agents = inAgents || e.name === 'agents';
      if (kind === 'dir') {
        if (!skipDirs.has(e.name)) await walk(p, real, agents);
      } else if (wanted) {
        if (kind === 'file') out.push({ file: p, inAgents });
        else opts.onSkip?.(p, 'skipped: not a regular file');
      }
    }
  };
  let realRoot: string;
  try {
    realRoot = await fs.realpath(root);
  } catch (e) {
    throw new InputError(root, `cannot read the folder (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  await walk(root, realRoot, false);
  return out;
}
