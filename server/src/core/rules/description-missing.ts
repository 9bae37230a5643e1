import type { Rule } from './rule';
import { getField, stringValue } from './fields';

export const PLACEHOLDER_DESCRIPTION = 'Use this agent when ... (say when Claude should delegate to it)';

export const descriptionMissing: Rule = {
  id: 'description-missing',
  defaultSeverity: 'error',
  title: '`description` is missing or empty',
  docs: `The \`description\` tells Claude when to delegate to the agent. Claude Code skips an agent that has a
\`name\` but no \`description\`.

**Fix:** add \`description:\` saying when to use the agent, e.g. \`description: Reviews code for bugs and
style after every change. Use proactively after edits.\` The quick fix adds a placeholder to fill in.`,
  check({ agent }) {
    const fm = agent.frontmatter;
    if (!fm) return [];
    const d = getField(agent, 'description');
    if (d && stringValue(d.value)?.trim()) return [];
    if (d && (d.value.kind === 'list' || d.value.kind === 'map')) {
      return [{ message: '`description` must be text, not a list or map: Claude Code skips this agent.', range: d.value.range }];
    }
    const message = d ? '`description` is empty: Claude Code skips an agent without a description.' : '`description` is missing: Claude Code skips an agent without a description.';
    const name = getField(agent, 'name');
    const line = `description: ${PLACEHOLDER_DESCRIPTION}`;
    // Replace an empty description in place; otherwise add the line after `name`, or first.
    const edit = d
      ? { range: { start: d.keyRange.start, end: d.value.range.end }, newText: line }
      : name
        ? { range: { start: name.range.end, end: name.range.end }, newText: agent.eol + line }
        : { range: { start: fm.content.start, end: fm.content.start }, newText: line + agent.eol };
    return [{ message, range: d ? d.keyRange : name ? name.keyRange : fm.open, fixes: [{ title: 'Add a description to fill in', isPreferred: true, edits: [edit] }] }];
  },
};

