/**
 * Agent files for the oracle, generated with fast-check from the YAML edge cases that decide whether and
 * how Claude Code loads an agent: indicators and `: ` in values (the rewrite), comments, tabs, `---` in
 * values, numbers and booleans, lists, long names, CRLF, a BOM, values over several lines, and random
 * character mutations of all of it. Every file gets a unique id that its name starts with, so that many
 * files can share one Claude Code run.
 */
import fc from 'fast-check';

/** Characters a mutation inserts: YAML and Markdown syntax, white space, look-alikes. */
const SYNTAX = [':', ': ', ' #', '#', '---', '-', '"', "'", '[', ']', '{', '}', '|', '>', '*', '&', '!', '%', '@', '`', '\t', '\n', '\r\n', ' ', '\\n', '\\', ',', '?', '：'];

const nameLine = (id: string) => fc.oneof({ weight: 3, arbitrary: fc.constant(`name: ${id}`) }, { weight: 2, arbitrary: nameVariant(id) });

const nameVariant = (id: string) =>
  fc.constantFrom(
    `name: "${id}"`,
    `name: '${id}'`,
    `name: ${id} # the id`,
    `name: ${id}#x`,
    `name: ${id} --- cut`,
    `name: ${id}---b`,
    `name: -${id}`,
    `name: ${id}:x`,
    `name: ${id}：x`,
    `name: ${id} : x`,
    `name: ${id.replace(/\D/g, '')}`,
    `name: ${id}-${'x'.repeat(260)}`,
    `name: ${id}-${'y'.repeat(200)}`,
    `name: [${id}]`,
    `name: true`,
    `name:`,
    `name: ""`,
    `Name: ${id}`,
    `name:${id}`,
    `name: ${id}\t`,
    `name: ${id} Reviewer`,
    `name: &n ${id}`,
    `name: !!str ${id}`,
  );

const descriptionLines = fc.constantFrom(
  ['description: Reviews code after each change.'],
  ['description: Use it for reviews. Examples: Context: the user asks. user: "review" assistant: "ok"'],
  [
    "description: Use this agent when needed. Examples: <example>Context: A change is done. user: 'Review it' assistant: 'I will use the agent.' <commentary>Fits.</commentary></example>",
  ],
  ['description: Use it.\\n\\n<example>\\nContext: x\\nuser: "a"\\nassistant: "b"\\n</example>'],
  ['description: Use for issue #123: fix it'],
  ['description: Use for issue #123 fix it'],
  ['description: Looks for --- separators'],
  ['description: Use it when asked:'],
  ['description:Use it when asked'],
  ['description: @mentions are handled'],
  ['description: *starred* agent'],
  ['description: [beta] reviewer'],
  ['description: > quoted text'],
  ['description: %done'],
  ['description: `code` reviewer'],
  ['description: {a: 1}'],
  ['description: 42'],
  ['description: true'],
  ['description: ""'],
  ['description: "  "'],
  ['description:'],
  ['description: Use it.', '  Context: on a second line'],
  ['description: Use it when the user', '  asks for a review of a change'],
  ['description: |', '  Use it for reviews.', '  Context: a review'],
  ['description: |-', '  Line one', '', '  Line three'],
  ['description: >-', '  Folded text', '  on two lines'],
  ['description: "Quoted: value with \\"escapes\\" and \\\\ backslash"'],
  ["description: 'Single: quoted ''value'''"],
  ['description: "unterminated'],
  ['description:', '  - a list item'],
  ['description: Tabbed\tvalue'],
  ['description: Ünïcödé agent – “smart” quotes'],
  ['description: a | b & c ! d'],
  ['description: Use it. # trailing comment'],
  ['description: Uses C:\\path\\to: things'],
  [],
);

const optionalLines = fc.constantFrom(
  [],
  ['tools: Read, Grep'],
  ['tools: Read Grep'],
  ['tools: Read,Grep,Bash'],
  ['tools: [Read, Grep]'],
  ['tools:', '  - Read', '  - Edit'],
  ['tools: Task'],
  ['tools: Task, Read'],
  ['tools: LS, MultiEdit'],
  ['tools: LS'],
  ['tools: KillShell'],
  ['tools: "*"'],
  ['tools: Read, *'],
  ['tools: ""'],
  ['tools: []'],
  ['tools:'],
  ['tools: false'],
  ['tools: Bash(git diff *), Read'],
  ['tools: Bash(git diff *, git log *)'],
  ['tools: mcp__github__create_issue'],
  ['tools: read, grep'],
  ['tools: Foo'],
  ['tools: Read, Grep # search only'],
  ['tools: Agent(reviewer, tester), Read'],
  ['tools: AskUserQuestion'],
  ['tools: Read, AskUserQuestion'],
  ['tools: ExitPlanMode', 'permissionMode: plan'],
  ['tools: Read', 'disallowedTools: Read'],
  ['tools: Read, Write', 'disallowedTools: Write'],
  ['disallowedTools: Write, Edit'],
  ['disallowedTools: "*"'],
  ['tools: Read', 'memory: project'],
  ['tools: Read', 'memory: bogus'],
  ['memory: user'],
  ['tools: {a: b}'],
  ['tools: 42'],
  ['tools: [Read, 42, [Grep]]'],
  ['tools:\tRead'],
  ['\ttools: Read'],
);

const modelLines = fc.constantFrom(
  [],
  ['model: sonnet'],
  ['model: opus'],
  ['model: haiku'],
  ['model: inherit'],
  ['model: Inherit'],
  ['model: Sonnet'],
  ['model: haiku # cheap'],
  ['model: claude-opus-5-5'],
  ['model:   sonnet  '],
  ['model: 42'],
  ['model: sonnet[1m]'],
  ['model: fable'],
  ['model: best'],
  ['model: opusplan'],
  ['model: my-custom-model'],
  ['model: ""'],
  ['model: [sonnet]'],
  ['Model: opus'],
  ['model: opus', 'model: haiku'],
);

const extraLines = fc.constantFrom(
  [],
  [],
  [],
  [],
  [],
  ['color: blue'],
  ['color: magenta'],
  ['color: Red'],
  ['permissionMode: plan'],
  ['permissionMode: acceptedits'],
  ['effort: high'],
  ['maxTurns: 10 turns'],
  ['# a comment line'],
  ['author: someone'],
  ['version: 1.0'],
  ['hooks: []'],
  ['hooks: {}'],
  ['hooks: nope'],
  ['hooks:', '  PreToolUse: []'],
  ['hooks:', '  PreToolUse:', '    - matcher: Bash', '      hooks:', '        - type: command', '          command: echo hi'],
  ['hooks:', '  PreToolUse:', '    - matcher: Bash', '      hooks:', '        - type: bogus'],
  ['hooks:', '  NotAnEvent:', '    - matcher: x', '      hooks:', '        - type: command', '          command: echo'],
  ['PreToolUse:', '  - matcher: Bash'],
  ['experimental:', '  cacheTtl: 1h'],
  ['mcpServers:', '  - github'],
  ['skills: a, b'],
  ['background: yes'],
  ['initialPrompt: hello'],
  ['anchor: &a value', 'alias: *a'],
  ['key: value: more'],
  ['key:value'],
  ['\tindented: tab'],
  ['  indented: space'],
  ['123key: value'],
  ['key.dot: x: y'],
);

const bodies = fc.constantFrom(
  '',
  'You review code.',
  '# Role\n\nYou review code.\n\n---\n\nMore rules.',
  '  leading spaces body  ',
  'name: not a field\n---\nafter a rule',
  '<example>\nuser: a\n</example>',
);

/** `common` nine times in ten, otherwise one of `rare`. */
const usually = (common: string, rare: string[]) => fc.oneof({ weight: 9, arbitrary: fc.constant(common) }, { weight: 1, arbitrary: fc.constantFrom(...rare) });

export interface GeneratedFile {
  id: string;
  text: string;
}

const fileArbitrary = (id: string) =>
  fc
    .record({
      bom: fc.constantFrom(false, false, false, true),
      eol: usually('\n', ['\r\n', 'mixed']),
      opener: usually('---', ['--- ', '---\t', '----', '', '\n---', ' ---']),
      closer: usually('---', ['--- ', '...', '', '---  trailing']),
      name: nameLine(id),
      description: descriptionLines,
      optional: optionalLines,
      model: modelLines,
      extra: extraLines,
      order: fc.constantFrom('name-first', 'description-first', 'shuffled'),
      body: bodies,
      mutations: fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 3 }), insert: fc.constantFrom(...SYNTAX, '') }), { maxLength: 2 }),
      mutate: fc.constantFrom(false, false, false, true),
    })
    .map((r) => {
      let lines = [r.name, ...r.description, ...r.optional, ...r.model, ...r.extra];
      if (r.order === 'description-first') lines = [...r.description, r.name, ...r.optional, ...r.model, ...r.extra];
      if (r.order === 'shuffled') lines = [...r.extra, ...r.model, r.name, ...r.optional, ...r.description];
      let front = lines.join('\n');
      if (r.mutate) {
        for (const m of r.mutations) {
          // Mutate after the name's id, so the file stays told apart from the others of its run.
          const from = Math.min(front.length, (front.indexOf(id) >= 0 ? front.indexOf(id) + id.length : 0) + (m.at % Math.max(1, front.length)));
          front = front.slice(0, from) + m.insert + front.slice(from + m.del);
        }
      }
      const parts = [r.opener, front, r.closer, `${r.body}\n\nprobe body ${id}`];
      const joined = parts.join('\n');
      const text =
        r.eol === 'mixed'
          ? joined
              .split('\n')
              .map((l, i) => l + (i % 2 ? '\r\n' : '\n'))
              .join('')
          : joined.split('\n').join(r.eol);
      return (r.bom ? '\uFEFF' : '') + text;
    });

/** `count` files, the same ones for the same seed. */
export function generateAgentFiles(count: number, seed: number): GeneratedFile[] {
  const out: GeneratedFile[] = [];
  for (let i = 0; i < count; i++) {
    const id = `g${seed % 100000}x${i}`;
    const [text] = fc.sample(fileArbitrary(id), { numRuns: 1, seed: seed + i });
    out.push({ id, text });
  }
  return out;
}
