import type { Rule } from './rule';
import { getField } from './support/fields';

export const noTools: Rule = {
  id: 'no-tools',
  meaning: 'not-as-written',
  group: 'tools',
  defaultSeverity: 'warning',
  title: 'The agent starts with no tool at all',
  docs: `Claude Code starts an agent with no tool when \`tools\` is empty (\`tools: []\`, \`tools: ""\`, \`tools:\` with no value,
\`tools: false\`) or when \`disallowedTools\` removes every tool it lists. With an empty \`tools\`, the main
conversation is even told the agent has "All tools". An agent without tools can only answer from what it is
told.

**Fix:** list the tools the agent needs, or remove \`tools\` to give it every tool. If the agent is meant to
have none, this can be turned off for the file's project in \`.subagent-studio.json\`.`,
  check({ agent, claude }) {
    if (!claude.loads || !claude.resolution.runs || claude.resolution.toolNames === null || claude.resolution.toolNames.length > 0) return [];
    const tools = getField(agent, 'tools');
    // A value of the wrong type (`tools: 42`) is value-wrong-type's to report.
    if (tools && tools.value.kind !== 'string' && tools.value.kind !== 'list' && tools.value.kind !== 'null' && tools.value.kind !== 'boolean') return [];
    const allDenied = claude.resolution.unresolved.length > 0;
    return [
      {
        message: allDenied
          ? '`disallowedTools` removes every tool `tools` lists: Claude Code starts this agent with no tool at all.'
          : `\`tools\` is empty: Claude Code tells the main conversation this agent has "${claude.listedTools}", but starts it with no tool at all.`,
        range: tools ? tools.value.range : claude.split!.content,
      },
    ];
  },
};
