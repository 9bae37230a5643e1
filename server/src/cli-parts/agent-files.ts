/**
 * Which files the CLI lints for a folder: every `*.md` below it, except that when `agents` folders lie
 * below it, only the files inside them (so `lint .` at a project root takes `.claude/agents/**` and plugin
 * `agents/**`, not the project's docs). Node-only: the core stays free of file-system code.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist', '.vscode-test']);

export class InputError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(p, out);
    } else if (e.isFile() && e.name.toLowerCase().endsWith('.md')) out.push(p);
  }
}

/** True when a path (relative to the folder searched) runs through an `agents` folder. */
const inAgentsFolder = (rel: string) => rel.split(path.sep).slice(0, -1).includes('agents');

export async function agentFilesInFolder(folder: string): Promise<string[]> {
  const all: string[] = [];
  await walk(folder, all);
  const rels = all.map((f) => path.relative(folder, f));
  const agents = all.filter((_, i) => inAgentsFolder(rels[i]));
  return (agents.length > 0 && path.basename(path.resolve(folder)) !== 'agents' ? agents : all).sort();
}

/** Expands the CLI's arguments into a sorted, de-duplicated list of files; throws InputError on a bad one. */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const input of inputs) {
    let stat;
    try {
      stat = await fs.stat(input);
    } catch (e) {
      throw new InputError(input, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String((e as Error).message));
    }
    if (stat.isDirectory()) for (const f of await agentFilesInFolder(input)) files.add(f);
    else files.add(input);
  }
  return [...files];
}
