/**
 * Which files the CLI lints. A file is taken as given; a glob is expanded; a folder is searched for
 * `*.md`, and when `agents` folders (or the config's extra agent folders) lie below it, only the files in
 * them are taken (so `lint .` at a project root takes `.claude/agents/**` and plugin `agents/**`, not the
 * project's docs). Node-only: the core stays free of file-system code.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { glob, isDynamicPattern } from 'tinyglobby';
import { SKIP_DIRS } from '../agent-index';
import { InputError } from '../input-error';

/** Every `*.md` below `dir`, each with whether a folder named `agents` lies on its way from `dir`. */
async function walk(dir: string, inAgents: boolean, out: Array<{ file: string; inAgents: boolean }>): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  // `dir` is normalized and an entry's name has no separator: joining by hand is the same, without the cost.
  const prefix = dir === '.' ? '' : dir.endsWith(path.sep) ? dir : dir + path.sep;
  for (const e of entries) {
    const p = prefix + e.name;
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(p, inAgents || e.name === 'agents', out);
    } else if (e.isFile() && e.name.toLowerCase().endsWith('.md')) out.push({ file: p, inAgents });
  }
}

/** The `*.md` files of a folder that are agent files (see the module comment). */
export async function agentFilesInFolder(folder: string, extraAgentFolders: readonly string[] = []): Promise<string[]> {
  const found: Array<{ file: string; inAgents: boolean }> = [];
  await walk(path.normalize(folder), false, found);
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

/** Expands the CLI's arguments into a de-duplicated list of files; throws InputError on a bad one. */
export async function expandInputs(inputs: readonly string[], extraAgentFolders: readonly string[] = []): Promise<string[]> {
  const files = new Set<string>();
  for (const input of inputs) {
    let stat;
    try {
      stat = await fs.stat(input);
    } catch (e) {
      if (isDynamicPattern(input)) {
        const matches = await glob(input, { absolute: path.isAbsolute(input), onlyFiles: true, ignore: [...SKIP_DIRS].map((d) => `**/${d}/**`) });
        if (matches.length === 0) throw new InputError(input, 'no file matches this glob');
        for (const m of matches.sort()) files.add(m);
        continue;
      }
      throw new InputError(input, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String((e as Error).message));
    }
    if (stat.isDirectory()) for (const f of await agentFilesInFolder(input, extraAgentFolders)) files.add(f);
    else files.add(input);
  }
  return [...files];
}
