import type { Rule } from './rule';
import { readToolList } from './support/tool-entries';

const WHY = { unknown: 'not a tool Claude Code knows', 'never-for-subagent': 'never given to a subagent', denied: 'removed by disallowedTools' } as const;

/** How many entries the message explains; the rest are counted, so a list of 10,000 makes one short message. */
const ENTRIES_SHOWN = 5;

export const toolsResolveToNothing: Rule = {
  id: 'tools-resolve-to-nothing',
  meaning: 'cannot-run',
  group: 'tools',
  defaultSeverity: 'error',
  title: '`tools` lists entries but none of them is a tool the agent gets: Claude Code refuses to start it',
  docs: `When \`tools\` lists entries and not one of them gives the agent a tool (unknown names, lower-case names such as
\`read\`, tools never given to a subagent), Claude Code lists the agent but refuses to start it ("would be
spawned with zero tools"). A common cause is \`tools: none\`, meant as "no tools": \`none\` is read as a tool
name.

Entries that \`disallowedTools\` removes do not count: an agent whose every tool is denied starts, with no
tool (see [no-tools](no-tools.md)). \`tools: []\` starts with no tools too; omitting \`tools\` gives the agent
every tool of the main conversation.

**Fix:** list real tool names (see [tool-unknown](tool-unknown.md) for the quick fixes of misspelled ones),
or write \`tools: []\` for an agent that needs no tools.`,
  check({ agent, claude, text }) {
    if (!claude.loads || claude.resolution.runs) return [];
    const tools = readToolList(agent, text, 'tools');
    const { unresolved } = claude.resolution;
    const why = unresolved.slice(0, ENTRIES_SHOWN).map((u) => `\`${u.entry}\`: ${WHY[u.why]}`);
    const more = unresolved.length > ENTRIES_SHOWN ? `; and ${unresolved.length - ENTRIES_SHOWN} more` : '';
    return [
      {
        message: `No entry of \`tools\` gives this agent a tool (${why.join('; ')}${more}), so Claude Code refuses to start it. For an agent without tools write \`tools: []\`.`,
        range: tools ? tools.field.value.range : claude.split!.content,
      },
    ];
  },
};
