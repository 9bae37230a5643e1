import type { Rule } from './rule';
import { getField, stringValue } from './fields';

export const duplicateName: Rule = {
  id: 'duplicate-name',
  meaning: 'not-as-written',
  group: 'workspace',
  defaultSeverity: 'warning',
  title: 'Another agent file in the same agents folder has the same `name`',
  docs: `Claude Code identifies agents by \`name\`, not by file name. When two files in one agents tree
(\`.claude/agents/\` and its subfolders, or a plugin's \`agents/\`) have the same \`name\`, Claude Code uses
only one of them, without a word: the one whose path comes **last** in JavaScript's string order (\`a.md\`
after \`Z.md\`, \`nested/z.md\` after \`b.md\`). The others never run.

**Fix:** give each agent its own name. The diagnostic says which file Claude Code uses and links to the
others.`,
  check({ agent, workspace, fileName }) {
    const name = getField(agent, 'name');
    const value = stringValue(name?.value)?.trim();
    if (!name || !value || !workspace) return [];
    const others = workspace.othersNamed(value);
    if (others.length === 0) return [];
    const where = others.map((o) => decodeURIComponent(o.uri.slice(o.uri.lastIndexOf('/') + 1))).join(', ');
    // Claude Code reads the files of a tree in the order of their paths, and the last one wins.
    const pathOf = (uri: string) => decodeURIComponent(uri.replace(/^file:\/\//, ''));
    const own = fileName ? fileName.replace(/\\/g, '/') : '';
    const winner = others.reduce((best, o) => (pathOf(o.uri) > best.path ? { path: pathOf(o.uri), uri: o.uri } : best), { path: own, uri: '' });
    const verdict = winner.uri === '' ? 'Claude Code uses this file and ignores the other' : `Claude Code uses ${decodeURIComponent(winner.uri.slice(winner.uri.lastIndexOf('/') + 1))} and ignores this file`;
    return [
      {
        message: `Another agent in this folder is also named "${value}" (${where}): ${verdict}${others.length > 1 ? 's' : ''}, as its path comes last.`,
        range: name.value.range,
        related: others.map((o) => ({ message: `"${value}" is also defined here`, uri: o.uri, range: o.nameRange, position: o.namePosition })),
      },
    ];
  },
};
