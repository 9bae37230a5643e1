/**
 * Helpers of the preview tests: the model as the server builds it, and a way to load rendered preview
 * HTML in headless Chromium.
 *
 * Browser: loads rendered preview HTML in headless Chromium (playwright-core and the system's chromium), served from
 * 127.0.0.1 the way a webview serves it: the document, plus our media/preview.css and media/preview.js as
 * the only other resources (what `webview.cspSource` allows).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import type { RenderOptions } from '../client/src/preview/render';
import { lintText } from '../server/src/core/lint';
import { buildPreviewModel } from '../server/src/core/preview-model';
import type { PreviewModel } from '../server/src/protocol';
import { fixture, REPO_ROOT } from './helpers';

/** What the server does for the `subagentStudio/previewModel` request. */
export function previewOf(text: string, file = '/work/.claude/agents/agent.md', version = 1): PreviewModel {
  const { agent, claude, findings } = lintText(text, { fileName: file });
  return buildPreviewModel({ uri: `file://${file}`, version, text, agent, claude, findings });
}

/** The text content of an HTML fragment, entities decoded (enough for our own markup). */
export function textOf(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The preview model of `test/fixtures/preview/<name>`. */
export function previewFixture(name: string): PreviewModel {
  return previewOf(fixture(`preview/${name}`), `/work/.claude/agents/${name}`);
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Reason to skip a browser test, or undefined when Chromium is there. */
export const needsChromium: string | undefined = existsSync(CHROMIUM_PATH)
  ? undefined
  : `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
if (needsChromium) console.log(`# skipping browser tests: ${needsChromium}`);

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface PreviewServer {
  origin: string;
  /** Serve this HTML at `pathname` (e.g. `/case/3.html`). */
  page(pathname: string, html: string): string;
  /** Serve this CSS at `pathname`. */
  css(pathname: string, css: string): string;
  /** Render options whose CSP source and media URIs point at this server, with a fresh nonce. */
  renderOptions(): RenderOptions;
  close(): Promise<void>;
}

const MEDIA = path.join(REPO_ROOT, 'media');

export async function servePreview(): Promise<PreviewServer> {
  const files = new Map<string, { type: string; body: string }>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let file = files.get(url.pathname);
    if (!file && /^\/media\/preview\.(css|js)$/.test(url.pathname)) {
      const name = url.pathname.slice('/media/'.length);
      file = { type: name.endsWith('.css') ? 'text/css' : 'text/javascript', body: readFileSync(path.join(MEDIA, name), 'utf8') };
    }
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': `${file.type}; charset=utf-8`, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    page(pathname, html) {
      files.set(pathname, { type: 'text/html', body: html });
      return origin + pathname;
    },
    css(pathname, css) {
      files.set(pathname, { type: 'text/css', body: css });
      return origin + pathname;
    },
    renderOptions() {
      return {
        nonce: randomBytes(18).toString('base64'),
        cspSource: origin,
        styleUri: `${origin}/media/preview.css`,
        scriptUri: `${origin}/media/preview.js`,
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Theme variables as VS Code's Dark Modern theme gives them to a webview (the ones preview.css uses). */
export const VSCODE_DARK_THEME = `:root {
  --vscode-font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Ubuntu", "Droid Sans", sans-serif;
  --vscode-font-size: 13px;
  --vscode-editor-font-family: "Droid Sans Mono", "DejaVu Sans Mono", monospace;
  --vscode-editor-font-size: 13px;
  --vscode-foreground: #cccccc;
  --vscode-descriptionForeground: #9d9d9d;
  --vscode-editor-background: #1f1f1f;
  --vscode-editorWidget-background: #202020;
  --vscode-widget-border: #313131;
  --vscode-textCodeBlock-background: #2b2b2b;
  --vscode-textBlockQuote-background: #2b2b2b;
  --vscode-textBlockQuote-border: #616161;
  --vscode-textLink-foreground: #4daafc;
  --vscode-textLink-activeForeground: #4daafc;
  --vscode-focusBorder: #0078d4;
  --vscode-problemsErrorIcon-foreground: #f14c4c;
  --vscode-problemsWarningIcon-foreground: #cca700;
  --vscode-problemsInfoIcon-foreground: #3794ff;
  --vscode-badge-background: #616161;
  --vscode-badge-foreground: #f8f8f8;
  --vscode-editor-inactiveSelectionBackground: #3a3d41;
  --vscode-inputOption-activeBackground: #2489db82;
  --vscode-inputValidation-errorBackground: #5a1d1d;
  --vscode-inputValidation-errorBorder: #be1100;
  --vscode-inputValidation-warningBackground: #352a05;
  --vscode-inputValidation-warningBorder: #b89500;
  --vscode-inputValidation-infoBackground: #063b49;
  --vscode-inputValidation-infoBorder: #007acc;
  --vscode-list-hoverBackground: #2a2d2e;
  --vscode-charts-red: #f14c4c;
  --vscode-charts-blue: #3794ff;
  --vscode-charts-green: #89d185;
  --vscode-charts-yellow: #cca700;
  --vscode-charts-orange: #d18616;
  --vscode-charts-purple: #b180d7;
  --vscode-terminal-ansiCyan: #11a8cd;
  --vscode-debugTokenExpression-name: #c586c0;
  --vscode-debugTokenExpression-value: #cccccc99;
  --vscode-debugTokenExpression-string: #ce9178;
  --vscode-debugTokenExpression-number: #b5cea8;
}
`;

/** Adds a theme stylesheet (served from the same origin, so the CSP allows it) and VS Code's body class. */
export function withTheme(html: string, themeUrl: string, bodyClass = 'vscode-dark'): string {
  return html.replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${themeUrl}">\n<link rel="stylesheet"`).replace('<body>', `<body class="${bodyClass}">`);
}
