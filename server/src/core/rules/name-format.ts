import type { Rule } from './rule';
import { getField, stringValue, toKebabCase } from './support/fields';

export const nameFormat: Rule = {
  id: 'name-format',
  meaning: 'quality',
  group: 'quality',
  defaultSeverity: 'information',
  title: '`name` has characters other than lowercase letters, digits and hyphens',
  docs: `The documented form of an agent name is lowercase letters, digits and hyphens (\`reviewer-v2\`). Other
characters (capitals, dots, spaces, underscores) still load today, but the agent is harder to call by name
and may break with a future release.

**Fix:** the quick fix offers the kebab-case form, e.g. \`dotnet-framework-4.8-expert\` ->
\`dotnet-framework-4-8-expert\`.`,
  check({ agent, claude }) {
    const name = getField(agent, 'name');
    const value = claude.scope === 'plugin' ? stringValue(name?.value)?.trim() : claude.name;
    if (!claude.loads || !name || !value) return [];
    if (/^[a-z0-9-]+$/.test(value)) return [];
    const fixed = toKebabCase(value);
    return [
      {
        message: `\`name\` "${value}" has characters other than lowercase letters, digits and hyphens. It loads, but the documented form is kebab-case${fixed ? `: "${fixed}"` : ''}.`,
        range: name.value.range,
        fixes: fixed && fixed !== value ? [{ title: `Rename to "${fixed}"`, edits: [{ range: name.value.range, newText: fixed }] }] : [],
      },
    ];
  },
};
