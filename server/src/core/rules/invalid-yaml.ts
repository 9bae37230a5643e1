/**
 * Frontmatter that is not valid YAML: Claude Code reads no field at all and skips the agent. The most
 * common case is Claude Code's own generator: a description on one unquoted line holding `Examples:`,
 * `Context:` and `user:`, where `: ` starts a mapping inside a plain scalar. We point at that `: `, say so,
 * and offer two repairs that keep every character of the value the author wrote.
 */
import { parseYamlQuickly } from '../parse/yaml-fields';
import type { Field } from '../model';
import type { Fix, OffsetRange } from '../types';
import { toDoubleQuoted, toLiteralBlock } from '../yaml-write';
import type { Rule, RuleFinding } from './rule';

export const invalidYaml: Rule = {
  id: 'invalid-yaml',
  defaultSeverity: 'error',
  title: 'The frontmatter is not valid YAML',
  docs: `Claude Code parses the frontmatter as YAML. When that fails it reads **no field at all** and skips the
agent without a message: the agent never runs.

The usual cause is an unquoted description that holds \`: \` (a colon and a space), as in descriptions
written by Claude Code's own agent generator:

\`\`\`yaml
description: Use this agent for reviews. Examples: <example>Context: ... user: "..." assistant: "..."</example>
\`\`\`

In a plain (unquoted) YAML value, \`: \` starts a mapping, so \`Examples: \` makes the line invalid.

**Fix:** quote the value, or write it as a block scalar. Both quick fixes keep the exact text:

\`\`\`yaml
description: |-
  Use this agent for reviews. Examples: <example>Context: ... user: "..." assistant: "..."</example>
\`\`\``,
  check({ agent, text }) {
    const fm = agent.frontmatter;
    if (!fm || fm.yamlProblems.length === 0) return [];
    const findings: RuleFinding[] = [];
    for (const f of fm.fields) {
      if (parses(text.slice(f.range.start, f.range.end))) continue;
      findings.push(explain(f, text, agent.eol));
    }
    if (findings.length > 0) return findings;
    // Not one field alone explains it (indentation, duplicate keys, ...): report the parser's first word.
    const p = fm.yamlProblems[0];
    return [{ message: `The frontmatter is not valid YAML, so Claude Code reads no field and skips this agent: ${p.message}`, range: p.range }];
  },
};

function parses(source: string): boolean {
  return parseYamlQuickly(source).errors.length === 0;
}

/** Finds the first character of a plain value that YAML reads as syntax, and says what it did. */
function explain(f: Field, text: string, eol: string): RuleFinding {
  const v = f.value;
  const raw = text.slice(v.range.start, v.range.end);
  const skipped = 'Claude Code reads no field of this frontmatter and skips the agent';
  let range: OffsetRange = f.keyRange;
  let why = `the value of \`${f.key}\` is not valid YAML`;
  if (v.kind === 'string' && v.style === 'plain') {
    const colon = /:(?=[ \t]|$)/m.exec(raw);
    const indicator = /^[@`%&*!|>{}[\]]|^[-?:][ \t]/.exec(raw);
    if (colon) {
      const wordStart = raw.slice(0, colon.index).search(/[^\s]*$/);
      const word = raw.slice(wordStart, colon.index);
      range = { start: v.range.start + wordStart, end: v.range.start + colon.index + 1 };
      why = word
        ? `\`: \` after \`${word}\` starts a mapping inside the unquoted ${f.key}`
        : `\`: \` starts a mapping inside the unquoted ${f.key}`;
    } else if (indicator) {
      range = { start: v.range.start, end: v.range.start + 1 };
      why = `an unquoted ${f.key} cannot start with \`${indicator[0].trim()}\``;
    }
  }
  const fixes = v.kind === 'string' ? repairs(f, v.value, text, eol) : [];
  return { message: `Not valid YAML: ${why}. ${skipped}. Quote the value or make it a block scalar.`, range, fixes };
}

/** The two repairs: a literal block scalar and a double-quoted string, both equal to the value meant. */
function repairs(f: Field, value: string, text: string, eol: string): Fix[] {
  const lineStart = text.lastIndexOf('\n', f.keyRange.start - 1) + 1;
  const keyIndent = text.slice(lineStart, f.keyRange.start).replace(/[^ \t]/g, ' ');
  const fixes: Fix[] = [];
  const block = toLiteralBlock(value, keyIndent + '  ', eol);
  if (block) {
    fixes.push({ title: `Rewrite ${f.key} as a block scalar (keeps the text)`, isPreferred: true, edits: [{ range: f.value.range, newText: block }] });
  }
  fixes.push({
    title: `Rewrite ${f.key} as a quoted string (keeps the text)`,
    isPreferred: !block,
    edits: [{ range: f.value.range, newText: toDoubleQuoted(value) }],
  });
  return fixes;
}
