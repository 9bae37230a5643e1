import type { Rule } from './rule';
import { listOf } from './edit-helpers';
import { denies, readToolList, toolStatus } from './tool-entries';

export const toolsResolveToNothing: Rule = {
  id: 'tools-resolve-to-nothing',
  defaultSeverity: 'error',
  title: '`tools` lists entries but none of them is a tool the agent gets: Claude Code refuses to start it',
  docs: `When \`tools\` lists entries and not one of them is a tool Claude Code knows, Claude Code refuses to start the
agent ("would be spawned with zero tools"). A common cause is \`tools: none\`, meant as "no tools": \`none\` is
read as a tool name.

Only names known to be unknown count: legacy names, MCP entries and rules of known tools are assumed to
resolve, so this error is never a guess. When the entries are known but \`disallowedTools\` removes every one
of them, the agent is left with no tool at all; that is reported as a warning.

\`tools: []\` (an explicitly empty list) is different: the agent starts with no tools. Omitting \`tools\`
gives the agent every tool of the main conversation.

**Fix:** list real tool names (see [tool-unknown](tool-unknown.md) for the quick fixes of misspelled ones),
write \`tools: []\` for an agent that needs no tools, or remove the entry from \`disallowedTools\`.`,
  check({ agent, text }) {
    const tools = readToolList(agent, text, 'tools');
    if (!tools || tools.entries.length === 0) return [];
    const deny = readToolList(agent, text, 'disallowedTools')?.entries ?? [];
    const unknown: string[] = [];
    const denied: string[] = [];
    for (const e of tools.entries) {
      if (toolStatus(e) === 'unknown') unknown.push(e.text);
      else if (deny.some((d) => denies(d, e))) denied.push(e.text);
      else return [];
    }
    if (denied.length === 0) {
      return [
        {
          message: `No entry of \`tools\` is a tool Claude Code knows (unknown ${listOf(unknown, 'and')}), so it refuses to start this agent. For an agent without tools write \`tools: []\`.`,
          range: tools.field.value.range,
        },
      ];
    }
    const why = [unknown.length ? `unknown ${listOf(unknown, 'and')}` : '', `removed by disallowedTools: ${listOf(denied, 'and')}`].filter(Boolean).join('; ');
    return [
      {
        message: `No entry of \`tools\` is left for this agent (${why}): it gets no tool at all, or Claude Code refuses to start it.`,
        range: tools.field.value.range,
        severity: 'warning',
      },
    ];
  },
};
