import type { TextEdit } from '../types';
import { yamlScalar } from '../yaml-write';
import { PLACEHOLDER_DESCRIPTION } from './description-missing';
import { baseName, toKebabCase } from './support/fields';
import type { Rule } from './rule';

/** How many lines from the top a `name:` or `description:` line makes the file evidently an agent. */
const AGENT_LINES = 20;

/** The file holds `name:` or `description:` lines near the top: it is meant as an agent. */
function looksLikeAgent(text: string): boolean {
  let at = 0;
  for (let i = 0; i < AGENT_LINES && at <= text.length; i++) {
    const nl = text.indexOf('\n', at);
    const line = text.slice(at, nl < 0 ? text.length : nl);
    if (/^\uFEFF?(name|description)[ \t]*:/.test(line)) return true;
    if (nl < 0) break;
    at = nl + 1;
  }
  return false;
}

export const noFrontmatter: Rule = {
  id: 'no-frontmatter',
  meaning: 'not-loaded',
  group: 'loading',
  defaultSeverity: 'error',
  title: 'The file has no frontmatter Claude Code can find, so it is not an agent',
  docs: `Claude Code loads an agent only from a file that starts with a \`---\` line, followed by the fields and a
closing \`---\`. Without it the file is not an agent, and Claude Code says nothing. A \`----\` line, an
indented \`---\` or old Mac line ends (a carriage return alone) count as no frontmatter too.

A file that holds \`name:\` or \`description:\` lines near the top is evidently meant as an agent: that is an
error. Other Markdown beside the agents (a README, notes) is only noted, as information.

**Fix:** the quick fix adds a frontmatter block named after the file:

\`\`\`markdown
---
name: my-agent
description: When Claude should delegate to this agent
---
\`\`\``,
  check({ agent, claude, text, fileName }) {
    if (claude.split || agent.frontmatter) return [];
    const origin = agent.bom ? 1 : 0;
    const firstLineEnd = text.indexOf('\n');
    const meant = looksLikeAgent(text);
    const name = toKebabCase(baseName(fileName) ?? '') || 'my-agent';
    const eol = agent.eol;
    const fixes = meant
      ? [{ title: 'Put the fields at the top between `---` lines', edits: wrapFields(text, origin, eol) }]
      : [
          {
            title: `Add a frontmatter block (name: ${name})`,
            edits: [
              { range: { start: origin, end: origin }, newText: `---${eol}name: ${yamlScalar(name)}${eol}description: ${PLACEHOLDER_DESCRIPTION}${eol}---${eol}${eol}` },
            ],
          },
        ];
    return [
      {
        message: meant
          ? 'No frontmatter: the fields are not inside `---` lines, so Claude Code does not load this agent. Start the file with a `---` line and close the fields with another.'
          : 'No frontmatter: Claude Code does not read this file as an agent. If it is meant to be one, start it with a `---` block holding `name` and `description`.',
        range: { start: origin, end: firstLineEnd < 0 ? text.length : firstLineEnd },
        severity: meant ? 'error' : 'information',
        fixes,
      },
    ];
  },
};

/** Edits that put `---` before the first line and after the last of the top lines that are fields. */
function wrapFields(text: string, origin: number, eol: string): TextEdit[] {
  let end = origin;
  for (let at = origin; at < text.length;) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(at, lineEnd);
    // A field, its indented continuation or list item; blank lines and other text end the fields.
    if (!/^([A-Za-z_][\w-]*[ \t]*:|[ \t]+\S|-[ \t])/.test(line)) break;
    end = nl < 0 ? text.length : nl + 1;
    at = end;
  }
  const closeAfter = end === text.length && !text.endsWith('\n') ? eol : '';
  return [
    { range: { start: origin, end: origin }, newText: `---${eol}` },
    { range: { start: end, end }, newText: `${closeAfter}---${eol}` },
  ];
}
