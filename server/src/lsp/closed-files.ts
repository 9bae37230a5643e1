/**
 * Diagnostics for the workspace's agent files that no editor has open, so the Problems panel shows every
 * agent's problems, not only the open ones'. A file is read from disk and checked when the first scan has
 * found it, when it changes on disk, when its editor closes, and when what bears on it changes (settings,
 * the project's config, a namesake, the session's agents); its diagnostics stay until the next check
 * replaces them, so closing a file keeps its problems.
 *
 * One file at a time, with a turn of the event loop between files: requests about open documents are
 * answered in between. What is kept per file is its path (the workspace's agent files) and whether it has
 * diagnostics out, never its text or parse. The `subagentStudio.diagnostics.scope` setting `openFiles`
 * turns this off, and takes back what it published.
 */
import type { Diagnostic } from 'vscode-languageserver';
import { lintText, type LintOptions } from '../core/lint';
import { LineMap } from '../core/positions';
import { readAgentFileOrUndefined } from '../fs/agent-file';
import { toDiagnostic } from './convert';

export type DiagnosticsScope = 'workspace' | 'openFiles';
export const DIAGNOSTICS_SCOPES: readonly DiagnosticsScope[] = ['workspace', 'openFiles'];

export interface ClosedFileHost {
  /** Whether an editor has the file open (its live text is checked as a document, not from disk). */
  isOpen(file: string): boolean;
  /** Whether the file is below a workspace folder: the user's and managed agents are not the Problems panel's. */
  inWorkspace(file: string): boolean;
  /** The file's URI as diagnostics name it. */
  uriOf(file: string): string;
  /** The lint options of a file, once its project's config is read. */
  options(file: string): Promise<LintOptions>;
  /** What reading the file found wrong with the file itself (not UTF-8, too large). */
  diskProblems(file: string): Diagnostic[];
  publish(uri: string, diagnostics: Diagnostic[]): void;
  /** The file is gone: whatever is kept about it elsewhere can go too. */
  gone(file: string): void;
  onInternalError(file: string, what: string, error: string): void;
}

export class ClosedFileChecks {
  /** The workspace's agent files, as found by the scans and file events. */
  private readonly known = new Set<string>();
  /** Files waiting for a check, in the order asked (a file asked twice is checked once). */
  private readonly queue = new Set<string>();
  /** Files whose published diagnostics are not empty: what `openFiles` takes back. */
  private readonly published = new Set<string>();
  private started = false;
  private draining = false;
  private scope: DiagnosticsScope = 'workspace';
  /** Settles when the queue is empty (for tests and the benchmark). */
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly host: ClosedFileHost) {}

  /** Checks start once the first scan of the workspace is done: before that, a file's namesakes may be unread. */
  start(): void {
    this.started = true;
    this.drainSoon();
  }

  setScope(scope: DiagnosticsScope): void {
    if (scope === this.scope) return;
    this.scope = scope;
    if (scope === 'openFiles') {
      this.queue.clear();
      for (const file of this.published) this.host.publish(this.host.uriOf(file), []);
      this.published.clear();
    } else {
      this.check(this.known);
    }
  }

  /** Asks for a check of these agent files (an open one is left to its document, one outside the workspace alone). */
  check(files: Iterable<string>): void {
    for (const file of files) {
      if (!this.host.inWorkspace(file)) continue;
      this.known.add(file);
      if (this.scope === 'workspace') this.queue.add(file);
    }
    this.drainSoon();
  }

  /** Every known file again: settings, the config or the skills changed. */
  checkAll(): void {
    this.check(this.known);
  }

  /** Resolves once no check is waiting. */
  idle(): Promise<void> {
    if (this.queue.size === 0 && !this.draining) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private drainSoon(): void {
    if (!this.started || this.draining || this.queue.size === 0) return;
    this.draining = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      for (let file = first(this.queue); file !== undefined; file = first(this.queue)) {
        this.queue.delete(file);
        if (!this.host.isOpen(file)) await this.checkOne(file);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.draining = false;
      if (this.queue.size > 0) this.drainSoon();
      else for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async checkOne(file: string): Promise<void> {
    const read = await readAgentFileOrUndefined(file);
    if (read === undefined) {
      this.known.delete(file);
      this.host.gone(file);
      return this.send(file, []);
    }
    const options = await this.host.options(file);
    // The file may have been opened, or the scope changed, while its config was read.
    if (this.host.isOpen(file) || this.scope !== 'workspace') return;
    const disk = this.host.diskProblems(file);
    if (read.kind !== 'text') return this.send(file, disk);
    const uri = this.host.uriOf(file);
    const result = lintText(read.text, options);
    for (const e of result.internalErrors) this.host.onInternalError(file, `rule ${e.rule}`, e.error);
    const map = new LineMap(read.text);
    this.send(file, [...disk, ...result.findings.map((f) => toDiagnostic(uri, map, f))]);
  }

  private send(file: string, diagnostics: Diagnostic[]): void {
    // A file that never had diagnostics out needs no empty list (most files of a clean workspace).
    if (diagnostics.length === 0 && !this.published.has(file)) return;
    if (diagnostics.length > 0) this.published.add(file);
    else this.published.delete(file);
    this.host.publish(this.host.uriOf(file), diagnostics);
  }

  /** The file is open now: its document's diagnostics replace the disk's. */
  opened(file: string): void {
    this.queue.delete(file);
    this.published.delete(file);
  }

  /**
   * The file's editor closed: what the disk holds counts again. The editor's last diagnostics are out (of
   * text perhaps never saved), so the check sends its answer even when it is none; with `openFiles` the
   * file's diagnostics go now. False when the file is not the workspace's (nothing is kept for it).
   */
  closed(file: string): boolean {
    if (!this.host.inWorkspace(file)) return false;
    if (this.scope !== 'workspace') {
      this.host.publish(this.host.uriOf(file), []);
      return true;
    }
    this.published.add(file);
    this.check([file]);
    return true;
  }
}

function first<T>(set: Set<T>): T | undefined {
  for (const v of set) return v;
  return undefined;
}
