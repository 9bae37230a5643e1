import { NEVER_FOR_SUBAGENTS, SUBAGENT_TOOL_CONDITIONS } from '../schema';
import type { Fix } from '../types';
import type { Rule, RuleFinding } from './rule';
import { fieldsNamed, own } from './support/edit-helpers';
import { stringValue } from './support/fields';
import { readToolList, removalEdit } from './support/tool-entries';

export const toolNeverForSubagent: Rule = {
  id: 'tool-never-for-subagent',
  meaning: 'not-as-written',
  group: 'tools',
  defaultSeverity: 'warning',
  title: 'A tool in `tools` that a subagent never receives',
  docs: `Some tools belong to the main conversation only and are never given to a subagent, even when its
\`tools\` lists them: ${NEVER_FOR_SUBAGENTS.map((t) => `\`${t}\``).join(', ')}.
${Object.entries(SUBAGENT_TOOL_CONDITIONS)
  .map(([t, c]) => `\`${t}\` is the exception when the agent's \`permissionMode\` is \`${c.permissionMode}\`.`)
  .join(' ')}

A system prompt that relies on them (for example "ask the user with AskUserQuestion") will not work when the
agent runs as a subagent. They do apply when the file is run as the main session (\`claude --agent\`).

**Fix:** a quick fix (not applied by fix-all) removes the entry; reword the system prompt so the agent
reports back to the main conversation instead.`,
  check({ agent, text }) {
    const list = readToolList(agent, text, 'tools');
    if (!list) return [];
    const mode = stringValue(fieldsNamed(agent, 'permissionMode')[0]?.value)?.trim();
    const out: RuleFinding[] = [];
    list.entries.forEach((e, i) => {
      if (e.mcp || !NEVER_FOR_SUBAGENTS.includes(e.name)) return;
      const condition = own(SUBAGENT_TOOL_CONDITIONS, e.name);
      if (condition && condition.permissionMode === mode) return;
      const edit = removalEdit(list, i);
      const fixes: Fix[] = edit ? [{ title: `Remove ${e.text}`, edits: [edit] }] : [];
      const unless = condition ? ` unless its \`permissionMode\` is \`${condition.permissionMode}\`` : '';
      out.push({
        message: `A subagent never receives \`${e.name}\`${unless}: this entry only matters when the agent runs as the main session.`,
        range: e.range,
        fixes,
      });
    });
    return out;
  },
};
