import type { OtherAgent, Rule, RuleFinding } from './rule';
import type { OffsetRange } from '../types';
import { getField, stringValue } from './fields';

/**
 * How many namesakes a finding names and links; the rest are counted ("and 97 more"). Without a cap, each
 * of n copies of a folder listed the other n - 1, and the cost grew with the square of n.
 */
export const NAMESAKES_SHOWN = 3;

/**
 * The finding for a `name` (its value and range) that `count` other files share, `others` being the first
 * of them (only the first NAMESAKES_SHOWN are used). For hosts that know the namesakes without the text
 * (the CLI, once every file is read) as well as for the check.
 */
export function duplicateNameFinding(value: string, range: OffsetRange, others: readonly OtherAgent[], count = others.length): RuleFinding {
  const shown = others.slice(0, NAMESAKES_SHOWN);
  const where = shown.map((o) => decodeURIComponent(o.uri.slice(o.uri.lastIndexOf('/') + 1))).join(', ');
  const more = count > shown.length ? ` and ${count - shown.length} more` : '';
  return {
    message: `Another agent in this folder is also named "${value}" (${where}${more}): Claude Code loads only one of them.`,
    range,
    related: shown.map((o) => ({ message: `"${value}" is also defined here`, uri: o.uri, range: o.nameRange, position: o.namePosition })),
  };
}

export const duplicateName: Rule = {
  id: 'duplicate-name',
  defaultSeverity: 'warning',
  title: 'Another agent file in the same agents folder has the same `name`',
  docs: `Claude Code identifies agents by \`name\`, not by file name. When two files in one agents tree
(\`.claude/agents/\` and its subfolders, or a plugin's \`agents/\`) have the same \`name\`, Claude Code loads
only one of them, chosen by the order it reads the files, and the other never runs.

**Fix:** give each agent its own name. The diagnostic links to the other file (to the first three, when
there are more, and says how many more).`,
  check({ agent, workspace }) {
    const name = getField(agent, 'name');
    const value = stringValue(name?.value)?.trim();
    if (!name || !value || !workspace) return [];
    const others = workspace.othersNamed(value);
    if (others.length === 0) return [];
    return [duplicateNameFinding(value, name.value.range, others)];
  },
};
