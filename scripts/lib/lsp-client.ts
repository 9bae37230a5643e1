/**
 * A real LSP client, for the server tests (test/server) and the benchmarks (scripts/bench): spawns
 * `node dist/server.js --stdio` and speaks the protocol through vscode-languageserver-protocol. It waits on
 * events (publishDiagnostics, log messages, responses), never on sleeps, and stamps every publish with its
 * arrival time. The tests import tsc's output of this file; the benchmarks load it with scripts/lib/import-ts.mjs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

/** The repository root: the nearest folder above this file (or its compiled copy in out/) with a package.json. */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const SERVER_JS = path.join(repoRoot(), 'dist', 'server.js');

export const fileUri = (file: string): string => pathToFileURL(file).toString();

/** A publishDiagnostics as it arrived: its parameters, their count, and when (ms, monotonic clock). */
export interface Published extends PublishDiagnosticsParams {
  count: number;
  t: number;
}

export interface LspClientOptions {
  /** The server's arguments (default `--stdio`). */
  args?: string[];
  /** Node's own flags for the server process (e.g. `--max-old-space-size`). */
  execArgv?: string[];
  serverJs?: string;
  cwd?: string;
  /** Added to this process's environment. */
  env?: Record<string, string>;
}

type Waiter = { match: (p: Published) => boolean; resolve: (p: Published) => void };

/** Milliseconds from the monotonic high-resolution clock. */
const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** `promise`, or a rejection with `message` after `ms`; the timer never outlives the wait. */
function within<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message())), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  /** When the server process was spawned (ms, the clock of `Published.t`). */
  readonly spawnedAt = nowMs();
  /** Every publishDiagnostics received, in order. */
  readonly published: Published[] = [];
  /** Called with every publishDiagnostics as it arrives. */
  readonly listeners: Array<(p: Published) => void> = [];
  /** Everything the server logged: window/logMessage and stderr. */
  readonly logs: string[] = [];
  /** The logged errors (window/logMessage of type Error, or a message about an internal error). */
  readonly errors: string[] = [];
  /** Resolves when the server process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the client answers to workspace/configuration (the `subagentStudio` section). */
  settings: Record<string, unknown> = {};
  private waiters: Waiter[] = [];
  /** Each returns true once it has seen the message it waits for. */
  private logWaiters: Array<(message: string) => boolean> = [];
  private versions = new Map<string, number>();

  constructor(opts: LspClientOptions = {}) {
    this.process = spawn(process.execPath, [...(opts.execArgv ?? []), opts.serverJs ?? SERVER_JS, ...(opts.args ?? ['--stdio'])], {
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: opts.cwd,
      env: opts.env && { ...process.env, ...opts.env },
    });
    this.exited = new Promise((resolve) => this.process.once('exit', (code, signal) => resolve({ code, signal })));
    this.process.stderr!.on('data', (d) => this.log(String(d)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const p: Published = { ...params, count: params.diagnostics.length, t: nowMs() };
      this.published.push(p);
      for (const l of this.listeners) l(p);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    this.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1 || /internal error|uncaught|unhandled/i.test(p.message)) this.errors.push(p.message);
      this.log(p.message);
    });
    this.connection.onRequest('workspace/configuration', (params: { items?: unknown[] }) => (params.items ?? []).map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  async initialize(rootDir?: string, initializationOptions?: unknown): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: rootDir ? fileUri(rootDir) : null,
      workspaceFolders: rootDir ? [{ uri: fileUri(rootDir), name: path.basename(rootDir) }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
      initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  private log(message: string): void {
    this.logs.push(message);
    this.logWaiters = this.logWaiters.filter((w) => !w(message));
  }

  /** Resolves once the server has logged a message matching `pattern` (at once if it has already). */
  logged(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const seen = this.logs.find((m) => pattern.test(m));
    if (seen !== undefined) return Promise.resolve(seen);
    let waiter: (message: string) => boolean = () => false;
    const found = new Promise<string>((resolve) => {
      waiter = (m) => {
        if (!pattern.test(m)) return false;
        resolve(m);
        return true;
      };
      this.logWaiters.push(waiter);
    });
    return within(found, timeoutMs, () => `the server did not log ${pattern} within ${timeoutMs} ms; log: ${this.logs.slice(-5).join(' | ')}`).finally(() => {
      this.logWaiters = this.logWaiters.filter((w) => w !== waiter);
    });
  }

  /** The next publishDiagnostics that matches, arriving after this call. */
  next(match: (p: Published) => boolean, timeoutMs = 60_000): Promise<Published> {
    const waiter: Waiter = { match, resolve: () => undefined };
    const arrived = new Promise<Published>((resolve) => {
      waiter.resolve = resolve;
      this.waiters.push(waiter);
    });
    return within(arrived, timeoutMs, () => `no publishDiagnostics within ${timeoutMs} ms (server log: ${this.logs.slice(-5).join(' | ')})`).finally(() => {
      this.waiters = this.waiters.filter((w) => w !== waiter);
    });
  }

  /** The next publishDiagnostics for `uri` (and `version`, when given) that arrives after this call. */
  nextDiagnostics(uri: string, version?: number, timeoutMs?: number): Promise<Published> {
    return this.next((p) => p.uri === uri && (version === undefined || p.version === version), timeoutMs);
  }

  /** Waits for publishDiagnostics of `uri` until one satisfies `ready` (the latest state the test expects). */
  async diagnosticsUntil(uri: string, ready: (p: Published) => boolean): Promise<Published> {
    for (;;) {
      const p = await this.nextDiagnostics(uri);
      if (ready(p)) return p;
    }
  }

  /** Opens the document; resolves when the notification is written (not when diagnostics arrive). */
  didOpen(uri: string, text: string, languageId = 'claude-agent'): Promise<void> {
    this.versions.set(uri, 1);
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Opens the document and resolves with its first diagnostics. */
  async open(uri: string, text: string, languageId = 'claude-agent'): Promise<Published> {
    const next = this.nextDiagnostics(uri, 1);
    await this.didOpen(uri, text, languageId);
    return next;
  }

  /** Opens the document and waits until its diagnostics satisfy `ready` (they may need a later publish). */
  async openUntil(uri: string, text: string, ready: (p: Published) => boolean): Promise<Published> {
    const first = await this.open(uri, text);
    return ready(first) ? first : this.diagnosticsUntil(uri, ready);
  }

  /** Sends a change with the next version; returns that version once the change is written. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** The version of the document's latest change (1 when opened), counted when the change is sent. */
  versionOf(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Resident set size and its peak, from /proc (Linux), in bytes. */
  memory(): { rss: number; hwm: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  }

  /**
   * Asks the server to shut down and exit, and ends the process when it does not within a few seconds.
   * Resolves true when it answered the shutdown request; never rejects (the server may be gone already).
   */
  async shutdown(): Promise<boolean> {
    let answered = false;
    try {
      await within(this.connection.sendRequest(ShutdownRequest.type), 5000, () => 'no answer to shutdown');
      answered = true;
      await this.connection.sendNotification(ExitNotification.type);
      await within(this.exited, 3000, () => 'no exit');
    } catch {
      // the process is ended below
    } finally {
      this.connection.dispose();
      if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
    }
    return answered;
  }
}

/** The LSP position (line, UTF-16 character) of a string offset. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
