import { FIELD_BY_KEY, FIELDS, PLUGIN_LOADER_KEYS } from '../schema';
import { misspellingOf } from './misspelled-key';
import type { Rule, RuleFinding } from './rule';

export const unknownKey: Rule = {
  id: 'unknown-key',
  meaning: 'not-as-written',
  group: 'fields',
  defaultSeverity: 'warning',
  title: 'A frontmatter key Claude Code does not know',
  docs: `Claude Code ignores frontmatter keys it does not know; only its debug log mentions them. A key such as
\`author\` or \`version\` does no harm but also does nothing; a key you expected to change behaviour does not.

Known keys: ${FIELDS.map((f) => `\`${f.key}\``).join(', ')}; for plugin agents also ${PLUGIN_LOADER_KEYS.map((k) => `\`${k}\``).join(' and ')}
(fallbacks of \`description\`).`,
  check({ agent, isPlugin }) {
    const out: RuleFinding[] = [];
    for (const f of agent.frontmatter?.fields ?? []) {
      const known = FIELD_BY_KEY.has(f.key) || (isPlugin && PLUGIN_LOADER_KEYS.includes(f.key));
      if (known || misspellingOf(f.key)) continue;
      out.push({ message: `Unknown key \`${f.key}\`: Claude Code ignores it.`, range: f.keyRange });
    }
    return out;
  },
};
