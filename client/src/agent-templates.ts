/**
 * What "New Agent from Persona..." starts from, read from the snippets the extension ships: the blank
 * agent (the minimal snippet of snippets/fields.code-snippets) and each persona (snippets/personas.code-snippets).
 * Pure: no `vscode`, so the reading is tested in plain Node.
 */
import { expandSnippetBody, parseSnippetFile, type SnippetDefinition } from '../../server/src/snippet-expand';

/** Agent names Claude Code accepts: lowercase letters, digits and hyphens, not starting with a hyphen. */
const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** The prefix of the minimal agent in fields.code-snippets, and what the command's `persona` argument calls it. */
export const BLANK_PREFIX = 'subagent';
export const BLANK = 'blank';
const BLANK_NAME = 'my-agent';

export interface AgentTemplate {
  /** The snippet's name in its file, e.g. `Persona 001: backend-architect`. */
  key: string;
  prefix: string;
  /** The blank agent rather than a persona. */
  blank: boolean;
  /** The agent name the template suggests: tab stop 1's default. */
  defaultName: string;
  /** The three digits of a persona (`001`), when its key has them. */
  number?: string;
  /** One line on what the template is, without its name. */
  summary: string;
  body: string[];
}

/** The personas of a snippet file's text. */
export function personasFromSnippets(text: string): AgentTemplate[] {
  return Object.entries(parseSnippetFile(text)).map(([key, s]) => template(key, s, false));
}

/** The blank agent: the minimal snippet of fields.code-snippets. */
export function blankFromSnippets(text: string): AgentTemplate {
  const entry = Object.entries(parseSnippetFile(text)).find(([, s]) => prefixOf(s) === BLANK_PREFIX);
  if (!entry) throw new Error(`no snippet with the prefix "${BLANK_PREFIX}"`);
  return template(entry[0], entry[1], true);
}

function template(key: string, s: SnippetDefinition, blank: boolean): AgentTemplate {
  const body = Array.isArray(s.body) ? s.body : s.body.split('\n');
  const nameDefault = /^name: \$\{1:([^}]*)\}/m.exec(body.join('\n'))?.[1] ?? '';
  const defaultName = validateAgentName(nameDefault) ? BLANK_NAME : nameDefault;
  const number = /^Persona (\d+):/.exec(key)?.[1];
  return { key, prefix: prefixOf(s), blank, defaultName, number, summary: summaryOf(s.description ?? '', defaultName, number), body };
}

function prefixOf(s: SnippetDefinition): string {
  return Array.isArray(s.prefix) ? s.prefix[0] : s.prefix;
}

/**
 * A persona's snippet description without what the picker shows beside it: its name and number in front
 * (`backend-architect (001): `) and the sentence on namesakes (`One of 2 personas named ...`).
 */
function summaryOf(description: string, name: string, number: string | undefined): string {
  let s = description;
  const head = `${name} (${number}): `;
  if (number && s.startsWith(head)) s = s.slice(head.length);
  return s.replace(/\s*One of \d+ personas named \S+: this is \d+\.$/, '').trim();
}

/** Why a name is not accepted, or undefined when it is. */
export function validateAgentName(name: string): string | undefined {
  if (!name) return 'Enter a name.';
  if (!NAME.test(name)) return 'Use lowercase letters, digits and hyphens (not starting with a hyphen), e.g. api-reviewer.';
  return undefined;
}

/** `base`, or `base-2`, `base-3`, ... : the first for which `taken` says no. */
export async function freeName(base: string, taken: (name: string) => Promise<boolean>): Promise<string> {
  if (!(await taken(base))) return base;
  for (let n = 2; ; n++) if (!(await taken(`${base}-${n}`))) return `${base}-${n}`;
}

/** The text of a new agent from `t`, named `name`, every other placeholder at its default. */
export function agentText(t: AgentTemplate, name: string): string {
  return expandSnippetBody(t.body, { values: { 1: name }, variables: { TM_FILENAME_BASE: name } });
}

/** Where the description's value starts in an agent's text (0-based), and where its first line ends. */
export function descriptionValue(text: string): { line: number; character: number; end: number } | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^description:/.test(l));
  if (at < 0) return undefined;
  const rest = lines[at].slice('description:'.length);
  // A block scalar (`|-`, `>`, ...): the value is the next line, after its indentation.
  if (/^\s*[|>][-+0-9]*\s*$/.test(rest) && at + 1 < lines.length) {
    const next = lines[at + 1];
    const indent = next.length - next.trimStart().length;
    return { line: at + 1, character: indent, end: next.length };
  }
  const start = 'description:'.length + (rest.length - rest.trimStart().length);
  return { line: at, character: start, end: lines[at].length };
}
