/**
 * Frontmatter that is not valid YAML even after Claude Code's rewrite and retry: Claude Code does not load
 * the agent. (Frontmatter the retry rescues is yaml-needs-rewrite.) We point at what breaks it, say why the
 * retry does not help, and offer repairs that keep every character of the value the author wrote.
 */
import { REWRITE_SINCE_VERSION } from '../schema';
import type { ClaudeCodeReading } from '../claude-code/reading';
import type { AgentModel, Field } from '../model';
import type { Rule, RuleFinding } from './rule';
import { brokenFields, checkedRepairs, literalValue, whatBreaks } from './support/yaml-repairs';

export const invalidYaml: Rule = {
  id: 'invalid-yaml',
  meaning: 'not-loaded',
  group: 'yaml',
  defaultSeverity: 'error',
  title: 'The frontmatter is not valid YAML, even after Claude Code tries to repair it',
  docs: `Claude Code parses the frontmatter as YAML. When that fails it (since ${REWRITE_SINCE_VERSION}) quotes every
top-level one-line \`key: value\` whose value holds \`: \`, \`#\` or another YAML indicator, and parses once more.
When that fails too, it does not load the agent, and says so only in its debug log.

The retry does not rescue:
- a value over several lines with \`: \` inside (descriptions of Claude Code's own generator, written over
  several lines, with \`Context:\` and \`user:\` lines);
- a file with CRLF line ends (the retry never rewrites a line that ends in a carriage return);
- a value that ends in \`:\`, or \`key:value\` without a space;
- a key with digits, dots or spaces;
- broken nesting (indentation, an unclosed quote or bracket).

**Fix:** quote the value, or write it as a block scalar. The quick fixes keep the exact text:

\`\`\`yaml
description: |-
  Use this agent for reviews. Examples: <example>Context: ... user: "..." assistant: "..."</example>
\`\`\``,
  check({ agent, claude, text }) {
    if (claude.yaml !== 'failed') return [];
    const broken = brokenFields(agent, text);
    const findings: RuleFinding[] = broken.map((f) => explain(f, text, broken, agent, claude));
    if (findings.length > 0) return findings;
    // Not one field alone explains it (indentation, an unclosed quote over lines, ...): Claude Code's words.
    const e = claude.retryError!;
    return [{ message: `The frontmatter is not valid YAML, even after Claude Code's retry, so it does not load this agent: ${e.message}`, range: e.range }];
  },
};

/** Why the retry leaves this field broken. */
function whyRetryFails(f: Field, text: string): string {
  const lineEnd = text.indexOf('\n', f.keyRange.start);
  const line = text.slice(f.keyRange.start, lineEnd < 0 ? text.length : lineEnd);
  if (line.endsWith('\r')) return 'Claude Code quotes such one-line values and tries again, but not on lines that end in CRLF';
  if (text.slice(f.value.range.start, f.value.range.end).includes('\n'))
    return 'Claude Code quotes such values and tries again, but only values on one line, and this one runs over several';
  if (!/^[a-zA-Z_-]+$/.test(f.key)) return 'Claude Code quotes such values and tries again, but only under keys of letters, `_` and `-`';
  if (!/^[a-zA-Z_-]+:\s+\S/.test(line)) return 'Claude Code quotes such values and tries again, but only after `: ` with a value on the same line';
  return 'Claude Code quotes such values and tries again, but the frontmatter still does not parse';
}

function explain(f: Field, text: string, broken: readonly Field[], agent: AgentModel, claude: ClaudeCodeReading): RuleFinding {
  const { range, why } = whatBreaks(f, text);
  const fixes = f.value.kind === 'string' ? checkedRepairs(f, literalValue(f), text, agent, broken, claude) : [];
  return { message: `Not valid YAML: ${why}. ${whyRetryFails(f, text)}: it does not load this agent. Quote the value or make it a block scalar.`, range, fixes };
}
