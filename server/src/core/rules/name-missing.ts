import type { Rule } from './rule';
import { baseName, getField, stringValue, toKebabCase } from './fields';

export const nameMissing: Rule = {
  id: 'name-missing',
  defaultSeverity: 'error',
  title: '`name` is missing or empty',
  docs: `Claude Code identifies an agent only by its \`name\` field (not by the file name). A file whose
frontmatter has no \`name\`, or an empty one, is treated as documentation and skipped silently.

**Fix:** add \`name:\` with lowercase letters, digits and hyphens, e.g. \`name: code-reviewer\`. The quick fix
makes one from the file name.`,
  check({ agent, fileName }) {
    const fm = agent.frontmatter;
    if (!fm) return [];
    const name = getField(agent, 'name');
    const value = stringValue(name?.value)?.trim();
    if (name && value) return [];
    const suggested = toKebabCase(baseName(fileName) ?? '') || 'my-agent';
    const message = name
      ? '`name` is empty: Claude Code skips an agent without a name.'
      : '`name` is missing: Claude Code skips an agent without a name.';
    if (name) {
      return [{ message, range: name.keyRange, fixes: [{ title: `Set name to "${suggested}"`, isPreferred: true, edits: [{ range: { start: name.keyRange.start, end: name.value.range.end }, newText: `name: ${suggested}` }] }] }];
    }
    return [
      {
        message,
        range: fm.open,
        fixes: [{ title: `Add name: ${suggested}`, isPreferred: true, edits: [{ range: { start: fm.content.start, end: fm.content.start }, newText: `name: ${suggested}${agent.eol}` }] }],
      },
    ];
  },
};
