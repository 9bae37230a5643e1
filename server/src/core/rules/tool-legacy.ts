import { LEGACY_TOOLS } from '../schema';
import type { Fix } from '../types';
import type { Rule, RuleFinding } from './rule';
import { own } from './edit-helpers';
import { readToolList, removalEdit, type ToolListKey } from './tool-entries';

export const toolLegacy: Rule = {
  id: 'tool-legacy',
  defaultSeverity: 'warning',
  title: 'A legacy tool name (`Task`, `LS`, `MultiEdit`, ...) in `tools` / `disallowedTools`',
  docs: `Claude Code renamed or replaced some tools. Real agent files still list the old names:

| legacy name | use instead |
|---|---|
${Object.entries(LEGACY_TOOLS).map(([old, now]) => `| \`${old}\` | \`${now}\` |`).join('\n')}

An old name may be kept as an alias for a while (\`Task\` for \`Agent\`) or may already be dropped, in which case
the agent silently lacks that tool.

**Fix:** the quick fix writes the current name (\`Task(reviewer)\` -> \`Agent(reviewer)\`); when the current name
is already in the list, it removes the legacy entry instead.`,
  check({ agent, text }) {
    const out: RuleFinding[] = [];
    for (const key of ['tools', 'disallowedTools'] as ToolListKey[]) {
      const list = readToolList(agent, text, key);
      if (!list) continue;
      list.entries.forEach((e, i) => {
        const now = own(LEGACY_TOOLS, e.name);
        if (!now || e.mcp) return;
        const replaced = e.specifier === undefined ? now : `${now}(${e.specifier})`;
        const present = list.entries.some((o) => o.text === replaced);
        const fixes: Fix[] = [];
        if (present) {
          const edit = removalEdit(list, i);
          if (edit) fixes.push({ title: `Remove ${e.text} (${replaced} is already listed)`, isPreferred: true, edits: [edit] });
        } else if (e.exact) {
          fixes.push({ title: `Change to ${now}`, isPreferred: true, edits: [{ range: e.nameRange, newText: now }] });
        }
        out.push({
          message: `\`${e.name}\` is a legacy tool name: use \`${now}\`${present ? ` (already listed)` : ''}.`,
          range: e.exact ? e.nameRange : e.range,
          fixes,
        });
      });
    }
    return out;
  },
};
