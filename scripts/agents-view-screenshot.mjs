#!/usr/bin/env node
// Takes docs/agents-view.png: the Agents view of a sample session (a project with a subfolder, the folder
// above it, a user folder), a shadowed user agent open beside it and its preview, in a real VS Code
// (code-server) driven by headless Chromium with playwright-core.
//
//   npm run build && node scripts/agents-view-screenshot.mjs [out.png]
//
// code-server runs with HOME set to the sample's own home folder, so its ~/.claude/agents is the sample's.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, freePort, killGroup, launchBrowser, makeSessionDirs, remoteUri, startCodeServer, waitForHttp, withTimeout, workbenchUrl } from './lib/code-server.mjs';
import { scriptSteps } from './lib/steps.mjs';

const TAG = '[agents-view-screenshot]';
const { step } = scriptSteps(TAG);
const out = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, 'docs/agents-view.png'));
for (const f of ['dist/extension.js', 'dist/server.js']) {
  if (!existsSync(path.join(REPO_ROOT, f))) {
    console.error(`${TAG} ${f} is missing: run npm run build first`);
    process.exit(2);
  }
}
step('installing code-server failed', 'bash', ['scripts/setup-code-server.sh']);

const agent = (name, description, extra = '') => `---\nname: ${name}\ndescription: ${description}\n${extra}---\nYou help.\n`;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'agents-view-shot-'));
const repo = path.join(tmp, 'shop');
const ws = path.join(repo, 'web');
const home = path.join(tmp, 'home');
const files = {
  [path.join(repo, '.git/HEAD')]: 'ref: refs/heads/main\n',
  [path.join(repo, '.claude/agents/release-manager.md')]: agent(
    'release-manager',
    'Use it before a release to check the changelog and the version.',
    'model: haiku\ntools: Read, Grep, Bash\n',
  ),
  [path.join(ws, '.claude/agents/code-reviewer.md')]: agent(
    'code-reviewer',
    'Use proactively after code changes to review them for bugs and style.',
    'model: sonnet\ntools: Read, Grep, Glob\n',
  ),
  [path.join(ws, '.claude/agents/test-writer.md')]: agent('test-writer', 'Use it when a change needs tests.', 'model: sonnet\ntools: Read, Edit, Write, Bash\n'),
  [path.join(ws, '.claude/agents/frontend/accessibility.md')]: agent('accessibility-auditor', 'Use it to audit pages for accessibility.', 'tools: Read, Grep\n'),
  [path.join(ws, '.claude/agents/docs-writer.md')]: '---\nname: docs-writer\n---\nWrites the docs.\n',
  [path.join(home, '.claude/agents/code-reviewer.md')]: agent('code-reviewer', 'My own reviewer, for every project.', 'model: opus\n'),
  [path.join(home, '.claude/agents/explainer.md')]: agent('explainer', 'Use it to explain unfamiliar code.', 'model: haiku\ntools: Read, Grep, Glob\n'),
};
for (const [file, text] of Object.entries(files)) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const { dirs } = makeSessionDirs({ root: path.join(tmp, 'session'), settings: { 'workbench.tips.enabled': false, 'git.enabled': false } });
process.env.HOME = home; // code-server, its extension host and the language server read the sample's home
const port = await freePort();
const authority = `127.0.0.1:${port}`;
const { server, serverExited } = startCodeServer({ authority, dirs, workspace: ws });
let context;
try {
  await waitForHttp(port, serverExited);
  context = await launchBrowser(dirs.chrome, { viewport: { width: 1400, height: 760 } });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(
    workbenchUrl(authority, ws, [
      ['extensionDevelopmentPath', remoteUri(authority, REPO_ROOT)],
      ['skipWelcome', 'true'],
    ]),
  );
  // The Agents view unfolded, the folders' own section folded so that it has the room.
  const agentsHeader = page.locator('.pane-header', { hasText: /claude agents/i });
  await agentsHeader.waitFor({ timeout: 60_000 });
  if ((await agentsHeader.getAttribute('aria-expanded')) !== 'true') await agentsHeader.click();
  const folders = page.locator('.pane-header', { hasText: /^web$/i }).first();
  if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
  // A wider side bar, so that the header's count and cost show whole.
  const sash = await page.locator('.part.sidebar').boundingBox();
  if (sash) {
    await page.mouse.move(sash.x + sash.width - 1, sash.y + sash.height / 2);
    await page.mouse.down();
    await page.mouse.move(sash.x + 420, sash.y + sash.height / 2, { steps: 5 });
    await page.mouse.up();
  }
  const shadowed = page.locator('.monaco-list-row[aria-label^="code-reviewer, shadowed by"]');
  await shadowed.waitFor({ timeout: 60_000 });
  await shadowed.click();
  await page.locator('.tab[aria-label^="code-reviewer.md"]').first().waitFor({ timeout: 30_000 });
  await page.locator('.editor-actions [aria-label^="Open Preview to the Side"]').first().click();
  await withTimeout(
    (async () => {
      for (;;) {
        for (const f of page.frames()) if (await f.$('[data-role="shadowing"]').catch(() => null)) return;
        await page.waitForTimeout(200);
      }
    })(),
    30_000,
  );
  // A row's tooltip: the line Claude Code gives the main conversation.
  await page.locator('.monaco-list-row[aria-label^="explainer, loads"]').hover();
  await page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'The main conversation is told' }).first().waitFor({ timeout: 15_000 });
  // Let the workbench paint the diagnostics and the webview before the picture is taken.
  await page.waitForTimeout(1000);
  await page.screenshot({ path: out });
  console.log(`${TAG} wrote ${path.relative(process.cwd(), out)} (${readFileSync(out).length} bytes)`);
} catch (e) {
  const shot = path.join(os.tmpdir(), 'agents-view-screenshot-failed.png');
  await context
    ?.pages()[0]
    ?.screenshot({ path: shot })
    .catch(() => {});
  console.error(`${TAG} ${e?.message ?? e}\n${TAG} the page as it was: ${shot}`);
  process.exitCode = 1;
} finally {
  await context?.close().catch(() => {});
  await killGroup(server);
  rmSync(tmp, { recursive: true, force: true });
}
