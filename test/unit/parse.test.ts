import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parseAgent, field, stringValue } from '../../server/src/core/parse';
import type { AgentModel, FieldValue } from '../../server/src/core/model';
import type { OffsetRange } from '../../server/src/core/types';
import { PERSONA_DIRS, personas, personasIn } from '../helpers';

const slice = (text: string, r: OffsetRange) => text.slice(r.start, r.end);
const fm = (a: AgentModel) => {
  assert.ok(a.frontmatter, 'has frontmatter');
  return a.frontmatter;
};
const value = (a: AgentModel, key: string): FieldValue => {
  const f = field(fm(a).fields, key);
  assert.ok(f, `has ${key}`);
  return f.value;
};

describe('frontmatter split', () => {
  test('plain LF file: fields, their offsets, and the body', () => {
    const text = '---\nname: reviewer\ndescription: Reviews code.\n---\nBody here.\n';
    const a = parseAgent(text);
    const f = fm(a);
    assert.equal(f.startsOnFirstLine, true);
    assert.equal(f.fieldsFrom, 'yaml');
    assert.deepEqual(
      f.fields.map((x) => x.key),
      ['name', 'description'],
    );
    for (const x of f.fields) {
      assert.equal(slice(text, x.keyRange), x.key);
    }
    assert.equal(slice(text, value(a, 'name').range), 'reviewer');
    assert.equal(slice(text, a.body), 'Body here.\n');
    assert.equal(slice(text, f.close!), '---');
  });

  test('BOM and CRLF: offsets still point at the exact text', () => {
    const text = '\uFEFF---\r\nname: reviewer\r\ndescription: "Reviews: code"\r\n---\r\nBody\r\n';
    const a = parseAgent(text);
    assert.equal(a.bom, true);
    assert.equal(a.eol, '\r\n');
    const f = fm(a);
    assert.equal(f.startsOnFirstLine, true);
    assert.equal(f.open.start, 1);
    assert.equal(stringValue(value(a, 'description')), 'Reviews: code');
    assert.equal(slice(text, value(a, 'description').range), '"Reviews: code"');
    assert.equal(slice(text, a.body), 'Body\r\n');
  });

  test('a `---` block after blank lines is found but marked as not on the first line', () => {
    const text = '\n\n---\nname: x\ndescription: y\n---\nbody';
    const f = fm(parseAgent(text));
    assert.equal(f.startsOnFirstLine, false);
    assert.equal(f.open.start, 2);
  });

  test('a `---` block after a heading counts only when it holds agent keys', () => {
    assert.equal(fm(parseAgent('# Title\n---\nname: x\ndescription: y\n---\n')).startsOnFirstLine, false);
    assert.equal(parseAgent('# Title\n\ntext\n\n---\n\nmore text\n').frontmatter, undefined);
  });

  test('no closing `---`: the block runs to the end and `close` is absent', () => {
    const text = '---\nname: x\ndescription: y\n';
    const f = fm(parseAgent(text));
    assert.equal(f.close, undefined);
    assert.deepEqual(
      f.fields.map((x) => x.key),
      ['name', 'description'],
    );
  });

  test('empty frontmatter has no fields and no YAML problem', () => {
    const f = fm(parseAgent('---\n---\nbody'));
    assert.deepEqual(f.fields, []);
    assert.deepEqual(f.yamlProblems, []);
  });

  test('no frontmatter at all: the whole text is the body', () => {
    const text = '# Notes\n\nSome docs.\n';
    const a = parseAgent(text);
    assert.equal(a.frontmatter, undefined);
    assert.equal(slice(text, a.body), text);
  });

  test('a YAML list frontmatter is flagged as not a mapping', () => {
    assert.equal(fm(parseAgent('---\n- a\n- b\n---\n')).notAMapping, true);
  });
});

describe('YAML values with offsets', () => {
  test('lists, block scalars, numbers and booleans', () => {
    const text = '---\nname: x\ndescription: |-\n  line one\n  line two\ntools:\n  - Read\n  - Bash(git diff *)\nmaxTurns: 5\nbackground: true\n---\n';
    const a = parseAgent(text);
    const d = value(a, 'description');
    assert.equal(d.kind, 'string');
    assert.equal(d.kind === 'string' && d.style, 'block-literal');
    assert.equal(stringValue(d), 'line one\nline two');
    const tools = value(a, 'tools');
    assert.equal(tools.kind, 'list');
    if (tools.kind === 'list')
      assert.deepEqual(
        tools.items.map((i) => slice(text, i.range)),
        ['Read', 'Bash(git diff *)'],
      );
    const n = value(a, 'maxTurns');
    assert.equal(n.kind === 'number' && n.value, 5);
    const b = value(a, 'background');
    assert.equal(b.kind === 'boolean' && b.value, true);
  });
});

describe('lenient read when the YAML is broken', () => {
  const text =
    '---\nname: helper\ndescription: Use this agent. Examples: Context: the user asks. user: "hi" assistant: "hello"\nmodel: sonnet\ntools: [Read, Grep]\n---\nBody\n';

  test('the YAML problem is reported and the fields are recovered as the author meant them', () => {
    const a = parseAgent(text);
    const f = fm(a);
    assert.ok(f.yamlProblems.length > 0);
    assert.equal(f.fieldsFrom, 'lenient');
    assert.deepEqual(
      f.fields.map((x) => x.key),
      ['name', 'description', 'model', 'tools'],
    );
    const d = value(a, 'description');
    assert.equal(stringValue(d), 'Use this agent. Examples: Context: the user asks. user: "hi" assistant: "hello"');
    assert.equal(slice(text, d.range), stringValue(d));
    const tools = value(a, 'tools');
    assert.ok(tools.kind === 'list' && tools.flow);
    if (tools.kind === 'list')
      assert.deepEqual(
        tools.items.map((i) => slice(text, i.range)),
        ['Read', 'Grep'],
      );
  });

  test('every problem range lies inside the frontmatter content', () => {
    const f = fm(parseAgent(text));
    for (const p of f.yamlProblems) {
      assert.ok(p.range.start >= f.content.start && p.range.end <= f.content.end + 1, JSON.stringify(p));
    }
  });

  test('lenient lists, quoted values and block scalars', () => {
    const t = '---\nname: "x"\ndescription: a: b\ntools:\n  - Read\n  - Grep\nnote: |\n  one\n  two\n---\n';
    const a = parseAgent(t);
    assert.equal(fm(a).fieldsFrom, 'lenient');
    assert.equal(stringValue(value(a, 'name')), 'x');
    const tools = value(a, 'tools');
    assert.ok(tools.kind === 'list');
    if (tools.kind === 'list')
      assert.deepEqual(
        tools.items.map((i) => stringValue(i)),
        ['Read', 'Grep'],
      );
    assert.equal(stringValue(value(a, 'note')), 'one\ntwo\n');
  });
});

describe('examples', () => {
  test('on real lines: turns and commentary with exact offsets', () => {
    const text = [
      '---',
      'name: x',
      'description: |-',
      '  Use it for reviews.',
      '  <example>',
      '  Context: The user wants a review.',
      '  user: "Review my API"',
      '  assistant: "I will use the x agent."',
      '  <commentary>',
      '  Fits reviews.',
      '  </commentary>',
      '  </example>',
      '---',
      'Body',
    ].join('\n');
    const a = parseAgent(text);
    assert.equal(a.examples.length, 1);
    const ex = a.examples[0];
    assert.equal(ex.location, 'description');
    assert.equal(slice(text, ex.open.range), '<example>');
    assert.equal(slice(text, ex.close!.range), '</example>');
    assert.deepEqual(
      ex.turns.map((t) => t.role),
      ['context', 'user', 'assistant'],
    );
    assert.deepEqual(
      ex.turns.map((t) => slice(text, t.labelRange)),
      ['Context:', 'user:', 'assistant:'],
    );
    assert.equal(slice(text, ex.turns[1].textRange), '"Review my API"');
    assert.equal(ex.commentaries.length, 1);
    assert.equal(ex.commentaries[0].text, 'Fits reviews.');
  });

  test('on one line joined by `\\n` escapes: offsets in the source, display text with line breaks', () => {
    const text =
      '---\nname: x\ndescription: Use it. <example>\\n  Context: A user asks.\\n  user: "Hi\\nthere"\\n  assistant: "Hello"\\n  <commentary>Why.</commentary>\\n  </example>\n---\n';
    const a = parseAgent(text);
    assert.equal(a.examples.length, 1);
    const [ctx, user, assistant] = a.examples[0].turns;
    assert.equal(slice(text, ctx.textRange), 'A user asks.');
    assert.equal(slice(text, user.textRange), '"Hi\\nthere"');
    assert.equal(user.text, '"Hi\nthere"');
    assert.equal(assistant.text, '"Hello"');
    assert.equal(a.examples[0].commentaries[0].text, 'Why.');
  });

  test('an unclosed example ends at the next <example>', () => {
    const text = '---\nname: x\ndescription: "<example>user: a assistant: b <example>user: c assistant: d</example>"\n---\n';
    const a = parseAgent(text);
    assert.equal(a.examples.length, 2);
    assert.equal(a.examples[0].close, undefined);
    assert.equal(a.examples[0].range.end, a.examples[1].range.start);
  });

  test('examples in the body, but not inside code fences', () => {
    const text = '---\nname: x\ndescription: y\n---\n<example>\nuser: a\nassistant: b\n</example>\n```\n<example>\n```\n';
    const a = parseAgent(text);
    assert.equal(a.examples.length, 1);
    assert.equal(a.examples[0].location, 'body');
  });

  test('misspelled tags are kept as tags for the rules', () => {
    const a = parseAgent('---\nname: x\ndescription: "<exmaple>user: a</exmaple>"\n---\n');
    assert.deepEqual(
      a.tags.map((t) => t.name),
      ['exmaple', 'exmaple'],
    );
  });
});

describe('the personas', () => {
  test('each fails YAML at its description line, and the lenient read recovers name and description', () => {
    for (const p of personas()) {
      const a = parseAgent(p.text);
      const f = fm(a);
      assert.ok(f.yamlProblems.length > 0, p.file);
      assert.equal(f.fieldsFrom, 'lenient');
      const desc = value(a, 'description');
      const line = p.text.split('\n').find((l) => l.startsWith('description: '))!;
      assert.equal(stringValue(desc), line.slice('description: '.length).trimEnd(), p.file);
      assert.match(stringValue(value(a, 'name'))!, /^[a-z-]+$/);
    }
  });

  test('four personas of each set have examples with user and assistant turns', () => {
    for (const dir of PERSONA_DIRS) assert.equal(personasIn(dir).filter((p) => parseAgent(p.text).examples.length > 0).length, 4, dir);
    for (const p of personas()) {
      for (const ex of parseAgent(p.text).examples) {
        const roles = ex.turns.map((t) => t.role);
        assert.ok(roles.includes('user') && roles.includes('assistant'), `${p.file}: ${roles.join(', ')}`);
        assert.ok(ex.close, `${p.file}: example closed`);
      }
    }
  });
});
