/** A top-level key given twice: Claude Code reads the last one only. */
import type { Rule, RuleFinding } from './rule';
import { removeFieldFix } from './support/edit-helpers';

export const duplicateKey: Rule = {
  id: 'duplicate-key',
  meaning: 'not-as-written',
  group: 'yaml',
  defaultSeverity: 'warning',
  title: 'A frontmatter key given twice: only the last one counts',
  docs: `Claude Code's YAML parser accepts a key given twice and keeps the **last** value; the earlier one has no effect.
Strict YAML readers reject the frontmatter instead.

**Fix:** keep one of them. The quick fix (not applied by fix-all, as either may be the one meant) removes the
earlier line.`,
  check({ claude, text }) {
    const out: RuleFinding[] = [];
    for (const d of claude.deviations) {
      if (d.kind !== 'duplicate-key') continue;
      out.push({
        message: `\`${d.key}\` is given again below: Claude Code reads only the last one, so this one has no effect.`,
        range: d.range,
        related: [{ message: `the \`${d.key}\` Claude Code reads`, range: d.last.keyRange }],
        fixes: [removeFieldFix(text, { key: d.key, keyRange: d.range, value: { kind: 'null', range: d.range }, range: d.range })],
      });
    }
    return out;
  },
};
