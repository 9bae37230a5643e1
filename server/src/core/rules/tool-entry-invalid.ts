import { MCP_ALL, MCP_PREFIX, MCP_SEPARATOR } from '../schema';
import { ruleParens } from '../claude-code/tools';
import type { Fix } from '../types';
import type { Rule, RuleFinding } from './rule';
import { readToolList, type ToolEntry, type ToolListKey } from './support/tool-entries';

export const toolEntryInvalid: Rule = {
  id: 'tool-entry-invalid',
  meaning: 'not-as-written',
  group: 'tools',
  defaultSeverity: 'warning',
  title: 'A `tools` / `disallowedTools` entry that is not well formed',
  docs: `Each entry of \`tools\` and \`disallowedTools\` is one of:

- a tool name: \`Read\`
- a rule, the tool name followed by a specifier in parentheses that end the entry: \`Bash(git diff *)\`, \`Agent(reviewer)\`
- an MCP tool or server: \`mcp__server__tool\`, \`mcp__server\`, \`mcp__server__*\`; \`${MCP_ALL}\` (every MCP tool) only in
  \`disallowedTools\`

Claude Code splits the list at commas and spaces outside parentheses, so an unclosed \`(\` swallows the entries
after it.
An entry it cannot read is dropped without a message.

**Fix:** when only the closing \`)\` is missing at the end of an entry, the quick fix adds it.`,
  check({ agent, text }) {
    const out: RuleFinding[] = [];
    for (const key of ['tools', 'disallowedTools'] as ToolListKey[]) {
      for (const e of readToolList(agent, text, key)?.entries ?? []) {
        const problem = e.mcp ? mcpProblem(e, key) : ruleProblem(e);
        if (!problem) continue;
        out.push({ message: `\`${e.text}\` in \`${key}\`: ${problem.message}`, range: e.range, fixes: problem.fixes });
      }
    }
    return out;
  },
};

function ruleProblem(e: ToolEntry): { message: string; fixes?: Fix[] } | undefined {
  if (e.wellFormed) return undefined;
  if (e.name === '') return { message: 'a rule needs a tool name before `(`, e.g. `Bash(git diff *)`.' };
  const { open: paren, close } = ruleParens(e.text);
  if (paren >= 0 && close < paren) {
    const fixable = e.exact && !e.text.includes(',');
    const escaped = e.text.slice(paren).includes('\\)') ? ' (`\\)` is a parenthesis inside the rule, not its end)' : '';
    return {
      message: `the \`(\` is never closed${escaped}${e.text.includes(',') ? ', so the entries after it are read as part of this one' : ''}. Claude Code drops this entry.`,
      fixes: fixable ? [{ title: 'Add the closing )', isPreferred: true, edits: [{ range: { start: e.range.end, end: e.range.end }, newText: ')' }] }] : [],
    };
  }
  return { message: paren < 0 ? 'a `)` without a `(`. Claude Code drops this entry.' : 'text follows the closing `)`. Claude Code drops this entry.' };
}

function mcpProblem(e: ToolEntry, key: ToolListKey): { message: string; fixes?: Fix[] } | undefined {
  if (e.text === MCP_ALL) {
    return key === 'tools' ? { message: `\`${MCP_ALL}\` is allowed only in \`disallowedTools\`. To give every tool of one server, write \`mcp__<server>\`.` } : undefined;
  }
  const rest = e.text.slice(MCP_PREFIX.length);
  if (rest === '' || /[\s()]/.test(rest) || rest.startsWith('_') || rest.endsWith(MCP_SEPARATOR)) {
    return { message: 'an MCP entry is `mcp__<server>`, `mcp__<server>__<tool>` or `mcp__<server>__*`. Claude Code drops this entry.' };
  }
  return undefined;
}
