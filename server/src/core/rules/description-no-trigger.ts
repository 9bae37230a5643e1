import { DESCRIPTION_TRIGGER_WORDS } from '../schema';
import type { Rule } from './rule';
import { getField } from './support/fields';

const TRIGGER = new RegExp(`\\b(${DESCRIPTION_TRIGGER_WORDS.join('|')})\\b`, 'i');

/** The words are English: descriptions written mostly in another script are not checked. */
function mostlyLatin(s: string): boolean {
  return count(s, /[A-Za-z]/g) >= count(s, /(?![A-Za-z])\p{L}/gu);
}

/** How many matches, without an array of them (descriptions can be long). */
function count(s: string, re: RegExp): number {
  let n = 0;
  while (re.exec(s)) n++;
  return n;
}

export const descriptionNoTrigger: Rule = {
  id: 'description-no-trigger',
  meaning: 'quality',
  group: 'quality',
  defaultSeverity: 'information',
  title: '`description` never says when to use the agent',
  docs: `Claude picks a subagent by its description. A description that only says what the agent is ("Senior Go
engineer. Writes idiomatic code.") leaves Claude to guess when to delegate; one that says when ("Use after
changing Go code", "Use proactively for ...", "Use when the user asks for a review") gets the agent used at the right
moments.

The check is deliberately simple: it reports a description that contains none of these words (whole words, any
case): ${DESCRIPTION_TRIGGER_WORDS.map((w) => `\`${w}\``).join(', ')}. The words are English, so a description
written mostly in another script is not checked.

**Fix:** add a sentence such as "Use proactively after ..." or "Use when ...".`,
  check({ agent }) {
    const d = getField(agent, 'description');
    if (!d || d.value.kind !== 'string' || !d.value.value.trim()) return [];
    if (TRIGGER.test(d.value.value) || !mostlyLatin(d.value.value)) return [];
    return [
      {
        message:
          'The description says what the agent is but not when to use it. Add a trigger such as "Use proactively after ..." or "Use when ..." so Claude knows when to delegate.',
        range: d.keyRange,
      },
    ];
  },
};
