/**
 * The preview's code highlighter: one pass over the code, so no input makes it rescan. The worst cases of
 * the regular-expression highlighter it replaced (strings and comments that never close, 1 MB each) come
 * out whole and escaped; on ordinary code it colours exactly what the old patterns coloured, checked
 * against them as an oracle on generated code. How long it takes is measured by `npm run bench`
 * (section "hostile"), not here.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { HIGHLIGHT_LIMIT, KEYWORDS, highlight } from '../../client/src/preview/highlight';
import { esc } from '../../client/src/preview/escape';
import { renderPreviewBody } from '../../client/src/preview/render';
import { previewOf, textOf } from '../preview-helpers';

const MB = 1 << 20;
const fill = (unit: string, size = MB) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** Each opening delimiter of these never closes; the old patterns rescanned to the end from every one. */
const WORST = [
  { name: 'JavaScript: `\\ repeated (template strings that never close)', lang: 'js', code: fill('`\\') },
  { name: 'Python: "\\ repeated (strings that never close)', lang: 'python', code: fill('"\\') },
  { name: "SQL: '\\ repeated (strings that never close)", lang: 'sql', code: fill("'\\") },
  { name: 'an unclosed block comment: /* repeated', lang: 'js', code: fill('/* ') },
];
/** After each worst case: code that must still be coloured, so the scan went through to the end. */
const TAIL = '\nreturn 1';
const TAIL_HTML = '\n<span class="hl-keyword">return</span> <span class="hl-number">1</span>';

/** `actual === expected`, reporting the first difference only (the strings here are a megabyte long). */
function assertSame(actual: string, expected: string): void {
  if (actual === expected) return;
  let at = 0;
  while (at < actual.length && actual[at] === expected[at]) at++;
  const around = (s: string) => JSON.stringify(s.slice(Math.max(0, at - 40), at + 40));
  assert.fail(`lengths ${actual.length} and ${expected.length}, first difference at ${at}: ${around(actual)} instead of ${around(expected)}`);
}

/**
 * Our spans removed, nothing of the code may be markup: every `<`, `>`, `"` and `&` is an entity, and so is
 * `'` in the highlighter's output (markdown-it, which escapes a plain block, leaves `'` as it is in text).
 */
function assertEscaped(html: string, apostrophe = true): void {
  const text = html.replace(/<span class="hl-(?:comment|string|number|keyword)">|<\/span>/g, '');
  const raw = (apostrophe ? /[<>"']|&(?!(?:amp|lt|gt|quot|#39);)/ : /[<>"]|&(?!(?:amp|lt|gt|quot|#39);)/).exec(text);
  assert.equal(raw, null, `unescaped ${JSON.stringify(raw?.[0])} at ${raw?.index}`);
}

/** The code block of a rendered preview body (the first one). */
function codeBlock(html: string): { lang: string; inner: string } {
  const m = /<pre><code data-line="\d+" class="language-([a-z]+)">([\s\S]*?)<\/code><\/pre>/.exec(html);
  assert.ok(m, 'no code block');
  return { lang: m[1], inner: m[2] };
}

const agentWith = (lang: string, code: string) => `---\nname: coder\ndescription: Use it to code.\n---\nThe code:\n\n\`\`\`${lang}\n${code}\n\`\`\`\n`;

describe('preview highlighter: input that never closes', () => {
  for (const { name, lang, code } of WORST) {
    test(`${name}, 1 MB: whole, escaped, and the code after it still coloured`, () => {
      const html = highlight(code + TAIL, lang);
      assertSame(html, esc(code) + TAIL_HTML);
      assertEscaped(html);
    });
  }

  test('a 1 MB string that does close at the end is one string', () => {
    const code = `"${fill('\\"', MB)}"`;
    assertSame(highlight(code, 'python'), `<span class="hl-string">${esc(code)}</span>`);
    const template = `\`${fill('\\`', MB)}\``;
    assertSame(highlight(template, 'js'), `<span class="hl-string">${esc(template)}</span>`);
  });

  test('a 1 MB block comment that closes at the end is one comment; an unclosed one is not a comment', () => {
    const closed = `/*${fill(' /* x ')}*/`;
    assertSame(highlight(`${closed} x`, 'c'), `<span class="hl-comment">${esc(closed)}</span> x`);
    assert.equal(highlight('/* if', 'c'), '/* <span class="hl-keyword">if</span>');
  });

  test('comment markers of other languages, 1 MB of them, are plain text', () => {
    assertSame(highlight(fill('-') + TAIL, 'js'), fill('-') + TAIL_HTML);
    assertSame(highlight(fill('#') + TAIL, 'sql'), fill('#') + TAIL_HTML);
  });
});

describe('preview highlighter in the rendered preview', () => {
  for (const { name, lang, code } of WORST) {
    test(`${name}, 1 MB in an agent's body: shown plain (over the size limit) and escaped`, () => {
      const block = codeBlock(renderPreviewBody(previewOf(agentWith(lang, code + TAIL))));
      assert.equal(block.lang, lang);
      assert.ok(!block.inner.includes('<span'), `past ${HIGHLIGHT_LIMIT} characters a block is not coloured`);
      assertSame(textOf(block.inner), `${code}${TAIL}\n`);
      assertEscaped(block.inner, false);
    });
  }

  test(`a block of ${HIGHLIGHT_LIMIT} characters is coloured; one more and it is plain`, () => {
    const at = fill('"\\', HIGHLIGHT_LIMIT - TAIL.length - 1) + TAIL;
    assert.equal(at.length + 1, HIGHLIGHT_LIMIT, 'markdown-it passes the code with its final newline');
    assert.ok(codeBlock(renderPreviewBody(previewOf(agentWith('python', at)))).inner.endsWith(`${TAIL_HTML}\n`), 'coloured');
    const over = codeBlock(renderPreviewBody(previewOf(agentWith('python', `${at} `)))).inner;
    assert.ok(!over.includes('<span'), 'plain');
    assertSame(textOf(over), `${at} \n`);
  });
});

// ------------------------------------------------------------------------------------------- the oracle

/**
 * The highlighter this module replaced, kept here only as an oracle for small inputs: its patterns
 * backtrack over the input, which is why the product no longer uses them.
 */
function regexHighlight(code: string, lang: string): string {
  if (!lang || /^(text|plain|plaintext|txt|md|markdown)$/i.test(lang)) return '';
  const hash = /^(py|python|sh|bash|shell|zsh|yaml|yml|toml|rb|ruby|r|perl|dockerfile|make|makefile|conf|ini)$/i.test(lang);
  const dash = /^(sql|psql|mysql|lua|haskell|hs)$/i.test(lang);
  const TOKEN = /(\/\/[^\n]*|#[^\n]*|--[^\n]*|\/\*[\s\S]*?\*\/)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)|(\b\d[\d_.]*(?:e[+-]?\d+)?\b)|([A-Za-z_$][\w$]*)/g;
  let out = '';
  let at = 0;
  for (let m = TOKEN.exec(code); m; m = TOKEN.exec(code)) {
    let cls: string | undefined;
    if (m[1] !== undefined) {
      const kind = m[1][0] === '#' ? 'hash' : m[1][0] === '-' ? 'dash' : 'c';
      if ((kind === 'hash' && !hash) || (kind === 'dash' && !dash)) {
        TOKEN.lastIndex = m.index + 1;
        continue;
      }
      cls = 'hl-comment';
    } else if (m[2] !== undefined) cls = 'hl-string';
    else if (m[3] !== undefined) cls = 'hl-number';
    else if (m[4] !== undefined && KEYWORDS.has(m[4])) cls = 'hl-keyword';
    if (!cls) continue;
    out += esc(code.slice(at, m.index)) + `<span class="${cls}">${esc(m[0])}</span>`;
    at = m.index + m[0].length;
  }
  return out + esc(code.slice(at));
}

describe('preview highlighter: the same colours as the patterns it replaced', () => {
  // Pieces that meet at every delimiter, escape, line end, number shape and word boundary.
  const piece = fc.constantFrom(
    ...['"', "'", '`', '\\', '/', '*', '#', '-', '\n', '\r', '\u2028', ' ', '.', '_', '$', 'e', '+', '0', '1', '9', 'x', 'é', '<', '&'],
    ...['if', 'in', 'return', 'None', 'SELECT', 'True', '//', '/*', '*/', '--', '1e5', '2.5', '0x1F', '\\"', "\\'", '\\`'],
  );
  const lang = fc.constantFrom('js', 'python', 'sql', 'c', 'bash', 'PY', 'Lua', 'text', 'html');

  test('on generated code', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), lang, (pieces, l) => {
        const code = pieces.join('');
        assert.equal(highlight(code, l), regexHighlight(code, l), JSON.stringify({ code, l }));
      }),
      { numRuns: 3000 },
    );
  });

  test('on the worst cases, cut to 4 KB', () => {
    for (const { lang: l, code } of WORST) {
      const small = code.slice(0, 4096) + TAIL;
      assertSame(highlight(small, l), regexHighlight(small, l));
    }
  });
});
