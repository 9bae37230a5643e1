import type { Rule } from './rule';

export const frontmatterUnclosed: Rule = {
  id: 'frontmatter-unclosed',
  defaultSeverity: 'error',
  title: 'The frontmatter has no closing `---`',
  docs: `The frontmatter runs from the opening \`---\` to a closing \`---\` line. Without the closing line Claude
Code finds no frontmatter, reads no \`name\` and skips the agent.

**Fix:** add a line \`---\` after the last field, before the system prompt.`,
  check({ agent }) {
    const fm = agent.frontmatter;
    if (!fm || fm.close) return [];
    return [
      {
        message: 'The frontmatter is never closed: add a `---` line after the last field. Until then Claude Code reads no frontmatter and skips this agent.',
        range: fm.open,
      },
    ];
  },
};
