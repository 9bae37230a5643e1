/** Paths and small helpers shared by the unit and server tests (compiled to out/test/). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root (tests run from out/test/<layer>/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
/** `../shared` beside the repository: personas and the real-world corpus, when present. */
export const SHARED = path.resolve(REPO_ROOT, '..', 'shared');
export const PERSONAS_DIR = path.join(SHARED, 'personas');
export const CORPUS_DIR = path.join(SHARED, 'corpus', 'real-world');

/** Reason to skip a test that needs ../shared, or undefined when it is there. */
export const needsShared: string | undefined = existsSync(PERSONAS_DIR) ? undefined : `../shared is absent (${SHARED})`;
if (needsShared) console.log(`# skipping tests that need ../shared: ${needsShared}`);

/** The five persona files, name -> text (empty when ../shared is absent). */
export function personas(): Array<{ file: string; text: string }> {
  if (needsShared) return [];
  return readdirSync(PERSONAS_DIR)
    .filter((f) => /^\d{3}-.*\.md$/.test(f))
    .sort()
    .map((f) => ({ file: path.join(PERSONAS_DIR, f), text: readFileSync(path.join(PERSONAS_DIR, f), 'utf8') }));
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
    snippets: Array<{ language: string; path: string }>;
    languages: Array<{ id: string; configuration: string }>;
    commands: Array<{ command: string }>;
  };
}

/** A JSON file of the repository, read as the type the caller states. */
export function readJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, relativePath), 'utf8')) as T;
}
