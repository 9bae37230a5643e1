import type { Rule, RuleFinding } from './rule';
import { getField, stringValue } from './support/fields';

export const unknownSkill: Rule = {
  id: 'unknown-skill',
  meaning: 'not-as-written',
  group: 'workspace',
  defaultSeverity: 'warning',
  title: 'A `skills` entry names no skill folder',
  docs: `\`skills\` preloads skills into the agent's context by name. A name with no skill behind it
(\`.claude/skills/<name>/SKILL.md\` in the project, \`<plugin>/skills/<name>/SKILL.md\` for a plugin agent,
or \`~/.claude/skills/<name>/SKILL.md\`) gives the agent nothing. Plugin skills (\`plugin:skill\`) are not
checked.

**Fix:** correct the name, or create the skill.`,
  check({ agent, workspace }) {
    const skills = getField(agent, 'skills');
    if (!skills || !workspace) return [];
    const entries = skills.value.kind === 'list' ? skills.value.items : [skills.value];
    const out: RuleFinding[] = [];
    for (const entry of entries) {
      const names = entry.kind === 'list' ? [] : (stringValue(entry) ?? '').split(',');
      let offset = entry.range.start;
      for (const raw of names) {
        const name = raw.trim();
        const start = offset + raw.indexOf(name);
        offset += raw.length + 1;
        if (!name || name.includes(':')) continue;
        if (workspace.skillExists(name) !== false) continue;
        const exact = entry.kind === 'string' && entry.style === 'plain';
        out.push({
          message: `No skill named "${name}" was found (.claude/skills/${name}/SKILL.md): the agent gets nothing from it.`,
          range: exact ? { start, end: start + name.length } : entry.range,
        });
      }
    }
    return out;
  },
};
