/**
 * Hover text: what a key does, its allowed values, how Claude Code reads this file's value of it, and a link
 * to the docs; for a tool, what it does.
 */
import type { ClaudeCodeReading } from '../claude-code/reading';
import type { AgentModel } from '../model';
import { legacyTool } from '../claude-code/tools';
import { readToolList, toolDoc, type ToolEntry, type ToolListKey } from '../rules/support/tool-entries';
import { DOCS_URL, FIELD_BY_KEY, TOOLS_DOCS_URL } from '../schema';
import type { OffsetRange } from '../types';

export interface HoverInfo {
  markdown: string;
  range: OffsetRange;
}

const inside = (r: OffsetRange, at: number) => at >= r.start && at <= r.end;
const TOOL_LISTS: readonly ToolListKey[] = ['tools', 'disallowedTools'];

/** Longer values are cut in hover (the preview shows them whole). */
const HOVER_VALUE_CHARS = 300;

/** In a code span, whatever backticks it holds (CommonMark: a longer fence than any run inside). */
function codeSpan(value: string): string {
  const cut = value.length > HOVER_VALUE_CHARS ? `${value.slice(0, HOVER_VALUE_CHARS)}…` : value;
  const longest = Math.max(0, ...(cut.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${cut.replace(/\r?\n|\r/g, ' ')} ${fence}`;
}

/** How Claude Code reads the field of `key` in this file, as a line of the hover; undefined for other keys. */
function claudeCodeLine(key: string, claude: ClaudeCodeReading): string | undefined {
  if (!claude.loads) return `Claude Code does not load this agent: ${claude.notLoaded?.reason ?? 'it is not an agent file'}.`;
  switch (key) {
    case 'name':
      return claude.name === undefined ? undefined : `Claude Code reads the name ${codeSpan(claude.name)}.`;
    case 'description':
      return claude.description === undefined ? undefined : `The main conversation is told: ${codeSpan(claude.description)}`;
    case 'tools':
    case 'disallowedTools': {
      const runs = claude.resolution.toolNames;
      const withTools = runs === null ? 'every tool' : runs.length === 0 ? 'no tool' : runs.join(', ');
      return `Listed as ${codeSpan(claude.listedTools)}; the agent runs with ${withTools}.`;
    }
    case 'model':
      return `Claude Code asks for the model ${codeSpan(claude.model)}.`;
    default:
      return undefined;
  }
}

export function hover(text: string, agent: AgentModel, offset: number, claude?: ClaudeCodeReading): HoverInfo | undefined {
  for (const f of agent.frontmatter?.fields ?? []) {
    if (inside(f.keyRange, offset)) {
      const spec = FIELD_BY_KEY.get(f.key);
      if (!spec) return undefined;
      const lines = [`**${spec.key}**${spec.required ? ' (required)' : ''}`, '', spec.doc];
      if (spec.values) lines.push('', `Allowed values: ${spec.values.map((v) => `\`${v}\``).join(', ')}`);
      const read = claude && claudeCodeLine(spec.key, claude);
      if (read) lines.push('', read);
      lines.push('', `[Claude Code documentation](${DOCS_URL})`);
      return { markdown: lines.join('\n'), range: f.keyRange };
    }
  }
  for (const key of TOOL_LISTS) {
    const list = readToolList(agent, text, key);
    if (!list || !inside(list.field.value.range, offset)) continue;
    // The rules' reading of the list: `Read Grep` is two entries. An entry whose own range is not known
    // (a quoted value with escapes) has the whole value's range: then the cursor names no one entry.
    const entry = list.entries.find((e) => e.exact && inside(e.range, offset));
    return entry ? toolHover(entry) : undefined;
  }
  return undefined;
}

function toolHover(entry: ToolEntry): HoverInfo | undefined {
  const { name, range } = entry;
  const doc = toolDoc(name);
  if (doc !== undefined) {
    const rule = entry.specifier !== undefined ? `\n\nPermission rule: only \`${name}\` calls matching \`(${entry.specifier})\`.` : '';
    return { markdown: `**${name}**: ${doc}${rule}\n\n[Tools available to Claude](${TOOLS_DOCS_URL})`, range };
  }
  const legacy = legacyTool(name);
  if (legacy) {
    const what = legacy.mapped ? `Claude Code reads it as \`${legacy.now}\`` : `Claude Code no longer knows it: the agent does not get it`;
    return { markdown: `**${name}** is an old tool name: ${what}. Use \`${legacy.now}\`.`, range };
  }
  if (entry.mcp) {
    const [, server, tool] = name.split('__');
    return { markdown: tool ? `MCP tool \`${tool}\` of server \`${server}\`.` : `Every tool of MCP server \`${server ?? '*'}\`.`, range };
  }
  return undefined;
}
