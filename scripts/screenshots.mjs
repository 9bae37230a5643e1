#!/usr/bin/env node
// Takes the screenshots of the extension under docs/ as a user meets it: a real VS Code (code-server) with
// this folder loaded as the extension in development mode, in headless Chromium, driven with the keyboard.
//
//   docs/quick-fix.png           the quick-fix menu (Ctrl+. on the YAML error of an agent Claude Code skips)
//   docs/completion.png          completion after `model: ` in the frontmatter
//   docs/preview-loads.png       the preview of an agent that loads
//   docs/preview-not-loaded.png  the preview of an agent that does not load
//
//   node scripts/screenshots.mjs [--no-build] [--only quick-fix,completion,...] [--out <dir>]
//   (TEST_VSCODE_VERSION=1.139 for the newer VS Code; SUBAGENT_STUDIO_THEME="Default Light Modern" for a theme)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  REPO_ROOT,
  codeServerInstalled,
  freePort,
  killGroup,
  launchBrowser,
  makeSessionDirs,
  remoteUri,
  startCodeServer,
  waitForHttp,
  workbenchUrl,
} from './lib/code-server.mjs';
import { scriptSteps } from './lib/steps.mjs';

const TAG = '[screenshots]';
const { step, fail } = scriptSteps(TAG);
const SHOTS = ['quick-fix', 'completion', 'preview-loads', 'preview-not-loaded'];
const { values: opts } = parseArgs({
  options: { 'no-build': { type: 'boolean' }, only: { type: 'string' }, out: { type: 'string', default: path.join(REPO_ROOT, 'docs') } },
});
const wanted = new Set(opts.only ? opts.only.split(',') : SHOTS);
for (const w of wanted) if (!SHOTS.includes(w)) fail(`no screenshot "${w}" (have: ${SHOTS.join(', ')})`);

const AGENTS = {
  // Loads: a block-scalar description with an example, tools, a model and a colour.
  'code-reviewer.md': `---
name: code-reviewer
description: |-
  Use this agent right after a change is made, to review it before it is committed. Examples:
  <example>
  Context: The user has finished a feature.
  user: "I've added the retry logic, can you check it?"
  assistant: "I'll use the code-reviewer agent to review the change."
  <commentary>
  A finished change, not yet committed: what the reviewer is for.
  </commentary>
  </example>
tools: Read, Grep, Glob, Bash(git diff *)
model: sonnet
color: blue
---

# Role

You review the changes of the current branch before they are committed.

## How you work

1. Run \`git diff\` and read every changed file in full.
2. Look for defects first: wrong logic, missed cases, unsafe input handling.
3. Then for what makes the change hard to keep: names, duplication, missing tests.

## What you report

One list, the most serious first. For each item: the file and line, what is wrong, and a fix.
`,
  // Not loaded: the description runs over two lines and holds \`: \`, which Claude Code's rewrite does not reach.
  'release-notes.md': `---
name: release-notes
description: Use this agent to write the release notes of a version from its merged pull requests.
  Examples: Context: a release is tagged. user: "Write the notes for v2.4" assistant: "I'll use the release-notes agent to write them."
tools: Read, Grep, Bash(git log *)
model: haiku
color: green
---

You write release notes. Read the pull requests merged since the last tag and group them by what a user notices.
`,
  // Completion after \`model: \`.
  'design-notes.md': `---
name: design-notes
description: Use this agent to turn an issue into a one-page design note.
tools: Read, Grep, WebFetch
model: 
---

You write a design note: the problem, the options with their costs, and the one you recommend.
`,
};

if (!opts['no-build']) step('the build failed', process.execPath, ['scripts/build.mjs']);
if (!codeServerInstalled()) console.log(`${TAG} installing code-server (once)`);
step('installing code-server failed', 'bash', ['scripts/setup-code-server.sh']);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'screenshots-'));
const workspace = path.join(tmp, 'workspace');
mkdirSync(path.join(workspace, '.claude/agents'), { recursive: true });
for (const [name, text] of Object.entries(AGENTS)) writeFileSync(path.join(workspace, '.claude/agents', name), text);
const { dirs } = makeSessionDirs({
  root: path.join(tmp, 'session'),
  settings: {
    'workbench.tips.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'editor.minimap.enabled': false,
    ...(process.env.SUBAGENT_STUDIO_THEME ? { 'workbench.colorTheme': process.env.SUBAGENT_STUDIO_THEME } : {}),
  },
});

const port = await freePort();
const authority = `127.0.0.1:${port}`;
const { server, serverExited, log } = startCodeServer({ authority, dirs, workspace });
let context;
let page;
let code = 1;
try {
  await waitForHttp(port, serverExited);
  context = await launchBrowser(dirs.chrome, { viewport: { width: 1400, height: 860 } });
  page = context.pages()[0] ?? (await context.newPage());
  const agent = (name) => remoteUri(authority, path.join(workspace, '.claude/agents', name));
  await page.goto(
    workbenchUrl(authority, workspace, [
      ['extensionDevelopmentPath', remoteUri(authority, REPO_ROOT)],
      ['openFile', agent('release-notes.md')],
      ['skipWelcome', 'true'],
    ]),
  );
  // The editor, with the error underlined: the extension has started and the server has checked the file.
  await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 90_000 });
  await page.keyboard.press('Escape');

  if (wanted.has('quick-fix')) {
    await page.keyboard.press('F8'); // the cursor to the first problem (and its peek, closed again)
    await page.waitForSelector('.marker-widget', { timeout: 10_000 }).catch(() => undefined);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+.');
    await page.waitForSelector('.action-widget', { state: 'visible', timeout: 10_000 });
    await shoot(page, 'quick-fix');
    await page.keyboard.press('Escape');
  }

  if (wanted.has('preview-not-loaded') || wanted.has('preview-loads')) {
    await command(page, 'Subagent Studio: Open Preview to the Side');
    await inWebview(page, '[data-state="not-loaded"]');
    if (wanted.has('preview-not-loaded')) await shoot(page, 'preview-not-loaded');
    await quickOpen(page, 'code-reviewer.md');
    await inWebview(page, '[data-state="loads"]');
    if (wanted.has('preview-loads')) await shoot(page, 'preview-loads');
    await command(page, 'View: Close All Editors');
  }

  if (wanted.has('completion')) {
    await quickOpen(page, 'design-notes.md');
    await page.keyboard.press('Control+G');
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    // Asked again until the list shows: right after the file opens the server may not have it yet.
    for (let tries = 1; ; tries++) {
      await page.keyboard.press('Control+Space');
      const shown = await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: 5_000 }).catch(() => null);
      if (shown) break;
      if (tries === 6) throw new Error('no completion list after `model: `');
      await page.keyboard.press('Escape');
    }
    await settle(page);
    await shoot(page, 'completion');
  }
  code = 0;
} catch (e) {
  const shot = path.join(os.tmpdir(), `screenshots-failed-${Date.now()}.png`);
  if (page)
    await page.screenshot({ path: shot }).then(
      () => console.error(`${TAG} the page when it failed: ${shot}`),
      () => undefined,
    );
  console.error(`${TAG} ${e?.stack ?? e}\n${TAG} code-server's output:\n${log().trimEnd().split('\n').slice(-30).join('\n')}`);
} finally {
  await context?.close().catch(() => undefined);
  await killGroup(server);
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);

// ---------------------------------------------------------------------------------------------
async function shoot(page, name) {
  await settle(page);
  const file = path.join(opts.out, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`${TAG} wrote ${path.relative(process.cwd(), file)}`);
}

/** Two animation frames and a short pause: the workbench has painted what it was asked to show. */
async function settle(page) {
  await page.evaluate(() => new Promise((r) => globalThis.requestAnimationFrame(() => globalThis.requestAnimationFrame(r))));
  await page.waitForTimeout(600);
}

/** Runs a command from the Command Palette by its title. */
async function command(page, title) {
  await pick(page, 'F1', title, title.split(': ').pop());
}

/** Opens a file through Quick Open (Ctrl+P). */
async function quickOpen(page, name) {
  await pick(page, 'Control+P', name, name);
  await page.waitForSelector(`.tab.active[aria-label*="${name}"]`);
}

/** Opens the quick input with `key`, types `text`, and takes the row whose label has `row` once it shows. */
async function pick(page, key, text, row) {
  await page.keyboard.press(key);
  await page.waitForSelector('.quick-input-widget', { state: 'visible' });
  await page.keyboard.type(text);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${row}"]`);
  await page.keyboard.press('Enter');
}

/** Waits until a frame of the page (the preview's webview lives in nested frames) has `selector`. */
async function inWebview(page, selector, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) if (await frame.$(selector).catch(() => null)) return;
    if (Date.now() > deadline) throw new Error(`no frame shows ${selector}`);
    await page.waitForTimeout(100);
  }
}
