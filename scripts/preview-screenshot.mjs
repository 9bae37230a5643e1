// Renders the preview of one agent file with the real render function and takes a screenshot of it in
// headless Chromium, with VS Code's dark theme variables. (The screenshot from inside VS Code is taken by
// the integration harness; this one needs no editor.)
//
//   npm run compile-tests && node scripts/preview-screenshot.mjs <agent.md> <out.png> [width] [height]
//
// Chromium: /usr/bin/chromium, or CHROMIUM_PATH.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { renderPreviewHtml } = require(path.join(root, 'out/client/src/preview/render.js'));
const helpers = require(path.join(root, 'out/test/preview-helpers.js'));

const [file, out, width = '760', height = '1180'] = process.argv.slice(2);
if (!file || !out) {
  console.error('usage: node scripts/preview-screenshot.mjs <agent.md> <out.png> [width] [height]');
  process.exit(2);
}
if (helpers.needsChromium) {
  console.error(helpers.needsChromium);
  process.exit(2);
}

const text = readFileSync(file, 'utf8');
const model = helpers.previewOf(text, `/workspace/.claude/agents/${path.basename(file)}`);
const server = await helpers.servePreview();
const browser = await helpers.launchChromium();
try {
  const theme = server.css('/theme.css', helpers.VSCODE_DARK_THEME);
  const url = server.page('/index.html', helpers.withTheme(renderPreviewHtml(model, server.renderOptions()), theme));
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) }, deviceScaleFactor: 1 });
  await page.addInitScript(() => {
    globalThis.acquireVsCodeApi = () => ({ postMessage() {}, setState() {}, getState() {} });
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
