import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { esc } from '../../client/src/preview/escape';
import { highlight } from '../../client/src/preview/highlight';
import {
  contentSecurityPolicy,
  inlineCode,
  prose,
  renderMarkdown,
  renderMessageHtml,
  renderPreviewBody,
  renderPreviewHtml,
  type RenderOptions,
} from '../../client/src/preview/render';
import type { PreviewModel } from '../../server/src/protocol';
import { eachFile, fixture, personas } from '../helpers';
import { previewFixture, previewOf, textOf } from '../preview-helpers';

const OPTS: RenderOptions = {
  nonce: 'bm9uY2Utbm9uY2Utbm9uY2U=',
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.js',
};

/** The HTML of the first element carrying `data-role="<role>"` up to the end of the section it opens. */
function section(html: string, role: string): string {
  const at = html.indexOf(`data-role="${role}"`);
  assert.ok(at >= 0, `no data-role="${role}"`);
  const start = html.lastIndexOf('<', at);
  const end = html.indexOf('</section>', at);
  return html.slice(start, end < 0 ? undefined : end);
}

/** Elements the renderer writes; anything else in the output came from agent text. */
const ELEMENTS = new Set(
  (
    'html head meta link title body main script div p strong em code h1 h2 h3 h4 h5 h6 span dl dt dd header section ul ol li ' +
    'button figure figcaption aside article br pre a table thead tbody tr th td blockquote hr s del'
  ).split(' '),
);

/**
 * Structural safety of a rendered document, by lexing every tag: since all text is escaped, each literal
 * `<` must open one of our elements, whose attributes are double-quoted; no handlers, no inline styles, no
 * script but ours, links only to web addresses or relative paths.
 */
function assertSafeMarkup(html: string, opts: RenderOptions = OPTS): void {
  const TAG = /<(?:!DOCTYPE html|\/([a-z][a-z0-9]*)|([a-z][a-z0-9]*)((?:\s+[a-z][a-z-]*(?:="[^"<>]*")?)*)\s*)>/gy;
  const scripts: string[] = [];
  let at: number;
  for (let lt = html.indexOf('<'); lt >= 0; lt = html.indexOf('<', at)) {
    TAG.lastIndex = lt;
    const m = TAG.exec(html);
    assert.ok(m, `not one of our tags at ${lt}: ${html.slice(lt, lt + 80)}`);
    at = TAG.lastIndex;
    const name = m[1] ?? m[2];
    if (name) assert.ok(ELEMENTS.has(name), `unexpected element <${name}>`);
    if (!m[2]) continue;
    const attrs = [...(m[3] ?? '').matchAll(/([a-z][a-z-]*)(?:="([^"]*)")?/g)].map((a) => ({ name: a[1], value: a[2] ?? '' }));
    for (const a of attrs) {
      assert.doesNotMatch(a.name, /^(on|style$|srcdoc$|formaction$|http-equiv$(?!))/, `attribute ${a.name} on <${name}>`);
      if (a.name === 'href' && name === 'a') assert.match(a.value, /^(https?:|mailto:|[^:]*$)/i, `href ${a.value}`);
      if (a.name === 'src') assert.equal(name, 'script');
    }
    if (name === 'script') scripts.push(m[0]);
    if (name === 'meta') assert.ok(attrs.every((a) => a.name !== 'http-equiv' || a.value === 'Content-Security-Policy'));
  }
  assert.deepEqual(scripts, [`<script nonce="${opts.nonce}" src="${opts.scriptUri}">`]);
  assert.equal((html.match(/http-equiv="Content-Security-Policy"/g) ?? []).length, 1);
}

test('renderPreviewHtml over each persona', () => {
  eachFile(personas(), ({ file, text }) => {
    const base = path.basename(file);
    const m = previewOf(text, `/work/.claude/agents/${base}`);
    const html = renderPreviewHtml(m, OPTS);
    const body = renderPreviewBody(m);
    assert.ok(html.includes(body), 'the document holds the body');
    assertSafeMarkup(html);

    // The one banner comes first: Claude Code loads it, but only through its rewrite of the YAML.
    assert.ok(body.startsWith('<div class="banner banner-note" data-role="state" data-state="loads-rewritten">'), body.slice(0, 200));
    assert.match(textOf(section(body, 'state')), /Loads, with a rewrite\. The frontmatter is not valid YAML/);
    assert.equal((body.match(/class="banner /g) ?? []).length, 1, 'one banner');
    // What the main conversation is told, and what the agent runs with.
    const listing = textOf(section(body, 'listing'));
    assert.ok(listing.startsWith(`${m.claudeCode.listing}\n`), listing.slice(0, 300));
    assert.ok(m.claudeCode.listing?.startsWith(`- ${m.name}: `));

    // Header: name, swatch of the colour, model, size line.
    assert.ok(body.includes(`<h1 class="agent-name" data-role="name">${m.name}</h1>`));
    if (m.color) assert.ok(body.includes(`class="swatch swatch-${m.color}"`));
    else assert.doesNotMatch(body, /class="swatch/);
    const model = m.claudeCode.model === 'inherit' ? 'the main conversation&#39;s (inherit)' : m.claudeCode.model;
    assert.ok(body.includes(`<div class="fact" data-field="model"><dt>model</dt><dd>${model}</dd></div>`), section(body, 'reading'));
    const size = textOf(section(body, 'size'));
    assert.ok(size.includes(`Description ${m.size.descriptionChars.toLocaleString('en-US')} characters, about ${m.size.descriptionTokens} tokens`), size);
    assert.ok(size.includes(`Body ${m.size.bodyChars.toLocaleString('en-US')} characters, about ${m.size.bodyTokens} tokens`), size);

    // Tools: no tools field, so all tools, inherited.
    assert.match(section(body, 'tools'), /All tools \(inherited\)/);

    // Description as text, each example as a conversation with commentary set apart.
    const description = section(body, 'description');
    assert.ok(textOf(description).includes(m.description!.split('\n')[0]));
    assert.equal((description.match(/<figure class="example"/g) ?? []).length, m.examples.length);
    for (const e of m.examples) {
      for (const t of e.turns) {
        const rendered = t.text.split('\n').map(esc).join('<br>');
        if (t.role === 'context') assert.ok(description.includes(`<span class="label">Context</span> ${rendered}</p>`));
        else
          assert.ok(
            description.includes(
              `<div class="turn turn-${t.role}"><span class="label">${t.role === 'user' ? 'User' : 'Claude'}</span><div class="bubble">${rendered}</div></div>`,
            ),
          );
      }
      for (const c of e.commentary) assert.ok(description.includes(`<aside class="commentary"><span class="label">Why</span> ${esc(c)}</aside>`));
      assert.ok(description.includes(`data-reveal-line="${e.line}" data-reveal-character="${e.character}"`));
    }
    assert.doesNotMatch(textOf(description), /\\n/, '`\\n` escapes shown as line breaks');

    // Body as Markdown, with source lines.
    const bodyHtml = section(body, 'body');
    assert.match(bodyHtml, /<article class="markdown"><p data-line="\d+">You are /);
    assert.ok(bodyHtml.includes(`<p data-line="${m.bodyLine}">`), 'first block carries the body line');
    assert.match(bodyHtml, /<strong>|<ul|<ol/);

    // Problems: each clickable, with severity and place.
    const problems = section(body, 'problems');
    for (const p of m.problems) {
      assert.ok(problems.includes(`<li class="problem severity-${p.severity}">`));
      assert.ok(problems.includes(`data-reveal-line="${p.start.line}" data-reveal-character="${p.start.character}"`));
    }
    assert.ok(problems.includes('<code>yaml-needs-rewrite</code> line 3'));
  });
});

describe('renderPreviewHtml over fixtures', () => {
  test('the document shell: CSP with nonce, own stylesheet and script only', () => {
    const html = renderPreviewHtml(previewFixture('full.md'), OPTS);
    const csp = `default-src 'none'; img-src ${OPTS.cspSource}; style-src ${OPTS.cspSource}; font-src ${OPTS.cspSource}; script-src 'nonce-${OPTS.nonce}'; base-uri 'none'; form-action 'none'`;
    assert.equal(contentSecurityPolicy(OPTS), csp);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp.replace(/'/g, '&#39;')}">`));
    assert.ok(html.includes(`<link rel="stylesheet" href="${OPTS.styleUri}">`));
    assert.ok(html.includes(`<main id="content" data-uri="file:///work/.claude/agents/full.md" data-version="1">`));
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assertSafeMarkup(html);
  });

  test('a nonce that is not a long base64 string is refused', () => {
    const m = previewFixture('no-tools.md');
    assert.throws(() => renderPreviewHtml(m, { ...OPTS, nonce: 'abc' }));
    assert.throws(() => renderPreviewHtml(m, { ...OPTS, nonce: `${OPTS.nonce}' 'unsafe-inline` }));
  });

  test('header: every field', () => {
    const body = renderPreviewBody(previewFixture('full.md'));
    const fact = (k: string, v: string) => assert.ok(body.includes(`data-field="${k}"><dt>${k}</dt><dd>${v}</dd>`), `${k}: ${v}`);
    fact('model', 'opus');
    fact('effort', 'high');
    fact('permission mode', 'acceptEdits');
    fact('memory', 'project');
    fact('isolation', 'worktree');
    fact('background', 'yes');
    fact('max turns', '12');
    fact('color', 'cyan');
    fact('skills', '<code>changelog</code> <code>semver</code>');
    assert.ok(body.includes('<div class="fact other" data-field="initialPrompt"><dt>initialPrompt</dt><dd><code>Review the current branch.</code></dd></div>'));
    assert.ok(body.includes('<span class="swatch swatch-cyan" role="img" aria-label="colour cyan"'));
    const clean = renderPreviewBody({ ...previewFixture('no-tools.md'), problems: [] });
    assert.match(section(clean, 'problems'), /No problems found/);
  });

  test('tools: chips for each kind, denied list, legacy and unknown marked', () => {
    const body = renderPreviewBody(previewFixture('full.md'));
    const tools = section(body, 'tools');
    assert.ok(tools.includes('<li class="chip tool-known" title="Built-in tool"><code>Read</code></li>'));
    assert.ok(tools.includes('<li class="chip tool-rule" title="Tool with a permission rule"><code>Bash(git diff *, git log *)</code></li>'));
    assert.ok(tools.includes('<li class="chip tool-mcp" title="MCP tool"><code>mcp__github__create_issue</code><span class="badge">MCP</span></li>'));
    assert.ok(tools.includes('<li class="chip tool-legacy" title="Legacy name: use Agent"><code>Task</code><span class="badge">legacy → Agent</span></li>'));
    assert.ok(
      tools.includes('<li class="chip tool-unknown" title="Unknown tool: Claude Code does not know this name"><code>FooTool</code><span class="badge">unknown</span></li>'),
    );
    assert.ok(tools.includes('<code>AskUserQuestion</code><span class="badge">never given to a subagent</span>'));
    assert.doesNotMatch(tools, /All tools \(inherited\)/);
    const denied = section(body, 'disallowed-tools');
    assert.ok(denied.includes('<li class="chip tool-known denied" title="Built-in tool"><code>Write</code></li>'));
    assert.ok(denied.includes('<code>Edit</code>'));

    assert.match(section(renderPreviewBody(previewFixture('no-tools.md')), 'tools'), /All tools \(inherited\)/);
    assert.match(section(renderPreviewBody(previewFixture('empty-tools.md')), 'tools'), /No tools/);
    assert.match(renderPreviewBody(previewFixture('comma-tools.md')), /<code>LS<\/code><span class="badge">legacy → Glob<\/span>/);
    // magenta is no colour Claude Code knows: it drops it, and the swatch says unknown.
    assert.match(renderPreviewBody(previewFixture('comma-tools.md')), /class="swatch swatch-unknown"/);
  });

  test('description: line breaks from `\\n`, paragraphs from blank lines', () => {
    const body = renderPreviewBody(previewFixture('comma-tools.md'));
    assert.ok(section(body, 'description').includes('<div class="prose"><p>Runs read-only git commands.</p>\n<p>Use it for history questions.</p></div>'));
    const broken = renderPreviewBody(previewFixture('broken-yaml.md'));
    assert.ok(broken.includes('<div class="turn turn-user"><span class="label">User</span><div class="bubble">Design my REST API</div></div>'));
    assert.ok(broken.includes('<aside class="commentary"><span class="label">Why</span> API design is its job.</aside>'));
  });

  test('YAML only the rewrite rescues: one banner at the top, above what the lenient read recovered', () => {
    const body = renderPreviewBody(previewFixture('broken-yaml.md'));
    assert.ok(body.startsWith('<div class="banner banner-note" data-role="state" data-state="loads-rewritten">'));
    assert.equal((body.match(/class="banner /g) ?? []).length, 1);
    assert.ok(body.indexOf('data-role="state"') < body.indexOf('data-role="name"'));
    assert.ok(body.includes('>api-designer</h1>'));
    assert.ok(body.includes('class="swatch swatch-blue"'));
  });

  test('one banner per state: not loaded (red), cannot start (red), documentation, and a plain "Loads" mark', () => {
    const missing = renderPreviewBody(previewFixture('missing-description.md'));
    assert.ok(missing.startsWith('<div class="banner banner-error" role="alert" data-role="state" data-state="not-loaded">'));
    assert.match(textOf(section(missing, 'state')), /Not loaded\. Claude Code does not load this agent: it has no description\./);
    assert.match(missing, /<p class="missing">No description/);
    assert.doesNotMatch(missing, /data-role="reading"/, 'nothing is told to the main conversation about an agent that is not loaded');
    const doc = renderPreviewBody(previewFixture('documentation.md'));
    assert.match(doc, /data-state="documentation"/);
    assert.match(doc, /\(no name\)/);
    assert.doesNotMatch(doc, /banner-error/);
    const refused = renderPreviewBody(previewOf('---\nname: a\ndescription: Use it.\ntools: none\n---\n'));
    assert.match(refused, /data-state="cannot-start"[^>]*><strong>Cannot start\.<\/strong>/);
    const clean = renderPreviewBody(previewFixture('full.md'));
    assert.match(clean, /^<p class="state-loads" data-role="state" data-state="loads">/);
    assert.equal((clean.match(/class="banner /g) ?? []).length, 0);
    for (const body of [missing, doc, refused, clean]) assert.equal((body.match(/data-role="state"/g) ?? []).length, 1);
  });

  test('body: Markdown with code highlighting, tables, safe links, images as links', () => {
    const m = previewFixture('full.md');
    const body = section(renderPreviewBody(m), 'body');
    assert.ok(body.includes(`<h1 data-line="${m.bodyLine}">Release reviewer</h1>`));
    const fenceLine = fixture('preview/full.md').split('\n').indexOf('```ts');
    assert.ok(
      body.includes(
        `<pre><code data-line="${fenceLine}" class="language-ts"><span class="hl-keyword">const</span> tag = <span class="hl-string">&quot;v2.4.0&quot;</span>; <span class="hl-comment">// the tag to compare with</span>`,
      ),
    );
    assert.match(body, /<table data-line="\d+">/);
    assert.ok(body.includes('<a href="https://example.com/guide">the guide</a>'));
    assert.ok(body.includes('<a href="./notes.md">a local note</a>'));
    assert.ok(body.includes('[this](javascript:alert(1))'), 'a javascript: link stays text');
    assert.ok(body.includes('<a class="image-link" href="https://example.com/diagram.png" title="Image (not loaded): https://example.com/diagram.png">[image: diagram]</a>'));
    assert.doesNotMatch(body, /<img/);
  });

  test('markdown: raw HTML is text, bad link schemes are refused', () => {
    assert.equal(renderMarkdown('<b>x</b>'), '<p data-line="0">&lt;b&gt;x&lt;/b&gt;</p>\n');
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<script>x</script>',
      'data:image/png;base64,AAAA',
      'file:///etc/passwd',
      ' javascript:alert(1)',
    ]) {
      const html = renderMarkdown(`[a](${url}) <${url}> ![i](${url})`);
      assert.doesNotMatch(html, /href="(?!https?:)/, `${url} -> ${html}`);
    }
    assert.match(renderMarkdown('<https://example.com>'), /<a href="https:\/\/example.com">/);
    assert.doesNotMatch(renderMarkdown('see https://example.com'), /<a /, 'no linkify');
  });

  test('highlight escapes every piece', () => {
    assert.equal(
      highlight('if (a < "</script>") return', 'js'),
      '<span class="hl-keyword">if</span> (a &lt; <span class="hl-string">&quot;&lt;/script&gt;&quot;</span>) <span class="hl-keyword">return</span>',
    );
    assert.equal(highlight('# no comment in js', 'js'), '# no comment <span class="hl-keyword">in</span> js');
    assert.equal(highlight('# a comment', 'python'), '<span class="hl-comment"># a comment</span>');
    assert.equal(highlight('x', ''), '');
  });

  test('a message document', () => {
    const html = renderMessageHtml('Waiting for `the server` <now>', OPTS);
    assert.ok(html.includes('<p class="placeholder">Waiting for <code>the server</code> &lt;now&gt;</p>'));
    assertSafeMarkup(html);
  });

  test('every piece of agent text is escaped (string level; the browser test proves it by execution)', () => {
    const evil = '<img src=x onerror=alert(1)>"\'&';
    const escaped = '&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;';
    const m: PreviewModel = {
      uri: `file:///a/${evil}`,
      version: 1,
      claudeCode: {
        version: evil,
        state: 'cannot-start',
        reason: evil,
        reasonLine: 1,
        rewritten: false,
        listing: evil,
        tools: [evil],
        denied: [evil],
        model: evil,
        systemPromptLine: 2,
        differences: 1,
      },
      recovered: true,
      name: evil,
      fileName: evil,
      description: evil,
      color: evil,
      colorKnown: false,
      effort: evil,
      permissionMode: evil,
      memory: evil,
      isolation: evil,
      background: true,
      maxTurns: 3,
      tools: [
        { name: evil, status: 'legacy', replacement: evil },
        { name: evil, status: 'known', note: evil },
      ],
      disallowedTools: [{ name: evil, status: 'unknown' }],
      skills: [evil],
      otherFields: [{ key: evil, value: evil }],
      examples: [
        {
          location: 'description',
          line: 1,
          character: 2,
          turns: [
            { role: 'context', text: evil },
            { role: 'user', text: evil },
            { role: 'assistant', text: evil },
          ],
          commentary: [evil],
        },
      ],
      body: evil,
      bodyLine: 3,
      problems: [{ severity: 'error', code: evil, message: evil, start: { line: 1, character: 1 }, end: { line: 1, character: 2 } }],
      size: { descriptionChars: 1, descriptionTokens: 1, bodyChars: 1, bodyTokens: 1 },
    };
    const html = renderPreviewHtml(m, OPTS);
    assertSafeMarkup(html);
    const count = html.split(escaped).length - 1;
    // name x2 (title, h1), skipped, description, 5 header facts + color fact, color label/title (escaped text in attributes),
    // tools, skills, other key/value, turns, commentary, problem code and message: all escaped.
    assert.ok(count >= 20, `escaped ${count} times`);
    assert.equal(html.includes(evil), false);
    assert.ok(html.includes('class="swatch swatch-unknown"'), 'an unknown colour never becomes a class name');
  });
});

describe('text helpers: the same HTML as the patterns they replaced', () => {
  // The patterns before, kept here only as oracles: they backtrack over the input, one-pass loops do not.
  const oldInlineCode = (text: string) => esc(text).replace(/`([^`\n]+)`/g, '<code>$1</code>');
  const oldProse = (text: string) =>
    text
      .split(/\n[ \t]*\n/)
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .map((p) => `<p>${p.split('\n').map(oldInlineCode).join('<br>')}</p>`)
      .join('\n');
  const text = fc.array(fc.constantFrom('`', '``', '\n', ' ', '\t', '\r', 'a', 'b c', '<', '&', '\u00a0'), { maxLength: 30 }).map((a) => a.join(''));

  test('inlineCode', () => {
    fc.assert(
      fc.property(text, (t) => assert.equal(inlineCode(t), oldInlineCode(t))),
      { numRuns: 3000 },
    );
  });
  test('prose', () => {
    fc.assert(
      fc.property(text, (t) => assert.equal(prose(t), oldProse(t))),
      { numRuns: 3000 },
    );
  });
});
