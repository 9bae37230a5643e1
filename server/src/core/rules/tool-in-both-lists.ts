import type { Fix } from '../types';
import type { Rule, RuleFinding } from './rule';
import { denies, readToolList, removalEdit } from './support/tool-entries';

export const toolInBothLists: Rule = {
  id: 'tool-in-both-lists',
  meaning: 'not-as-written',
  group: 'tools',
  defaultSeverity: 'warning',
  title: 'A tool both in `tools` and removed by `disallowedTools`',
  docs: `\`disallowedTools\` is applied first: a tool it removes is gone, even when \`tools\` lists it. An entry in
both lists is therefore denied, which is rarely what the author of the \`tools\` entry meant.

For a subagent, Claude Code takes away the **whole tool** for any \`disallowedTools\` entry that names it:
\`tools: Read, Bash\` with \`disallowedTools: Bash(rm *)\` leaves the agent without Bash, not only without
\`rm\`. \`mcp__*\` or \`mcp__server\` removes the MCP tools under it.

**Fix:** decide which list is right. A quick fix (not applied by fix-all) removes the entry from \`tools\`. To
keep a tool but forbid some of its uses, use permission rules in settings instead.`,
  check({ agent, text }) {
    const tools = readToolList(agent, text, 'tools');
    const deny = readToolList(agent, text, 'disallowedTools');
    if (!tools || !deny) return [];
    const out: RuleFinding[] = [];
    tools.entries.forEach((e, i) => {
      const d = deny.entries.find((x) => denies(x, e));
      if (!d) return;
      const edit = removalEdit(tools, i);
      const fixes: Fix[] = edit ? [{ title: `Remove ${e.text} from tools`, edits: [edit] }] : [];
      out.push({
        message:
          d.specifier !== undefined && d.text !== e.text
            ? `\`${d.text}\` in \`disallowedTools\` takes \`${e.name}\` away from this agent entirely, not only that use: the agent does not get \`${e.text}\`.`
            : `\`${e.text}\` is in \`tools\` but \`disallowedTools\` removes it (\`${d.text}\`), and \`disallowedTools\` wins: the agent does not get it.`,
        range: e.range,
        fixes,
        related: [{ message: `removed here by \`${d.text}\``, range: d.range }],
      });
    });
    return out;
  },
};
