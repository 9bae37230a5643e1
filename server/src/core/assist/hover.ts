/** Hover text: what a key does, its allowed values and a link to the docs; for a tool, what it does. */
import type { AgentModel, FieldValue } from '../model';
import { legacyTool } from '../claude-code/tools';
import { DOCS_URL, FIELD_BY_KEY, TOOLS, TOOLS_DOCS_URL } from '../schema';
import type { OffsetRange } from '../types';

export interface HoverInfo {
  markdown: string;
  range: OffsetRange;
}

const inside = (r: OffsetRange, at: number) => at >= r.start && at <= r.end;

export function hover(text: string, agent: AgentModel, offset: number): HoverInfo | undefined {
  for (const f of agent.frontmatter?.fields ?? []) {
    if (inside(f.keyRange, offset)) {
      const spec = FIELD_BY_KEY.get(f.key);
      if (!spec) return undefined;
      const lines = [`**${spec.key}**${spec.required ? ' (required)' : ''}`, '', spec.doc];
      if (spec.values) lines.push('', `Allowed values: ${spec.values.map((v) => `\`${v}\``).join(', ')}`);
      lines.push('', `[Claude Code documentation](${DOCS_URL})`);
      return { markdown: lines.join('\n'), range: f.keyRange };
    }
    if ((f.key === 'tools' || f.key === 'disallowedTools') && inside(f.value.range, offset)) {
      const entry = toolAt(text, f.value, offset);
      if (entry) return toolHover(entry.name, entry.range);
    }
  }
  return undefined;
}

function toolHover(name: string, range: OffsetRange): HoverInfo | undefined {
  const base = name.replace(/\(.*$/s, '');
  if (TOOLS[base]) {
    const rule = base !== name ? `\n\nPermission rule: only \`${base}\` calls matching \`${name.slice(base.length)}\`.` : '';
    return { markdown: `**${base}**: ${TOOLS[base]}${rule}\n\n[Tools available to Claude](${TOOLS_DOCS_URL})`, range };
  }
  const legacy = legacyTool(base);
  if (legacy) {
    const what = legacy.mapped ? `Claude Code reads it as \`${legacy.now}\`` : `Claude Code no longer knows it: the agent does not get it`;
    return { markdown: `**${base}** is an old tool name: ${what}. Use \`${legacy.now}\`.`, range };
  }
  if (base.startsWith('mcp__')) {
    const [, server, tool] = base.split('__');
    return { markdown: tool ? `MCP tool \`${tool}\` of server \`${server}\`.` : `Every tool of MCP server \`${server ?? '*'}\`.`, range };
  }
  return undefined;
}

/** The tool entry under the cursor: a list item, or one comma-separated part of a plain scalar. */
function toolAt(text: string, value: FieldValue, offset: number): { name: string; range: OffsetRange } | undefined {
  if (value.kind === 'list') {
    const item = value.items.find((i) => inside(i.range, offset));
    if (item?.kind === 'string') return { name: item.value, range: item.range };
    return undefined;
  }
  if (value.kind !== 'string') return undefined;
  const raw = text.slice(value.range.start, value.range.end);
  let start = 0;
  for (const part of raw.split(',')) {
    const lead = part.length - part.trimStart().length;
    const r = { start: value.range.start + start + lead, end: value.range.start + start + part.trimEnd().length };
    if (inside(r, offset)) return { name: part.trim().replace(/^["']|["']$/g, ''), range: r };
    start += part.length + 1;
  }
  return undefined;
}
