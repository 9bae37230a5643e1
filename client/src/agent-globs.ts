/**
 * More places agent files live (e.g. plugin `agents/` folders): the `subagentStudio.agentFileGlobs` setting
 * and the `agentFolders` of each workspace folder's `.subagent-studio.json`, which the language server reads
 * (it is the one reader of that file) and tells on request. Markdown files that match open as
 * `claude-agent`, so they get the server, snippets and grammar. Applies while the extension is active;
 * `files.associations` does the same without it.
 */
import * as vscode from 'vscode';
import { AGENT_FOLDERS_REQUEST, type AgentFoldersParams, type AgentFoldersResult } from '../../server/src/protocol';

const CONFIG_FILE = '.subagent-studio.json';

/** Asks the language server a request (the running client's sendRequest). */
export type AskServer = <R>(method: string, params: unknown) => Promise<R>;

export class AgentGlobs implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Patterns from the workspace folders' config files. */
  private fromConfig: vscode.GlobPattern[] = [];

  constructor(
    private readonly languageId: string,
    private readonly ask: AskServer,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    const reload = () => void this.readConfigs().then(() => this.applyAll());
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate(reload),
      watcher.onDidChange(reload),
      watcher.onDidDelete(reload),
      vscode.workspace.onDidOpenTextDocument((doc) => void this.apply(doc)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('subagentStudio.agentFileGlobs')) this.applyAll();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(reload),
    );
    reload();
  }

  /** `agentFolders` of each workspace folder's config file, as patterns of the `*.md` files inside them. */
  private async readConfigs(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    if (folders.length === 0) {
      this.fromConfig = [];
      return;
    }
    try {
      const answer = await this.ask<AgentFoldersResult>(AGENT_FOLDERS_REQUEST, { folders } satisfies AgentFoldersParams);
      this.fromConfig = answer.folders.flat().map((p) => new vscode.RelativePattern(vscode.Uri.file(p.base), p.pattern));
    } catch {
      // The server is not running: the globs stay as they were (it reports what is wrong with a config).
    }
  }

  private patterns(): vscode.GlobPattern[] {
    return [...vscode.workspace.getConfiguration('subagentStudio').get<string[]>('agentFileGlobs', []), ...this.fromConfig];
  }

  private applyAll(): void {
    for (const doc of vscode.workspace.textDocuments) void this.apply(doc);
  }

  private async apply(doc: vscode.TextDocument): Promise<void> {
    if (doc.languageId !== 'markdown' || doc.uri.scheme === 'untitled') return;
    const patterns = this.patterns();
    if (patterns.length === 0) return;
    if (patterns.some((pattern) => vscode.languages.match({ pattern }, doc) > 0)) {
      await vscode.languages.setTextDocumentLanguage(doc, this.languageId);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
