import { EXPERIMENTAL_FIELDS } from '../schema';
import type { Rule } from './rule';
import { listOf, unknownMapKeys } from './edit-helpers';

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
    return unknownMapKeys(
      agent,
      'experimental',
      KNOWN,
      (key, close) => `Unknown key \`experimental.${key}\`: Claude Code ignores it.${close.length ? ` Did you mean ${listOf(close)}?` : ` Known: ${listOf(KNOWN)}.`}`,
    );
  },
};
