/**
 * `subagentStudio.agentFileGlobs`: more places agent files live (e.g. plugin `agents/` folders). Markdown
 * files that match open as `claude-agent`, so they get the server, snippets and grammar. Applies while the
 * extension is active; `files.associations` does the same without it.
 */
import * as vscode from 'vscode';

export class AgentGlobs implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly languageId: string) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((doc) => void this.apply(doc)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('subagentStudio.agentFileGlobs')) this.applyAll();
      }),
    );
    this.applyAll();
  }

  private globs(): string[] {
    return vscode.workspace.getConfiguration('subagentStudio').get<string[]>('agentFileGlobs', []);
  }

  private applyAll(): void {
    for (const doc of vscode.workspace.textDocuments) void this.apply(doc);
  }

  private async apply(doc: vscode.TextDocument): Promise<void> {
    if (doc.languageId !== 'markdown' || doc.uri.scheme !== 'file') return;
    const globs = this.globs();
    if (globs.length === 0) return;
    if (globs.some((pattern) => vscode.languages.match({ pattern }, doc) > 0)) {
      await vscode.languages.setTextDocumentLanguage(doc, this.languageId);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
