/**
 * The core's editor help (core/assist) in plain Node: hover, the outline, completion and folding, each
 * reading the file as the rules read it.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { completions, templatesFrom, type Completion } from '../../server/src/core/assist/completion';
import { foldingRanges } from '../../server/src/core/assist/folding';
import { hover } from '../../server/src/core/assist/hover';
import { outline } from '../../server/src/core/assist/symbols';
import { lintText } from '../../server/src/core/lint';
import { parseAgent } from '../../server/src/core/parse';
import { LineMap } from '../../server/src/core/positions';
import { parseSnippetFile } from '../../server/src/snippet-expand';
import { REPO_ROOT } from '../helpers';

/** The text with `‸` taken out, and the offset where it stood. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('‸');
  assert.ok(offset >= 0, 'the text marks the cursor with ‸');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

function hoverAt(marked: string) {
  const { text, offset } = at(marked);
  return hover(text, parseAgent(text), offset);
}

describe('hover', () => {
  const claudeHover = (marked: string) => {
    const { text, offset } = at(marked);
    return hover(text, parseAgent(text), offset, lintText(text).claude);
  };

  test('says how Claude Code reads the field: the model its rewrite asks for, the tools the agent runs with, the description it passes on', () => {
    // The description needs the rewrite, which quotes the model line whole, comment included.
    const file = (cursorIn: string) => `---\nname: x\ndescription: Use it: when asked\n${cursorIn}\n---\nYou help.\n`;
    assert.match(claudeHover(file('mo‸del: haiku # cheap'))!.markdown, /Claude Code asks for the model ` haiku # cheap `/);
    assert.match(claudeHover(file('to‸ols: Read, Task, LS'))!.markdown, /Listed as ` Read, Task, LS `; the agent runs with Read, Agent\./);
    assert.match(claudeHover('---\nname: x\ndesc‸ription: Use it: when asked\n---\n')!.markdown, /The main conversation is told: ` Use it: when asked `/);
  });

  test('on a file Claude Code skips, says so and why', () => {
    const h = claudeHover('---\nna‸me: 1234\ndescription: Use it.\n---\n');
    assert.match(h!.markdown, /Claude Code does not load this agent: its `name` is the number 1234, not text\./);
  });

  test('reads tools as the rules do: `Read Grep` is two tools, each with its own hover and range', () => {
    const h = hoverAt('---\nname: x\ndescription: y\ntools: Read Gr‸ep\n---\n');
    assert.ok(h, 'a hover on Grep');
    assert.match(h.markdown, /^\*\*Grep\*\*: /);
    const text = '---\nname: x\ndescription: y\ntools: Read Grep\n---\n';
    assert.equal(text.slice(h.range.start, h.range.end), 'Grep');
  });

  test('a tool with a permission rule, in the list form', () => {
    const h = hoverAt('---\nname: x\ndescription: y\ntools:\n  - Read\n  - Bash(git ‸diff *)\n---\n');
    assert.match(h?.markdown ?? '', /\*\*Bash\*\*: .*\n\nPermission rule: only `Bash` calls matching `\(git diff \*\)`/s);
  });

  test('names that are properties of every object are no tools and no keys', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const tool = hoverAt(`---\nname: x\ndescription: y\ntools: Read, ${name}‸\n---\n`);
      assert.equal(tool, undefined, `tools: ${name}`);
      const key = hoverAt(`---\nname: x\ndescription: y\n${name}‸: 1\n---\n`);
      assert.equal(key, undefined, `key ${name}`);
    }
  });

  test('an old tool name and an MCP tool say what they are', () => {
    assert.match(hoverAt('---\nname: x\ndescription: y\ntools: Ta‸sk\n---\n')?.markdown ?? '', /old tool name/);
    assert.match(hoverAt('---\nname: x\ndescription: y\ntools: mcp__github__get‸_issue\n---\n')?.markdown ?? '', /MCP tool `get_issue` of server `github`/);
  });
});

describe('the outline', () => {
  test('an <example> written in inline code in the body is an example to no one: the rules skip it, and so does the outline', () => {
    const text =
      '---\nname: x\ndescription: "Use it. <example>user: hi assistant: hello</example>"\n---\nWrite `<example>user: a assistant: b</example>` blocks.\n\n<example>\nuser: c\nassistant: d\n</example>\n';
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

describe('completion', () => {
  const templates = templatesFrom(['fields.code-snippets', 'personas.code-snippets'].map((f) => parseSnippetFile(readFileSync(path.join(REPO_ROOT, 'snippets', f), 'utf8'))));
  const complete = (marked: string, fileStem?: string) => {
    const { text, offset } = at(marked);
    return completions(text, parseAgent(text), offset, { templates, fileStem }).sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
  };
  const labels = (items: Completion[]) => items.map((c) => c.label);
  const FM = '---\nname: x\ndescription: Use it for tests.\n';

  test('an empty file gets the whole agents only: the minimal agent, then each persona, named after the file', () => {
    const items = complete('‸', 'reviewer');
    assert.ok(items.length >= 2, labels(items).join(', '));
    assert.ok(items.every((c) => c.kind === 'snippet' && c.snippet));
    assert.equal(items[0].label, 'New agent (minimal)');
    assert.match(items[0].insertText, /^---\nname: \$\{1:reviewer\}\n/);
    const personaItems = items.slice(1);
    assert.ok(
      personaItems.every((c) => c.label.startsWith('Persona ')),
      labels(items).join(', '),
    );
    if (personaItems.length) assert.match(personaItems[0].insertText, /^---\nname: \$\{1:reviewer\}\n/);
  });

  test('a file name that is no valid agent name leaves the default name', () => {
    assert.match(complete('‸', 'My Notes')[0].insertText, /^---\nname: \$\{1:my-agent\}\n/);
  });

  test('the first line with a word typed gets them too, replacing the word; with a frontmatter, no whole agent anywhere', () => {
    const items = complete('pers‸\n\nSome notes.\n');
    assert.ok(items.length > 0 && items.every((c) => c.kind === 'snippet'));
    assert.deepEqual(items[0].replace, { start: 0, end: 4 });
    for (const marked of [`${FM}‸\n---\nBody\n`, `${FM}model: ‸\n---\n`, `${FM}---\n‸`, `${FM}---\nBody ‸text\n`]) {
      assert.ok(!complete(marked).some((c) => c.label.startsWith('Persona ') || c.label === 'New agent (minimal)'), marked);
    }
    assert.deepEqual(complete('Some text\np‸'), [], 'not below the first line');
    assert.deepEqual(complete('p‸ers and more'), [], 'not with other text on the line');
  });

  test('after `model: ` the values come most used first, sonnet at the top, and no snippet', () => {
    const items = complete(`${FM}model: ‸\n---\n`);
    assert.deepEqual(labels(items), ['sonnet', 'opus', 'haiku', 'inherit', 'fable']);
    assert.ok(items.every((c) => c.kind === 'value'));
    assert.deepEqual(labels(complete(`${FM}model: so‸\n---\n`)).slice(0, 1), ['sonnet'], 'the word typed is replaced, not prefixed');
    assert.equal(complete(`${FM}model: so‸\n---\n`)[0].replace.end - complete(`${FM}model: so‸\n---\n`)[0].replace.start, 2);
  });

  test('keys: only those not yet given, required first; accepting one with values asks for them', () => {
    const items = complete(`${FM}‸\n---\n`);
    const ls = labels(items);
    assert.ok(!ls.includes('name') && !ls.includes('description'), 'given keys are left out');
    assert.ok(ls.includes('model') && ls.includes('tools') && ls.includes('color'));
    // The one snippet among them: `tools` in its list form, right after the `tools` key.
    assert.deepEqual(
      items.filter((c) => c.kind !== 'key').map((c) => c.label),
      ['Tools list'],
    );
    assert.equal(ls.indexOf('Tools list'), ls.indexOf('tools') + 1);
    const model = items.find((c) => c.label === 'model')!;
    assert.equal(model.insertText, 'model: ');
    assert.equal(model.suggestNext, true);
    assert.equal(items.find((c) => c.label === 'tools')!.suggestNext, true);
    assert.equal(items.find((c) => c.label === 'maxTurns')!.suggestNext, false, 'a number: nothing to offer');
    assert.deepEqual(labels(complete('---\n‸\n---\n')).slice(0, 2), ['name', 'description']);
  });

  test('editing the key of a `key: value` line replaces the key alone, and the key itself is offered', () => {
    const items = complete(`${FM}mod‸el: opus\n---\n`);
    const model = items.find((c) => c.label === 'model');
    assert.ok(model);
    assert.equal(model.insertText, 'model');
    assert.equal(model.suggestNext, false);
    assert.ok(!items.some((c) => c.kind === 'snippet'), 'no whole `key:` block on a line that has a value');
  });

  test('tools after a comma, after a space and in a list item, without those listed; nothing inside a rule', () => {
    const comma = labels(complete(`${FM}tools: Read, Grep, ‸\n---\n`));
    assert.ok(comma.includes('Bash') && !comma.includes('Read') && !comma.includes('Grep'), comma.join(', '));
    const space = labels(complete(`${FM}tools: Read Gl‸\n---\n`));
    assert.ok(space.includes('Glob') && !space.includes('Read'), 'Claude Code splits at spaces too');
    const list = labels(complete(`${FM}disallowedTools:\n  - WebFetch\n  - ‸\n---\n`));
    assert.ok(list.includes('Bash') && !list.includes('WebFetch'), list.join(', '));
    assert.deepEqual(complete(`${FM}tools: Read, Bash(git ‸\n---\n`), []);
    assert.ok(complete(`${FM}tools: ‸\n---\n`).every((c) => c.kind === 'tool'));
  });

  test('the body gets nothing, and the description only an <example> block, in a block scalar, after `<` or on a line of its own', () => {
    for (const marked of [`${FM}---\n‸`, `${FM}---\nYou review co‸de.\n`, `${FM}---\n# Ro‸le\n`, `${FM}---\n- ‸\n`, `${FM}---\ntools: ‸\n`]) {
      assert.deepEqual(complete(marked), [], marked);
    }
    assert.deepEqual(complete('---\nname: x\ndescription: Use it. <‸\n---\n'), [], 'a plain scalar would break on the lines of a block');
    assert.deepEqual(complete('---\nname: x\ndescription: |-\n  Use it wh‸\n---\n'), [], 'typing prose brings up nothing');
    for (const marked of ['---\nname: x\ndescription: |-\n  Use it.\n  <‸\n---\n', '---\nname: x\ndescription: |-\n  Use it.\n  ‸\n---\n']) {
      const items = complete(marked);
      assert.deepEqual(labels(items), ['<example>'], marked);
      assert.match(items[0].insertText, /^<example>\nContext: .*\nuser: .*\nassistant: .*\n<commentary>/);
    }
  });
});
