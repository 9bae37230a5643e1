/**
 * Completion items that fit where the cursor is (see context.ts):
 * - where a whole agent can go (an empty file, or the first line with only a word on it): the whole-agent
 *   templates (the minimal agent, then the personas), and nothing else;
 * - at a key in the frontmatter: the keys not yet given; accepting one inserts `key: ` and asks for its
 *   values, when it has any to offer (a key with another form, `tools` as a list, has it beside it);
 * - at a value: the field's values, most used first (`model`: sonnet, opus, haiku, inherit);
 * - in `tools` / `disallowedTools`: tool names after a comma, a space or a list marker, without those
 *   already listed (read with the rules' reader);
 * - in a block-scalar description, after `<` or on a line of its own: an `<example>` block;
 * - in the body: nothing (the body is the system prompt: prose).
 * Plain data; the server turns it into LSP CompletionItems.
 */
import type { AgentModel } from '../model';
import type { SnippetDefinition } from '../../snippet-expand';
import { readToolList, type ToolListKey } from '../rules/support/tool-entries';
import { DOCS_URL, FIELDS, FIELD_BY_KEY, MODEL_ALIASES, TOOLS } from '../schema';
import type { OffsetRange } from '../types';
import { cursorContext } from './context';

export interface Completion {
  label: string;
  kind: 'key' | 'value' | 'tool' | 'snippet';
  /** Text to insert; `snippet` true means it uses snippet syntax ($1, ${1:x}). */
  insertText: string;
  snippet?: boolean;
  replace: OffsetRange;
  detail?: string;
  documentation?: string;
  /** Lower sorts first. */
  sortText: string;
  /** What typing is matched against, when not the label. */
  filterText?: string;
  /** Accepting the item should open completion again (a key whose values come next). */
  suggestNext?: boolean;
}

/** A snippet the host ships, placed by what it inserts. */
export interface Template {
  label: string;
  detail?: string;
  /** The snippet body (snippet syntax), lines joined. */
  body: string;
  /** What typing matches, besides the label (the snippet's prefix). */
  prefix: string;
}

export interface Templates {
  /** Whole agents (`isFileTemplate`): the minimal agent first, then the personas. */
  wholeFile: Template[];
  /** An `<example>` block for the description. */
  example?: Template;
  /** A field in another form (`tools:` as a list), by its key: offered beside the key. */
  fields: ReadonlyMap<string, Template>;
}

export const NO_TEMPLATES: Templates = { wholeFile: [], fields: new Map() };

/**
 * The templates of the shipped `.code-snippets` files, placed by what they insert: whole agents are the
 * file templates (those without a persona first, as the minimal agent is), the `<example>` block is the
 * one that starts with the tag, and one that starts with `key:` is a form of that field.
 */
export function templatesFrom(files: ReadonlyArray<Record<string, SnippetDefinition>>): Templates {
  const wholeFile: Template[] = [];
  let example: Template | undefined;
  const fields = new Map<string, Template>();
  for (const file of files) {
    for (const [label, s] of Object.entries(file)) {
      const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
      const prefix = Array.isArray(s.prefix) ? s.prefix.join(' ') : s.prefix;
      const t: Template = { label, detail: s.description, body, prefix };
      const key = /^([A-Za-z_][\w-]*):/.exec(body)?.[1];
      if (s.isFileTemplate) wholeFile.push(t);
      else if (body.startsWith('<example>')) example ??= t;
      else if (key && FIELD_BY_KEY.has(key) && !fields.has(key)) fields.set(key, t);
    }
  }
  wholeFile.sort((a, b) => Number(a.prefix.startsWith('persona-')) - Number(b.prefix.startsWith('persona-')));
  return { wholeFile, example, fields };
}

export interface CompletionOptions {
  templates?: Templates;
  /** The file's name without `.md`: the default name of a new agent, when it is a valid name. */
  fileStem?: string;
}

export function completions(text: string, agent: AgentModel, offset: number, options: CompletionOptions = {}): Completion[] {
  const templates = options.templates ?? NO_TEMPLATES;
  const ctx = cursorContext(text, agent, offset);
  switch (ctx.kind) {
    case 'whole-file':
      return templates.wholeFile.map((t, i) => ({
        label: t.label,
        kind: 'snippet',
        insertText: namedAfterFile(t.body, options.fileStem),
        snippet: true,
        replace: ctx.replace,
        detail: t.detail,
        sortText: rank(i),
        filterText: `${t.prefix} ${t.label}`,
      }));
    case 'key': {
      // The key on the cursor's own line is the one being typed: it is not "already given".
      const lineStart = ctx.replace.start;
      const present = new Set(agent.frontmatter?.fields.filter((f) => f.keyRange.start !== lineStart).map((f) => f.key));
      // Editing the key of a `key: value` line: only the key is replaced.
      const hasColon = /^[ \t]*:/.test(ctx.rest);
      const out: Completion[] = [];
      FIELDS.forEach((f, i) => {
        if (present.has(f.key)) return;
        const sortText = `${f.required ? 0 : 1}${rank(i)}`;
        out.push({
          label: f.key,
          kind: 'key',
          insertText: hasColon ? f.key : `${f.key}: `,
          replace: ctx.replace,
          detail: f.required ? 'required' : f.values ? f.values.join(' | ') : f.type,
          documentation: `${f.doc}\n\n[Claude Code documentation](${DOCS_URL})`,
          sortText,
          suggestNext: !hasColon && valuesOf(f.key).length > 0,
        });
        // Right after the key, its other form (a whole `key:` block): only on a line of its own.
        const t = templates.fields.get(f.key);
        if (t && ctx.rest.trim() === '')
          out.push({
            label: t.label,
            kind: 'snippet',
            insertText: t.body,
            snippet: true,
            replace: ctx.replace,
            detail: t.detail,
            sortText: `${sortText}1`,
            filterText: `${f.key} ${t.prefix}`,
          });
      });
      return out;
    }
    case 'value': {
      if (ctx.inRule) return [];
      if (ctx.key === 'tools' || ctx.key === 'disallowedTools') return toolCompletions(text, agent, ctx.key, ctx.replace, offset);
      return valuesOf(ctx.key).map((v, i) => ({ label: v.label, kind: 'value', insertText: v.label, replace: ctx.replace, documentation: v.doc, sortText: rank(i) }));
    }
    case 'description': {
      const t = templates.example;
      // A block of lines is safe in a block scalar only; it is offered after `<`, or on a line of its own
      // when completion is asked for (quick suggestions while typing prose would bring it up on every word).
      const tag = /<\/?[A-Za-z]*$/.exec(ctx.lineBefore);
      if (!t || !ctx.block || (!tag && ctx.lineBefore.trim() !== '')) return [];
      const replace = { start: offset - (tag?.[0].length ?? 0), end: offset };
      return [{ label: '<example>', kind: 'snippet', insertText: t.body, snippet: true, replace, detail: t.detail, sortText: rank(0), filterText: `<example> ${t.prefix}` }];
    }
    default:
      return [];
  }
}

/** The values offered for a key, in their order: most used first where the schema knows it. */
function valuesOf(key: string): Array<{ label: string; doc?: string }> {
  const spec = FIELD_BY_KEY.get(key);
  if (!spec) return [];
  switch (spec.type) {
    case 'enum':
      return (spec.byUse ?? spec.values ?? []).map((label) => ({ label }));
    case 'model':
      return (spec.byUse ?? MODEL_ALIASES).map((label) => ({ label, doc: label === 'inherit' ? 'The model of the main conversation.' : `The latest ${label} model.` }));
    case 'boolean':
      return [{ label: 'true' }, { label: 'false' }];
    case 'tools':
      return Object.keys(TOOLS).map((label) => ({ label }));
    default:
      return [];
  }
}

/** Tool names, without the entries already in the list (the one being typed aside). */
function toolCompletions(text: string, agent: AgentModel, key: ToolListKey, replace: OffsetRange, offset: number): Completion[] {
  const listed = new Set<string>();
  for (const e of readToolList(agent, text, key)?.entries ?? []) if (!(e.exact && offset >= e.range.start && offset <= e.range.end)) listed.add(e.name);
  return Object.entries(TOOLS)
    .filter(([name]) => !listed.has(name))
    .map(([name, doc], i) => ({ label: name, kind: 'tool', insertText: name, replace, documentation: doc, sortText: rank(i) }));
}

/**
 * The snippet with its name placeholder (`name: ${1:x}`, or `name: ${1:${TM_FILENAME_BASE:x}}` as the minimal
 * agent has it for VS Code) defaulting to the file's name when that is a valid name, else to `x`: VS Code
 * would put in a file name such as `My Agent.md`'s as it is, a name Claude Code rejects.
 */
function namedAfterFile(body: string, stem: string | undefined): string {
  const valid = stem !== undefined && /^[a-z0-9][a-z0-9-]*$/.test(stem);
  return body.replace(/^name: \$\{1:(?:\$\{TM_FILENAME_BASE:([^}]*)\}|([^}]*))\}/m, (_m, fromVariable?: string, plain?: string) => {
    return `name: \${1:${valid ? stem : (fromVariable ?? plain ?? '')}}`;
  });
}

const rank = (i: number) => String(i).padStart(3, '0');
