/** Paths and small helpers shared by the unit and server tests (compiled to out/test/). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root (tests run from out/test/<layer>/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
/** `../shared` beside the repository: the product's personas and a real-world corpus, when present. */
export const SHARED = path.resolve(REPO_ROOT, '..', 'shared');
/** Whether ../shared is there. Tests never skip without it: they run on the stand-ins in test/fixtures. */
export const SHARED_PRESENT = existsSync(path.join(SHARED, 'personas'));
if (!SHARED_PRESENT) console.log(`# ../shared is absent (${SHARED}): the persona and corpus tests run on test/fixtures alone`);

/**
 * The persona folders: the project's five stand-ins (test/fixtures/personas), and the product's five
 * (../shared/personas) when present. Each holds `<nn>-<name>.md` files and a README.
 */
export const PERSONA_DIRS: readonly string[] = [path.join(FIXTURES, 'personas'), ...(SHARED_PRESENT ? [path.join(SHARED, 'personas')] : [])];

/** Folders of valid agent files in real-world shapes: test/fixtures/corpus, and ../shared/corpus/real-world when present. */
export const CORPUS_DIRS: readonly string[] = [path.join(FIXTURES, 'corpus'), ...(SHARED_PRESENT ? [path.join(SHARED, 'corpus', 'real-world')] : [])];

export interface AgentFile {
  file: string;
  text: string;
}

/** A short name of the set a persona or corpus file belongs to ('test-fixtures' or 'shared'), for URIs and labels. */
export const setOf = (file: string): string => (file.startsWith(FIXTURES) ? 'test-fixtures' : 'shared');

/** The persona files of one folder, in order. */
export function personasIn(dir: string): AgentFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-.*\.md$/.test(f))
    .sort()
    .map((f) => ({ file: path.join(dir, f), text: readFileSync(path.join(dir, f), 'utf8') }));
}

/** Every persona of every folder in PERSONA_DIRS. */
export function personas(): AgentFile[] {
  return PERSONA_DIRS.flatMap(personasIn);
}

/** The agent files of one corpus folder, in order. */
export function corpusIn(dir: string): AgentFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ file: path.join(dir, f), text: readFileSync(path.join(dir, f), 'utf8') }));
}

/** Every agent file of every folder in CORPUS_DIRS. */
export function corpus(): AgentFile[] {
  return CORPUS_DIRS.flatMap(corpusIn);
}

/** Prefixes a failure's message with the file it failed on. */
function naming(file: string, e: unknown): unknown {
  if (e instanceof Error) e.message = `${path.relative(REPO_ROOT, file)}: ${e.message}`;
  return e;
}

/** Runs `check` on each file; a failure names its file. */
export function eachFile(files: readonly AgentFile[], check: (f: AgentFile) => void): void {
  for (const f of files) {
    try {
      check(f);
    } catch (e) {
      throw naming(f.file, e);
    }
  }
}

/** Runs `check` on each file in turn; a failure names its file. */
export async function eachFileInTurn(files: readonly AgentFile[], check: (f: AgentFile) => Promise<void>): Promise<void> {
  for (const f of files) {
    try {
      await check(f);
    } catch (e) {
      throw naming(f.file, e);
    }
  }
}

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The parts of package.json the tests read. */
export interface Manifest {
  version: string;
  engines: Record<string, string>;
  devDependencies: Record<string, string>;
  contributes: {
    configuration: { properties: Record<string, { propertyNames?: { enum: string[] }; additionalProperties?: { enum: string[] } }> };
    grammars: Array<{ language?: string; scopeName: string; path: string }>;
    snippets?: Array<{ language: string; path: string }>;
    languages: Array<{ id: string; configuration: string }>;
    commands: Array<{ command: string }>;
  };
}

/** A JSON file of the repository, read as the type the caller states. */
export function readJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, relativePath), 'utf8')) as T;
}
