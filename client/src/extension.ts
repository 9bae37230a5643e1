/**
 * The extension: starts the Subagent Studio language server (over IPC), restarts it if it dies, shows its
 * log in an output channel, and registers the commands. All checking happens in the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { DOCUMENT_CHECKED_NOTIFICATION, DocumentCheckedParams } from '../../server/src/protocol';
import { AgentGlobs } from './agent-globs';
import { registerAgentsView } from './agents-view';
import { registerCodeActionCommands } from './code-action-commands';
import { registerPersonaCommands } from './personas';
import { registerPreview } from './preview';

export const LANGUAGE_ID = 'claude-agent';
/** Written out so the bundle does not pull in the core; the compiler checks it against the server's. */
const CHECKED: typeof DOCUMENT_CHECKED_NOTIFICATION = 'subagentStudio/checked';

let client: LanguageClient | undefined;

export interface SubagentStudioApi {
  /** The running language client (for tests and other extensions). */
  readonly client: LanguageClient | undefined;
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
  // The default error handler restarts a server that dies (up to 4 times in 3 minutes, then it asks).
  client = new LanguageClient('subagentStudio', 'Subagent Studio', serverOptions, clientOptions);
  const checked = new vscode.EventEmitter<DocumentCheckedParams>();
  context.subscriptions.push(checked, client.onNotification(CHECKED, (p: DocumentCheckedParams) => checked.fire(p)));

  context.subscriptions.push(
    vscode.commands.registerCommand('subagentStudio.restartServer', async () => {
      output.info('Restarting the language server');
      await client?.restart();
    }),
    vscode.commands.registerCommand('subagentStudio.showOutput', () => output.show(true)),
    new AgentGlobs(LANGUAGE_ID, (method, params) => (client ? client.sendRequest(method, params) : Promise.reject(new Error('the language server is not running')))),
  );
  registerPreview(context, () => client, checked.event);
  registerPersonaCommands(context);
  registerCodeActionCommands(context, LANGUAGE_ID, () => client);
  registerAgentsView(context, client);

  await client.start();
  return {
    get client() {
      return client;
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
