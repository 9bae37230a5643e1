import { DOCUMENT_END, NOT_KEYS, readAsClaudeCode } from '../claude-code/reading';
import { parseFrontmatter } from '../parse';
import type { Fix } from '../types';
import { yamlScalar } from '../yaml-write';
import type { Rule, RuleFinding } from './rule';
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

A frontmatter that YAML does not read as keys has no name either, however many \`name:\` lines it holds: a
\`...\` line ends the YAML document, and what follows it is a second one, so Claude Code gets a list of
documents.

**Fix:** add \`name:\`, e.g. \`name: code-reviewer\`. The quick fix makes one from the file name (quoted when YAML
would read it as something other than text). Where \`...\` lines split the frontmatter, the fix deletes them,
offered only when Claude Code then reads keys.`,
  check({ text, agent, claude, fileName }) {
    const fm = agent.frontmatter;
    if (!fm || claude.notLoaded?.code !== 'name-missing') return [];
    const name = getField(agent, 'name');
    if (claude.notKeys && claude.split) {
      // Setting a name changes nothing while YAML reads no keys: the fix, if any, is what splits them.
      const { content } = claude.split;
      const ends = documentEnds(text, content.start, content.end);
      const fixes: Fix[] = [];
      if (ends.length) {
        const edits = ends.map((range) => ({ range, newText: '' }));
        const after = edits.reduceRight((t, e) => t.slice(0, e.range.start) + t.slice(e.range.end), text);
        if (!readAsClaudeCode(after, { scope: claude.scope, fileName, agent: parseFrontmatter(after) }).notKeys)
          fixes.push({ title: 'Delete the `...` lines that end the YAML document', edits });
      }
      const finding: RuleFinding = {
        message: `Claude Code reads this frontmatter as ${NOT_KEYS[claude.notKeys]}, not as keys: it finds no \`name\` and does not load the agent.`,
        range: ends[0] ? { start: ends[0].start, end: ends[0].start + 3 } : (name?.keyRange ?? fm.open),
      };
      return [fixes.length ? { ...finding, fixes } : finding];
    }
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

/** The `...` lines between from and to, each with its line break. */
function documentEnds(text: string, from: number, to: number): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  const pattern = new RegExp(DOCUMENT_END.source, 'gm');
  const part = text.slice(from, to);
  for (let m = pattern.exec(part); m; m = pattern.exec(part)) {
    const start = from + m.index;
    let end = start + m[0].length;
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
    found.push({ start, end: Math.min(end, to) });
  }
  return found;
}
