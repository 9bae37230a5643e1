/**
 * Messages at the LSP edge: VS Code shows diagnostic messages and code-action titles as plain text (no
 * Markdown, in 1.100 as in 1.139), so the core's `code spans` become typographic quotes there. The core,
 * the CLI and the rule docs keep their backticks.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { lintText } from '../../server/src/core/lint';
import { LineMap } from '../../server/src/core/positions';
import { plainCodeSpans, toDiagnostic } from '../../server/src/lsp/convert';

describe('code spans in messages at the LSP edge', () => {
  test('a code span becomes the text between single curly quotes', () => {
    assert.equal(plainCodeSpans('Remove `author` from the frontmatter'), 'Remove ‘author’ from the frontmatter');
    assert.equal(plainCodeSpans('`a`, `b` and `c`'), '‘a’, ‘b’ and ‘c’');
  });

  test('a longer backtick run holds backticks, and one space each side is stripped, as CommonMark reads them', () => {
    assert.equal(plainCodeSpans('use ``a`b`` here'), 'use ‘a`b’ here');
    assert.equal(plainCodeSpans('the `` `x` `` tag'), 'the ‘`x`’ tag');
  });

  test('quotes inside a code span stay as they are (they are part of the value)', () => {
    assert.equal(plainCodeSpans('write `\'hi\'` or `"hi"`'), 'write ‘\'hi\'’ or ‘"hi"’');
  });

  test('a backtick that opens nothing stays literal', () => {
    assert.equal(plainCodeSpans('a ` alone'), 'a ` alone');
    assert.equal(plainCodeSpans('``not closed` here'), '``not closed` here');
    assert.equal(plainCodeSpans('no code at all'), 'no code at all');
  });

  test('a diagnostic and its related information carry no code-span backticks; the core finding keeps them', () => {
    const text = '---\nname: probe\ndescription: Use it to probe.\nauthor: me\n---\nBody\n';
    const { findings } = lintText(text, { fileName: '/p/.claude/agents/probe.md' });
    const unknown = findings.find((f) => f.code === 'unknown-key');
    assert.ok(unknown, JSON.stringify(findings));
    assert.match(unknown.message, /`author`/, 'the core (and so the CLI) keeps the backticks');
    const d = toDiagnostic('file:///p/.claude/agents/probe.md', new LineMap(text), {
      ...unknown,
      related: [{ message: 'see `name`', range: { start: 4, end: 8 } }],
    });
    assert.doesNotMatch(d.message, /`/);
    assert.match(d.message, /‘author’/);
    assert.equal(d.relatedInformation?.[0].message, 'see ‘name’');
  });
});
