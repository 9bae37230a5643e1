/**
 * "Subagent Studio: New Agent from Persona..." and, on an `agents` folder in the Explorer, "New Claude
 * Agent...": pick the blank agent or a persona (the snippets the extension ships, see agent-templates.ts),
 * name it, and get `<name>.md` with every other placeholder at its default, opened in a normal tab with
 * the cursor on the description.
 *
 * Where: the folder the Explorer command was given (or the folder of the file it was given), else the
 * folder of the active agent file, else `.claude/agents/` of the first workspace folder. The name box
 * starts with the template's name made free in that folder (`backend-architect-2` when
 * `backend-architect.md` exists) and says, as the name is typed, when it is not a name Claude Code takes
 * or when `<name>.md` exists. An existing file is replaced only after a modal question whose default
 * button keeps it.
 *
 * The command also takes its answers as an argument, for tests and keybindings:
 *   executeCommand('subagentStudio.newAgentFromPersona', { persona: 'persona-backend-architect-001', name: 'api-review', overwrite: true })
 * (`persona: 'blank'` for the blank agent; `folder` a folder URI). It resolves to the Uri of the file it
 * wrote, or undefined when cancelled or when the file was kept.
 */
import * as vscode from 'vscode';
import { BLANK, agentText, blankFromSnippets, descriptionValue, freeName, personasFromSnippets, validateAgentName, type AgentTemplate } from './agent-templates';
import { messageOf } from './error-message';

export const NEW_AGENT_FROM_PERSONA = 'subagentStudio.newAgentFromPersona';
export const NEW_AGENT = 'subagentStudio.newAgent';
const TITLE = 'New Claude Agent';

export interface NewAgentArgs {
  /** `blank`, or a persona: its snippet prefix (`persona-backend-architect-001`) or its snippet name. */
  persona?: string;
  /** The agent name, which is also the file name. */
  name?: string;
  /** Replace an existing file without asking. */
  overwrite?: boolean;
  /** The folder to create the file in (a URI); by default as the module comment says. */
  folder?: string;
}

/**
 * What `subagentStudio._newAgentQuestions` returns, in development and test runs only: each question asked
 * before replacing a file, its buttons in order (the first is the default), and the answer.
 */
export interface ReplaceQuestion {
  message: string;
  buttons: string[];
  answer: string | undefined;
  /** Why there was no answer, when the dialog could not be shown. */
  error?: string;
}

/** `FileType.Directory` and `ExtensionMode.Production`, as type-checked literals. */
const DIRECTORY: vscode.FileType.Directory = 2;
const PRODUCTION: vscode.ExtensionMode.Production = 1;

export function registerPersonaCommands(context: vscode.ExtensionContext, languageId: string): void {
  const questions = context.extensionMode === PRODUCTION ? undefined : [];
  const run = (arg: unknown) => newAgent(context, languageId, arg instanceof vscode.Uri ? { folder: arg.toString() } : ((arg as NewAgentArgs | undefined) ?? {}), questions);
  context.subscriptions.push(vscode.commands.registerCommand(NEW_AGENT_FROM_PERSONA, run), vscode.commands.registerCommand(NEW_AGENT, run));
  if (questions) context.subscriptions.push(vscode.commands.registerCommand('subagentStudio._newAgentQuestions', (): ReplaceQuestion[] => [...questions]));
}

async function newAgent(context: vscode.ExtensionContext, languageId: string, args: NewAgentArgs, questions: ReplaceQuestion[] | undefined): Promise<vscode.Uri | undefined> {
  const folder = await targetFolder(args.folder, languageId);
  if (!folder) {
    void vscode.window.showErrorMessage('Subagent Studio: open a folder first; the agent is created in its .claude/agents/ folder.');
    return undefined;
  }
  const templates = await loadTemplates(context.extensionUri);

  let template: AgentTemplate | undefined;
  if (args.persona !== undefined) {
    template = templates.find((t) => (args.persona === BLANK ? t.blank : t.prefix === args.persona || t.key === args.persona));
    if (!template) throw new Error(`no persona "${args.persona}" (have: ${[BLANK, ...templates.filter((t) => !t.blank).map((t) => t.prefix)].join(', ')})`);
  } else {
    template = await pickTemplate(templates);
  }
  if (!template) return undefined;

  const fileOf = (name: string) => vscode.Uri.joinPath(folder, `${name}.md`);
  const name = await chooseName(args, folder, template, fileOf, questions);
  if (name === undefined) return undefined;

  const target = fileOf(name);
  const text = agentText(template, name);
  await vscode.workspace.fs.createDirectory(folder);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(target);
  const at = descriptionValue(text);
  // The blank agent's description is a sample to type over; a persona's is kept, so only the cursor goes there.
  const selection = at && new vscode.Range(at.line, at.character, at.line, template.blank ? at.end : at.character);
  await vscode.window.showTextDocument(doc, { preview: false, selection });
  return target;
}

/**
 * The name given, or typed in the name box; undefined when cancelled, or when its file exists and is to be
 * kept. A typed name whose file is kept goes back to the name box.
 */
async function chooseName(
  args: NewAgentArgs,
  folder: vscode.Uri,
  template: AgentTemplate,
  fileOf: (name: string) => vscode.Uri,
  questions: ReplaceQuestion[] | undefined,
): Promise<string | undefined> {
  let typed: string | undefined;
  for (;;) {
    const name = args.name ?? (typed = await askName(folder, template, typed, fileOf));
    if (name === undefined) return undefined;
    const problem = validateAgentName(name);
    if (problem) throw new Error(`invalid agent name "${name}": ${problem}`);
    if (args.overwrite || !(await exists(fileOf(name)))) return name;
    const answer = await confirmReplace(fileOf(name), template, args.name === undefined, questions);
    if (answer !== 'rename') return answer === 'replace' ? name : undefined;
  }
}

/** The folder the new file goes in, as the module comment says; undefined without a workspace folder. */
async function targetFolder(given: string | undefined, languageId: string): Promise<vscode.Uri | undefined> {
  if (given !== undefined) {
    const uri = vscode.Uri.parse(given, true);
    const stat = await vscode.workspace.fs.stat(uri).then(
      (s) => s,
      () => undefined,
    );
    return stat && !(stat.type & DIRECTORY) ? vscode.Uri.joinPath(uri, '..') : uri;
  }
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === languageId && active.uri.scheme === 'file') return vscode.Uri.joinPath(active.uri, '..');
  const root = vscode.workspace.workspaceFolders?.[0];
  return root && vscode.Uri.joinPath(root.uri, '.claude', 'agents');
}

async function loadTemplates(extensionUri: vscode.Uri): Promise<AgentTemplate[]> {
  const read = async (file: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'snippets', file)));
  const [fields, personas] = await Promise.all([read('fields.code-snippets'), read('personas.code-snippets')]);
  return [blankFromSnippets(fields), ...personasFromSnippets(personas)];
}

type TemplateItem = vscode.QuickPickItem & { template?: AgentTemplate };

/** The blank agent, then the personas, each row naming its persona once. */
async function pickTemplate(templates: readonly AgentTemplate[]): Promise<AgentTemplate | undefined> {
  const names = new Map<string, number>();
  for (const t of templates) names.set(t.defaultName, (names.get(t.defaultName) ?? 0) + 1);
  const items: TemplateItem[] = [];
  for (const t of templates) {
    if (t.blank) {
      items.push({ label: '$(new-file) Blank agent', detail: 'A name, a description to fill in, tools and a model: the least Claude Code loads.', template: t });
      items.push({ label: 'Personas', kind: vscode.QuickPickItemKind.Separator });
      continue;
    }
    // Two personas with one name are told apart by their number.
    const description = (names.get(t.defaultName) ?? 0) > 1 && t.number ? `persona ${t.number}` : undefined;
    items.push({ label: `$(person) ${t.defaultName}`, description, detail: t.summary, template: t });
  }
  const picked = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: 'Start from a blank agent or a persona', matchOnDetail: true });
  return picked?.template;
}

/** The name box: starts with a free name (or the last one typed) and checks each name as it is typed. */
async function askName(folder: vscode.Uri, template: AgentTemplate, last: string | undefined, fileOf: (name: string) => vscode.Uri): Promise<string | undefined> {
  const where = vscode.workspace.asRelativePath(folder);
  const value = last ?? (await freeName(template.defaultName, (n) => exists(fileOf(n))));
  return vscode.window.showInputBox({
    title: `${TITLE}: ${template.blank ? 'blank agent' : template.defaultName}`,
    prompt: `The agent's name, also its file name: ${where}/<name>.md`,
    value,
    validateInput: async (name): Promise<vscode.InputBoxValidationMessage | undefined> => {
      const problem = validateAgentName(name);
      if (problem) return { message: problem, severity: vscode.InputBoxValidationSeverity.Error };
      if (await exists(fileOf(name))) {
        return {
          message: `${name}.md already exists in ${where}. Enter asks before replacing it; another name makes a new file.`,
          severity: vscode.InputBoxValidationSeverity.Warning,
        };
      }
      return undefined;
    },
  });
}

/**
 * Asks before `target` is replaced. The default button keeps the file (and, when the name was typed,
 * goes back to the name box); a dialog that cannot be shown keeps it too.
 */
async function confirmReplace(
  target: vscode.Uri,
  template: AgentTemplate,
  canRename: boolean,
  questions: ReplaceQuestion[] | undefined,
): Promise<'replace' | 'rename' | 'cancel'> {
  const buttons = [canRename ? 'Pick Another Name' : 'Keep the File', 'Replace'];
  const keep = buttons[0];
  const what = template.blank ? 'a blank agent' : `the ${template.defaultName} persona`;
  const message = `${vscode.workspace.asRelativePath(target)} already exists. Replace it with ${what}?`;
  let answer: string | undefined;
  let error: string | undefined;
  try {
    answer = await vscode.window.showWarningMessage(message, { modal: true, detail: 'Its text would be lost.' }, ...buttons);
  } catch (e) {
    error = messageOf(e);
  }
  questions?.push({ message, buttons, answer, ...(error === undefined ? {} : { error }) });
  if (answer === 'Replace') return 'replace';
  return answer === keep && canRename ? 'rename' : 'cancel';
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
