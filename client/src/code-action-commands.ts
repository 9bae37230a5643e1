/**
 * The commands behind the server's code actions and the "Fix All Agent Problems" command. The server
 * names the first two in its code actions (server/src/lsp/code-actions.ts); the client carries them out,
 * since opening an editor and writing settings belong to VS Code.
 */
import * as vscode from 'vscode';
import { CodeActionRequest, CodeActionTriggerKind, type CodeAction, type LanguageClient } from 'vscode-languageclient/node';

export const SHOW_RULE_DOCUMENTATION = 'subagentStudio.showRuleDocumentation';
export const DISABLE_RULE = 'subagentStudio.disableRule';
export const FIX_ALL = 'subagentStudio.fixAll';
const FIX_ALL_KIND = 'source.fixAll.subagentStudio';

export function registerCodeActionCommands(context: vscode.ExtensionContext, languageId: string, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_RULE_DOCUMENTATION, showRuleDocumentation),
    vscode.commands.registerCommand(DISABLE_RULE, disableRule),
    vscode.commands.registerCommand(FIX_ALL, () => fixAll(languageId, client())),
  );
}

/** Opens a rule's page (the diagnostic's `codeDescription.href`: the page shipped with the extension, or the web). */
async function showRuleDocumentation(href: unknown): Promise<void> {
  const uri = typeof href === 'string' ? vscode.Uri.parse(href, true) : undefined;
  if (!uri || (uri.scheme !== 'file' && uri.scheme !== 'https')) return;
  await vscode.commands.executeCommand('vscode.open', uri);
}

/** Sets `subagentStudio.rules.<id>` to `off` in the workspace settings (the user settings when no folder is open). */
async function disableRule(id: unknown): Promise<void> {
  if (typeof id !== 'string' || !/^[a-z][a-z-]*$/.test(id)) return;
  const config = vscode.workspace.getConfiguration('subagentStudio');
  const inWorkspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  const rules = config.inspect<Record<string, string>>('rules');
  const current = (inWorkspace ? rules?.workspaceValue : rules?.globalValue) ?? {};
  await config.update('rules', { ...current, [id]: 'off' }, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
}

/**
 * Applies every safe fix in the active agent editor (the server's `source.fixAll.subagentStudio`); true
 * when something changed. Asked of the server directly: VS Code's `vscode.executeCodeActionProvider`
 * answers an empty list when any extension registers a code-action provider while the request runs.
 */
async function fixAll(languageId: string, client: LanguageClient | undefined): Promise<boolean> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== languageId || !client?.isRunning()) {
    void vscode.window.showInformationMessage('Subagent Studio: open an agent file to fix its problems.');
    return false;
  }
  const version = document.version;
  const actions = await client.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
    range: client.code2ProtocolConverter.asRange(new vscode.Range(0, 0, document.lineCount, 0)),
    context: { diagnostics: [], only: [FIX_ALL_KIND], triggerKind: CodeActionTriggerKind.Invoked },
  });
  const action = actions?.find((a): a is CodeAction => 'kind' in a && a.kind === FIX_ALL_KIND);
  // An edit made for an older text is not applied to a newer one.
  if (document.version !== version) return false;
  if (!action?.edit) {
    void vscode.window.showInformationMessage('Subagent Studio: nothing in this file can be fixed automatically.');
    return false;
  }
  return vscode.workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(action.edit));
}
