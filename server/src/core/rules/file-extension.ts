import type { Rule } from './rule';

export const fileExtension: Rule = {
  id: 'file-extension',
  meaning: 'not-loaded',
  group: 'loading',
  defaultSeverity: 'error',
  title: 'A local agent file whose name does not end in `.md` (in lower case)',
  docs: `Claude Code reads a file of \`.claude/agents/\` as an agent only when its name ends in \`.md\`, in lower case:
\`reviewer.MD\` and \`reviewer.markdown\` are never read. (Plugin agents may end in \`.md\` in any case.)

**Fix:** rename the file to end in \`.md\`.`,
  check({ fileName, isPlugin, text }) {
    if (!fileName || isPlugin) return [];
    const base = fileName.split(/[\\/]/).pop() ?? '';
    if (base.endsWith('.md') || !/\.(md|markdown)$/i.test(base)) return [];
    const firstLineEnd = text.indexOf('\n');
    return [
      {
        message: `Claude Code reads only files ending in \`.md\` (lower case): it never reads "${base}". Rename it.`,
        range: { start: 0, end: firstLineEnd < 0 ? text.length : firstLineEnd },
      },
    ];
  },
};
