/**
 * The preview as HTML: a pure function of the PreviewModel the language server sends (no `vscode` import,
 * so tests call it in plain Node and load the result in a real browser).
 *
 * Every piece of agent text is untrusted. It reaches the page only through `esc()` (text and attribute
 * values) or through markdown-it with HTML disabled, whose links are validated (no `javascript:`,
 * `vbscript:`, `file:` or `data:` URLs) and whose images are rendered as links, so nothing is loaded.
 * The document carries a strict Content-Security-Policy as a second wall, not the first.
 *
 * Over 400 lines on purpose: every path by which agent text reaches the page is in this one file, so the
 * escaping can be read, and audited, in one place (the highlighter and the escaper are modules of their own).
 */
import MarkdownIt from 'markdown-it';
import type { PreviewExample, PreviewModel, PreviewProblem, PreviewTool } from '../../../server/src/protocol';
import { esc } from './escape';
import { HIGHLIGHT_LIMIT, highlight } from './highlight';

export interface RenderOptions {
  /** A fresh random nonce for this document; the only script allowed is ours, carrying it. */
  nonce: string;
  /** `webview.cspSource`: where our stylesheet and script come from. */
  cspSource: string;
  /** `webview.asWebviewUri(media/preview.css)`. */
  styleUri: string;
  /** `webview.asWebviewUri(media/preview.js)`. */
  scriptUri: string;
}

/** The Content-Security-Policy of the preview document. */
export function contentSecurityPolicy(opts: Pick<RenderOptions, 'nonce' | 'cspSource'>): string {
  return [
    "default-src 'none'",
    `img-src ${opts.cspSource}`,
    `style-src ${opts.cspSource}`,
    `font-src ${opts.cspSource}`,
    `script-src 'nonce-${opts.nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The complete HTML document of the preview; `body` is `renderPreviewBody(model)` when the caller has it. */
export function renderPreviewHtml(model: PreviewModel, opts: RenderOptions, body = renderPreviewBody(model)): string {
  return renderDocument(body, opts, { uri: model.uri, version: model.version, title: previewTitle(model) });
}

/** A document that only says something (no agent open yet, the server is not ready, the request failed). */
export function renderMessageHtml(message: string, opts: RenderOptions, uri = ''): string {
  return renderDocument(renderMessageBody(message), opts, { uri, version: -1, title: 'Agent Preview' });
}

export function renderMessageBody(message: string): string {
  return `<p class="placeholder">${inlineCode(message)}</p>`;
}

/** The title of the preview panel: the agent's name, and the file's when they differ (same-named agents). */
export function previewTitle(model: Pick<PreviewModel, 'name' | 'uri'> & { fileName?: string }): string {
  const file = model.fileName || decodeURIComponentSafe(model.uri.split('/').pop() ?? '') || 'agent';
  if (!model.name) return `Preview ${file}`;
  return file.replace(/\.md$/i, '') === model.name ? `Preview ${model.name}` : `Preview ${model.name} (${file})`;
}

function renderDocument(body: string, opts: RenderOptions, doc: { uri: string; version: number; title: string }): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(opts.nonce)) throw new Error('renderPreviewHtml: the nonce must be 16 or more base64 characters');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy(opts))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${esc(opts.styleUri)}">
<title>${esc(doc.title)}</title>
</head>
<body>
<main id="content" data-uri="${esc(doc.uri)}" data-version="${doc.version | 0}">
${body}
</main>
<script nonce="${esc(opts.nonce)}" src="${esc(opts.scriptUri)}"></script>
</body>
</html>
`;
}

/** The inner HTML of `<main id="content">`: what the webview swaps in on every update. */
export function renderPreviewBody(model: PreviewModel): string {
  const parts = [
    renderBanner(model),
    renderHeader(model),
    renderReading(model),
    renderProblems(model.problems),
    renderTools(model),
    renderDescription(model),
    renderBody(model),
  ];
  return parts.filter((p) => p !== '').join('\n');
}

// ----------------------------------------------------------------------------------------------- banner

/** One banner for the file's state: red when Claude Code does not load or start the agent. */
function renderBanner(model: PreviewModel): string {
  const cc = model.claudeCode;
  const reveal =
    cc.reasonLine === undefined ? '' : ` <button type="button" class="reveal inline" data-reveal-line="${cc.reasonLine | 0}" data-reveal-character="0">Show</button>`;
  switch (cc.state) {
    case 'not-loaded':
      return `<div class="banner banner-error" role="alert" data-role="state" data-state="not-loaded"><strong>Not loaded.</strong> ${inlineCode(cc.reason ?? '')}${reveal}</div>`;
    case 'cannot-start':
      return `<div class="banner banner-error" role="alert" data-role="state" data-state="cannot-start"><strong>Cannot start.</strong> ${inlineCode(cc.reason ?? '')}</div>`;
    case 'documentation':
      return '<div class="banner banner-info" data-role="state" data-state="documentation"><strong>Documentation, not an agent.</strong> This file has no frontmatter, so Claude Code does not read it as an agent. Start it with a <code>---</code> block holding <code>name</code> and <code>description</code> to make it one.</div>';
    case 'loads':
      if (cc.rewritten) {
        return '<div class="banner banner-note" data-role="state" data-state="loads-rewritten"><strong>Loads, with a rewrite.</strong> The frontmatter is not valid YAML: Claude Code loads it only after quoting the values that break it. Strict YAML readers (the <code>yaml</code> and gray-matter libraries, GitHub) reject it.</div>';
      }
      return `<p class="state-loads" data-role="state" data-state="loads"><span class="check" aria-hidden="true">✓</span> <strong>Loads.</strong> Claude Code ${esc(cc.version)} loads this agent and can start it.</p>`;
  }
}

// ---------------------------------------------------------------------------------- Claude Code's reading

/** What the main conversation is told, and what the agent runs with. */
function renderReading(model: PreviewModel): string {
  const cc = model.claudeCode;
  if (cc.state === 'not-loaded' || cc.state === 'documentation') return '';
  const tools =
    cc.tools === null
      ? `every tool of the main conversation${cc.denied.length > 0 ? ` except ${cc.denied.map((t) => `<code>${esc(t)}</code>`).join(', ')}` : ''}`
      : cc.tools.length === 0
        ? 'no tool at all'
        : cc.tools.map((t) => `<code>${esc(t)}</code>`).join(', ');
  const differences =
    cc.differences === 0
      ? ''
      : `<p class="note" data-role="differences">Claude Code reads ${cc.differences === 1 ? 'one thing' : `${num(cc.differences)} things`} otherwise than written: see Problems.</p>`;
  return `<section class="reading" data-role="reading"><h2>As Claude Code reads it</h2>
${shadowingLine(model)}<h3>The main conversation is told</h3>
<pre class="listing" data-role="listing">${esc(cc.listing ?? '')}</pre>
<dl class="facts">
<div class="fact" data-field="runs-with"><dt>runs with</dt><dd>${tools}</dd></div>
<div class="fact" data-field="model"><dt>model</dt><dd>${esc(modelText(cc.model))}</dd></div>
<div class="fact" data-field="system-prompt"><dt>system prompt</dt><dd><button type="button" class="reveal inline" data-reveal-line="${cc.systemPromptLine | 0}" data-reveal-character="0">from line ${(cc.systemPromptLine | 0) + 1}</button></dd></div>
</dl>
${differences}
</section>`;
}

/** The session's other files of this name: the one Claude Code uses instead, or the ones this one shadows. */
function shadowingLine({ shadowing: s }: PreviewModel): string {
  if (!s || (!s.shadowedBy && s.shadows.length === 0)) return '';
  const files = (list: string[]) => list.map((f) => `<code>${esc(f)}</code>`).join(', ');
  const text = s.shadowedBy ? `Shadowed by ${files([s.shadowedBy])}: Claude Code uses that one.` : `Shadows ${files(s.shadows)}: Claude Code uses this one.`;
  return `<p class="note" data-role="shadowing">${text}</p>\n`;
}

/** The one wording of a model setting. */
function modelText(model: string): string {
  return model === 'inherit' ? "the main conversation's (inherit)" : model;
}

// ----------------------------------------------------------------------------------------------- header

function renderHeader(model: PreviewModel): string {
  const name = model.name ? `<h1 class="agent-name" data-role="name">${esc(model.name)}</h1>` : '<h1 class="agent-name missing" data-role="name">(no name)</h1>';
  const swatch = model.color
    ? `<span class="swatch swatch-${model.colorKnown ? model.color : 'unknown'}" role="img" aria-label="${esc(`colour ${model.color}`)}" title="${esc(`color: ${model.color}`)}"></span>`
    : '';

  const facts: Array<[string, string | undefined, string?]> = [
    ['effort', model.effort],
    ['permission mode', model.permissionMode],
    ['memory', model.memory],
    ['isolation', model.isolation],
    ['background', model.background === undefined ? undefined : model.background ? 'yes' : 'no'],
    ['max turns', model.maxTurns === undefined ? undefined : String(model.maxTurns)],
    ['color', model.color],
  ];
  const factHtml = facts
    .filter(([, v]) => v !== undefined)
    .map(([k, v, cls]) => `<div class="fact${cls ? ` ${cls}` : ''}" data-field="${esc(k)}"><dt>${esc(k)}</dt><dd>${esc(v as string)}</dd></div>`)
    .join('');

  const extra: string[] = [];
  if (model.skills.length > 0) {
    extra.push(`<div class="fact" data-field="skills"><dt>skills</dt><dd>${model.skills.map((s) => `<code>${esc(s)}</code>`).join(' ')}</dd></div>`);
  }
  for (const f of model.otherFields) {
    extra.push(`<div class="fact other" data-field="${esc(f.key)}"><dt>${esc(f.key)}</dt><dd><code>${esc(f.value)}</code></dd></div>`);
  }

  const s = model.size;
  const size = `<p class="size" data-role="size">Description ${num(s.descriptionChars)} characters, about ${num(s.descriptionTokens)} tokens (loaded into every conversation) · Body ${num(s.bodyChars)} characters, about ${num(s.bodyTokens)} tokens (when the agent runs)</p>`;

  return `<header class="agent-header">
<div class="title-row">${swatch}${name}</div>
<dl class="facts">${factHtml}${extra.join('')}</dl>
${size}
</header>`;
}

// --------------------------------------------------------------------------------------------- problems

const SEVERITY_LABEL: Record<PreviewProblem['severity'], string> = {
  error: 'Error',
  warning: 'Warning',
  information: 'Info',
  hint: 'Hint',
};

function renderProblems(problems: readonly PreviewProblem[]): string {
  if (problems.length === 0) return '<section class="problems none" data-role="problems"><h2>Problems</h2><p>No problems found.</p></section>';
  const counts = (['error', 'warning', 'information', 'hint'] as const)
    .map((sev) => [sev, problems.filter((p) => p.severity === sev).length] as const)
    .filter(([, n]) => n > 0)
    .map(([sev, n]) => `${n} ${SEVERITY_LABEL[sev].toLowerCase()}${n === 1 || sev === 'information' ? '' : 's'}`)
    .join(', ');
  const items = problems
    .map(
      (p) => `<li class="problem severity-${p.severity}">
<button type="button" class="reveal" data-reveal-line="${p.start.line | 0}" data-reveal-character="${p.start.character | 0}" title="Show in the editor">
<span class="severity" aria-label="${SEVERITY_LABEL[p.severity]}">${SEVERITY_LABEL[p.severity]}</span>
<span class="message">${inlineCode(p.message)}</span>
<span class="where"><code>${esc(p.code)}</code> line ${(p.start.line | 0) + 1}</span>
</button>
</li>`,
    )
    .join('\n');
  return `<section class="problems" data-role="problems"><h2>Problems <span class="count">${esc(counts)}</span></h2>
<ul>
${items}
</ul>
</section>`;
}

// ------------------------------------------------------------------------------------------------ tools

function toolTitle(t: PreviewTool): string {
  switch (t.status) {
    case 'known':
      return t.note ? `Built-in tool; ${t.note}` : 'Built-in tool';
    case 'mcp':
      return 'MCP tool';
    case 'rule':
      return 'Tool with a permission rule';
    case 'legacy':
      return t.replacement ? `Legacy name: use ${t.replacement}` : 'Legacy name';
    case 'unknown':
      return 'Unknown tool: Claude Code does not know this name';
  }
}

function renderChip(t: PreviewTool, denied: boolean): string {
  const badge =
    t.status === 'legacy'
      ? `<span class="badge">legacy${t.replacement ? ` → ${esc(t.replacement)}` : ''}</span>`
      : t.status === 'unknown'
        ? '<span class="badge">unknown</span>'
        : t.status === 'mcp'
          ? '<span class="badge">MCP</span>'
          : t.note
            ? `<span class="badge">${esc(t.note)}</span>`
            : '';
  return `<li class="chip tool-${t.status}${denied ? ' denied' : ''}${t.note ? ' noted' : ''}" title="${esc(toolTitle(t))}"><code>${esc(t.name)}</code>${badge}</li>`;
}

function renderTools(model: PreviewModel): string {
  let allowed: string;
  if (model.tools === undefined) {
    allowed =
      '<ul class="chips" data-role="tools"><li class="chip tool-inherited"><span>All tools (inherited)</span></li></ul><p class="note">No <code>tools</code> field: the agent gets every tool of the main conversation.</p>';
  } else if (model.tools.length === 0) {
    allowed = '<ul class="chips" data-role="tools"><li class="chip tool-none"><span>No tools</span></li></ul>';
  } else {
    allowed = `<ul class="chips" data-role="tools">${model.tools.map((t) => renderChip(t, false)).join('')}</ul>`;
  }
  const denied =
    model.disallowedTools.length > 0
      ? `<h3>Denied</h3><ul class="chips" data-role="disallowed-tools">${model.disallowedTools.map((t) => renderChip(t, true)).join('')}</ul>`
      : '';
  return `<section class="tools"><h2>Tools</h2>
${allowed}
${denied}
</section>`;
}

// ------------------------------------------------------------------------------------------ description

function renderDescription(model: PreviewModel): string {
  const examples = model.examples.filter((e) => e.location === 'description');
  const text =
    model.description === undefined
      ? '<p class="missing">No description: Claude Code does not know when to use this agent.</p>'
      : model.description.trim() === ''
        ? '<p class="missing">(only examples)</p>'
        : prose(model.description);
  const exampleHtml = examples.length > 0 ? `<h3>Examples</h3>\n<div class="examples">${examples.map((e, k) => renderExample(e, k + 1)).join('\n')}</div>` : '';
  return `<section class="description" data-role="description"><h2>When Claude uses it</h2>
<div class="prose">${text}</div>
${exampleHtml}
</section>`;
}

const ROLE_LABEL: Record<PreviewExample['turns'][number]['role'], string> = { context: 'Context', user: 'User', assistant: 'Claude' };

function renderExample(e: PreviewExample, n: number): string {
  const turns = e.turns
    .map((t) =>
      t.role === 'context'
        ? `<p class="context"><span class="label">Context</span> ${lines(t.text)}</p>`
        : `<div class="turn turn-${t.role}"><span class="label">${ROLE_LABEL[t.role]}</span><div class="bubble">${lines(t.text)}</div></div>`,
    )
    .join('\n');
  const commentary = e.commentary.map((c) => `<aside class="commentary"><span class="label">Why</span> ${lines(c)}</aside>`).join('\n');
  return `<figure class="example" data-role="example" data-line="${e.line | 0}">
<figcaption><button type="button" class="reveal" data-reveal-line="${e.line | 0}" data-reveal-character="${e.character | 0}" title="Show in the editor">Example ${n}</button></figcaption>
${turns || '<p class="missing">(no turns)</p>'}
${commentary}
</figure>`;
}

// ------------------------------------------------------------------------------------------------- body

function renderBody(model: PreviewModel): string {
  const content = model.body.trim() === '' ? '<p class="missing">The body is empty: the agent has no system prompt.</p>' : renderMarkdown(model.body, model.bodyLine);
  return `<section class="body" data-role="body"><h2>System prompt</h2>
<article class="markdown">${content}</article>
</section>`;
}

let markdown: InstanceType<typeof MarkdownIt> | undefined;

/** The body's Markdown as HTML: raw HTML off, links validated, images as links, source lines kept. */
export function renderMarkdown(src: string, lineOffset = 0): string {
  markdown ??= createMarkdown();
  return markdown.render(src, { lineOffset });
}

function createMarkdown(): InstanceType<typeof MarkdownIt> {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, highlight: highlightFence });
  // markdown-it's own check refuses javascript:, vbscript: and file:, and data: except some images;
  // we load no images, so data: goes too.
  const validate = md.validateLink.bind(md);
  md.validateLink = (url: string) => validate(url) && !/^\s*data:/i.test(url);

  // `data-line` on block elements: the editor line each comes from (double-click reveals it; scroll sync
  // maps positions through it).
  md.core.ruler.push('source_lines', (state) => {
    const offset = Number((state.env as { lineOffset?: number }).lineOffset) || 0;
    for (const token of state.tokens) {
      if (token.map && token.nesting >= 0 && token.level === 0) token.attrSet('data-line', String(token.map[0] + offset));
    }
  });

  // Images are never loaded: each becomes a link to its address, labelled with its alt text.
  md.renderer.rules.image = (tokens, idx, _options, env, self) => {
    const token = tokens[idx];
    const alt = self.renderInlineAsText(token.children ?? [], md.options, env) || 'image';
    const src = String(token.attrGet('src') ?? '');
    return `<a class="image-link" href="${esc(src)}" title="${esc(`Image (not loaded): ${src}`)}">[image: ${esc(alt)}]</a>`;
  };
  return md;
}

/** Fenced code in colour, up to HIGHLIGHT_LIMIT; longer code is left to markdown-it, which escapes it. */
function highlightFence(code: string, lang: string): string {
  return code.length > HIGHLIGHT_LIMIT ? '' : highlight(code, lang);
}

// ------------------------------------------------------------------------------------------------- text

/** Paragraphs split at blank lines (nothing but spaces and tabs), single line breaks kept. */
export function prose(text: string): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const close = () => {
    const p = current.join('\n').trim();
    if (p !== '') paragraphs.push(`<p>${lines(p)}</p>`);
    current = [];
  };
  for (const line of text.split('\n')) {
    if (isBlank(line)) close();
    else current.push(line);
  }
  close();
  return paragraphs.join('\n');
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (line[i] !== ' ' && line[i] !== '\t') return false;
  return true;
}

/** Escaped text with `code` spans, line breaks as <br>. */
function lines(text: string): string {
  return text
    .split('\n')
    .map((l) => inlineCode(l))
    .join('<br>');
}

/**
 * Escaped text in which `backticked` spans (on one line, not empty) become <code>. Escaping comes first,
 * so nothing else can. One pass: each backtick either opens a span with the next one or is left as it is.
 */
export function inlineCode(text: string): string {
  const s = esc(text);
  let out = '';
  let at = 0;
  let newline = -1; // the first line break after `open`, once looked up (Infinity: none)
  for (let open = s.indexOf('`'); open >= 0;) {
    const close = s.indexOf('`', open + 1);
    if (close < 0) break;
    if (newline <= open) {
      const next = s.indexOf('\n', open + 1);
      newline = next < 0 ? Infinity : next;
    }
    if (close > open + 1 && newline > close) {
      out += `${s.slice(at, open)}<code>${s.slice(open + 1, close)}</code>`;
      at = close + 1;
      open = s.indexOf('`', at);
    } else {
      open = close;
    }
  }
  return out + s.slice(at);
}

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count with thousands separators: 12,345. */
function num(n: number): string {
  return COUNT.format(Math.round(n));
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
