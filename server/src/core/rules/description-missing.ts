import { toDoubleQuoted } from '../yaml-write';
import { checkedRepairs } from './support/yaml-repairs';
import type { Rule, RuleFinding } from './rule';
import { afterClaudeCodeCut, cutOffMessage, getField } from './support/fields';

/** Lines without the indentation they share (the first line is taken as it is). */
function dedent(raw: string): string {
  const lines = raw.split(/\r?\n/);
  let cut = Infinity;
  for (const l of lines.slice(1)) if (l.trim() !== '') cut = Math.min(cut, l.length - l.trimStart().length);
  if (cut === Infinity) cut = 0;
  return lines.map((l, i) => (i === 0 ? l : l.slice(Math.min(cut, l.length - l.trimStart().length)))).join('\n');
}

export const PLACEHOLDER_DESCRIPTION = 'Use this agent when ... (say when Claude should delegate to it)';

export const descriptionMissing: Rule = {
  id: 'description-missing',
  meaning: 'not-loaded',
  group: 'loading',
  defaultSeverity: 'error',
  title: '`description` is missing, empty or not text',
  docs: `The \`description\` tells Claude when to delegate to the agent. Claude Code does not load a local agent whose
\`description\` is missing, empty (\`description:\`, \`""\`), or not text: a number (\`description: 42\`), a
boolean, a list or a map. \`when_to_use\` is no replacement for it.

A description of only spaces does load, but tells Claude nothing; that is a warning.

**Fix:** add \`description:\` saying when to use the agent, e.g. \`description: Reviews code for bugs and
style after every change. Use proactively after edits.\` The quick fix adds a placeholder to fill in; a
number or a boolean is quoted instead.`,
  check({ agent, claude, text }) {
    const fm = agent.frontmatter;
    if (!fm) return [];
    const d = getField(agent, 'description');
    // Checked apart from the name: both may be wrong at once (Claude Code stops at the first).
    if (!claude.split || claude.yaml === 'failed' || claude.scope === 'plugin') return [];
    // YAML read no keys at all: name-missing says so, and no description written would count.
    if (claude.notKeys) return [];
    const value = claude.frontmatter.description;
    const code = !value ? 'description-missing' : typeof value !== 'string' ? 'description-not-text' : undefined;
    if (claude.loads && d && d.value.kind === 'string' && d.value.value.trim() === '') {
      return [
        {
          message: '`description` is only white space: Claude Code loads the agent, but the main conversation learns nothing about when to use it.',
          range: d.keyRange,
          severity: 'warning',
        },
      ];
    }
    if (code === 'description-not-text' && d) {
      const v = d.value;
      const raw = text.slice(v.range.start, v.range.end);
      const scalar = v.kind === 'number' || v.kind === 'boolean';
      // A description is text: a map or list written under it (`description:` and, below, `Use it: when
      // asked`) is text YAML took for structure; its lines, as written, are what the author meant.
      const fixes = scalar
        ? [{ title: `Quote the description: ${toDoubleQuoted(raw)}`, isPreferred: true, safe: true, edits: [{ range: v.range, newText: toDoubleQuoted(raw) }] }]
        : checkedRepairs(d, dedent(raw), text, agent, [], claude);
      return [
        {
          message: `\`description\` is read as ${scalar ? `the ${v.kind} ${raw}` : `a ${v.kind}`}, not as text: Claude Code does not load this agent.`,
          range: v.range,
          fixes,
        },
      ];
    }
    if (code !== 'description-missing') return [];
    // Written after the `---` where Claude Code ends the frontmatter: frontmatter-cut's fix mends the cut.
    if (d && afterClaudeCodeCut(d, claude)) return [{ message: cutOffMessage('description'), range: d.keyRange }];
    const message = d
      ? '`description` is empty: Claude Code does not load an agent without a description.'
      : '`description` is missing: Claude Code does not load an agent without a description.';
    const name = getField(agent, 'name');
    const line = `description: ${PLACEHOLDER_DESCRIPTION}`;
    // Replace an empty description in place; otherwise add the line after `name`, or first.
    const edit = d
      ? { range: { start: d.keyRange.start, end: d.value.range.end }, newText: line }
      : name
        ? { range: { start: name.range.end, end: name.range.end }, newText: agent.eol + line }
        : { range: { start: fm.content.start, end: fm.content.start }, newText: line + agent.eol };
    const finding: RuleFinding = {
      message,
      range: d ? d.keyRange : name ? name.keyRange : fm.open,
      fixes: [{ title: 'Add a description to fill in', isPreferred: true, edits: [edit] }],
    };
    return [finding];
  },
};
