import type { Rule } from './rule';
import { getField, stringValue } from './fields';

export const duplicateName: Rule = {
  id: 'duplicate-name',
  defaultSeverity: 'warning',
  title: 'Another agent file in the same agents folder has the same `name`',
  docs: `Claude Code identifies agents by \`name\`, not by file name. When two files in one agents tree
(\`.claude/agents/\` and its subfolders, or a plugin's \`agents/\`) have the same \`name\`, Claude Code loads
only one of them, chosen by the order it reads the files, and the other never runs.

**Fix:** give each agent its own name. The diagnostic links to the other file.`,
  check({ agent, workspace }) {
    const name = getField(agent, 'name');
    const value = stringValue(name?.value)?.trim();
    if (!name || !value || !workspace) return [];
    const others = workspace.othersNamed(value);
    if (others.length === 0) return [];
    const where = others.map((o) => decodeURIComponent(o.uri.slice(o.uri.lastIndexOf('/') + 1))).join(', ');
    return [
      {
        message: `Another agent in this folder is also named "${value}" (${where}): Claude Code loads only one of them.`,
        range: name.value.range,
        related: others.map((o) => ({ message: `"${value}" is also defined here`, uri: o.uri, range: o.nameRange, position: o.namePosition })),
      },
    ];
  },
};
