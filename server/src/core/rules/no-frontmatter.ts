import type { Rule } from './rule';

export const noFrontmatter: Rule = {
  id: 'no-frontmatter',
  defaultSeverity: 'information',
  title: 'A Markdown file with no frontmatter is documentation to Claude Code, not an agent',
  docs: `Claude Code loads an agent only from a file that starts with a \`---\` frontmatter block holding at
least \`name\` and \`description\`. A Markdown file in an agents folder without one (a README beside the
agents, notes) is read as documentation and never becomes an agent.

If this file is meant to be an agent, start it with:

\`\`\`markdown
---
name: my-agent
description: When Claude should delegate to this agent
---
\`\`\``,
  check({ agent, text }) {
    if (agent.frontmatter) return [];
    const firstLineEnd = text.indexOf('\n');
    return [
      {
        message: 'No frontmatter: Claude Code treats this file as documentation, not as an agent. Start it with a `---` block holding `name` and `description` if it is meant to be one.',
        range: { start: agent.bom ? 1 : 0, end: firstLineEnd < 0 ? text.length : firstLineEnd },
      },
    ];
  },
};
