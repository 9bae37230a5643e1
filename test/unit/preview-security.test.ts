/**
 * The preview's HTML in a real browser (headless Chromium through playwright-core): for each persona and
 * for hostile agent text in every place (name, description, tools, examples, body, header fields), no
 * script runs and nothing is requested but the document and our own stylesheet and script.
 *
 * Each hostile document is loaded twice: with our Content-Security-Policy, where the test also demands that
 * the CSP never had to block anything (escaping did the work), and with the CSP meta stripped, so escaping
 * alone is proven. Then the same content is swapped in through the webview script's `update` message
 * (innerHTML, where `<img onerror>` would run). A control case shows the harness notices an unescaped
 * payload, so a removed escape makes this test fail.
 * Over 400 lines: one browser, one page harness and its control case serve every hostile document; split,
 * each file would start its own Chromium and carry its own copy of the harness.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { renderPreviewBody, renderPreviewHtml } from '../../client/src/preview/render';
import type { PreviewModel } from '../../server/src/protocol';
import { eachFileInTurn, personas } from '../helpers';
import { launchChromium, needsChromium, previewOf, servePreview, type PreviewServer } from '../preview-helpers';

/** Hostile inputs. Each one calls `__pwned(<id>)` or loads `http://evil.test/<id>` if it ever takes effect. */
const HOSTILE: Array<{ id: string; text: string }> = [
  { id: 'script', text: '<script>__pwned("script")</script>' },
  { id: 'img-onerror', text: '<img src=x onerror=__pwned("img-onerror")>' },
  { id: 'img-remote', text: '<img src="http://evil.test/img-remote.png">' },
  { id: 'svg-onload', text: '<svg onload=__pwned("svg-onload")><circle r=4 /></svg>' },
  { id: 'svg-script', text: '<svg><script>__pwned("svg-script")</script></svg>' },
  { id: 'style-close', text: '</style><script>__pwned("style-close")</script><style>' },
  { id: 'quote-double', text: '"><img src=x onerror=__pwned("quote-double")>' },
  { id: 'quote-single', text: "' onmouseover='__pwned(\"quote-single\")' x='" },
  { id: 'quote-autofocus', text: '" autofocus onfocus="__pwned(\'quote-autofocus\')" x="' },
  { id: 'js-link-md', text: '[click me](javascript:__pwned("js-link-md"))' },
  { id: 'js-link-html', text: '<a href="javascript:__pwned(\'js-link-html\')">click</a>' },
  { id: 'js-autolink', text: '<javascript:__pwned("js-autolink")>' },
  { id: 'data-link', text: '[x](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZCgiZGF0YS1saW5rIik8L3NjcmlwdD4=)' },
  { id: 'vbscript-link', text: '[x](vbscript:msgbox("vbscript-link"))' },
  { id: 'iframe-srcdoc', text: '<iframe srcdoc="<script>parent.__pwned(\'iframe-srcdoc\')</script>"></iframe>' },
  { id: 'iframe-js', text: '<iframe src="javascript:parent.__pwned(\'iframe-js\')"></iframe>' },
  { id: 'object', text: '<object data="http://evil.test/object"></object><embed src="http://evil.test/embed">' },
  { id: 'link-css', text: '<link rel="stylesheet" href="http://evil.test/link-css.css">' },
  { id: 'style-import', text: '<style>@import url(http://evil.test/style-import.css); body { background: url(http://evil.test/style-bg.png) }</style>' },
  { id: 'meta-refresh', text: '<meta http-equiv="refresh" content="0;url=http://evil.test/meta-refresh">' },
  { id: 'base', text: '<base href="http://evil.test/base/">' },
  { id: 'details-toggle', text: '<details open ontoggle=__pwned("details-toggle")><summary>x</summary></details>' },
  { id: 'md-image', text: '![diagram](http://evil.test/md-image.png)' },
  { id: 'md-image-title', text: '![a" onerror="__pwned(\'md-image-title\')](x "t\\" onload=\\"__pwned(1)")' },
  { id: 'comment', text: '<!--<img src=x onerror=__pwned("comment")>-->' },
  { id: 'mxss', text: '<math><mtext><table><mglyph><style><img src=x onerror=__pwned("mxss")>' },
  { id: 'noscript', text: '<noscript><p title="</noscript><img src=x onerror=__pwned(\'noscript\')>">' },
  { id: 'form', text: '<form action="http://evil.test/form"><button formaction="javascript:__pwned(\'form\')">go</button></form><input autofocus onfocus=__pwned("form")>' },
  { id: 'body-onload', text: '<body onload=__pwned("body-onload")><video><source onerror=__pwned("body-onload")></video>' },
  { id: 'code-break', text: '`</code><script>__pwned("code-break")</script>`' },
  { id: 'entity', text: '&lt;img src=x onerror=__pwned("entity")&gt; &#60;script&#62;__pwned("entity")&#60;/script&#62;' },
  { id: 'css-value', text: 'red;background:url(http://evil.test/css-value) red' },
];

/** An agent file with the payload in every field, as valid YAML (double-quoted scalars). */
function quotedAgent(p: string): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    '---',
    `name: ${q(p)}`,
    `description: ${q(`Use it ${p}. Examples: <example>Context: ${p}\nuser: "${p}"\nassistant: "${p}"\n<commentary>${p}</commentary></example>`)}`,
    `tools: ${q(`Read, ${p}, Bash(${p})`)}`,
    `disallowedTools: [${q(p)}]`,
    `model: ${q(p)}`,
    `color: ${q(p)}`,
    `effort: ${q(p)}`,
    `permissionMode: ${q(p)}`,
    `memory: ${q(p)}`,
    `isolation: ${q(p)}`,
    `skills: [${q(p)}]`,
    `initialPrompt: ${q(p)}`,
    `${q(p)}: ${q(p)}`,
    '---',
    ...bodyLines(p),
  ].join('\n');
}

/** The same payloads written raw, in frontmatter that is not valid YAML (the lenient read recovers them). */
function brokenAgent(p: string): string {
  return [
    '---',
    `name: ${p}`,
    `description: Use it. Examples: ${p}\\n<example>\\nContext: ${p}\\nuser: ${p}\\nassistant: ${p}\\n<commentary>\\n${p}\\n</commentary>\\n</example>`,
    `tools: Read, ${p}`,
    `tools2: ${p}`,
    'disallowedTools:',
    `  - ${p}`,
    `model: ${p}`,
    `color: ${p}`,
    '---',
    ...bodyLines(p),
  ].join('\n');
}

function bodyLines(p: string): string[] {
  return [
    ...[`# ${p}`, '', p, '', `- ${p}`, '', `> ${p}`, '', `[link](${p}) \`${p}\``, '', '```html', p, '```', ''],
    // The highlighter's strings and comments around the payload.
    ...['```js', `"${p}" '${p}' \`${p}\` // ${p}`, `/* ${p} */ ${p}`, '```', '', '```python', `# ${p}`, `x = "${p}`, '```', '', '```sql', `-- ${p}`, `'${p}'`, '```', ''],
    ...[`| ${p} |`, '|---|', `| ${p} |`, '', '<example>', `Context: ${p}`, `user: ${p}`, '</example>'],
  ];
}

/** A model with the payload in every string the renderer shows, for paths the parser may not reach. */
function syntheticModel(p: string): PreviewModel {
  return {
    uri: `file:///w/.claude/agents/${p}.md`,
    version: 2,
    claudeCode: {
      version: p,
      state: 'cannot-start',
      reason: p,
      reasonLine: 1,
      rewritten: true,
      listing: p,
      tools: [p],
      denied: [p],
      model: p,
      systemPromptLine: 3,
      differences: 2,
    },
    recovered: true,
    name: p,
    fileName: p,
    description: `${p}\n\n${p}`,
    color: p,
    colorKnown: false,
    effort: p,
    permissionMode: p,
    memory: p,
    isolation: p,
    background: false,
    maxTurns: 1,
    tools: [
      { name: p, status: 'legacy', replacement: p },
      { name: p, status: 'known', note: p },
      { name: p, status: 'unknown' },
    ],
    disallowedTools: [{ name: p, status: 'mcp' }],
    skills: [p],
    otherFields: [{ key: p, value: p }],
    examples: [
      {
        location: 'description',
        line: 1,
        character: 0,
        turns: [
          { role: 'context', text: p },
          { role: 'user', text: `${p}\n${p}` },
          { role: 'assistant', text: p },
        ],
        commentary: [p],
      },
    ],
    body: bodyLines(p).join('\n'),
    bodyLine: 5,
    problems: [{ severity: 'warning', code: p, message: `\`${p}\` ${p}`, start: { line: 2, character: 3 }, end: { line: 2, character: 9 } }],
    size: { descriptionChars: 1, descriptionTokens: 1, bodyChars: 1, bodyTokens: 1 },
  };
}

interface Report {
  pwned: string[];
  dialogs: string[];
  requests: string[];
  violations: string[];
  popups: string[];
  messages: Array<Record<string, unknown>>;
  /** DOM findings: elements or attributes the renderer never writes. */
  dom: string[];
}

// The functions passed to page.evaluate run in the browser; the project compiles without the DOM library,
// so here is the little of it they use.
interface PageElement {
  localName: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  textContent: string | null;
  /** Of an <a>: the scheme of its resolved href. */
  protocol: string;
  focus(): void;
  dispatchEvent(event: unknown): boolean;
}
declare const window: {
  __vscodeMessage(message: unknown): void;
  __cspViolation(violation: string): void;
  __hostHeard: number;
  acquireVsCodeApi?: () => unknown;
  addEventListener(type: string, listener: () => void): void;
  postMessage(message: unknown, targetOrigin: string): void;
};
declare const document: {
  scripts: ArrayLike<unknown>;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  addEventListener(type: 'securitypolicyviolation', listener: (e: { violatedDirective: string; blockedURI: string }) => void): void;
};
declare const requestAnimationFrame: (f: () => void) => void;
declare const MouseEvent: new (type: string, init: { bubbles: boolean }) => unknown;

function emptyReport(): Report {
  return { pwned: [], dialogs: [], requests: [], violations: [], popups: [], messages: [], dom: [] };
}

const stripCsp = (html: string): string => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');

describe('the preview in headless Chromium', { skip: needsChromium }, () => {
  let browser: Browser;
  let page: Page;
  let server: PreviewServer;
  let seq = 0;
  /** What happened since the last load began (one page, navigated to each case: new pages are slow). */
  let report: Report = emptyReport();

  before(async () => {
    browser = await launchChromium();
    server = await servePreview();
    const context = await browser.newContext();
    const own = new Set([`${server.origin}/media/preview.css`, `${server.origin}/media/preview.js`]);
    const isOwn = (url: string) => own.has(url) || url.startsWith(`${server.origin}/case/`);
    await context.exposeBinding('__pwned', (_source, id: unknown) => void report.pwned.push(String(id)));
    await context.exposeBinding('__vscodeMessage', (_source, msg: Record<string, unknown>) => void report.messages.push(msg));
    await context.exposeBinding('__cspViolation', (_source, v: string) => void report.violations.push(v));
    await context.addInitScript(() => {
      window.acquireVsCodeApi = () => ({
        postMessage: (m: unknown) => window.__vscodeMessage(m),
        setState: (s: unknown) => window.__vscodeMessage({ type: 'setState', state: s }),
        getState: () => undefined,
      });
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isOwn(url)) return route.continue();
      if (!report.requests.includes(url)) report.requests.push(url);
      return route.abort();
    });
    context.on('page', (p) => {
      if (p !== page) report.popups.push(p.url());
    });
    page = await context.newPage();
    page.on('dialog', (d) => {
      report.dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/Refused to|Content Security Policy/i.test(m.text())) report.violations.push(m.text());
    });
    page.on('request', (r) => {
      if (!isOwn(r.url()) && !report.requests.includes(r.url())) report.requests.push(r.url());
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Loads the HTML, waits for our script to report in, and returns what happened so far. */
  async function load(html: string): Promise<Report> {
    const url = server.page(`/case/${++seq}.html`, html);
    report = emptyReport();
    await page.goto(url, { waitUntil: 'load' });
    await waitForMessage((m) => m.type === 'rendered');
    return report;
  }

  /** Waits for a message from the webview script (an event, not a sleep). */
  async function waitForMessage(match: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    for (let tries = 0; ; tries++) {
      const found = report.messages.find(match);
      if (found) return found;
      if (tries > 500) throw new Error(`the webview script never answered; messages: ${JSON.stringify(report.messages)}`);
      // A round trip through the page: every binding call made before it has been delivered after it.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
      await page.evaluate(() => window.__vscodeMessage({ type: 'flush' }));
    }
  }

  /** Lets pending events fire, inspects the DOM, and flushes binding calls. */
  async function settle(): Promise<void> {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    // Focus and hover everything focusable, so focus and mouse handlers would fire if any existed.
    await page.evaluate(() => {
      for (const el of Array.from(document.querySelectorAll('a, button, input, details, [tabindex]'))) {
        el.focus();
        el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      }
    });
    report.dom.push(...(await page.evaluate(inspectDom)));
    await page.evaluate(() => window.__vscodeMessage({ type: 'flush' }));
  }

  function assertClean(report: Report, what: string, csp: boolean): void {
    assert.deepEqual(report.pwned, [], `${what}: script ran`);
    assert.deepEqual(report.dialogs, [], `${what}: dialog`);
    assert.deepEqual(report.popups, [], `${what}: popup`);
    assert.deepEqual(report.requests, [], `${what}: network request`);
    assert.deepEqual(report.dom, [], `${what}: unexpected markup`);
    if (csp) assert.deepEqual(report.violations, [], `${what}: the CSP had to block something, so escaping failed`);
  }

  /** Loads a model's HTML with and without the CSP, then swaps hostile content in through the update path. */
  async function check(model: PreviewModel, what: string, update?: PreviewModel): Promise<void> {
    for (const csp of [true, false]) {
      const html = renderPreviewHtml(model, server.renderOptions());
      const report = await load(csp ? html : stripCsp(html));
      await settle();
      assertClean(report, `${what} (${csp ? 'with CSP' : 'CSP stripped'})`, csp);
      // The agent's name is shown as text, character for character.
      const name = await page.evaluate(() => document.querySelector('[data-role="name"]')?.textContent ?? null);
      assert.equal(name, model.name ?? '(no name)', `${what}: the name shows as text`);
      if (!update) continue;
      await page.evaluate((msg) => window.postMessage(msg, '*'), { type: 'update', uri: update.uri, version: update.version, html: renderPreviewBody(update) });
      await waitForMessage((m) => m.type === 'rendered' && m.version === update.version);
      await settle();
      assertClean(report, `${what}, update message (${csp ? 'with CSP' : 'CSP stripped'})`, csp);
      const updated = await page.evaluate(() => document.querySelector('[data-role="name"]')?.textContent ?? null);
      assert.equal(updated, update.name, `${what}: the updated name shows as text`);
    }
  }

  test('the harness notices an unescaped payload (control: what a removed escape looks like)', async () => {
    const model = previewOf('---\nname: control\ndescription: d\n---\nBody\n');
    const html = renderPreviewHtml(model, server.renderOptions()).replace(
      '<h1 class="agent-name" data-role="name">control',
      '<h1 class="agent-name" data-role="name">control<img src=x onerror=__pwned("control")>',
    );
    const withCsp = await load(html);
    await settle();
    assert.deepEqual(withCsp.pwned, [], 'the CSP blocks the handler...');
    assert.ok(withCsp.violations.length > 0, '...and the violation is seen');
    assert.ok(withCsp.dom.length > 0, '...and so is the element');
    const without = await load(stripCsp(html));
    await settle();
    assert.deepEqual(without.pwned, ['control'], 'without the CSP the handler runs, and is seen');
  });

  for (const { id, text } of HOSTILE) {
    test(`hostile input "${id}" in every field`, async () => {
      await check(previewOf(quotedAgent(text), `/w/.claude/agents/${id}.md`), `${id}, valid YAML`);
      await check(previewOf(brokenAgent(text), `/w/.claude/agents/${id}.md`), `${id}, broken YAML`, syntheticModel(text));
    });
  }

  test("a click on a link or a reveal button stops in the preview: one message, and VS Code's own link handler never hears it", async () => {
    const model = previewOf('---\nname: clicker\ndescription: d\n---\n[web](https://example.com/x) [vs](vscode://file/etc/passwd) [up](../../x.md) [here](#clicker)\n');
    await load(renderPreviewHtml(model, server.renderOptions()));
    // VS Code's webview host listens for clicks on the content frame's window and opens links itself.
    await page.evaluate(() => {
      window.__hostHeard = 0;
      window.addEventListener('click', () => window.__hostHeard++);
    });
    for (const href of ['https://example.com/x', 'vscode://file/etc/passwd', '../../x.md', '#clicker']) await page.click(`a[href="${href}"]`);
    await page.click('.problems button.reveal, figcaption button.reveal, [data-reveal-line]');
    await settle();
    assert.equal(await page.evaluate(() => window.__hostHeard), 0, "a click went on to the window, where VS Code's own handler opens links");
    assert.deepEqual(
      report.messages.filter((m) => m.type === 'openLink').map((m) => m.href),
      ['https://example.com/x', 'vscode://file/etc/passwd', '../../x.md'],
      'one message per link; none for a link within the page',
    );
    assert.equal(report.messages.filter((m) => m.type === 'reveal').length, 1);
    assert.deepEqual(report.popups, []);
  });

  test("the highlighter's worst cases, 1 MB each, with a payload inside and after", async () => {
    const payload = '</code></pre><img src=x onerror=__pwned("highlighter")>';
    for (const [lang, unit] of [
      ['js', '`\\'],
      ['python', '"\\'],
      ['sql', "'\\"],
      ['c', '/* '],
    ]) {
      const code = `${unit.repeat(Math.floor((1 << 20) / unit.length))}${payload}\n"${payload}" /* ${payload} */`;
      const model = previewOf(`---\nname: worst-${lang}\ndescription: Use it.\n---\n\`\`\`${lang}\n${code}\n\`\`\`\n\`\`\`${lang}\n${code.slice(-20_000)}\n\`\`\`\n`);
      await check(model, `worst case ${lang}`);
    }
  });

  test('hostile input in the document URI and file name', async () => {
    for (const { id, text } of HOSTILE.slice(0, 10)) {
      const model = { ...previewOf('---\nname: a\ndescription: d\n---\n'), uri: `file:///w/${text}` };
      await check(model, `uri ${id}`);
    }
  });

  test('each persona, and its update after a rename', async () => {
    await eachFileInTurn(personas(), async ({ file, text }) => {
      const model = previewOf(text, `/w/.claude/agents/${path.basename(file)}`);
      const edited = previewOf(text.replace(/^name: .*$/m, 'name: renamed-agent'), `/w/.claude/agents/${path.basename(file)}`, 2);
      await check(model, path.basename(file), edited);
    });
  });
});

/** Runs in the page: every element and attribute our renderer would never write. */
function inspectDom(): string[] {
  const allowed = new Set(
    (
      'html head meta link title body main script div p strong em code h1 h2 h3 h4 h5 h6 span dl dt dd header section ul ol li ' +
      'button figure figcaption aside article br pre a table thead tbody tr th td blockquote hr s del'
    ).split(' '),
  );
  const bad: string[] = [];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const tag = el.localName;
    if (!allowed.has(tag)) bad.push(`<${tag}>`);
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name) || ['style', 'srcdoc', 'formaction', 'action', 'background', 'poster', 'data'].includes(a.name)) bad.push(`<${tag} ${a.name}>`);
      if (a.name === 'src' && tag !== 'script') bad.push(`<${tag} src>`);
      if (a.name === 'href' && tag === 'a' && !/^(https?:|mailto:)/.test(el.protocol)) bad.push(`<a href="${a.value}">`);
      if (a.name === 'http-equiv' && a.value !== 'Content-Security-Policy') bad.push(`<meta http-equiv="${a.value}">`);
    }
  }
  if (document.scripts.length !== 1) bad.push(`${document.scripts.length} scripts`);
  if (document.querySelectorAll('link').length !== 1) bad.push('extra <link>');
  return bad;
}
