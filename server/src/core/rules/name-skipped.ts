import type { Rule } from './rule';
import { getField, stringValue, toKebabCase } from './fields';

export const nameSkipped: Rule = {
  id: 'name-skipped',
  defaultSeverity: 'error',
  title: '`name` starts with `-` or contains `:`, so the agent is skipped',
  docs: `Claude Code skips an agent whose \`name\` starts with \`-\` or contains \`:\` (the colon is reserved for
plugin agent ids such as \`my-plugin:reviewer\`).

**Fix:** use lowercase letters, digits and hyphens, not starting with a hyphen. The quick fix offers the
kebab-case form.`,
  check({ agent }) {
    const name = getField(agent, 'name');
    const value = stringValue(name?.value);
    if (!name || !value) return [];
    const why = value.startsWith('-') ? 'starts with `-`' : value.includes(':') ? 'contains `:` (reserved for plugin agent ids)' : undefined;
    if (!why) return [];
    const fixed = toKebabCase(value);
    return [
      {
        message: `\`name\` ${why}: Claude Code skips this agent.`,
        range: name.value.range,
        fixes: fixed ? [{ title: `Rename to "${fixed}"`, isPreferred: true, edits: [{ range: name.value.range, newText: fixed }] }] : [],
      },
    ];
  },
};
