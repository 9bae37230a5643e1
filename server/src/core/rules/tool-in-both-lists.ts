import type { Fix } from '../types';
import type { Rule, RuleFinding } from './rule';
import { denies, readToolList, removalEdit } from './tool-entries';

export const toolInBothLists: Rule = {
  id: 'tool-in-both-lists',
  defaultSeverity: 'warning',
  title: 'A tool both in `tools` and removed by `disallowedTools`',
  docs: `\`disallowedTools\` is applied first: a tool it removes is gone, even when \`tools\` lists it. An entry in
both lists is therefore denied, which is rarely what the author of the \`tools\` entry meant. A bare tool name in
\`disallowedTools\` (\`Bash\`) also removes every rule of that tool in \`tools\` (\`Bash(git diff *)\`), and
\`mcp__*\` or \`mcp__server\` removes the MCP tools under it.

Denying part of a tool that \`tools\` allows, such as \`tools: Bash\` with \`disallowedTools: Bash(rm *)\`, is the
intended use and is not reported.

**Fix:** decide which list is right. A quick fix (not applied by fix-all) removes the entry from \`tools\`.`,
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
        message: `\`${e.text}\` is in \`tools\` but \`disallowedTools\` removes it (\`${d.text}\`), and \`disallowedTools\` wins: the agent does not get it.`,
        range: e.range,
        fixes,
        related: [{ message: `removed here by \`${d.text}\``, range: d.range }],
      });
    });
    return out;
  },
};
