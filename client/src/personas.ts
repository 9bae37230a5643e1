/**
 * "Subagent Studio: New Agent from Persona...": pick a persona (the snippets shipped in
 * snippets/personas.code-snippets), name the agent, and get `.claude/agents/<name>.md` in the first
 * workspace folder with the persona inserted, every other placeholder at its default.
 *
 * The command also takes its answers as an argument, for tests and keybindings:
 *   executeCommand('subagentStudio.newAgentFromPersona', { persona: 'persona-backend-architect-001', name: 'api-review', overwrite: true })
 * It resolves to the Uri of the file it wrote, or undefined when cancelled.
 */
import * as vscode from 'vscode';
import { expandSnippetBody, parseSnippetFile, type SnippetDefinition } from './snippet-expand';

export const NEW_AGENT_FROM_PERSONA = 'subagentStudio.newAgentFromPersona';

/** Agent names Claude Code accepts: lowercase letters, digits and hyphens, not starting with a hyphen. */
const NAME = /^[a-z0-9][a-z0-9-]*$/;

export interface NewAgentArgs {
  /** The persona: its snippet prefix (`persona-backend-architect-001`) or its snippet name. */
  persona?: string;
  /** The agent name, which is also the file name. */
  name?: string;
  /** Replace an existing file without asking. */
  overwrite?: boolean;
}

export interface Persona {
  /** The snippet's name in the file, e.g. `Persona 001: backend-architect`. */
  key: string;
  prefix: string;
  description: string;
  body: string[];
  /** The persona's own agent name: the default of tab stop 1. */
  defaultName: string;
}

/** The personas of a snippet file's text. */
export function personasFromSnippets(text: string): Persona[] {
  return Object.entries(parseSnippetFile(text)).map(([key, s]: [string, SnippetDefinition]) => {
    const body = Array.isArray(s.body) ? s.body : s.body.split('\n');
    const prefix = Array.isArray(s.prefix) ? s.prefix[0] : s.prefix;
    const nameLine = /^name: \$\{1:([^}]*)\}/m.exec(body.join('\n'));
    return { key, prefix, description: s.description ?? '', body, defaultName: nameLine ? nameLine[1] : '' };
  });
}

/** Why a name is not accepted, or undefined when it is. */
export function validateAgentName(name: string): string | undefined {
  if (!name) return 'Enter a name.';
  if (!NAME.test(name)) return 'Use lowercase letters, digits and hyphens (not starting with a hyphen), e.g. api-reviewer.';
  return undefined;
}

export function registerPersonaCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(NEW_AGENT_FROM_PERSONA, (args?: NewAgentArgs) => newAgentFromPersona(context, args ?? {})),
  );
}

async function newAgentFromPersona(context: vscode.ExtensionContext, args: NewAgentArgs): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage('Subagent Studio: open a folder first; the agent is created in its .claude/agents/ folder.');
    return undefined;
  }
  const file = vscode.Uri.joinPath(context.extensionUri, 'snippets', 'personas.code-snippets');
  const personas = personasFromSnippets(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));

  let persona: Persona | undefined;
  if (args.persona !== undefined) {
    persona = personas.find((p) => p.prefix === args.persona || p.key === args.persona);
    if (!persona) throw new Error(`no persona "${args.persona}" (have: ${personas.map((p) => p.prefix).join(', ')})`);
  } else {
    const picked = await vscode.window.showQuickPick(
      personas.map((p) => ({ label: p.defaultName, description: p.prefix, detail: p.description, persona: p })),
      { title: 'New Agent from Persona', placeHolder: 'Pick a persona to start from', matchOnDescription: true, matchOnDetail: true },
    );
    persona = picked?.persona;
  }
  if (!persona) return undefined;

  let name = args.name;
  if (name === undefined) {
    name = await vscode.window.showInputBox({
      title: 'New Agent from Persona',
      prompt: 'Agent name (also the file name: .claude/agents/<name>.md)',
      value: persona.defaultName,
      validateInput: validateAgentName,
    });
    if (name === undefined) return undefined;
  }
  const problem = validateAgentName(name);
  if (problem) throw new Error(`invalid agent name "${name}": ${problem}`);

  const agents = vscode.Uri.joinPath(folder.uri, '.claude', 'agents');
  const target = vscode.Uri.joinPath(agents, `${name}.md`);
  if (!args.overwrite && (await exists(target))) {
    const answer = await vscode.window.showWarningMessage(
      `${vscode.workspace.asRelativePath(target)} already exists. Replace it with the ${persona.defaultName} persona?`,
      { modal: true },
      'Replace',
    );
    if (answer !== 'Replace') return undefined;
  }

  const text = expandSnippetBody(persona.body, { values: { 1: name } });
  await vscode.workspace.fs.createDirectory(agents);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(target);
  await vscode.window.showTextDocument(doc);
  return target;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
