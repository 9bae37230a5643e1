/**
 * Linting a list of files, streaming: each file is read, (fixed,) parsed and linted in turn, and only its
 * diagnostics and its name are kept, as a row of numbers and bytes off the JS heap (lint-rows), so memory
 * grows with the name index, not with the files' texts. The one check that needs every file,
 * duplicate-name, is added at the end from the names alone. With many files,
 * the list is split between the main thread and worker threads running this same bundle.
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { detached, nameEntry, skillLookup } from '../agent-index';
import { fixAll } from '../core/fix-all';
import { lintText, type LintOptions } from '../core/lint';
import { LineMap, toLspRange } from '../core/positions';
import type { AgentModel } from '../core/model';
import { RULES } from '../core/rules';
import { duplicateName, duplicateNameMessage, lastByPath, NAMESAKES_SHOWN } from '../core/rules/duplicate-name';
import type { Finding } from '../core/types';
import { encodingFinding, tooLargeFinding } from '../file-checks';
import { readAgentFileSync } from '../fs/agent-file';
import { rewriteUntrustedFile } from '../fs/untrusted-file';
import { InputError } from '../input-error';
import { ConfigResolver } from '../project-config';
import { isInside } from './agent-files';
import type { FileReport } from './formats';
import { SeenFiles } from './seen-files';
import { diagnosticsFor, diagnosticsOf, idOf, isLinted, namesakeGroups, RowWriter, settingOf, type Diagnostic, type NameAt, type Row, type Rows } from './lint-rows';

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

function nameAt(abs: string, text: string, agent: AgentModel): NameAt | undefined {
  const entry = nameEntry(abs, text, agent);
  if (!entry) return undefined;
  return { name: entry.name, tree: entry.tree, start: entry.nameRange.start, end: entry.nameRange.end, position: entry.namePosition };
}

/** The diagnostics of every clean file's report: one empty list, never added to. */
const NONE: Diagnostic[] = Object.freeze([]) as unknown as Diagnostic[];

/** A line for stderr about one file (a fix not written and why). */
type Note = (file: string, message: string) => void;

/** Lints a share of the files, one at a time; `keepIds` when other shares' rows are merged with these. */
async function lintShare(files: readonly string[], opts: LintRunOptions, note: Note, keepIds: boolean): Promise<Rows> {
  const share: Share = { configs: new ConfigResolver(opts.config), seen: new SeenFiles(files.length), out: new RowWriter(files.length, keepIds), opts, note };
  for (const [i, file] of files.entries()) {
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    await lintFile(share, file, i);
  }
  return share.out.rows;
}

/** What the files of a share have in common as they are linted. */
interface Share {
  configs: ConfigResolver;
  seen: SeenFiles;
  out: RowWriter;
  opts: LintRunOptions;
  note: Note;
}

/** Reads, (fixes,) lints one file and writes its row. */
async function lintFile({ configs, seen, out, opts, note }: Share, file: string, row: number): Promise<void> {
  const read = readAgentFileSync(file);
  if (read.kind === 'too-large') return out.unread(row, diagnostics([tooLargeFinding()], undefined, opts));
  if (read.id !== undefined && !seen.addIfNew(read.id)) return;
  const abs = path.resolve(file);
  const { rules } = await configs.configFor(abs);
  // Namesakes are known only once every file is read: duplicate-name is added then (addDuplicateNames).
  const options: LintOptions = { fileName: file, rules, workspace: { othersNamed: () => [], skillExists: skillLookup(abs) } };
  let text = read.text;
  if (opts.fix) {
    const fixed = fixAll(text, options).text;
    const refusal =
      fixed === text ? undefined : read.notUtf8 ? `${read.notUtf8.summary}, and writing it back would change every byte UTF-8 cannot read` : await outsideRefusal(file, opts);
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
  out.linted(row, diagnostics(findings, text, opts), nameAt(abs, text, agent), rules[duplicateName.id], read.id);
  forgetLastMatch();
}

/**
 * V8 keeps the subject of the last regular-expression match for `RegExp.lastMatch` and `RegExp.$1`: after a
 * lint that is a slice of the file's text, which then survived the next young-generation collection. A
 * match on an empty string takes its place.
 */
const forgetLastMatch = () => /(?:)/.exec('');

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
function addDuplicateNames(shares: ReadonlyArray<{ files: readonly string[]; rows: Rows }>, opts: LintRunOptions): FileReport[] {
  // Within a share each file is counted once already; across shares, by the ids they kept.
  const seen = new Set<string>();
  const kept: Row[] = [];
  for (const { files, rows } of shares)
    for (let index = 0; index < files.length; index++) {
      const row: Row = { rows, index, file: files[index] };
      const id = idOf(row);
      if (isLinted(row) && (id === undefined || !seen.has(id))) kept.push(row);
      if (id !== undefined) seen.add(id);
    }
  for (const group of namesakeGroups(kept)) {
    const members = group.map(({ row, name }) => ({ row, name, abs: path.resolve(row.file) }));
    const winner = lastByPath(members, (m) => m.abs.replace(/\\/g, '/'))!;
    // The first few of the group are everyone's listed namesakes (each file skips itself).
    const firstFew = members.slice(0, NAMESAKES_SHOWN + 1);
    const fileNames = firstFew.map((m) => path.basename(m.abs));
    for (const member of members) {
      const setting = settingOf(member.row);
      if (setting === 'off') continue;
      const severity = setting ?? duplicateName.defaultSeverity;
      if (opts.quiet && severity !== 'error') continue;
      const { name } = member;
      const shown = fileNames.filter((_, i) => firstFew[i] !== member).slice(0, NAMESAKES_SHOWN);
      const message = duplicateNameMessage(name.name, shown, member === winner ? undefined : path.basename(winner.abs), group.length - 1);
      insertSorted(diagnosticsFor(member.row), { code: duplicateName.id, severity, message, range: name.position }, byPosition);
    }
  }
  return kept.map((r) => ({ file: r.file, diagnostics: diagnosticsOf(r) ?? NONE }));
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

type FromWorker = { type: 'rows'; rows: Rows } | { type: 'note'; file: string; message: string } | { type: 'error'; file?: string; message: string };

/** Lints the files, in parallel when there are enough of them and more than one core (never with --fix). */
export async function lintFiles(files: readonly string[], opts: LintRunOptions, workerScript: string, note: Note): Promise<FileReport[]> {
  // SUBAGENT_STUDIO_THREADS overrides the choice (for benchmarks and tests of both paths).
  const forced = Number(process.env.SUBAGENT_STUDIO_THREADS);
  const chosen = forced > 0 ? forced : Math.min(lintThreads(), Math.floor(files.length / FILES_PER_WORKER));
  const threads = opts.fix ? 1 : Math.max(1, Math.min(chosen, files.length));
  if (threads <= 1) return addDuplicateNames([{ files, rows: await lintShare(files, opts, note, false) }], opts);
  // The main thread lints the first share; each worker one of the others.
  const size = Math.ceil(files.length / threads);
  const shares = Array.from({ length: threads }, (_, i) => files.slice(i * size, (i + 1) * size));
  const workers = shares.slice(1).map((share) => new Worker(workerScript, { workerData: { share, opts } }));
  try {
    const theirs = workers.map((w) => rowsOf(w, note));
    const mine = await lintShare(shares[0], opts, note, true);
    const all = [mine, ...(await Promise.all(theirs))];
    return addDuplicateNames(
      all.map((rows, i) => ({ files: shares[i], rows })),
      opts,
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The rows of a worker (its notes passed on as they come); an error message or a crash rejects. */
function rowsOf(worker: Worker, note: Note): Promise<Rows> {
  return new Promise((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'note') note(m.file, m.message);
      else if (m.type === 'rows') resolve(m.rows);
      else reject(m.file ? new InputError(m.file, m.message) : new Error(m.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => code !== 0 && reject(new Error(`a lint worker stopped with exit code ${code}`)));
  });
}

/** In a worker thread: lint the share, send its rows. */
export function runLintWorkerIfWorker(): boolean {
  if (isMainThread || !parentPort || !(workerData as { share?: unknown })?.share) return false;
  const port = parentPort;
  const { share, opts } = workerData as { share: string[]; opts: LintRunOptions };
  const note: Note = (file, message) => port.postMessage({ type: 'note', file, message } satisfies FromWorker);
  lintShare(share, opts, note, true).then(
    (rows) => port.postMessage({ type: 'rows', rows } satisfies FromWorker),
    (e) => port.postMessage(errorMessage(e)),
  );
  return true;
}

function errorMessage(e: unknown): FromWorker {
  if (e instanceof InputError) return { type: 'error', file: e.file, message: e.reason };
  return { type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
