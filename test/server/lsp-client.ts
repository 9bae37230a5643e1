/**
 * A real LSP client for tests: spawns `node dist/server.js --stdio` and speaks the protocol through
 * vscode-languageserver-protocol. Waits on events (publishDiagnostics, responses), never on sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  ExitNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
  type ProtocolConnection,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { after, before } from 'node:test';
import { REPO_ROOT } from '../helpers';

export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');

type Waiter = { match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void };

export class LspTestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  private waiters: Waiter[] = [];
  /** Each returns true once it has seen the message it waits for. */
  private logWaiters: Array<(message: string) => boolean> = [];
  private versions = new Map<string, number>();
  /** What the client answers to workspace/configuration (the `subagentStudio` section). */
  settings: Record<string, unknown> = {};

  constructor(args: string[] = ['--stdio'], env?: Record<string, string>) {
    this.process = spawn(process.execPath, [SERVER_JS, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: env && { ...process.env, ...env } });
    this.process.stderr!.on('data', (d) => this.logs.push(String(d)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.logWaiters = this.logWaiters.filter((w) => !w(p.message));
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  async initialize(rootDir?: string, initializationOptions?: unknown): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: rootDir ? pathToFileURL(rootDir).toString() : null,
      workspaceFolders: rootDir ? [{ uri: pathToFileURL(rootDir).toString(), name: path.basename(rootDir) }] : null,
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
      initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Resolves once the server has logged a message matching `pattern` (at once if it has already). */
  logged(pattern: RegExp): Promise<string> {
    const seen = this.logs.find((m) => pattern.test(m));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => {
      this.logWaiters.push((m) => {
        if (!pattern.test(m)) return false;
        resolve(m);
        return true;
      });
    });
  }

  /** The next publishDiagnostics for `uri` (and `version`, when given) that arrives after this call. */
  nextDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => {
      this.waiters.push({ match: (p) => p.uri === uri && (version === undefined || p.version === version), resolve });
    });
  }

  /** Waits for publishDiagnostics of `uri` until one satisfies `ready` (the latest state the test expects). */
  async diagnosticsUntil(uri: string, ready: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    for (;;) {
      const p = await this.nextDiagnostics(uri);
      if (ready(p)) return p;
    }
  }

  /** Opens the document and waits until its diagnostics satisfy `ready` (they may need a later publish). */
  async openUntil(uri: string, text: string, ready: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    const first = await this.open(uri, text);
    return ready(first) ? first : this.diagnosticsUntil(uri, ready);
  }

  async open(uri: string, text: string, languageId = 'claude-agent'): Promise<PublishDiagnosticsParams> {
    const next = this.nextDiagnostics(uri, 1);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return next;
  }

  /** Sends a change; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async shutdown(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }
}

/** Runs `use` with a server initialized on `root` (no workspace folder when undefined), and shuts it down after. */
export async function withServer<T>(root: string | undefined, use: (client: LspTestClient) => Promise<T>): Promise<T> {
  const client = new LspTestClient();
  try {
    await client.initialize(root);
    return await use(client);
  } finally {
    await client.shutdown();
  }
}

/** A server for the tests of the calling describe block: started before them (and handed to `use`), shut down after. */
export function serverForSuite(use: (client: LspTestClient) => void): void {
  let client: LspTestClient | undefined;
  before(async () => {
    client = new LspTestClient();
    use(client);
    await client.initialize();
  });
  after(async () => client?.shutdown());
}
