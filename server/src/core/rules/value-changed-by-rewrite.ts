/**
 * Lines that Claude Code's retry quotes whole although they were fine: `model: haiku # cheap` becomes the
 * model `haiku # cheap`. The retry runs because another line is not valid YAML; repairing that line keeps
 * this one as written.
 */
import type { Fix } from '../types';
import type { Rule, RuleFinding } from './rule';
import { brokenFields, checkedRepairs, literalValue } from './support/yaml-repairs';

export const valueChangedByRewrite: Rule = {
  id: 'value-changed-by-rewrite',
  meaning: 'not-as-written',
  group: 'yaml',
  defaultSeverity: 'warning',
  title: "Claude Code's rewrite changes a value that was fine",
  docs: `When the frontmatter is not valid YAML, Claude Code quotes **every** top-level one-line \`key: value\` that holds
\`: \`, \`#\` or another YAML indicator, good lines included, and parses again (see
[yaml-needs-rewrite](yaml-needs-rewrite.md)). A line that meant something else in YAML is then read as its raw
text:

- \`model: haiku # cheap\` becomes the model \`haiku # cheap\`, which the API refuses: the agent **cannot run**
  (an error);
- \`tools: Read, Grep # search\` gives the tools \`Read\`, \`Grep\`, \`#\` and \`search\`;
- \`color: blue # team\` is dropped, as it is no colour.

**Fix:** repair the line that is not valid YAML (the quick fix does it, keeping its text); then nothing is
rewritten and every other line reads as written.`,
  check({ agent, claude, text }) {
    if (claude.yaml !== 'rewritten') return [];
    const broken = brokenFields(agent, text);
    // One fix repairing every line that is not valid YAML (each checked with the others repaired).
    const firsts = broken.map((b) => (b.value.kind === 'string' ? checkedRepairs(b, literalValue(b), text, agent, broken, claude)[0] : undefined));
    const repairs: Fix[] =
      broken.length > 0 && firsts.every((f) => f !== undefined)
        ? [
            {
              title: `Repair ${broken.map((b) => `\`${b.key}\``).join(', ')} (keeps the text), so that nothing is rewritten`,
              edits: firsts.flatMap((f) => f.edits),
              isPreferred: true,
              safe: true,
            },
          ]
        : [];
    const out: RuleFinding[] = [];
    for (const d of claude.deviations) {
      if (d.kind !== 'rewritten') continue;
      const model = d.key === 'model';
      out.push({
        message: model
          ? `Claude Code's rewrite quotes this whole line: the model becomes "${d.read}" (meant: "${d.meant}"), which the API refuses, so the agent cannot run. It happens because another line is not valid YAML.`
          : `Claude Code's rewrite quotes this whole line: \`${d.key}\` becomes "${d.read}" (meant: "${d.meant}"). It happens because another line is not valid YAML.`,
        range: d.range,
        severity: model ? 'error' : undefined,
        fixes: repairs,
      });
    }
    return out;
  },
};
