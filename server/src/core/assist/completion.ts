/**
 * Completion items, from the schema: keys not yet present (with their docs), values of enum fields,
 * tool names in `tools` / `disallowedTools` (comma string and list form), and an `<example>` block
 * inside the description. Plain data; the server turns it into LSP CompletionItems.
 */
import type { AgentModel } from '../model';
import { FIELDS, FIELD_BY_KEY, MODEL_ALIASES, TOOLS, DOCS_URL } from '../schema';
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
  sortText?: string;
}

export const EXAMPLE_SNIPPET = [
  '<example>',
  'Context: ${1:The situation}',
  'user: "${2:What the user says}"',
  'assistant: "${3:I\'ll use the ${4:agent-name} agent to ...}"',
  '<commentary>',
  '${5:Why this agent fits the request.}',
  '</commentary>',
  '</example>',
].join('\n');

export function completions(text: string, agent: AgentModel, offset: number): Completion[] {
  const ctx = cursorContext(text, agent, offset);
  switch (ctx.kind) {
    case 'key': {
      const present = new Set(agent.frontmatter?.fields.map((f) => f.key));
      return FIELDS.filter((f) => !present.has(f.key)).map((f, i) => ({
        label: f.key,
        kind: 'key',
        insertText: `${f.key}: `,
        replace: ctx.replace,
        detail: f.required ? 'required' : f.values ? f.values.join(' | ') : f.type,
        documentation: `${f.doc}\n\n[Claude Code documentation](${DOCS_URL})`,
        sortText: `${f.required ? 0 : 1}${String(i).padStart(2, '0')}`,
      }));
    }
    case 'value':
      return valueCompletions(ctx.key, ctx.prefix, ctx.replace, ctx.listItem ? [] : listedTools(ctx.lineValue));
    case 'description':
      return [
        {
          label: '<example>',
          kind: 'snippet',
          insertText: EXAMPLE_SNIPPET,
          snippet: true,
          replace: exampleReplace(text, offset),
          detail: 'An example dialogue: Context, user, assistant, commentary',
          documentation: 'Shows Claude a typical request this agent should handle. Two to four examples are typical.',
        },
      ];
    default:
      return [];
  }
}

/** Replace a `<` or `<exa` typed just before the cursor. */
function exampleReplace(text: string, offset: number): OffsetRange {
  const m = /<\/?[A-Za-z]*$/.exec(text.slice(Math.max(0, offset - 20), offset));
  return { start: m ? offset - m[0].length : offset, end: offset };
}

function listedTools(lineValue: string): string[] {
  return lineValue
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function valueCompletions(key: string, prefix: string, replace: OffsetRange, already: string[]): Completion[] {
  const spec = FIELD_BY_KEY.get(key);
  if (!spec) return [];
  const value = (label: string, documentation?: string, sort = '1'): Completion => ({ label, kind: 'value', insertText: label, replace, documentation, sortText: sort + label });
  switch (spec.type) {
    case 'enum':
      return (spec.values ?? []).map((v) => value(v));
    case 'model':
      return MODEL_ALIASES.map((v) => value(v, v === 'inherit' ? 'The model of the main conversation.' : `The latest ${v} model.`));
    case 'boolean':
      return [value('true'), value('false')];
    case 'tools': {
      const present = new Set(already.filter((t) => t !== prefix));
      return Object.entries(TOOLS)
        .filter(([name]) => !present.has(name))
        .map(([name, doc]) => ({ label: name, kind: 'tool' as const, insertText: name, replace, documentation: doc, sortText: '1' + name }));
    }
    default:
      return [];
  }
}
