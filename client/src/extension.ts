/**
 * The extension: starts the Subagent Studio language server (over IPC), restarts it if it dies, shows its
 * log in an output channel, and registers the commands. All checking happens in the server.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DOCUMENT_CHECKED_NOTIFICATION, type DocumentCheckedParams } from '../../server/src/protocol';
import { AgentGlobs } from './agent-globs';
import { registerAgentsView } from './agents-view';
import { registerCodeActionCommands } from './code-action-commands';
import { LanguageStatus, type LanguageStatusView } from './language-status';
import { registerPersonaCommands } from './personas';
import { registerPreview } from './preview';

export const LANGUAGE_ID = 'claude-agent';
const SHOW_OUTPUT = 'subagentStudio.showOutput';

let client: LanguageClient | undefined;

export interface SubagentStudioApi {
  /** The running language client (for tests and other extensions). */
  readonly client: LanguageClient | undefined;
  /** What the language status items show now (for tests). */
  languageStatus(): LanguageStatusView;
}

export async function activate(context: vscode.ExtensionContext): Promise<SubagentStudioApi> {
  const output = vscode.window.createOutputChannel('Subagent Studio', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    errorHandler: restartingErrorHandler(() => client),
    outputChannel: output,
    synchronize: {
      configurationSection: 'subagentStudio',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.claude/agents/**/*.md'),
        vscode.workspace.createFileSystemWatcher('**/agents/**/*.md'),
        vscode.workspace.createFileSystemWatcher('**/.claude/skills/*/SKILL.md'),
        vscode.workspace.createFileSystemWatcher('**/.subagent-studio.json'),
      ],
    },
  };
  client = new LanguageClient('subagentStudio', 'Subagent Studio', serverOptions, clientOptions);
  const checked = new vscode.EventEmitter<DocumentCheckedParams>();
  context.subscriptions.push(
    checked,
    client.onNotification(DOCUMENT_CHECKED_NOTIFICATION, (p: DocumentCheckedParams) => checked.fire(p)),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('subagentStudio.restartServer', async () => {
      output.info('Restarting the language server');
      await client?.restart();
    }),
    vscode.commands.registerCommand(SHOW_OUTPUT, () => output.show(true)),
    new AgentGlobs(LANGUAGE_ID, (method, params) => (client ? client.sendRequest(method, params) : Promise.reject(new Error('the language server is not running')))),
  );
  registerPreview(context, client, checked.event);
  registerPersonaCommands(context, LANGUAGE_ID);
  registerCodeActionCommands(context, LANGUAGE_ID, () => client);
  const status = new LanguageStatus(LANGUAGE_ID, client, checked.event, SHOW_OUTPUT);
  context.subscriptions.push(status);
  registerAgentsView(context, client);

  await client.start();
  return {
    get client() {
      return client;
    },
    languageStatus: () => status.view(),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/**
 * A server that dies is started again (up to 4 times in 3 minutes, as vscode-languageclient's default
 * handler decides when the connection closes). The default handler also stops the client for good at the
 * fourth write that fails, and an open preview, the Agents view and the language status keep asking while
 * the server is gone: the client then stopped before it saw the connection close, and never restarted. A
 * failed write is no reason to stop: the close that follows decides.
 */
function restartingErrorHandler(clientOf: () => LanguageClient | undefined): ErrorHandler {
  let byDefault: ErrorHandler | undefined;
  return {
    error: () => ({ action: ErrorAction.Continue, handled: true }),
    closed: () => {
      const current = clientOf();
      if (!current) return { action: CloseAction.DoNotRestart };
      byDefault ??= current.createDefaultErrorHandler();
      return byDefault.closed();
    },
  };
}
