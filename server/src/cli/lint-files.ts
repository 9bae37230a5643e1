/**
 * Linting a list of files, streaming: each file is read, (fixed,) parsed and linted in turn, and only its
 * report and its name are kept, so memory grows with the name index, not with the files' texts. The one
 * check that needs every file, duplicate-name, is added at the end from the names alone. With many files,
 * the list is split between the main thread and worker threads running this same bundle.
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { detached, fileUri, nameEntry, skillLookup } from '../agent-index';
import { fixAll } from '../core/fix-all';
import { lintText, type LintOptions } from '../core/lint';
import { LineMap, toLspRange } from '../core/positions';
import type { AgentModel } from '../core/model';
import { RULES, type OtherAgent } from '../core/rules';
import { duplicateName, duplicateNameFinding, lastByPath, NAMESAKES_SHOWN } from '../core/rules/duplicate-name';
import type { Finding, Severity } from '../core/types';
import { encodingFinding, tooLargeFinding } from '../file-checks';
import { readAgentFileSync } from '../fs/agent-file';
import { rewriteUntrustedFile } from '../fs/untrusted-file';
import { InputError } from '../input-error';
import { ConfigResolver } from '../project-config';
import { isInside } from './agent-files';
import type { FileReport } from './formats';

export interface LintRunOptions {
  fix: boolean;
  /** With `fix`: also write files that a link leads to outside `roots`. */
  fixOutside: boolean;
  quiet: boolean;
  config?: string;
  /** The real paths of the folders the inputs name (see expandInputs). */
  roots: readonly string[];
}

/** Below this many files one thread is faster than starting workers. */
const FILES_PER_WORKER = 400;

/**
 * How many threads may lint: one core is left to V8's own threads (garbage collection and compilation
 * already keep a second core about a third busy). Measured on 2 cores: two lint threads took 650 ms for
 * 2,020 files, one took 530 ms; at 10,100 files they were even.
 */
const lintThreads = () => Math.max(1, availableParallelism() - 1);

/**
 * How many files are linted between turns of the event loop. V8 runs the steps of a major garbage collection
 * as tasks on the event loop; a loop that never yields leaves every parse it dropped in the heap until the
 * heap limit forces a full collection.
 */
const YIELD_EVERY = 50;

type Diagnostic = FileReport['diagnostics'][number];

/**
 * A file's name as the duplicate-name check needs it once every file is read: the name, its agents tree
 * (one string shared by the files of a tree) and where the value stands, as plain numbers.
 */
interface NameAt {
  name: string;
  tree: string;
  start: number;
  end: number;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

/**
 * What linting one file leaves until the end of the run, kept small: it is the one thing that grows with
 * the files (20,200 files: 0.9 KB each as a report, an index entry and their ranges as objects).
 */
interface FileResult {
  /** The path as given (the input's own string). */
  file: string;
  /** Absent when there are none, as for most files. */
  diagnostics?: Diagnostic[];
  /** The file's identity on disk, kept when shares must be merged: of two paths to one file, only the first is reported. */
  id?: string;
  /** Its name, when it has one. */
  name?: NameAt;
  /** The duplicate-name setting of the file's config. */
  duplicateName?: Severity | 'off';
}

/** One string for each distinct value (the agents trees: thousands of files share a few). */
class Strings {
  private readonly known = new Map<string, string>();
  shared(s: string): string {
    const hit = this.known.get(s);
    if (hit !== undefined) return hit;
    this.known.set(s, s);
    return s;
  }
}

function nameAt(abs: string, text: string, agent: AgentModel, trees: Strings): NameAt | undefined {
  const entry = nameEntry(abs, text, agent);
  if (!entry) return undefined;
  const { start, end } = entry.namePosition;
  return {
    name: entry.name,
    tree: trees.shared(entry.tree),
    start: entry.nameRange.start,
    end: entry.nameRange.end,
    line: start.line,
    character: start.character,
    endLine: end.line,
    endCharacter: end.character,
  };
}

/** The diagnostics of every clean file's report: one empty list, never added to. */
const NONE: Diagnostic[] = Object.freeze([]) as unknown as Diagnostic[];

const rangeOf = (n: NameAt) => ({ start: { line: n.line, character: n.character }, end: { line: n.endLine, character: n.endCharacter } });

/** A line for stderr about one file (a fix not written and why). */
type Note = (file: string, message: string) => void;

/** Lints a share of the files, one at a time; `keepIds` when other shares' results are merged with these. */
async function lintShare(files: readonly string[], opts: LintRunOptions, note: Note, keepIds: boolean): Promise<FileResult[]> {
  const configs = new ConfigResolver(opts.config);
  const trees = new Strings();
  const seen = new Set<string>();
  const results: FileResult[] = [];
  for (const [i, file] of files.entries()) {
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    const read = readAgentFileSync(file);
    if (read.kind === 'too-large') {
      results.push({ file, diagnostics: diagnostics([tooLargeFinding()], undefined, opts) });
      continue;
    }
    if (read.id !== undefined) {
      if (seen.has(read.id)) continue;
      seen.add(read.id);
    }
    const abs = path.resolve(file);
    const { rules } = await configs.configFor(abs);
    // Namesakes are known only once every file is read: duplicate-name is added then (addDuplicateNames).
    const options: LintOptions = { fileName: file, rules, workspace: { othersNamed: () => [], skillExists: skillLookup(abs) } };
    let text = read.text;
    if (opts.fix) {
      const fixed = fixAll(text, options).text;
      const refusal =
        fixed === text
          ? undefined
          : read.notUtf8
            ? `${read.notUtf8.summary}, and writing it back would change every byte UTF-8 cannot read`
            : await outsideRefusal(file, opts);
      if (refusal) note(file, `not fixed: ${refusal}`);
      else if (fixed !== text) {
        const error = await rewriteUntrustedFile(file, fixed);
        if (error) note(file, `not fixed: ${error}`);
        else text = fixed;
      }
    }
    const { agent, findings, internalErrors } = lintText(text, options);
    for (const e of internalErrors) process.stderr.write(`${file}: internal error in rule ${e.rule} (please report): ${e.error}\n`);
    if (read.notUtf8) insertSorted(findings, encodingFinding(read.notUtf8), byOffset);
    const shown = diagnostics(findings, text, opts);
    results.push({
      file,
      diagnostics: shown.length ? shown : undefined,
      id: keepIds ? read.id : undefined,
      name: nameAt(abs, text, agent, trees),
      duplicateName: rules[duplicateName.id],
    });
  }
  return results;
}

async function outsideRefusal(file: string, opts: LintRunOptions): Promise<string | undefined> {
  if (opts.fixOutside || (await isInside(file, opts.roots))) return undefined;
  return 'a symbolic link leads to it from outside the folders linted (pass --fix-outside to write it)';
}

function diagnostics(findings: readonly Finding[], text: string | undefined, opts: LintRunOptions): Diagnostic[] {
  const shown = opts.quiet ? findings.filter((f) => f.severity === 'error') : findings;
  const map = shown.length > 0 && text !== undefined ? new LineMap(text) : undefined;
  // The message is kept to the end of the run: detached, so that a quote in it does not keep the text alive.
  return shown.map((f) => ({
    code: f.code,
    severity: f.severity,
    message: detached(f.message),
    range: map ? toLspRange(map, f.range) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  }));
}

/**
 * The reports of all shares, in file order, with each file counted once and duplicate-name added to each
 * file whose name another file in its agents tree shares. A file's finding names its first namesakes and
 * counts the rest, so the cost is linear in the number of files.
 */
function addDuplicateNames(results: readonly FileResult[], opts: LintRunOptions): FileReport[] {
  // Within a share each file is counted once already; across shares, by the ids they kept.
  const seen = new Set<string>();
  const kept = results.some((r) => r.id !== undefined) ? results.filter((r) => r.id === undefined || (!seen.has(r.id) && !!seen.add(r.id))) : results;
  for (const group of namesakeGroups(kept)) {
    const pathOf = (r: FileResult) => path.resolve(r.file).replace(/\\/g, '/');
    // The first few of the group are everyone's listed namesakes (each file skips itself).
    const firstFew = group.slice(0, NAMESAKES_SHOWN + 1).map((r) => ({ result: r, other: otherAgent(r) }));
    const winner = lastByPath(group, pathOf)!;
    for (const result of group) {
      const setting = result.duplicateName;
      if (setting === 'off') continue;
      const name = result.name!;
      const others = firstFew.filter((f) => f.result !== result).map((f) => f.other);
      const finding = duplicateNameFinding(name.name, name, others, result === winner ? undefined : fileUri(path.resolve(winner.file)), group.length - 1);
      const severity = setting ?? finding.severity ?? duplicateName.defaultSeverity;
      if (opts.quiet && severity !== 'error') continue;
      insertSorted((result.diagnostics ??= []), { code: duplicateName.id, severity, message: finding.message, range: rangeOf(name) }, byPosition);
    }
  }
  return kept.map((r) => ({ file: r.file, diagnostics: r.diagnostics ?? NONE }));
}

/** The files that share their name with another file of their agents tree, by tree and name, in file order. */
function namesakeGroups(results: readonly FileResult[]): FileResult[][] {
  const byTree = new Map<string, Map<string, FileResult | FileResult[]>>();
  const groups: FileResult[][] = [];
  for (const r of results) {
    if (!r.name) continue;
    let names = byTree.get(r.name.tree);
    if (!names) byTree.set(r.name.tree, (names = new Map<string, FileResult | FileResult[]>()));
    const first = names.get(r.name.name);
    if (first === undefined) names.set(r.name.name, r);
    else if (Array.isArray(first)) first.push(r);
    else {
      const group = [first, r];
      names.set(r.name.name, group);
      groups.push(group);
    }
  }
  return groups;
}

function otherAgent(r: FileResult): OtherAgent {
  const name = r.name!;
  return { uri: fileUri(path.resolve(r.file)), nameRange: { start: name.start, end: name.end }, namePosition: rangeOf(name) };
}

/** lintText's order: by start, then end, then the order of the rules (the checks of the file itself first). */
const RULE_ORDER = new Map(RULES.map((r, i) => [r.id, i]));
const byRule = (a: { code: string }, b: { code: string }) => (RULE_ORDER.get(a.code) ?? -1) - (RULE_ORDER.get(b.code) ?? -1);
const byOffset = (a: Finding, b: Finding) => a.range.start - b.range.start || a.range.end - b.range.end || byRule(a, b);
type Position = Diagnostic['range']['start'];
const comparePositions = (a: Position, b: Position) => a.line - b.line || a.character - b.character;
const byPosition = (a: Diagnostic, b: Diagnostic) => comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end) || byRule(a, b);

/** Inserts `item` into a list sorted by `compare`, after the items it ties with. */
function insertSorted<T>(list: T[], item: T, compare: (a: T, b: T) => number): void {
  let i = list.length;
  while (i > 0 && compare(list[i - 1], item) > 0) i--;
  list.splice(i, 0, item);
}

type FromWorker = { type: 'results'; results: FileResult[] } | { type: 'note'; file: string; message: string } | { type: 'error'; file?: string; message: string };

/** Lints the files, in parallel when there are enough of them and more than one core (never with --fix). */
export async function lintFiles(files: readonly string[], opts: LintRunOptions, workerScript: string, note: Note): Promise<FileReport[]> {
  // SUBAGENT_STUDIO_THREADS overrides the choice (for benchmarks and tests of both paths).
  const forced = Number(process.env.SUBAGENT_STUDIO_THREADS);
  const chosen = forced > 0 ? forced : Math.min(lintThreads(), Math.floor(files.length / FILES_PER_WORKER));
  const threads = opts.fix ? 1 : Math.max(1, Math.min(chosen, files.length));
  if (threads <= 1) return addDuplicateNames(await lintShare(files, opts, note, false), opts);
  // The main thread lints the first share; each worker one of the others.
  const size = Math.ceil(files.length / threads);
  const shares = Array.from({ length: threads }, (_, i) => files.slice(i * size, (i + 1) * size));
  const workers = shares.slice(1).map((share) => new Worker(workerScript, { workerData: { share, opts } }));
  try {
    const theirs = workers.map((w) => resultsOf(w, note));
    const mine = await lintShare(shares[0], opts, note, true);
    return addDuplicateNames([...mine, ...(await Promise.all(theirs)).flat()], opts);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The results of a worker (its notes passed on as they come); an error message or a crash rejects. */
function resultsOf(worker: Worker, note: Note): Promise<FileResult[]> {
  return new Promise((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'note') note(m.file, m.message);
      else if (m.type === 'results') resolve(m.results);
      else reject(m.file ? new InputError(m.file, m.message) : new Error(m.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => code !== 0 && reject(new Error(`a lint worker stopped with exit code ${code}`)));
  });
}

/** In a worker thread: lint the share, send the results. */
export function runLintWorkerIfWorker(): boolean {
  if (isMainThread || !parentPort || !(workerData as { share?: unknown })?.share) return false;
  const port = parentPort;
  const { share, opts } = workerData as { share: string[]; opts: LintRunOptions };
  const note: Note = (file, message) => port.postMessage({ type: 'note', file, message } satisfies FromWorker);
  lintShare(share, opts, note, true).then(
    (results) => port.postMessage({ type: 'results', results } satisfies FromWorker),
    (e) => port.postMessage(errorMessage(e)),
  );
  return true;
}

function errorMessage(e: unknown): FromWorker {
  if (e instanceof InputError) return { type: 'error', file: e.file, message: e.reason };
  return { type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
