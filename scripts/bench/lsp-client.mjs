// A small LSP client for the benchmarks: spawns `node dist/server.js --stdio` and speaks the protocol
// through vscode-languageserver-protocol (as test/server/lsp-client.ts does), recording the arrival time of
// every publishDiagnostics.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nowMs, REPO_ROOT, SERVER_JS } from './common.mjs';

const require = createRequire(path.join(REPO_ROOT, 'package.json'));
export const proto = require('vscode-languageserver-protocol/node');

export const fileUri = (file) => pathToFileURL(file).toString();

export class BenchLspClient {
  /**
   * @param {{ args?: string[], execArgv?: string[], serverJs?: string, cwd?: string, env?: Record<string, string> }} [opts]
   */
  constructor(opts = {}) {
    /** @type {{ uri: string, version: number | undefined, count: number, t: number }[]} */
    this.published = [];
    this.logs = [];
    this.errors = [];
    this.waiters = [];
    this.listeners = [];
    this.versions = new Map();
    this.spawnedAt = nowMs();
    this.process = spawn(process.execPath, [...(opts.execArgv ?? []), opts.serverJs ?? SERVER_JS, ...(opts.args ?? ['--stdio'])], {
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: opts.cwd ?? REPO_ROOT,
      env: opts.env && { ...process.env, ...opts.env },
    });
    this.exited = new Promise((resolve) => this.process.once('exit', (code, signal) => resolve({ code, signal })));
    this.process.stderr.on('data', (d) => this.logs.push(String(d)));
    this.connection = proto.createProtocolConnection(
      new proto.StreamMessageReader(this.process.stdout),
      new proto.StreamMessageWriter(this.process.stdin),
    );
    this.connection.onNotification(proto.PublishDiagnosticsNotification.type, (p) => {
      const rec = { uri: p.uri, version: p.version, count: p.diagnostics.length, t: nowMs() };
      this.published.push(rec);
      for (const l of this.listeners) l(rec, p);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(rec)) return true;
        w.resolve(rec);
        return false;
      });
    });
    this.connection.onNotification('window/logMessage', (p) => {
      this.logs.push(p.message);
      if (p.type === 1 || /internal error|uncaught|unhandled/i.test(p.message)) this.errors.push(p.message);
    });
    this.connection.onRequest('workspace/configuration', (p) => (p.items ?? []).map(() => ({})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  get pid() {
    return this.process.pid;
  }

  async initialize(rootDir) {
    await this.connection.sendRequest(proto.InitializeRequest.type, {
      processId: process.pid,
      rootUri: rootDir ? fileUri(rootDir) : null,
      workspaceFolders: rootDir ? [{ uri: fileUri(rootDir), name: path.basename(rootDir) }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    await this.connection.sendNotification(proto.InitializedNotification.type, {});
  }

  /** The next publishDiagnostics matching `match` (a uri, or a predicate on { uri, version }). */
  next(match, timeoutMs = 60_000) {
    const fn = typeof match === 'function' ? match : (r) => r.uri === match;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no publishDiagnostics within ${timeoutMs} ms (server log: ${this.logs.slice(-5).join(' | ')})`));
      }, timeoutMs);
      const waiter = { match: fn, resolve: (r) => { clearTimeout(timer); resolve(r); } };
      this.waiters.push(waiter);
    });
  }

  forVersion(uri, version, timeoutMs) {
    return this.next((r) => r.uri === uri && r.version === version, timeoutMs);
  }

  /** Resolves when a log line (stderr or window/logMessage) matches `re`. */
  async waitLog(re, timeoutMs = 60_000) {
    const deadline = nowMs() + timeoutMs;
    while (!this.logs.some((l) => re.test(l))) {
      if (nowMs() > deadline) throw new Error(`the server did not log ${re} within ${timeoutMs} ms; log: ${this.logs.slice(-5).join(' | ')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return this.logs.find((l) => re.test(l));
  }

  /** Opens a document; resolves when the notification is written (not when diagnostics arrive). */
  open(uri, text, languageId = 'claude-agent') {
    this.versions.set(uri, 1);
    return this.connection.sendNotification(proto.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Sends a change with the next version; returns { version, sent } (sent: a promise of the write). */
  change(uri, contentChanges) {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const sent = this.connection.sendNotification(proto.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges,
    });
    return { version, sent };
  }

  /** Resident set size and its peak, from /proc (Linux), in bytes. */
  memory() {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  }

  async shutdown() {
    try {
      await Promise.race([
        (async () => {
          await this.connection.sendRequest(proto.ShutdownRequest.type);
          await this.connection.sendNotification(proto.ExitNotification.type);
        })(),
        new Promise((r) => setTimeout(r, 5000)),
      ]);
      await Promise.race([this.exited, new Promise((r) => setTimeout(r, 3000))]);
    } catch {
      // the process may be gone already
    } finally {
      this.connection.dispose();
      if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
    }
  }
}

/** The LSP position (line, UTF-16 character) of a string offset. */
export function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
