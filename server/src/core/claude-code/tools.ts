/**
 * The tools an agent is listed with and the tools it gets. The main conversation is told `All tools`, the
 * entries as read (`Read, Grep`, unknown names included), `All tools except …` or `None`. When the agent
 * runs, each entry resolves to a tool (old names map to new ones, `Task` to `Agent`) or to nothing
 * (unknown names, tools never given to a subagent, denied ones); when entries were listed and none
 * resolves, Claude Code refuses to start the agent.
 */
import { DROPPED_TOOLS, LOADER_TOOL_ALIASES, TOOL_NAMES, MCP_PREFIX, NEVER_FOR_SUBAGENTS, SUBAGENT_TOOL_CONDITIONS } from '../schema';

/** The `(Tools: …)` part of the main conversation's line for the agent. */
export function listedTools(tools: readonly string[] | undefined, disallowed: readonly string[] | undefined): string {
  const hasTools = tools !== undefined && tools.length > 0;
  const hasDenied = disallowed !== undefined && disallowed.length > 0;
  if (hasTools && hasDenied) {
    const denied = new Set(disallowed);
    const left = tools.filter((t) => !denied.has(t));
    return left.length === 0 ? 'None' : left.join(', ');
  }
  if (hasTools) return tools.join(', ');
  if (hasDenied) return `All tools except ${disallowed.join(', ')}`;
  return 'All tools';
}

/** A tools entry as Claude Code reads a permission rule: `Name`, or `Name(content)` when well formed. */
export interface ToolRule {
  /** The tool it names, old names mapped to the current one. */
  tool: string;
  content?: string;
  wellFormed: boolean;
}

export function readToolRule(entry: string): ToolRule {
  const { open, close } = ruleParens(entry);
  if (open < 0 && close < 0) return { tool: currentToolName(entry), wellFormed: true };
  const name = open < 0 ? '' : entry.slice(0, open);
  if (open < 0 || close <= open || close !== entry.length - 1 || /[()]/.test(name) || name === '') {
    return { tool: currentToolName(entry), wellFormed: false };
  }
  const content = entry.slice(open + 1, close);
  return { tool: currentToolName(name), content: content === '' || content === '*' ? undefined : content, wellFormed: true };
}

/**
 * Where a rule's specifier opens and closes: the first `(` and the last `)` that no backslash escapes
 * (`Bash(a\)` never closes, so Claude Code drops the entry; `Bash(a\\)` closes), or -1. The rules read
 * entries with it too.
 */
export function ruleParens(entry: string): { open: number; close: number } {
  return { open: unescaped(entry, '(', 'first'), close: unescaped(entry, ')', 'last') };
}

/** The first or last `char` of `entry` that no backslash escapes (an even number of them before it), or -1. */
function unescaped(entry: string, char: string, which: 'first' | 'last'): number {
  const escaped = (i: number) => {
    let n = 0;
    while (i - n - 1 >= 0 && entry[i - n - 1] === '\\') n++;
    return n % 2 === 1;
  };
  if (which === 'first') {
    for (let i = entry.indexOf(char); i >= 0; i = entry.indexOf(char, i + 1)) if (!escaped(i)) return i;
  } else {
    for (let i = entry.lastIndexOf(char); i >= 0; i = i > 0 ? entry.lastIndexOf(char, i - 1) : -1) if (!escaped(i)) return i;
  }
  return -1;
}

/**
 * An old tool name: the current one, and whether Claude Code still maps the old name to it (`Task` is read
 * as `Agent`) or drops it (`LS`: use `Glob`). Undefined for any other name.
 */
export function legacyTool(name: string): { now: string; mapped: boolean } | undefined {
  if (Object.prototype.hasOwnProperty.call(LOADER_TOOL_ALIASES, name)) return { now: LOADER_TOOL_ALIASES[name], mapped: true };
  if (Object.prototype.hasOwnProperty.call(DROPPED_TOOLS, name)) return { now: DROPPED_TOOLS[name], mapped: false };
  return undefined;
}

/** The name Claude Code uses for a tool name (`Task` -> `Agent`); unknown names unchanged. */
export function currentToolName(name: string): string {
  return Object.prototype.hasOwnProperty.call(LOADER_TOOL_ALIASES, name) ? LOADER_TOOL_ALIASES[name] : name;
}

export type UnresolvedWhy = 'unknown' | 'never-for-subagent' | 'denied';

export interface ToolResolution {
  /** The tools the agent gets, in order; null for every tool (no `tools`, or `*`). */
  toolNames: string[] | null;
  /** Entries that give no tool, and why. */
  unresolved: Array<{ entry: string; why: UnresolvedWhy }>;
  /**
   * False when `tools` listed entries and none resolved, for reasons other than `disallowedTools`: Claude
   * Code refuses to start the agent.
   */
  runs: boolean;
}

const KNOWN_TOOLS = new Set(TOOL_NAMES);

/**
 * Whether `disallowedTools` removes this tool from a subagent. Any entry naming the tool does, with or
 * without a rule in parentheses (`Bash(rm *)` takes Bash away); `mcp__server`, `mcp__server__*` and
 * `mcp__*` remove MCP tools by server.
 */
function deniedBy(tool: string, denied: readonly string[]): boolean {
  for (const d of denied) {
    const rule = readToolRule(d);
    if (rule.tool === tool) return true;
    if (!tool.startsWith(MCP_PREFIX) || !rule.tool.startsWith(MCP_PREFIX)) continue;
    if (rule.tool === `${MCP_PREFIX}*`) return true;
    const server = rule.tool.endsWith('__*') ? rule.tool.slice(0, -3) : rule.tool.slice(MCP_PREFIX.length).includes('__') ? undefined : rule.tool;
    if (server !== undefined && tool.startsWith(server + '__')) return true;
  }
  return false;
}

/** The tools a subagent gets from its `tools` and `disallowedTools`, as Claude Code resolves them. */
export function resolveTools(tools: readonly string[] | undefined, disallowed: readonly string[] = [], permissionMode?: string): ToolResolution {
  if (tools === undefined) return { toolNames: null, unresolved: [], runs: true };
  const toolNames: string[] = [];
  const unresolved: ToolResolution['unresolved'] = [];
  for (const entry of tools) {
    const { tool } = readToolRule(entry);
    const isMcp = tool.startsWith(MCP_PREFIX);
    if (!isMcp && !KNOWN_TOOLS.has(tool)) {
      unresolved.push({ entry, why: 'unknown' });
      continue;
    }
    const condition = Object.prototype.hasOwnProperty.call(SUBAGENT_TOOL_CONDITIONS, tool) ? SUBAGENT_TOOL_CONDITIONS[tool] : undefined;
    if (NEVER_FOR_SUBAGENTS.includes(tool) && !(condition !== undefined && condition.permissionMode === permissionMode)) {
      unresolved.push({ entry, why: 'never-for-subagent' });
      continue;
    }
    if (deniedBy(tool, disallowed)) {
      unresolved.push({ entry, why: 'denied' });
      continue;
    }
    if (!toolNames.includes(tool)) toolNames.push(tool);
  }
  // Entries that `disallowedTools` took away do not count: an agent whose tools are all denied starts, with none.
  return { toolNames, unresolved, runs: toolNames.length > 0 || unresolved.every((u) => u.why === 'denied') };
}
