/** ` #` in an unquoted description starts a YAML comment: the rest of the line is dropped. */
import type { Rule, RuleFinding } from './rule';
import { getField } from './support/fields';
import { checkedRepairs } from './support/yaml-repairs';

export const descriptionCutByComment: Rule = {
  id: 'description-cut-by-comment',
  meaning: 'not-as-written',
  group: 'yaml',
  defaultSeverity: 'warning',
  title: 'A ` #` in the unquoted description starts a comment: the rest of the line is lost',
  docs: `In an unquoted YAML value, a \`#\` after a space starts a comment. \`description: Use for issue #123: fix it\`
gives the description \`Use for issue\`: Claude Code and every other reader drop the rest without a word.

**Fix:** quote the description, or write it as a block scalar; the quick fix keeps the whole line's text.`,
  check({ agent, claude, text }) {
    const out: RuleFinding[] = [];
    for (const d of claude.deviations) {
      if (d.kind !== 'comment') continue;
      const f = getField(agent, d.key);
      out.push({
        message: `\` #\` starts a YAML comment here: the description ends at "${d.read.slice(-30)}", and "${text
          .slice(d.range.start + 1, d.range.end)
          .trim()
          .slice(0, 40)}" is dropped.`,
        range: d.range,
        fixes: f
          ? checkedRepairs({ ...f, value: { ...f.value, range: { start: f.value.range.start, end: d.range.end } } }, d.meant, text, agent, [], claude).map((x) => ({
              ...x,
              safe: false,
            }))
          : [],
      });
    }
    return out;
  },
};
