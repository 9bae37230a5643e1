import { toDoubleQuoted } from '../yaml-write';
import type { Rule } from './rule';
import { getField } from './support/fields';

export const nameNotText: Rule = {
  id: 'name-not-text',
  meaning: 'not-loaded',
  group: 'loading',
  defaultSeverity: 'error',
  title: '`name` is a number, a boolean, a list or a map, not text',
  docs: `YAML reads \`name: 1234\` as a number and \`name: true\` as a boolean. Claude Code takes only text for the
name of a local agent, so such an agent is not loaded, and nothing says so.

**Fix:** quote it: \`name: "1234"\` (the quick fix keeps the characters as written).`,
  check({ agent, claude, text }) {
    if (claude.notLoaded?.code !== 'name-not-text') return [];
    const name = getField(agent, 'name');
    if (!name) return [];
    const v = name.value;
    const raw = text.slice(v.range.start, v.range.end);
    const scalar = v.kind === 'number' || v.kind === 'boolean';
    return [
      {
        message: `\`name\` is read as ${scalar ? `the ${v.kind} ${raw}` : `a ${v.kind}`}, not as text: Claude Code does not load this agent.${scalar ? ' Quote it.' : ''}`,
        range: v.range,
        fixes: scalar ? [{ title: `Quote the name: ${toDoubleQuoted(raw)}`, isPreferred: true, safe: true, edits: [{ range: v.range, newText: toDoubleQuoted(raw) }] }] : [],
      },
    ];
  },
};
