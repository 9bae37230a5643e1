/**
 * Linting a list of files, on one thread or on several. Phase 1 reads and parses every file and records
 * its name; phase 2 lints each file against the names of all of them (for duplicate names). With many
 * files, the work is split between the main thread and worker threads running this same bundle, which
 * exchange the names between the phases.
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { AgentIndex, type Entry } from '../agent-index';
import { fixAll } from '../core/fix-all';
import { lintText } from '../core/lint';
import type { AgentModel } from '../core/model';
import { parseAgent } from '../core/parse';
import { LineMap, toLspRange } from '../core/positions';
import { AGENT_SIZE_LIMIT, readUntrustedFileSync, rewriteUntrustedFile } from '../fs/untrusted-file';
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

/** A line for stderr about one file (a fix not written and why). */
type Note = (file: string, message: string) => void;

/** Below this many files one thread is faster than starting workers. */
const FILES_PER_WORKER = 400;

/**
 * How many threads may lint: one core is left to V8's own threads (garbage collection and compilation
 * already keep a second core about a third busy). Measured on 2 cores: two lint threads took 650 ms for
 * 2,020 files, one took 530 ms; at 10,100 files they were even.
 */
const lintThreads = () => Math.max(1, availableParallelism() - 1);

/**
 * Phase 1 for a share of the files: read and parse each, and index its name. A file reached by a second
 * path (a link) is left out, as Claude Code counts it once.
 */
function readShare(share: readonly string[], index: AgentIndex): { files: string[]; texts: string[]; agents: AgentModel[] } {
  const files: string[] = [];
  const texts: string[] = [];
  const seen = new Set<string>();
  for (const file of share) {
    // A regular file of at most 1 MiB (links followed); anything else is an InputError naming it.
    const { bytes, id } = readUntrustedFileSync(file, AGENT_SIZE_LIMIT);
    if (id !== undefined && seen.has(id)) continue;
    if (id !== undefined) seen.add(id);
    files.push(file);
    texts.push(bytes.toString('utf8'));
  }
  const agents = texts.map((t) => parseAgent(t));
  files.forEach((f, i) => index.update(f, texts[i], agents[i]));
  return { files, texts, agents };
}

/** Phase 2 for a share of the files: (fix and) lint each against the whole index. */
async function lintShare(files: readonly string[], texts: string[], agents: AgentModel[], index: AgentIndex, opts: LintRunOptions, note: Note): Promise<FileReport[]> {
  const configs = new ConfigResolver(opts.config);
  const reports: FileReport[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const abs = path.resolve(file);
    let text = texts[i];
    let agent = agents[i];
    const base = { fileName: file, workspace: index.viewFor(abs), rules: (await configs.configFor(abs)).rules };
    if (opts.fix) {
      const fixed = fixAll(text, base);
      const refusal = fixed.text === text ? undefined : (await outsideRefusal(file, opts)) ?? (await rewriteUntrustedFile(file, fixed.text));
      if (refusal) note(file, `not fixed: ${refusal}`);
      else if (fixed.text !== text) {
        text = fixed.text;
        agent = parseAgent(text);
        index.update(file, text, agent);
      }
    }
    const { findings, internalErrors } = lintText(text, { ...base, agent });
    for (const e of internalErrors) process.stderr.write(`${file}: internal error in rule ${e.rule} (please report): ${e.error}\n`);
    const shown = opts.quiet ? findings.filter((f) => f.severity === 'error') : findings;
    const map = shown.length > 0 ? new LineMap(text) : undefined;
    reports.push({ file, diagnostics: shown.map((f) => ({ code: f.code, severity: f.severity, message: f.message, range: toLspRange(map!, f.range) })) });
  }
  return reports;
}

async function outsideRefusal(file: string, opts: LintRunOptions): Promise<string | undefined> {
  if (opts.fixOutside || (await isInside(file, opts.roots))) return undefined;
  return 'a symbolic link leads to it from outside the folders linted (pass --fix-outside to write it)';
}

type ToWorker = { type: 'index'; entries: Entry[] };
type FromWorker = { type: 'entries'; entries: Entry[] } | { type: 'reports'; reports: FileReport[] } | { type: 'error'; file?: string; message: string };

/** Lints the files, in parallel when there are enough of them and more than one core (never with --fix). */
export async function lintFiles(files: readonly string[], opts: LintRunOptions, workerScript: string, note: Note): Promise<FileReport[]> {
  // SUBAGENT_STUDIO_THREADS overrides the choice (for benchmarks and tests of both paths).
  const forced = Number(process.env.SUBAGENT_STUDIO_THREADS);
  const chosen = forced > 0 ? forced : Math.min(lintThreads(), Math.floor(files.length / FILES_PER_WORKER));
  const threads = opts.fix ? 1 : Math.max(1, Math.min(chosen, files.length));
  const index = new AgentIndex();
  if (threads <= 1) {
    const own = readShare(files, index);
    return lintShare(own.files, own.texts, own.agents, index, opts, note);
  }
  // The main thread lints the first share; each worker one of the others.
  const size = Math.ceil(files.length / threads);
  const shares = Array.from({ length: threads }, (_, i) => files.slice(i * size, (i + 1) * size));
  const workers = shares.slice(1).map((share) => new Worker(workerScript, { workerData: { share, opts } }));
  try {
    const inbox = workers.map((w) => messages(w));
    const own = readShare(shares[0], index);
    for (const box of inbox) for (const e of ((await box.next()) as Extract<FromWorker, { type: 'entries' }>).entries) index.add(e);
    const all = index.entriesOf(files);
    for (const w of workers) w.postMessage({ type: 'index', entries: all } satisfies ToWorker);
    const mine = await lintShare(own.files, own.texts, own.agents, index, opts, note);
    const theirs = await Promise.all(inbox.map(async (box) => ((await box.next()) as Extract<FromWorker, { type: 'reports' }>).reports));
    return [...mine, ...theirs.flat()];
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The messages of a worker, one at a time; an error message or a crash rejects. */
function messages(worker: Worker): { next(): Promise<FromWorker> } {
  const queue: FromWorker[] = [];
  const waiting: Array<{ resolve: (m: FromWorker) => void; reject: (e: Error) => void }> = [];
  let failure: Error | undefined;
  const fail = (e: Error) => {
    failure = e;
    for (const w of waiting.splice(0)) w.reject(e);
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'error') return fail(m.file ? new InputError(m.file, m.message) : new Error(m.message));
    const w = waiting.shift();
    if (w) w.resolve(m);
    else queue.push(m);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => code !== 0 && fail(new Error(`a lint worker stopped with exit code ${code}`)));
  return {
    next: () =>
      failure ? Promise.reject(failure) : queue.length ? Promise.resolve(queue.shift()!) : new Promise((resolve, reject) => waiting.push({ resolve, reject })),
  };
}

/** In a worker thread: phase 1, send the names, wait for everyone's, phase 2, send the reports. */
export function runLintWorkerIfWorker(): boolean {
  if (isMainThread || !parentPort || !(workerData as { share?: unknown })?.share) return false;
  const port = parentPort;
  const { share, opts } = workerData as { share: string[]; opts: LintRunOptions };
  const index = new AgentIndex();
  try {
    const { files, texts, agents } = readShare(share, index);
    port.postMessage({ type: 'entries', entries: index.entriesOf(files) } satisfies FromWorker);
    port.once('message', (m: ToWorker) => {
      for (const e of m.entries) index.add(e);
      // Workers never fix (--fix runs on one thread), so they have nothing to note.
      lintShare(files, texts, agents, index, opts, () => undefined).then(
        (reports) => port.postMessage({ type: 'reports', reports } satisfies FromWorker),
        (e) => port.postMessage(errorMessage(e)),
      );
    });
  } catch (e) {
    port.postMessage(errorMessage(e));
  }
  return true;
}

function errorMessage(e: unknown): FromWorker {
  if (e instanceof InputError) return { type: 'error', file: e.file, message: e.reason };
  return { type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
