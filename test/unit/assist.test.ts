/**
 * The core's editor help (core/assist) in plain Node: hover, the outline, completion and folding, each
 * reading the file as the rules read it.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { foldingRanges } from '../../server/src/core/assist/folding';
import { hover } from '../../server/src/core/assist/hover';
import { outline } from '../../server/src/core/assist/symbols';
import { parseAgent } from '../../server/src/core/parse';
import { LineMap } from '../../server/src/core/positions';

/** The text with `|` taken out, and the offset where it stood. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'the text marks the cursor with |');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

function hoverAt(marked: string) {
  const { text, offset } = at(marked);
  return hover(text, parseAgent(text), offset);
}

describe('hover', () => {
  test('reads tools as the rules do: `Read Grep` is two tools, each with its own hover and range', () => {
    const h = hoverAt('---\nname: x\ndescription: y\ntools: Read Gr|ep\n---\n');
    assert.ok(h, 'a hover on Grep');
    assert.match(h.markdown, /^\*\*Grep\*\*: /);
    const text = '---\nname: x\ndescription: y\ntools: Read Grep\n---\n';
    assert.equal(text.slice(h.range.start, h.range.end), 'Grep');
  });

  test('a tool with a permission rule, in the list form', () => {
    const h = hoverAt('---\nname: x\ndescription: y\ntools:\n  - Read\n  - Bash(git |diff *)\n---\n');
    assert.match(h?.markdown ?? '', /\*\*Bash\*\*: .*\n\nPermission rule: only `Bash` calls matching `\(git diff \*\)`/s);
  });

  test('names that are properties of every object are no tools and no keys', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const tool = hoverAt(`---\nname: x\ndescription: y\ntools: Read, ${name}|\n---\n`);
      assert.equal(tool, undefined, `tools: ${name}`);
      const key = hoverAt(`---\nname: x\ndescription: y\n${name}|: 1\n---\n`);
      assert.equal(key, undefined, `key ${name}`);
    }
  });

  test('an old tool name and an MCP tool say what they are', () => {
    assert.match(hoverAt('---\nname: x\ndescription: y\ntools: Ta|sk\n---\n')?.markdown ?? '', /old tool name/);
    assert.match(hoverAt('---\nname: x\ndescription: y\ntools: mcp__github__get|_issue\n---\n')?.markdown ?? '', /MCP tool `get_issue` of server `github`/);
  });
});

describe('the outline', () => {
  test('an <example> written in inline code in the body is an example to no one: the rules skip it, and so does the outline', () => {
    const text = '---\nname: x\ndescription: "Use it. <example>user: hi assistant: hello</example>"\n---\nWrite `<example>user: a assistant: b</example>` blocks.\n\n<example>\nuser: c\nassistant: d\n</example>\n';
    const names = outline(text, parseAgent(text)).map((s) => s.name);
    assert.deepEqual(names, ['Frontmatter', 'Example 1', 'Example 2']);
    const second = outline(text, parseAgent(text))[2];
    assert.equal(text.slice(second.range.start, second.range.start + 9), '<example>');
    assert.ok(second.range.start > text.indexOf('blocks.'), 'the second example is the one on its own lines');
  });
});

describe('folding', () => {
  const lines = (text: string) => {
    const map = new LineMap(text);
    return foldingRanges(text, parseAgent(text)).map((r) => `${map.positionAt(r.start).line}-${map.positionAt(r.end).line}`);
  };

  test('the frontmatter, each field over several lines, each <example> (description and body) and each section by heading', () => {
    const text = [
      '---', //                                   0
      'name: fold', //                            1
      'description: |-', //                       2
      '  Use it to fold.', //                     3
      '  <example>', //                           4
      '  user: hi', //                            5
      '  assistant: hello', //                    6
      '  </example>', //                          7
      'tools:', //                                8
      '  - Read', //                              9
      '---', //                                   10
      '# Role', //                                11
      '', //                                      12
      'You fold.', //                             13
      '', //                                      14
      '## Steps', //                              15
      'One.', //                                  16
      '', //                                      17
      '<example>', //                             18
      'user: a', //                               19
      'assistant: b', //                          20
      '</example>', //                            21
      '', //                                      22
      '# Output', //                              23
      'Text.', //                                 24
      '', //                                      25
    ].join('\n');
    assert.deepEqual(lines(text), ['0-10', '2-7', '4-7', '8-9', '11-21', '15-21', '18-21', '23-24']);
  });

  test('a section ends at its last line of text, not on the blank lines before the next heading', () => {
    assert.deepEqual(lines('---\nname: a\ndescription: b\n---\n# One\ntext\n\n\n# Two\nmore\n'), ['0-3', '4-5', '8-9']);
  });

  test('nothing on one line is folded; no two ranges start on one line', () => {
    const text = '---\nname: a\ndescription: "Use it. <example>user: a assistant: b</example>"\n---\n# Only\n';
    assert.deepEqual(lines(text), ['0-3']);
    const starts = (t: string) => {
      const map = new LineMap(t);
      return foldingRanges(t, parseAgent(t)).map((r) => map.positionAt(r.start).line);
    };
    const crowded = '---\nname: a\ndescription: <example>\n  user: a\n  assistant: b\n  </example>\n---\n';
    const s = starts(crowded);
    assert.equal(new Set(s).size, s.length, `starts: ${s.join(', ')}`);
  });

  test('an unclosed frontmatter and a file without one', () => {
    assert.deepEqual(lines('---\nname: a\ndescription: b\n'), ['0-2']);
    assert.deepEqual(lines('# Notes\ntext\n# More\nx\n'), ['0-1', '2-3']);
  });
});
