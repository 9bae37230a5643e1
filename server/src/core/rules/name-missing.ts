import { yamlScalar } from '../yaml-write';
import type { Rule } from './rule';
import { afterClaudeCodeCut, baseName, cutOffMessage, getField, toKebabCase } from './support/fields';

export const nameMissing: Rule = {
  id: 'name-missing',
  meaning: 'not-loaded',
  group: 'loading',
  defaultSeverity: 'error',
  title: '`name` is missing or empty',
  docs: `Claude Code knows a local agent only by its \`name\` field, never by the file name. A file whose frontmatter
has no \`name\`, or an empty one (\`name:\`, \`name: ""\`), is not loaded, and Claude Code logs nothing.

(Plugin agents are different: they fall back to the file name.)

**Fix:** add \`name:\`, e.g. \`name: code-reviewer\`. The quick fix makes one from the file name (quoted when YAML
would read it as something other than text).`,
  check({ agent, claude, fileName }) {
    const fm = agent.frontmatter;
    if (!fm || claude.notLoaded?.code !== 'name-missing') return [];
    const name = getField(agent, 'name');
    const suggested = yamlScalar(toKebabCase(baseName(fileName) ?? '') || 'my-agent');
    // Written after the `---` where Claude Code ends the frontmatter: frontmatter-cut's fix mends the cut.
    if (name && afterClaudeCodeCut(name, claude)) return [{ message: cutOffMessage('name'), range: name.keyRange }];
    if (name) {
      return [
        {
          message: '`name` is empty: Claude Code does not load an agent without a name.',
          range: name.keyRange,
          fixes: [
            {
              title: `Set name to ${suggested}`,
              isPreferred: true,
              edits: [{ range: { start: name.keyRange.start, end: name.value.range.end }, newText: `name: ${suggested}` }],
            },
          ],
        },
      ];
    }
    return [
      {
        message: '`name` is missing: Claude Code does not load an agent without a name (the file name does not count).',
        range: fm.open,
        fixes: [
          {
            title: `Add name: ${suggested}`,
            isPreferred: true,
            edits: [{ range: { start: fm.content.start, end: fm.content.start }, newText: `name: ${suggested}${agent.eol}` }],
          },
        ],
      },
    ];
  },
};
