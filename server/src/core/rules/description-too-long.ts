import { DESCRIPTION_CHAR_BUDGET, DESCRIPTIONS_TOKEN_WARNING, estimateTokens } from '../schema';
import type { Rule } from './rule';
import { getField } from './support/fields';
import { fmt } from './support/figures';

export const descriptionTooLong: Rule = {
  id: 'description-too-long',
  meaning: 'quality',
  group: 'quality',
  defaultSeverity: 'information',
  title: `\`description\` over ${fmt(DESCRIPTION_CHAR_BUDGET)} characters`,
  docs: `The description of every custom agent is loaded into every conversation, so Claude can decide when to
delegate; the system prompt (the body) costs context only when the agent runs. Claude Code warns at start-up
when the descriptions of all agents together pass ${fmt(DESCRIPTIONS_TOKEN_WARNING)} tokens.

This rule reports a description longer than ${fmt(DESCRIPTION_CHAR_BUDGET)} characters (about
${fmt(estimateTokens('x'.repeat(DESCRIPTION_CHAR_BUDGET)))} tokens, counting four characters a token), with an estimate of
its tokens. That budget holds a clear sentence on when to use the agent and two short \`<example>\` blocks.

**Fix:** keep in the description what helps Claude choose the agent (when to use it, one or two short
examples) and move instructions, checklists and long examples into the body.`,
  check({ agent }) {
    const d = getField(agent, 'description');
    if (!d || d.value.kind !== 'string') return [];
    const length = d.value.value.length;
    if (length <= DESCRIPTION_CHAR_BUDGET) return [];
    const tokens = estimateTokens(d.value.value);
    return [
      {
        message: `The description is ${fmt(length)} characters (about ${fmt(tokens)} tokens), over the budget of ${fmt(DESCRIPTION_CHAR_BUDGET)}. It is loaded into every conversation; Claude Code warns when all agents' descriptions pass ${fmt(DESCRIPTIONS_TOKEN_WARNING)} tokens. Move detail into the body.`,
        range: d.keyRange,
      },
    ];
  },
};
