import { NAME_MAX_LENGTH } from '../schema';
import type { Rule } from './rule';
import { getField } from './support/fields';

export const nameTooLong: Rule = {
  id: 'name-too-long',
  meaning: 'not-loaded',
  group: 'loading',
  defaultSeverity: 'error',
  title: `\`name\` is longer than ${NAME_MAX_LENGTH} characters`,
  docs: `Claude Code does not load a local agent whose \`name\` is longer than ${NAME_MAX_LENGTH} characters (UTF-16 code
units); only its debug log says so.

**Fix:** use a short name; the description is the place for detail.`,
  check({ agent, claude }) {
    if (claude.notLoaded?.code !== 'name-too-long') return [];
    const name = getField(agent, 'name');
    if (!name) return [];
    return [
      {
        message: `\`name\` is ${String(claude.frontmatter.name).length} characters long, more than ${NAME_MAX_LENGTH}: Claude Code does not load this agent.`,
        range: name.value.range,
      },
    ];
  },
};
