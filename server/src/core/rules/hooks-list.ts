import type { Rule, RuleFinding } from './rule';
import { fieldsNamed, removeFieldFix } from './edit-helpers';

export const hooksList: Rule = {
  id: 'hooks-list',
  defaultSeverity: 'error',
  title: '`hooks` is a list (`hooks: []`): Claude Code drops the agent',
  docs: `\`hooks\` is a map from hook event to a list of hooks:

\`\`\`yaml
hooks:
  PostToolUse:
    - matcher: "Edit|Write"
      hooks:
        - type: command
          command: npm run lint
\`\`\`

Written as a list, even the empty \`hooks: []\`, it fails Claude Code's validation of the frontmatter and the
whole agent is dropped: it never appears in \`/agents\` and never runs.

**Fix:** for \`hooks: []\` the quick fix removes the line (no hooks is the same as no \`hooks\` field). A list
with entries has to be rewritten as a map by hand.`,
  check({ agent, text }) {
    const out: RuleFinding[] = [];
    for (const f of fieldsNamed(agent, 'hooks')) {
      if (f.value.kind !== 'list') continue;
      const empty = f.value.items.length === 0;
      out.push({
        message: empty
          ? '`hooks: []` is a list, not a map: Claude Code drops this agent. Remove the line, or write hooks as a map of event to hook list.'
          : '`hooks` is a list, not a map of event to hook list: Claude Code drops this agent.',
        range: f.value.range,
        fixes: empty ? [{ ...removeFieldFix(text, f, true), title: 'Remove `hooks: []`' }] : [],
      });
    }
    return out;
  },
};
