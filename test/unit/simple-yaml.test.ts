import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { splitFrontmatter } from '../../server/src/core/parse';
import { readSimpleYaml } from '../../server/src/core/parse/simple-yaml';
import { readYaml } from '../../server/src/core/parse/yaml-fields';
import { CORPUS_DIRS, corpusIn, FIXTURES, personas } from '../helpers';

/** Whenever the fast path reads a text, it reads it exactly as the `yaml` package does. Returns whether it did. */
function agrees(text: string): boolean {
  const block = splitFrontmatter(text).block;
  if (!block) return false;
  const fast = readSimpleYaml(text, block.content);
  if (!fast) return false;
  const slow = readYaml(text.slice(block.content.start, block.content.end), block.content.start);
  assert.deepEqual(fast, slow, `the fast path disagrees with the yaml package on:\n${JSON.stringify(text)}`);
  return true;
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesBelow(p) : p.endsWith('.md') ? [p] : [];
  });
}

test('the fast path agrees with the yaml package on every fixture', () => {
  let taken = 0;
  for (const f of filesBelow(FIXTURES)) if (agrees(readFileSync(f, 'utf8'))) taken++;
  assert.ok(taken > 20, `the fast path read ${taken} fixtures`);
});

test('the fast path agrees on the corpus and the personas, and reads most of the corpus', () => {
  for (const dir of CORPUS_DIRS) {
    const files = corpusIn(dir);
    const taken = files.filter((f) => agrees(f.text)).length;
    // Of the stand-ins, three are written in shapes outside its subset on purpose (a single-quoted value
    // with '', a flow list, a folded block with a blank line); of ../shared's 202, it reads 200.
    const least = dir.startsWith(FIXTURES) ? files.length - 3 : 200;
    assert.ok(taken >= least, `the fast path read ${taken} of the ${files.length} files of ${dir}`);
  }
  for (const p of personas()) assert.equal(agrees(p.text), false, `${p.file} is not valid YAML: the fast path must not take it`);
});

test('the fast path agrees with the yaml package on generated frontmatter', () => {
  const tricky = fc.constantFrom(
    'Read',
    'a: b',
    'x #y',
    'ends:',
    'True',
    'null',
    'NULL',
    '~',
    '007',
    '-3',
    '1.5',
    '0x1F',
    '.inf',
    'yes',
    '"a \\" b"',
    "'it''s'",
    '"a\\nb"',
    '"\\x41"',
    '"\\u00e9"',
    '"a\\ b"',
    '"end\\"',
    '"a" b"',
    '"a\\\\"b"',
    '"\\N"',
    '- dash',
    '[a, b]',
    '[ ]',
    '[]x',
    '{a: 1}',
    '&anchor',
    '*alias',
    '!tag x',
    '|',
    '>-',
    '',
    ' ',
    'tab\there',
    '\u0085x',
    'a\u2028b',
  );
  const good = fc.constantFrom(
    'Read',
    'code-reviewer',
    'Use it for reviews. Use proactively.',
    'a:b',
    'x#y',
    '(note)',
    '"quoted: yes"',
    "'single # no comment'",
    'é ü 😀',
    'a  b',
    'Bash(git diff *)',
    '12',
    '0',
    'true',
    'false',
    'sonnet',
    '"Say \\"hi\\".\\nThen go\\\\come\\t\\/"',
    '"<example>\\nuser: \\"x\\"\\n</example>"',
    '[]',
  );
  const key = fc.constantFrom('name', 'description', 'tools', 'model', 'maxTurns', 'background', 'x_y', 'Model', 'a-b');
  // Block scalars (`description: >-` and indented lines), mostly the simple ones, sometimes with a twist.
  const blockLine = fc.oneof(
    { weight: 3, arbitrary: good },
    { weight: 1, arbitrary: tricky },
    { weight: 2, arbitrary: fc.constantFrom('- item', 'key: value', '# not a comment', '<example>', 'ends with spaces  ', '\ttab first', 'tab\tinside', '') },
  );
  const blockScalar = fc
    .tuple(
      key,
      fc.constantFrom('>', '>-', '|', '|-', '>+', '|+', '>2', '|-2', '> # note', '>\t'),
      fc.array(fc.tuple(fc.constantFrom('  ', '  ', '  ', '    ', ' ', '\t', '   '), blockLine), { minLength: 0, maxLength: 4 }),
    )
    .map(([k, header, ls]) => [`${k}: ${header}`, ...ls.map(([indent, l]) => (l === '' ? '' : indent + l))].join('\n'));
  const line = fc.oneof(
    { weight: 8, arbitrary: fc.tuple(key, good).map(([k, v]) => `${k}: ${v}`) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(key, fc.array(good, { minLength: 1, maxLength: 3 }), fc.constantFrom('  - ', '- ', '    - '))
        .map(([k, vs, d]) => [`${k}:`, ...vs.map((v) => d + v)].join('\n')),
    },
    { weight: 2, arbitrary: fc.tuple(key, fc.constantFrom(': ', ':  ', ':', ' : ', ':\t'), fc.oneof(good, tricky)).map(([k, c, v]) => `${k}${c}${v}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('  - ', '- ', '    - ', '  -', '\t- '), fc.oneof(good, tricky)).map(([d, v]) => d + v) },
    { weight: 1, arbitrary: fc.constantFrom('', '   ', '# comment', '  indented: x', '---', '...') },
    { weight: 3, arbitrary: blockScalar },
  );
  let taken = 0;
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n'), fc.constantFrom('', ' ', '  '), (ls, eol, trail) => {
      const body = ls
        .join('\n')
        .split('\n')
        .map((l) => l + trail)
        .join(eol);
      if (agrees(`---${eol}${body}${eol}---${eol}body${eol}`)) taken++;
    }),
    { numRuns: 20_000 },
  );
  assert.ok(taken > 3_400, `the fast path read only ${taken} of 20,000 generated texts`);
});

test('the fast path reads a long one-line double-quoted description with escapes, as the yaml package does', () => {
  const desc = 'Use this agent for reviews.\\n\\n' + '<example>\\nuser: \\"Review it\\"\\nassistant: \\"On it \\\\ now\\"\\n</example>\\n'.repeat(2000);
  assert.equal(agrees(`---\nname: reviewer\ndescription: "${desc}"\n---\nBody\n`), true, 'the fast path should take it');
});

test('the fast path reads simple block scalars as the yaml package does, and leaves the others to it', () => {
  const doc = (value: string) => `---\nname: x\ndescription: ${value}\ntools: Read\n---\nBody\n`;
  const taken = ['>\n  Use it for reviews.\n  Use proactively: after edits.', '>-\n    a\n    b', '|\n  a\n  b\n\n', '|-\n  <example>\n  user: "hi"\n  </example>'];
  for (const v of taken) assert.equal(agrees(doc(v)), true, `should take ${JSON.stringify(v)}`);
  const left = ['>\n  a\n\n  b', '>\n  a\n    b', '>\n  a\n  \tb', '>\n  a  \n  b', '>\n  a\n   ', '>+\n  a', '>2\n  a', '>\n\n  a', '>'];
  for (const v of left) assert.equal(agrees(doc(v)), false, `should leave ${JSON.stringify(v)} to yaml`);
});
