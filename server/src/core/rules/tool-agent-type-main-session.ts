import type { Rule, RuleFinding } from './rule';
import { isAgentTypeRule, readToolList } from './support/tool-entries';

export const toolAgentTypeMainSession: Rule = {
  id: 'tool-agent-type-main-session',
  meaning: 'not-as-written',
  group: 'tools',
  defaultSeverity: 'warning',
  title: '`Agent(type)` in `tools`: applies only to an agent run as the main session',
  docs: `\`Agent(reviewer, tester)\` (formerly \`Task(...)\`) in \`tools\` limits which agents this agent may start. That only
takes effect when the file runs as the main session (\`claude --agent <name>\`): a subagent cannot start other
agents, so for a subagent the entry does nothing.

If the file is meant to run with \`claude --agent\`, this warning can be turned off for it; otherwise remove the
entry and let the main conversation start the other agents.`,
  check({ agent, text }) {
    const out: RuleFinding[] = [];
    for (const e of readToolList(agent, text, 'tools')?.entries ?? []) {
      if (!isAgentTypeRule(e)) continue;
      out.push({
        message: `\`${e.text}\` limits which agents this agent may start, which applies only when it runs as the main session (\`claude --agent\`); a subagent cannot start other agents.`,
        range: e.range,
      });
    }
    return out;
  },
};
