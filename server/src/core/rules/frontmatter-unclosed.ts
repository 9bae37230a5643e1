import type { Rule } from './rule';

export const frontmatterUnclosed: Rule = {
  id: 'frontmatter-unclosed',
  meaning: 'not-loaded',
  group: 'loading',
  defaultSeverity: 'error',
  title: 'The frontmatter has no closing `---`',
  docs: `The frontmatter runs from the opening \`---\` to the next \`---\`. When no \`---\` follows anywhere in the
file, Claude Code finds no frontmatter and does not load the agent. (When a \`---\` follows that is not a line
of its own, Claude Code ends the frontmatter there: see [frontmatter-cut](frontmatter-cut.md).)

**Fix:** add a line \`---\` after the last field, before the system prompt.`,
  check({ agent, claude, text }) {
    const fm = agent.frontmatter;
    if (claude.split || !fm || !fm.startsOnFirstLine || fm.close) return [];
    const lastField = fm.fields[fm.fields.length - 1];
    const end = lastField ? lastField.range.end : fm.open.end;
    const nl = text.indexOf('\n', end);
    const at = nl < 0 ? text.length : nl + 1;
    const before = nl < 0 ? agent.eol : '';
    return [
      {
        message: 'The frontmatter is never closed: add a `---` line after the last field. Until then Claude Code finds no frontmatter and does not load this agent.',
        range: fm.open,
        fixes: [{ title: 'Close the frontmatter after the last field', edits: [{ range: { start: at, end: at }, newText: `${before}---${agent.eol}` }] }],
      },
    ];
  },
};
