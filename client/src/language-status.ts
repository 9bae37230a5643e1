/**
 * The language status of agent files (the `{}` beside the language mode in the status bar), two items:
 * - whether Claude Code loads the active agent file, and why not (asked of the server with
 *   `subagentStudio/agentState` when the active editor changes and each time the server has checked it);
 * - whether the language server is starting, running or stopped, with its log one click away.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { AGENT_STATE_REQUEST, type AgentState, type AgentStateParams, type DocumentCheckedParams } from '../../server/src/protocol';

/** What an item shows, for tests (the extension's API). */
export interface StatusItemView {
  text: string;
  detail: string | undefined;
  severity: 'information' | 'warning' | 'error';
  busy: boolean;
  command: string | undefined;
}

export interface LanguageStatusView {
  agent: StatusItemView;
  server: StatusItemView;
}

const SEVERITY: Record<vscode.LanguageStatusSeverity, StatusItemView['severity']> = { 0: 'information', 1: 'warning', 2: 'error' };

export class LanguageStatus implements vscode.Disposable {
  private readonly agent: vscode.LanguageStatusItem;
  private readonly server: vscode.LanguageStatusItem;
  private readonly disposables: vscode.Disposable[] = [];
  private requestSeq = 0;
  /** The document the agent item speaks of. */
  private shown: string | undefined;

  constructor(
    private readonly languageId: string,
    private readonly client: LanguageClient,
    onChecked: vscode.Event<DocumentCheckedParams>,
    showLogCommand: string,
  ) {
    const selector = { language: languageId };
    this.agent = vscode.languages.createLanguageStatusItem('subagentStudio.claudeCode', selector);
    this.agent.name = 'Claude Code';
    this.server = vscode.languages.createLanguageStatusItem('subagentStudio.server', selector);
    this.server.name = 'Subagent Studio language server';
    this.server.command = { title: 'Show Log', command: showLogCommand, tooltip: 'Show the language server log' };
    this.showServerState(client.state);
    this.disposables.push(
      this.agent,
      this.server,
      client.onDidChangeState((e) => {
        this.showServerState(e.newState);
        void this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      onChecked((checked) => {
        if (checked.uri === this.activeAgent()?.uri.toString()) void this.refresh();
      }),
    );
    void this.refresh();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  view(): LanguageStatusView {
    return { agent: viewOf(this.agent), server: viewOf(this.server) };
  }

  private activeAgent(): vscode.TextDocument | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    return doc?.languageId === this.languageId ? doc : undefined;
  }

  private showServerState(state: State): void {
    const s = this.server;
    s.busy = state === State.Starting;
    s.severity = state === State.Stopped ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    s.text = state === State.Running ? 'Server running' : state === State.Starting ? 'Server starting' : 'Server stopped';
    s.detail = state === State.Stopped ? 'Subagent Studio checks nothing until it runs again' : 'Subagent Studio';
  }

  /** Asks the server about the active agent file and shows the answer, unless a newer question was asked meanwhile. */
  private async refresh(): Promise<void> {
    const doc = this.activeAgent();
    if (!doc) return;
    const seq = ++this.requestSeq;
    if (this.shown !== doc.uri.toString()) {
      this.shown = doc.uri.toString();
      this.showUnknown('Asking the language server', true);
    }
    if (this.client.state !== State.Running) {
      this.showUnknown(this.client.state === State.Starting ? 'The language server is starting' : 'The language server is not running');
      return;
    }
    let answer: AgentState | null;
    try {
      const params: AgentStateParams = { uri: doc.uri.toString() };
      answer = await this.client.sendRequest<AgentState | null>(AGENT_STATE_REQUEST, params);
    } catch {
      answer = null; // the server stopped meanwhile: its state change refreshes again
    }
    if (seq !== this.requestSeq) return;
    if (answer) this.showAgentState(answer);
    else this.showUnknown('The language server has not checked this file yet');
  }

  private showUnknown(why: string, busy = this.client.state === State.Starting): void {
    const a = this.agent;
    a.busy = busy;
    a.severity = vscode.LanguageStatusSeverity.Information;
    a.text = 'Claude Code: not checked';
    a.detail = why;
    a.command = undefined;
  }

  private showAgentState({ uri, claudeCode: cc }: AgentState): void {
    const a = this.agent;
    a.busy = false;
    switch (cc.state) {
      case 'loads':
        a.severity = vscode.LanguageStatusSeverity.Information;
        a.text = '$(pass) Loads in Claude Code';
        a.detail = cc.rewritten ? `Claude Code ${cc.version} loads it after rewriting its YAML` : `Claude Code ${cc.version} loads and can start it`;
        a.command = { title: 'Preview', command: 'subagentStudio.openPreviewToSide', tooltip: 'The agent as Claude Code reads it' };
        return;
      case 'documentation':
        a.severity = vscode.LanguageStatusSeverity.Warning;
        a.text = '$(info) Not an agent';
        a.detail = 'No frontmatter: Claude Code reads it as documentation';
        a.command = undefined;
        return;
      case 'not-loaded':
      case 'cannot-start':
        a.severity = vscode.LanguageStatusSeverity.Error;
        a.text = cc.state === 'not-loaded' ? '$(error) Not loaded by Claude Code' : '$(error) Claude Code cannot start it';
        a.detail = plain(cc.reason ?? '');
        a.command =
          cc.reasonLine === undefined
            ? undefined
            : {
                title: 'Show',
                command: 'vscode.open',
                arguments: [vscode.Uri.parse(uri), { selection: new vscode.Range(cc.reasonLine, 0, cc.reasonLine, 0) }],
                tooltip: 'Go to the line',
              };
        return;
    }
  }
}

function viewOf(item: vscode.LanguageStatusItem): StatusItemView {
  return { text: item.text, detail: item.detail, severity: SEVERITY[item.severity], busy: item.busy, command: item.command?.command };
}

/** The reason with plain quotes for its Markdown backticks: an item's detail is plain text. */
function plain(reason: string): string {
  return reason.replace(/`([^`\n]+)`/g, "'$1'");
}
