/**
 * Which files the CLI lints. A file is taken as given; a glob is expanded (dot folders included, so
 * `**\/*.md` takes `.claude/agents/`); a folder is searched for `*.md`, and when `agents` folders (or the
 * config's extra agent folders) lie below it, only the files in them are taken (so `lint .` at a project
 * root takes `.claude/agents/**` and plugin `agents/**`, not the project's docs). Symbolic links are
 * followed (fs/walk). Node-only: the core stays free of file-system code.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { glob, isDynamicPattern } from 'tinyglobby';
import { SKIP_DIRS, walkMarkdown } from '../fs/walk';
import { InputError } from '../input-error';

/** An entry of a folder that was not linted, and why (a broken link, not a regular file). */
export type OnSkip = (file: string, reason: string) => void;

/** The `*.md` files of a folder that are agent files (see the module comment). */
export async function agentFilesInFolder(folder: string, extraAgentFolders: readonly string[] = [], onSkip?: OnSkip): Promise<string[]> {
  const found = await walkMarkdown(path.normalize(folder), { onSkip });
  const root = path.resolve(folder);
  const extra = extraAgentFolders.length ? picomatch(extraAgentFolders.map((g) => g.replace(/\\/g, '/'))) : undefined;
  const inExtraFolder = (file: string) => {
    if (!extra) return false;
    for (let d = path.dirname(path.resolve(file)); d.length >= root.length; d = path.dirname(d)) {
      if (extra(d.replace(/\\/g, '/'))) return true;
      if (d === path.dirname(d)) break;
    }
    return false;
  };
  const all = found.map((f) => f.file);
  const agents = found.filter((f) => f.inAgents || inExtraFolder(f.file)).map((f) => f.file);
  return (agents.length > 0 && path.basename(root) !== 'agents' ? agents : all).sort();
}

export interface Inputs {
  /** The files to lint, de-duplicated by path (two paths to one file are told apart when read). */
  files: string[];
  /** The real paths of the folders the inputs name (a folder, a glob's base, a file's folder): `--fix` writes inside them. */
  roots: string[];
  /** The globs that matched no file. */
  unmatched: string[];
}

/** Expands the CLI's arguments into files; throws InputError on a bad one. An empty result is the caller's to judge. */
export async function expandInputs(inputs: readonly string[], extraAgentFolders: readonly string[] = [], onSkip?: OnSkip): Promise<Inputs> {
  const files = new Set<string>();
  const roots = new Set<string>();
  const unmatched: string[] = [];
  for (const input of inputs) {
    let stat;
    try {
      stat = await fs.stat(input);
    } catch (e) {
      if (isDynamicPattern(input)) {
        const matches = await glob(input, { absolute: path.isAbsolute(input), onlyFiles: true, dot: true, ignore: [...SKIP_DIRS].map((d) => `**/${d}/**`) });
        for (const m of matches.sort()) files.add(m);
        if (matches.length === 0) unmatched.push(input);
        roots.add(await realFolder(picomatch.scan(input).base || '.'));
        continue;
      }
      throw new InputError(input, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    if (stat.isDirectory()) {
      for (const f of await agentFilesInFolder(input, extraAgentFolders, onSkip)) files.add(f);
      roots.add(await realFolder(input));
    } else {
      files.add(input);
      roots.add(await realFolder(path.dirname(input)));
    }
  }
  return { files: [...files], roots: [...roots], unmatched };
}

/** A folder's real path (links resolved), or its absolute path when it cannot be resolved. */
async function realFolder(dir: string): Promise<string> {
  try {
    return await fs.realpath(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** Whether `file`'s real path lies inside one of `roots` (real paths). A file that cannot be resolved is not. */
export async function isInside(file: string, roots: readonly string[]): Promise<boolean> {
  let real: string;
  try {
    real = await fs.realpath(file);
  } catch {
    return false;
  }
  return roots.some((r) => {
    const rel = path.relative(r, real);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
}
