import { HOOK_EVENTS } from '../schema';
import type { Rule } from './rule';
import { listOf, unknownMapKeys } from './support/edit-helpers';

export const hookEventUnknown: Rule = {
  id: 'hook-event-unknown',
  meaning: 'not-as-written',
  group: 'fields',
  defaultSeverity: 'warning',
  title: 'A `hooks` key that is not a hook event',
  docs: `The keys of \`hooks\` are hook event names, case-sensitive. Hooks under a key that is not an event never
run. Known events: ${HOOK_EVENTS.map((e) => `\`${e}\``).join(', ')}.

Claude Code adds events from time to time, so an unknown name is a warning rather than an error.

**Fix:** a quick fix per known event close to the name (\`preToolUse\` -> \`PreToolUse\`), preferred when
exactly one is close.`,
  check({ agent }) {
    return unknownMapKeys(
      agent,
      'hooks',
      HOOK_EVENTS,
      () => false,
      (key, close) => `\`${key}\` is not a hook event, so these hooks never run.${close.length ? ` Did you mean ${listOf(close)}?` : ''}`,
    );
  },
};
