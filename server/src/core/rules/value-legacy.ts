import { FIELDS } from '../schema';
import type { Rule, RuleFinding } from './rule';
import { fieldsNamed, own } from './support/edit-helpers';
import { stringValue } from './support/fields';

const WITH_LEGACY = FIELDS.filter((f) => f.legacyValues);

export const valueLegacy: Rule = {
  id: 'value-legacy',
  meaning: 'not-as-written',
  group: 'fields',
  defaultSeverity: 'warning',
  title: 'A field uses a legacy value (`color: magenta`)',
  docs: `Some values were accepted by older Claude Code releases and still appear in real files, but are no
longer in the documented set. The agent loads; the value may be shown differently or dropped by a future
release.

| field | legacy value | use instead |
|---|---|---|
${WITH_LEGACY.flatMap((f) => Object.entries(f.legacyValues ?? {}).map(([old, now]) => `| \`${f.key}\` | \`${old}\` | \`${now}\` |`)).join('\n')}

**Fix:** the quick fix replaces the legacy value with the current one.`,
  check({ agent }) {
    const out: RuleFinding[] = [];
    for (const spec of WITH_LEGACY) {
      for (const f of fieldsNamed(agent, spec.key)) {
        const value = stringValue(f.value)?.trim();
        const now = value !== undefined ? own(spec.legacyValues, value) : undefined;
        if (!value || !now) continue;
        out.push({
          message: `\`${spec.key}: ${value}\` is a legacy value: use \`${now}\`.`,
          range: f.value.range,
          fixes: [{ title: `Change to ${now}`, isPreferred: true, safe: true, edits: [{ range: f.value.range, newText: now }] }],
        });
      }
    }
    return out;
  },
};
