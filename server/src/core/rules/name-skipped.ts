import type { Rule } from './rule';
import { getField, stringValue, toKebabCase } from './support/fields';

export const nameSkipped: Rule = {
  id: 'name-skipped',
  meaning: 'not-loaded',
  group: 'loading',
  defaultSeverity: 'error',
  title: '`name` starts with `-` or contains `:`, so the agent is not loaded',
  docs: `Claude Code does not load a local agent whose \`name\` starts with \`-\` or contains \`:\` (the colon is reserved
for plugin agent ids such as \`my-plugin:reviewer\`). The check is made after Unicode normalisation (NFKC), so
the full-width \`：\` counts as a colon. Claude Code says so only in its debug log.

**Fix:** use lowercase letters, digits and hyphens, not starting with a hyphen. The quick fix offers the
kebab-case form.`,
  check({ agent, claude }) {
    const code = claude.notLoaded?.code;
    if (code !== 'name-dash' && code !== 'name-colon') return [];
    const name = getField(agent, 'name');
    const value = stringValue(name?.value);
    if (!name || !value) return [];
    const why =
      code === 'name-dash'
        ? 'starts with `-`'
        : value.includes(':')
          ? 'contains `:` (reserved for plugin agent ids)'
          : 'contains a character that Unicode normalises to `:` (reserved for plugin agent ids)';
    const fixed = toKebabCase(value.normalize('NFKC'));
    return [
      {
        message: `\`name\` ${why}: Claude Code does not load this agent.`,
        range: name.value.range,
        fixes: fixed ? [{ title: `Rename to "${fixed}"`, isPreferred: true, edits: [{ range: name.value.range, newText: fixed }] }] : [],
      },
    ];
  },
};
