import { FIELDS } from '../schema';
import { nearMisses } from '../similarity';
import type { Rule, RuleFinding } from './rule';
import { sameButForCase } from './support/edit-helpers';

const KNOWN = FIELDS.map((f) => f.key);

/** Known keys this key is a near miss of (`Model` -> `model`, `tool` -> `tools`). */
export function misspellingOf(key: string): string | undefined {
  if (KNOWN.includes(key)) return undefined;
  return nearMisses(key, KNOWN)[0];
}

export const misspelledKey: Rule = {
  id: 'misspelled-key',
  meaning: 'not-as-written',
  group: 'fields',
  defaultSeverity: 'warning',
  title: 'A key that is a near miss of a known field (`Model`, `tool`, `disallowed-tools`)',
  docs: `Field names are case-sensitive camelCase. Claude Code ignores a key it does not know (it only notes it in its
debug log), so \`Model: opus\` leaves the agent on the default model and \`tool: Read\` gives it every tool.

**Fix:** rename the key to the field it should be (the quick fix does it). When the key differs from the field
only in case or in \`-\` and \`_\` (\`Model\`, \`disallowed-tools\`), fix-all and \`lint --fix\` apply the rename;
other near misses (\`tool\`) are left to you.`,
  check({ agent }) {
    const out: RuleFinding[] = [];
    const fields = agent.frontmatter?.fields ?? [];
    for (const f of fields) {
      const meant = misspellingOf(f.key);
      if (!meant) continue;
      // Renaming next to the real key would give the key twice: no rename is offered then.
      const present = fields.some((o) => o.key === meant);
      out.push({
        message: `Unknown key \`${f.key}\`: did you mean \`${meant}\`? Claude Code ignores \`${f.key}\`, so this setting has no effect.${present ? ` (\`${meant}\` is given too.)` : ''}`,
        range: f.keyRange,
        fixes: present ? [] : [{ title: `Rename to ${meant}`, isPreferred: true, safe: sameButForCase(f.key, meant), edits: [{ range: f.keyRange, newText: meant }] }],
      });
    }
    return out;
  },
};
