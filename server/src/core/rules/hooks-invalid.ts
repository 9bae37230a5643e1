import type { Rule, RuleFinding } from './rule';
import { fieldsNamed, removeFieldFix } from './support/edit-helpers';

export const hooksInvalid: Rule = {
  id: 'hooks-invalid',
  meaning: 'not-loaded',
  group: 'fields',
  defaultSeverity: 'error',
  title: '`hooks` that Claude Code cannot load, so it drops the agent',
  docs: `\`hooks\` is a map from hook event to a list of matchers:

\`\`\`yaml
hooks:
  PostToolUse:
    - matcher: "Edit|Write"
      hooks:
        - type: command
          command: npm run lint
\`\`\`

Claude Code does not load a local agent when:
- \`hooks\` is not such a map: a list (even the empty \`hooks: []\`), a text, or matchers written directly under it;
- anything under \`PreToolUse\`, \`PermissionRequest\` or \`PreSkillShellCommand\` is malformed (a hook that cannot
  be loaded there might be what guards the agent's permissions);
- \`PreToolUse\` / \`PermissionRequest\` hooks are declared outside \`hooks\` (at the top level, or under another key).

A defect under another event only drops that entry. Plugin agents ignore \`hooks\` altogether.

**Fix:** write \`hooks\` as a map of event to matchers. For \`hooks: []\` the quick fix removes the line (no hooks
is the same as no \`hooks\` field).`,
  check({ agent, claude, text }) {
    if (claude.notLoaded?.code !== 'hooks') return [];
    const out: RuleFinding[] = [];
    const [f] = fieldsNamed(agent, 'hooks').slice(-1);
    const emptyList = f?.value.kind === 'list' && f.value.items.length === 0;
    out.push({
      message: `${claude.notLoaded.reason[0].toUpperCase()}${claude.notLoaded.reason.slice(1)}: Claude Code does not load this agent.`,
      range: claude.notLoaded.range,
      fixes: f && emptyList ? [{ ...removeFieldFix(text, f, true), title: 'Remove `hooks: []`', safe: true }] : [],
    });
    return out;
  },
};
