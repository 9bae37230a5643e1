/**
 * Large agent files, built the same way for the tests that check what linting them finds
 * (test/unit/rules.test.ts) and for the benchmark that times it (scripts/bench/lint-core.mjs).
 */

/** One description example, one line with `\n` escapes, as agent generators write it. */
const EXAMPLE = '<example>\\nContext: a change is done\\nuser: \\"Review it\\"\\nassistant: \\"Using code-reviewer.\\"\\n<commentary>Fits.</commentary>\\n</example>';

/**
 * Frontmatter with a 50 KB description of 400 examples and 1,000 tool entries, 200 of them the unknown
 * `Wirte`. Its findings: description-too-long once, tool-unknown 200 times.
 */
export const LARGE_FRONTMATTER = [
  '---',
  'name: code-reviewer',
  `description: "Use this agent after code changes. ${Array(400).fill(EXAMPLE).join(' ')}"`,
  `tools: ${Array(200).fill('Read, Grep, Bash(git diff *), mcp__github__x, Wirte').join(', ')}`,
  'model: sonnet',
  '---',
  '',
].join('\n');

/** A body section: prose, a closed example, and `<example>` inside a code fence (not a tag). */
const SECTION = [
  '## Checks',
  '',
  'Read the diff with `Read, Grep`; check error handling, naming and tests in every changed file. '.repeat(8),
  '',
  '<example>',
  'Context: the user changed a handler.',
  'user: "Review it"',
  'assistant: "Using code-reviewer."',
  '<commentary>Fits.</commentary>',
  '</example>',
  '',
  '```ts',
  'const example = "<example>";',
  '```',
  '',
].join('\n');

/** Over 1 MB: LARGE_FRONTMATTER and 1,100 sections, whose examples are all well formed. */
export function megabyteAgent(): string {
  return LARGE_FRONTMATTER + Array(1100).fill(SECTION).join('\n');
}

/** Over 1 MB: LARGE_FRONTMATTER and 12,000 lines that each open an `<example>` and never close it. */
export function unclosedTagsAgent(): string {
  return LARGE_FRONTMATTER + Array(12000).fill('Check the diff for <example> tags, `Read, Grep` use, and error handling in every file.\n').join('');
}
