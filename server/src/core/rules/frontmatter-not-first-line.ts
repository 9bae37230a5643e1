import type { Rule } from './rule';

export const frontmatterNotFirstLine: Rule = {
  id: 'frontmatter-not-first-line',
  meaning: 'not-loaded',
  group: 'loading',
  defaultSeverity: 'error',
  title: 'The opening `---` of the frontmatter is not on the first line',
  docs: `Claude Code reads frontmatter only when the opening \`---\` is the very first line of the file (a UTF-8
byte-order mark may precede it). With a blank line, a heading or any other text before it, the block is
ordinary Markdown: Claude Code finds no frontmatter and does not load the agent, without a word.

**Fix:** move the frontmatter block to the top of the file (the quick fix does this and keeps any text that
stood before it, after the block).`,
  check({ agent, claude, text }) {
    const fm = agent.frontmatter;
    if (claude.split || !fm || fm.startsOnFirstLine) return [];
    const origin = agent.bom ? 1 : 0;
    const before = text.slice(origin, fm.range.start);
    const blockEnd = fm.close ? lineEnd(text, fm.close.end) : text.length;
    const block = text.slice(fm.range.start, fm.close ? fm.close.end : text.length);
    const kept = before.trim() === '' ? '' : agent.eol + before.replace(/^(\s*\r?\n)+/, '');
    const after = text.slice(fm.close ? fm.close.end : text.length, blockEnd);
    return [
      {
        message: 'The opening `---` is not on the first line, so Claude Code finds no frontmatter and does not load this agent. Move the block to the top of the file.',
        range: fm.open,
        fixes: [
          {
            title: 'Move the frontmatter to the first line',
            isPreferred: true,
            safe: true,
            edits: [{ range: { start: origin, end: blockEnd }, newText: block + after + kept.replace(/\s+$/, '') }],
          },
        ],
      },
    ];
  },
};

/** Offset of the end of the line that contains `at` (before its line break). */
function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  if (nl < 0) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}
