import { looseKey } from '../claude-code/values';
import { EXPERIMENTAL_FIELDS } from '../schema';
import type { Rule } from './rule';
import { listOf, unknownMapKeys } from './support/edit-helpers';

const KNOWN = EXPERIMENTAL_FIELDS.map((f) => f.key);

export const experimentalUnknownKey: Rule = {
  id: 'experimental-unknown-key',
  meaning: 'not-as-written',
  group: 'fields',
  defaultSeverity: 'warning',
  title: 'A key under `experimental` that Claude Code does not know',
  docs: `\`experimental\` holds settings that may change between releases. Known keys:
${EXPERIMENTAL_FIELDS.map((f) => `- \`${f.key}\`: ${f.doc}`).join('\n')}

Claude Code ignores other keys without a message. It matches \`cacheTtl\` loosely (\`cache_ttl\`, \`cache-ttl\`, any
case), so those spellings work.

**Fix:** a quick fix per known key close to the one written (\`cacheTTL\` -> \`cacheTtl\`).`,
  check({ agent }) {
    return unknownMapKeys(
      agent,
      'experimental',
      KNOWN,
      (key) => looseKey(key) === 'cachettl',
      (key, close) => `Unknown key \`experimental.${key}\`: Claude Code ignores it.${close.length ? ` Did you mean ${listOf(close)}?` : ` Known: ${listOf(KNOWN)}.`}`,
    );
  },
};
