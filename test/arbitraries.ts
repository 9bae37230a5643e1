/**
 * fast-check generators of agent files: well-formed ones assembled from real-looking parts, and mutated
 * ones (random inserts and deletes of YAML/Markdown syntax, CRLF/BOM mixes, huge lines, binary bytes).
 */
import fc from 'fast-check';

const keys = [
  'name',
  'description',
  'tools',
  'disallowedTools',
  'model',
  'permissionMode',
  'maxTurns',
  'skills',
  'mcpServers',
  'hooks',
  'memory',
  'background',
  'effort',
  'isolation',
  'color',
  'experimental',
  'Model',
  'tool',
  'disallowed-tools',
  'author',
];
const scalars = [
  'code-reviewer',
  'Reviews code. Use after edits.',
  'Use this agent. Examples: <example>Context: x user: "hi" assistant: "hello" <commentary>why</commentary></example>',
  '<example>\\nContext: a\\nuser: b\\nassistant: c\\n</example>',
  'Read, Grep, Bash(git diff *)',
  'Task, LS, mcp__github__create_issue, mcp__*, Foo(',
  'sonnet',
  'claude-opus-5-5',
  'magenta',
  'plan',
  '-5',
  'true',
  '[]',
  '[Read, Write]',
  '"quoted: value"',
  "'single ''quoted'''",
  '|-',
  '>',
  '&anchor x',
  '*alias',
  '{a: 1}',
  '# comment',
  '',
  'a: b: c',
  '<exmaple>user: x</exmaple>',
  '<example><commentary></example></commentary>',
];
const continuation = ['  - Read', '  - Bash(ls *)', '  indented text', '    deeper: 1', '- top item', '  PreToolUse: []', '', '  <example>', '  user: hi', '  </example>'];
const bodyParts = [
  '# Role',
  'You are an agent.',
  '```\n<example>\n```',
  '<example>\nuser: a\nassistant: b\n</example>',
  '## Steps',
  '- item',
  '</commentary>',
  '---',
  'name: x',
  '',
];

const line = fc.oneof(
  fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...scalars)).map(([k, v]) => `${k}: ${v}`),
  fc.constantFrom(...continuation),
  fc.string({ maxLength: 30 }),
);

/** A file assembled from frontmatter-ish lines and body parts, with LF, CRLF or a mix, maybe a BOM. */
export const assembledAgent = fc
  .record({
    bom: fc.boolean(),
    leading: fc.constantFrom('', '\n', '# Title\n'),
    open: fc.constantFrom('---', '--- ', '---\t', ''),
    lines: fc.array(line, { maxLength: 12 }),
    close: fc.constantFrom('---', '', '...'),
    body: fc.array(fc.constantFrom(...bodyParts), { maxLength: 6 }),
    eol: fc.constantFrom('\n', '\r\n', 'mixed'),
  })
  .map(({ bom, leading, open, lines, close, body, eol }) => {
    const parts = [open, ...lines, close, ...body];
    const joined = eol === 'mixed' ? parts.map((p, i) => p + (i % 2 ? '\r\n' : '\n')).join('') : parts.join(eol);
    return (bom ? '\uFEFF' : '') + leading + joined;
  });

const syntax = fc.constantFrom(
  '-',
  ':',
  ': ',
  '#',
  '\n',
  '\r\n',
  '\r',
  '"',
  "'",
  '<',
  '>',
  '/',
  '|',
  '[',
  ']',
  '{',
  '}',
  ',',
  '\\n',
  '\\',
  ' ',
  '\t',
  '\uFEFF',
  '\u0000',
  '\u2028',
  '😀',
  'é',
  '<example>',
  '</example>',
  '<commentary>',
  '---\n',
  'user: ',
  'assistant: ',
  'Context: ',
);

/** Random inserts and deletes applied to a base text. */
export function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 8 }), insert: fc.oneof(syntax, fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 })) });
  return fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 8 })).map(([text, edits]) => {
    let t = text;
    for (const e of edits) {
      const at = t.length ? e.at % (t.length + 1) : 0;
      t = t.slice(0, at) + e.insert + t.slice(at + e.del);
    }
    return t;
  });
}

/** Strange inputs: binary bytes, huge lines, deep nesting. */
export const strangeAgent = fc.oneof(
  fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.nat({ max: 5 }).map((n) => `---\nname: x\ndescription: ${'a: '.repeat(2000 * (n + 1))}\n---\n`),
  fc.nat({ max: 60 }).map((n) => `---\nname: x\ndescription: y\nhooks:\n${Array.from({ length: n }, (_, i) => ' '.repeat(i * 2 + 2) + `k${i}:`).join('\n')}\n---\n`),
  fc.nat({ max: 50 }).map((n) => `---\nname: x\ndescription: "${'<example>'.repeat(n)}${'</commentary>'.repeat(n)}"\n---\n${'['.repeat(n)}`),
);

/**
 * The shapes fixes went wrong on: a value on the line after its key, trailing spaces, blank lines inside a
 * plain value over several lines, a key next to its misspelling, values YAML reads as other types, and
 * line ends of every kind (`\r`, `\r\n`, `\n`) mixed; text decoded from other encodings (U+FFFD, NUL).
 */
export const fixShapes = fc
  .record({
    description: fc.constantFrom(
      'description:\n  Use it: when asked',
      'description: Use it. Examples: Context: a change   ',
      'description: Line one: here\n\n  line two: there',
      'description: Line one\n\n  line two',
      'description: Use it.\\n\\nExamples: Context: x\\nuser: "a"',
      'description: Use it.\t\t',
      'description: caf\uFFFD r\u00e9sum\u00e9: x',
      'description: a\u0000b: c',
    ),
    neighbour: fc.constantFrom('', 'Description: other text', 'Model: opus', 'model: opus\nModel: haiku', 'tool: Read\ntools: Grep', 'disallowed-tools: Bash', 'name: x'),
    name: fc.constantFrom('name: null', 'name: true', 'name: 123', 'name: agent', 'name:'),
    eol: fc.constantFrom('\n', '\r\n', '\r', 'mixed'),
  })
  .map(({ description, neighbour, name, eol }) => {
    const lines = ['---', name, description, neighbour, '---', 'Body']
      .filter((l) => l !== '')
      .join('\n')
      .split('\n');
    const ends = ['\n', '\r\n', '\r'];
    return lines.map((l, i) => l + (eol === 'mixed' ? ends[i % 3] : eol)).join('');
  });

export function anyAgent(seeds: string[]): fc.Arbitrary<string> {
  const base = seeds.length ? fc.oneof(assembledAgent, fc.constantFrom(...seeds)) : assembledAgent;
  return fc.oneof(
    { weight: 3, arbitrary: assembledAgent },
    { weight: 4, arbitrary: mutated(base) },
    { weight: 1, arbitrary: strangeAgent },
    { weight: 2, arbitrary: fc.oneof(fixShapes, mutated(fixShapes)) },
  );
}
