/**
 * More places agent files live (e.g. plugin `agents/` folders): the `subagentStudio.agentFileGlobs` setting
 * and the `agentFolders` of each workspace folder's `.subagent-studio.json`. Markdown files that match open
 * as `claude-agent`, so they get the server, snippets and grammar. Applies while the extension is active;
 * `files.associations` does the same without it.
 */
import * as vscode from 'vscode';

const CONFIG_FILE = '.subagent-studio.json';

export class AgentGlobs implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Patterns from the workspace folders' config files. */
  private fromConfig: vscode.GlobPattern[] = [];

  constructor(private readonly languageId: string) {
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
    const patterns: vscode.GlobPattern[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      let config: { agentFolders?: unknown };
      try {
        config = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, CONFIG_FILE))).toString('utf8'));
      } catch {
        continue; // no config, or a broken one (the language server reports what is wrong with it)
      }
      if (!Array.isArray(config.agentFolders)) continue;
      for (const f of config.agentFolders) {
        if (typeof f === 'string') patterns.push(new vscode.RelativePattern(folder, `${f.replace(/\/+$/, '')}/**/*.md`));
      }
    }
    this.fromConfig = patterns;
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
