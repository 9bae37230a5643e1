import type { OtherAgent, Rule, RuleFinding } from './rule';
import type { OffsetRange } from '../types';
import { baseName, getField, stringValue, toKebabCase } from './support/fields';
import { yamlScalar } from '../yaml-write';

/**
 * How many namesakes a finding names and links; the rest are counted ("and 97 more"). Without a cap, each
 * of n copies of a folder listed the other n - 1, and the cost grew with the square of n.
 */
export const NAMESAKES_SHOWN = 3;

/** The file name at the end of a URI, decoded. */
const fileOf = (uri: string) => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));

/**
 * Of files of one agents tree sharing a name, the one Claude Code uses: it reads them in the order of
 * their paths (compared as JavaScript strings) and the last one wins.
 */
export function lastByPath<T>(items: readonly T[], pathOf: (item: T) => string): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || pathOf(item) > pathOf(best)) best = item;
  return best;
}

/**
 * The finding for a `name` (its value and range) that `count` other files share, `others` being the first
 * of them (only the first NAMESAKES_SHOWN are used); `winner` is the URI of the file Claude Code uses, or
 * undefined when it is this one. For hosts that know the namesakes without the text as well as for the check.
 */
export function duplicateNameFinding(value: string, range: OffsetRange, others: readonly OtherAgent[], winner: string | undefined, count = others.length): RuleFinding {
  const shown = others.slice(0, NAMESAKES_SHOWN);
  return {
    message: duplicateNameMessage(
      value,
      shown.map((o) => fileOf(o.uri)),
      winner === undefined ? undefined : fileOf(winner),
      count,
    ),
    range,
    related: shown.map((o) => ({ message: `"${value}" is also defined here`, uri: o.uri, range: o.nameRange, position: o.namePosition })),
  };
}

/**
 * The finding's message alone, from file names: `shown` the first namesakes' (at most NAMESAKES_SHOWN),
 * `winner` the name of the file Claude Code uses, or undefined when it is this one. The CLI, which reports
 * no related information, makes it once every file is read.
 */
export function duplicateNameMessage(value: string, shown: readonly string[], winner: string | undefined, count: number): string {
  const more = count > shown.length ? ` and ${count - shown.length} more` : '';
  const verdict = winner === undefined ? `Claude Code uses this file and ignores the other${count > 1 ? 's' : ''}` : `Claude Code uses ${winner} and ignores this file`;
  return `Another agent in this folder is also named "${value}" (${shown.join(', ')}${more}): ${verdict}, as its path comes last.`;
}

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
others (to the first three, when there are more, and says how many more). The quick fix renames the agent
after its file, when no agent of the folder has that name yet (a suggestion: never applied by fix-all).`,
  check({ agent, workspace, fileName }) {
    const name = getField(agent, 'name');
    const value = stringValue(name?.value)?.trim();
    if (!name || !value || !workspace) return [];
    const others = workspace.othersNamed(value);
    if (others.length === 0) return [];
    const pathOf = (uri: string) => decodeURIComponent(uri.replace(/^file:\/\//, ''));
    const own = { uri: '', path: fileName ? fileName.replace(/\\/g, '/') : '' };
    const winner = lastByPath([own, ...others.map((o) => ({ uri: o.uri, path: pathOf(o.uri) }))], (x) => x.path);
    const finding = duplicateNameFinding(value, name.value.range, others, winner === own ? undefined : winner?.uri);
    // The file's own name, when no agent of the folder has it yet (the other file is a link away, in `related`).
    const stem = toKebabCase(baseName(fileName) ?? '');
    if (stem && stem !== value && workspace.othersNamed(stem).length === 0) {
      finding.fixes = [{ title: `Rename the agent to "${stem}", its file's name`, edits: [{ range: name.value.range, newText: yamlScalar(stem) }] }];
    }
    return [finding];
  },
};
