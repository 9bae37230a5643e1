import { FIELDS } from '../schema';
import { nearMisses } from '../similarity';
import type { Rule, RuleFinding } from './rule';

const KNOWN = FIELDS.map((f) => f.key);

/** Known keys this key is a near miss of (`Model` -> `model`, `tool` -> `tools`). */
export function misspellingOf(key: string): string | undefined {
  if (KNOWN.includes(key)) return undefined;
  return nearMisses(key, KNOWN)[0];
}

export const misspelledKey: Rule = {
  id: 'misspelled-key',
  defaultSeverity: 'error',
  title: 'A key that is a near miss of a known field (`Model`, `tool`, `disallowed-tools`)',
  docs: `Field names are case-sensitive camelCase. Claude Code silently ignores a key it does not know, so
\`Model: opus\` leaves the agent on the default model and \`tool: Read\` gives it every tool. Because the
author evidently meant a known field, this is an error.

**Fix:** rename the key to the field it should be (the quick fix does it).`,
  check({ agent }) {
    const out: RuleFinding[] = [];
    for (const f of agent.frontmatter?.fields ?? []) {
      const meant = misspellingOf(f.key);
      if (!meant) continue;
      out.push({
        message: `Unknown key \`${f.key}\`: did you mean \`${meant}\`? Claude Code ignores \`${f.key}\`, so this setting has no effect.`,
        range: f.keyRange,
        fixes: [{ title: `Rename to ${meant}`, isPreferred: true, edits: [{ range: f.keyRange, newText: meant }] }],
      });
    }
    return out;
  },
};
