/**
 * A `---` inside the frontmatter, or a closing line that is more than `---`: Claude Code ends the
 * frontmatter at the first `---` wherever it stands, and what follows becomes the start of the system
 * prompt.
 */
import type { OffsetRange } from '../types';
import type { Rule, RuleFinding } from './rule';
import { listOf } from './support/edit-helpers';

export const frontmatterCut: Rule = {
  id: 'frontmatter-cut',
  meaning: 'not-as-written',
  group: 'loading',
  defaultSeverity: 'warning',
  title: 'A `---` inside the frontmatter ends it early for Claude Code',
  docs: `Claude Code ends the frontmatter at the first \`---\` after the opening line, **wherever it stands**, even in
the middle of a value. With \`description: Looks for --- separators\`, the description is \`Looks for\`, and the
rest of the line, with every key below it, becomes the start of the agent's system prompt. Quoting the
value does not help: the cut happens before the YAML is read.

A closing line with more than \`---\` on it (\`--- notes\`) ends the frontmatter too; the rest of it is body.

When the cut leaves no \`name\` or no \`description\`, the agent is not loaded at all (reported by those rules).

**Fix:** write the dashes otherwise (\`—\`, \`- - -\`), or keep the closing \`---\` alone on its line.`,
  check({ agent, claude, text }) {
    const out: RuleFinding[] = [];
    // Every `---` inside a line of the author's frontmatter is written as `—` by the one fix: mending only
    // this one would leave Claude Code cutting at the next.
    const contentEnd = agent.frontmatter?.content.end ?? text.length;
    const midLineDashes = (from: number): OffsetRange[] => {
      const found: OffsetRange[] = [];
      for (let at = text.indexOf('---', from); at >= 0 && at < contentEnd; at = text.indexOf('---', at + 3)) {
        if (at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r') found.push({ start: at, end: at + 3 });
      }
      return found;
    };
    for (const d of claude.deviations) {
      if (d.kind !== 'cut') continue;
      const lineStart = text.lastIndexOf('\n', d.range.start - 1) + 1;
      const atLineStart = lineStart === d.range.start;
      const lost = d.lostKeys.length ? ` The keys after it (${listOf(d.lostKeys, 'and')}) are not read as fields either.` : '';
      const where = d.key ? `inside \`${d.key}\`` : atLineStart ? 'at the start of this line' : 'here';
      out.push({
        message: `Claude Code ends the frontmatter at this \`---\` (${where}): the rest becomes the start of the agent's system prompt.${lost}`,
        range: d.range,
        fixes: atLineStart
          ? [{ title: 'Keep `---` alone on its line', edits: [{ range: { start: d.range.end, end: d.range.end }, newText: text.includes('\r\n') ? '\r\n' : '\n' }] }]
          : [{ title: 'Write the dashes as `—`', edits: (d.range.start < contentEnd ? midLineDashes(d.range.start) : [d.range]).map((range) => ({ range, newText: '—' })) }],
      });
    }
    return out;
  },
};
