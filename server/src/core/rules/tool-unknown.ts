import { TOOL_NAMES, TOOLS_DOCS_URL } from '../schema';
import type { Fix } from '../types';
import type { Rule } from './rule';
import { closeCandidates, listOf, sameButForCase } from './support/edit-helpers';
import { readToolList, toolStatus, type ToolListKey } from './support/tool-entries';

export const toolUnknown: Rule = {
  id: 'tool-unknown',
  meaning: 'not-as-written',
  group: 'tools',
  defaultSeverity: 'warning',
  title: 'A `tools` / `disallowedTools` entry names no known tool',
  docs: `Entries of \`tools\` and \`disallowedTools\` are tool names, case-sensitive (\`Read\`, not \`read\`), rules such
as \`Bash(git diff *)\`, or MCP tools (\`mcp__server__tool\`). Claude Code drops an entry it does not recognise
without a message, so the agent silently lacks a tool you meant to give it (or keeps one you meant to deny).
If no entry of \`tools\` is left, the agent does not start at all: see
[tools-resolve-to-nothing](tools-resolve-to-nothing.md).

The known names are the current built-in tools (see the [tools reference](${TOOLS_DOCS_URL})); legacy names
such as \`Task\` or \`MultiEdit\` have their own rule, [tool-legacy](tool-legacy.md).

Like Claude Code, the list is split at commas and spaces outside parentheses, so \`Read Grep\` is two tools.

**Fix:** a quick fix per known tool close to the name (\`Websearch\` -> \`WebSearch\`, \`Gerp\` -> \`Grep\`),
preferred when exactly one is close. Fix-all and \`lint --fix\` apply only a change of case (\`read\` -> \`Read\`);
spelling corrections are left to you.`,
  *check({ agent, text }) {
    const suggestions = new Map<string, string[]>();
    for (const key of ['tools', 'disallowedTools'] as ToolListKey[]) {
      const list = readToolList(agent, text, key);
      for (const e of list?.entries ?? []) {
        if (e.name === '' || toolStatus(e) !== 'unknown' || (!e.wellFormed && e.specifier === undefined)) continue;
        let close = suggestions.get(e.name);
        if (!close) suggestions.set(e.name, (close = closeCandidates(e.name, TOOL_NAMES)));
        const fixes: Fix[] = e.exact
          ? close.map((c) => ({
              title: `Change to ${c}`,
              isPreferred: close.length === 1,
              safe: close.length === 1 && sameButForCase(c, e.name),
              edits: [{ range: e.nameRange, newText: c }],
            }))
          : [];
        yield {
          message: `Unknown tool \`${e.name}\` in \`${key}\`: Claude Code drops this entry.${close.length ? ` Did you mean ${listOf(close)}?` : ''}`,
          range: e.exact ? e.nameRange : e.range,
          fixes,
        };
      }
    }
  },
};
