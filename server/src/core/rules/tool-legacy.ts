import { legacyTool } from '../claude-code/tools';
import { DROPPED_TOOLS, LOADER_TOOL_ALIASES } from '../schema';
import type { Fix } from '../types';
import type { Rule, RuleFinding } from './rule';
import { readToolList, removalEdit, type ToolListKey } from './support/tool-entries';

const table = (names: Readonly<Record<string, string>>) =>
  Object.entries(names)
    .map(([old, now]) => `| \`${old}\` | \`${now}\` |`)
    .join('\n');

export const toolLegacy: Rule = {
  id: 'tool-legacy',
  meaning: 'not-as-written',
  group: 'tools',
  defaultSeverity: 'warning',
  title: 'An old tool name (`Task`, `LS`, `MultiEdit`, ...) in `tools` / `disallowedTools`',
  docs: `Claude Code renamed or replaced some tools, and real agent files still list the old names.

Some old names Claude Code still reads as the new one; the agent gets the tool, and the rename is only a
matter of style (information):

| old name | read as |
|---|---|
${table(LOADER_TOOL_ALIASES)}

Others it no longer knows: the agent does **not** get the tool (a warning):

| old name | use instead |
|---|---|
${table(DROPPED_TOOLS)}

**Fix:** the quick fix writes the current name (\`Task(reviewer)\` -> \`Agent(reviewer)\`); when the current name
is already in the list, it removes the old entry instead. Fix-all and \`lint --fix\` apply it for the names
Claude Code maps (nothing changes for the agent); the replacement of a dropped name is left to you.`,
  check({ agent, text }) {
    const out: RuleFinding[] = [];
    for (const key of ['tools', 'disallowedTools'] as ToolListKey[]) {
      const list = readToolList(agent, text, key);
      if (!list) continue;
      list.entries.forEach((e, i) => {
        const legacy = e.mcp ? undefined : legacyTool(e.name);
        if (!legacy) return;
        const replaced = e.specifier === undefined ? legacy.now : `${legacy.now}(${e.specifier})`;
        const present = list.entries.some((o) => o.text === replaced);
        const fixes: Fix[] = [];
        if (present) {
          const edit = removalEdit(list, i);
          if (edit) fixes.push({ title: `Remove ${e.text} (${replaced} is already listed)`, isPreferred: true, safe: legacy.mapped, edits: [edit] });
        } else if (e.exact) {
          fixes.push({ title: `Change to ${legacy.now}`, isPreferred: true, safe: legacy.mapped, edits: [{ range: e.nameRange, newText: legacy.now }] });
        }
        out.push({
          message: legacy.mapped
            ? `\`${e.name}\` is the old name of \`${legacy.now}\`: Claude Code reads it as \`${legacy.now}\`${present ? ', which is already listed' : ''}.`
            : `Claude Code no longer knows \`${e.name}\`: the agent ${key === 'tools' ? 'does not get it' : 'has nothing denied by it'}. Use \`${legacy.now}\`${present ? ' (already listed)' : ''}.`,
          range: e.exact ? e.nameRange : e.range,
          severity: legacy.mapped ? 'information' : undefined,
          fixes,
        });
      });
    }
    return out;
  },
};
