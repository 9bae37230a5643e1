import { EXPERIMENTAL_FIELDS } from '../schema';
import type { Rule, RuleFinding } from './rule';
import { closeValueFixes, fieldsNamed, listOf } from './edit-helpers';

const KNOWN = EXPERIMENTAL_FIELDS.map((f) => f.key);

export const experimentalUnknownKey: Rule = {
  id: 'experimental-unknown-key',
  defaultSeverity: 'warning',
  title: 'A key under `experimental` that Claude Code does not know',
  docs: `\`experimental\` holds settings that may change between releases. Known keys:
${EXPERIMENTAL_FIELDS.map((f) => `- \`${f.key}\`: ${f.doc}`).join('\n')}

Claude Code ignores other keys without a message.

**Fix:** a quick fix per known key close to the one written (\`cacheTTL\` -> \`cacheTtl\`).`,
  check({ agent }) {
    const out: RuleFinding[] = [];
    for (const f of fieldsNamed(agent, 'experimental')) {
      if (f.value.kind !== 'map') continue;
      for (const e of f.value.entries) {
        if (KNOWN.includes(e.key)) continue;
        const { close, fixes } = closeValueFixes(e.key, KNOWN, e.keyRange, (v) => `Rename to ${v}`);
        out.push({
          message: `Unknown key \`experimental.${e.key}\`: Claude Code ignores it.${close.length ? ` Did you mean ${listOf(close)}?` : ` Known: ${listOf(KNOWN)}.`}`,
          range: e.keyRange,
          fixes,
        });
      }
    }
    return out;
  },
};
