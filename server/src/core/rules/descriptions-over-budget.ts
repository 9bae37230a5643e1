import { DESCRIPTIONS_TOKEN_WARNING } from '../schema';
import type { Rule } from './rule';
import { getField } from './support/fields';
import { fmt } from './support/figures';

export const descriptionsOverBudget: Rule = {
  id: 'descriptions-over-budget',
  meaning: 'quality',
  group: 'workspace',
  defaultSeverity: 'information',
  title: `The descriptions of all the session's agents together pass ${fmt(DESCRIPTIONS_TOKEN_WARNING)} tokens`,
  docs: `The main conversation is told of every agent it may delegate to, on every turn: one line each, with
the agent's name, its description and its tools (\`- name: description (Tools: …)\`). The body costs
context only when the agent runs. Claude Code warns at start-up when those lines together pass
${fmt(DESCRIPTIONS_TOKEN_WARNING)} tokens.

This rule adds up the lines of every agent the session of the workspace folder uses (project, user and
managed scopes; shadowed agents do not count), at about four characters a token, and reports it **once**:
on the \`description\` of the largest, with related information pointing at the next largest. The Agents
view shows the same figure for the whole session.

**Fix:** shorten the largest descriptions: keep what helps Claude choose the agent (when to use it, one
or two short examples) and move instructions and long examples into the body. Agents a project does not
need can leave its \`.claude/agents/\` or the user folder.`,
  check({ agent, claude, workspace }) {
    const b = workspace?.descriptionBudget?.(claude);
    if (!b) return [];
    const at = getField(agent, 'description') ?? getField(agent, 'name');
    return [
      {
        message: `The ${fmt(b.agents)} agents of this session cost the main conversation about ${fmt(b.tokens)} tokens on every turn, over the ${fmt(b.limit)} at which Claude Code warns. This one is the largest (about ${fmt(b.ownTokens)} tokens): shorten it or the next largest, or move detail into the body.`,
        range: at ? at.keyRange : { start: 0, end: 0 },
        related: b.next.map((n) => ({ message: `Next largest: about ${fmt(n.tokens)} tokens`, uri: n.uri, range: n.range, position: n.position })),
      },
    ];
  },
};
