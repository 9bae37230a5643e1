#!/usr/bin/env node
// Release smoke test: what users get, tested. Packages the extension (`npm run package`, into a temp
// dir) or takes an existing .vsix, checks its contents against the .vscodeignore allow-list, installs it
// into a fresh extensions dir with code-server's `--install-extension` (NOT the development folder),
// opens a workspace whose .claude/agents/ holds the generator-written persona, and checks in headless
// Chromium, as a person would see it, that the YAML error shows:
//   quick open (Ctrl+P) the agent file -> the status bar says "Claude Agent" -> a warning squiggle ->
//   Problems panel (Ctrl+Shift+M) lists "Not valid YAML ..." with the code yaml-needs-rewrite (Claude Code
//   loads the persona by its rewrite; strict YAML readers reject it).
//
//   node test/release/smoke.mjs [--vsix <file> | <file>] [--agent <file.md>] [--screenshot <png>]
//                               [--keep-vsix <file>] [--skip-contents] [--timeout-ms N]
//
//   --vsix      test this .vsix instead of packaging one
//   --keep-vsix copy the packaged .vsix there (scripts/run-tests.mjs installs one package into each VS Code)
//   --skip-contents  leave out the contents check (for a .vsix already checked)
//   --agent     the agent file to open (default ../shared/personas/003-backend-architect.md, or
//               test/fixtures/integration/backend-architect.md when ../shared is absent); pointing it at a
//               valid agent file must make the test fail
//   --screenshot  also write a screenshot of the final state (one is always written on failure, to
//               .vscode-test/release-smoke-failure.png)
//
// Prints mocha-like lines ("N passing" / "N failing") for scripts/run-tests.mjs. Exit code 0 when all
// passed, 1 when one failed, 2 on bad usage or a missing code-server install.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CODE_SERVER_DIR,
  codeServerInstalled,
  freePort,
  installVsix,
  launchBrowser,
  makeSessionDirs,
  sessionCleanup,
  startCodeServer,
  waitForHttp,
  withTimeout,
  workbenchUrl,
} from '../../scripts/lib/code-server.mjs';
import { MAX_VSIX_BYTES, REPO_ROOT, checkPackageContents, kb, packageVsix } from './package-contents.mjs';

const TAG = '[smoke]';
const PERSONA = path.resolve(REPO_ROOT, '../shared/personas/003-backend-architect.md');
const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/integration/backend-architect.md');
const FAILURE_SHOT = path.join(REPO_ROOT, '.vscode-test/release-smoke-failure.png');
const EXTENSION_ID = 'subagent-studio.subagent-studio';

function usage(msg) {
  if (msg) console.error(`${TAG} ${msg}`);
  console.error(
    'usage: node test/release/smoke.mjs [--vsix <file> | <file>] [--agent <file.md>] ' + '[--screenshot <png>] [--keep-vsix <file>] [--skip-contents] [--timeout-ms N]',
  );
  process.exit(2);
}

let opts, positionals;
try {
  ({ values: opts, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      vsix: { type: 'string' },
      agent: { type: 'string' },
      screenshot: { type: 'string' },
      'keep-vsix': { type: 'string' },
      'skip-contents': { type: 'boolean', default: false },
      'timeout-ms': { type: 'string', default: '240000' },
    },
  }));
} catch (e) {
  usage(e.message);
}
if (positionals.length > 1 || (positionals.length && opts.vsix)) usage('give one .vsix at most');
const givenVsix = opts.vsix ?? positionals[0];
if (givenVsix && !existsSync(givenVsix)) usage(`${givenVsix} does not exist`);
const agentSource = opts.agent ? path.resolve(opts.agent) : existsSync(PERSONA) ? PERSONA : FIXTURE;
if (!existsSync(agentSource)) usage(`agent file ${agentSource} does not exist`);
const timeoutMs = Number(opts['timeout-ms']);
if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) usage(`bad --timeout-ms ${opts['timeout-ms']}`);
if (!codeServerInstalled()) {
  console.error(`${TAG} code-server not found in ${CODE_SERVER_DIR}: run bash scripts/setup-code-server.sh first`);
  process.exit(2);
}

const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const results = []; // { title, error?, note? }
const tStart = Date.now();
const { tmp, dirs } = makeSessionDirs({ prefix: 'vsix-smoke-' });
let server,
  context,
  serverLog = () => '';
const cleanup = sessionCleanup(tmp, () => ({ context, server }), { tag: TAG });

// A bound on the whole run (packaging included): on expiry end everything and report a failure.
setTimeout(async () => {
  console.error(`${TAG} TIMEOUT: the smoke test did not finish within ${timeoutMs} ms`);
  await cleanup();
  console.log(`\n  ${results.filter((r) => !r.error).length} passing\n  ${results.filter((r) => r.error).length + 1} failing`);
  process.exit(1);
}, timeoutMs).unref();

console.log('\n  release: the packaged extension');
try {
  // 1. The package ------------------------------------------------------------------------------
  let vsix;
  let tPackage = 0;
  try {
    if (givenVsix) {
      vsix = path.resolve(givenVsix);
      console.log(`${TAG} testing the given ${vsix}`);
    } else {
      const t = Date.now();
      console.log(`${TAG} npm run package ...`);
      vsix = await packageVsix(tmp);
      tPackage = Date.now() - t;
      console.log(`${TAG} packaged ${path.basename(vsix)} in ${secs(tPackage)}`);
      if (opts['keep-vsix']) copyFileSync(vsix, path.resolve(opts['keep-vsix']));
    }
  } catch (err) {
    record('packages into a .vsix', err);
  }

  if (vsix && !opts['skip-contents']) {
    await test(`the .vsix holds only allow-listed files (.vscodeignore), no src/test/node_modules/source maps, under ${kb(MAX_VSIX_BYTES)}`, async () => {
      const r = await checkPackageContents(vsix);
      console.log(`${TAG} .vsix size ${kb(r.size)} (${r.size} bytes), ${r.files.length} files listed by vsce ls, ${r.entries.length} zip entries`);
      if (r.problems.length) throw new Error(r.problems.join('\n'));
      return kb(r.size);
    });
  }

  // 2. Installed, in VS Code ----------------------------------------------------------------------
  await test('installed from the .vsix, a persona with the generator\'s YAML defect shows "Not valid YAML" (yaml-needs-rewrite) in the Problems panel', async () => {
    if (!vsix) throw new Error('no .vsix to install (packaging failed)');
    const tInstall = Date.now();
    const out = await installVsix(vsix, dirs);
    const installed = readdirSync(dirs.extensions).filter((d) => d.toLowerCase().startsWith(`${EXTENSION_ID}-`));
    if (installed.length !== 1 || !existsSync(path.join(dirs.extensions, installed[0], 'package.json'))) {
      throw new Error(`--install-extension did not put ${EXTENSION_ID} into ${dirs.extensions}:\n${out}`);
    }
    console.log(`${TAG} installed ${installed[0]} in ${secs(Date.now() - tInstall)} (${out.trim().split('\n').pop()})`);

    const ws = path.join(tmp, 'workspace');
    const agentName = agentSource === PERSONA ? 'backend-architect.md' : path.basename(agentSource);
    mkdirSync(path.join(ws, '.claude/agents'), { recursive: true });
    copyFileSync(agentSource, path.join(ws, '.claude/agents', agentName));
    console.log(`${TAG} workspace ${ws} with .claude/agents/${agentName} (from ${path.relative(REPO_ROOT, agentSource)})`);

    const tRun = Date.now();
    const port = await freePort();
    const authority = `127.0.0.1:${port}`;
    let serverExited;
    // No extensionDevelopmentPath anywhere: the only copy of the extension is the installed one.
    ({ server, serverExited, log: serverLog } = startCodeServer({ authority, dirs, workspace: ws }));
    await waitForHttp(port, serverExited);

    context = await launchBrowser(dirs.chrome);
    const page = context.pages()[0] ?? (await context.newPage());
    const died = Promise.race([
      serverExited.then(({ code, sig }) => {
        throw new Error(`code-server exited (code ${code}, signal ${sig})`);
      }),
      new Promise((_, reject) => page.once('crash', () => reject(new Error('the browser page crashed')))),
    ]);
    died.catch(() => {});
    const step = async (what, fn, ms = 60_000) => {
      try {
        return await Promise.race([withTimeout(fn(), ms + 5_000), died]);
      } catch (err) {
        throw new Error(`${what}: ${err?.message?.split('\n')[0] ?? err}`, { cause: err });
      }
    };

    try {
      await page.goto(workbenchUrl(authority, ws));
      await step('the workbench did not show', () => page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 90_000 }), 90_000);

      // Quick open: Ctrl+P, type the file name, wait for it in the list, Enter.
      await step(
        'quick open (Ctrl+P) did not open',
        async () => {
          await page
            .locator('.monaco-workbench')
            .click({ position: { x: 640, y: 300 } })
            .catch(() => {});
          await page.keyboard.press('Control+P');
          await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 30_000 });
        },
        30_000,
      );
      await page.keyboard.type(agentName);
      const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: agentName }).first();
      await step(`quick open did not list ${agentName}`, () => pick.waitFor({ state: 'visible', timeout: 60_000 }));
      await page.keyboard.press('Enter');
      await step(`${agentName} did not open in an editor`, () => page.locator('.tab.active', { hasText: agentName }).waitFor({ state: 'visible', timeout: 30_000 }), 30_000);

      // The language mode in the status bar: the file is a Claude Agent file, not Markdown.
      const mode = page.locator('[id="status.editor.mode"]');
      await step(
        'the status bar does not show the language "Claude Agent"',
        () => mode.filter({ hasText: 'Claude Agent' }).waitFor({ state: 'visible', timeout: 30_000 }),
        30_000,
      ).catch(async (err) => {
        const now = await mode.innerText({ timeout: 2_000 }).catch(() => '(no language indicator)');
        throw new Error(`${err.message} (it shows: ${now.trim()})`);
      });

      // A warning squiggle in the editor: Claude Code loads the persona, but only through its YAML rewrite.
      await step('no warning squiggle in the editor', () =>
        page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ state: 'attached', timeout: 60_000 }),
      );

      // The Problems panel.
      await page.keyboard.press('Control+Shift+M');
      const panel = page.locator('.markers-panel');
      await step('the Problems panel (Ctrl+Shift+M) did not open', () => panel.waitFor({ state: 'visible', timeout: 30_000 }), 30_000);
      const row = panel.locator('.monaco-list-row').filter({ hasText: 'Not valid YAML' }).filter({ hasText: 'yaml-needs-rewrite' }).first();
      await step('the Problems panel does not list "Not valid YAML" with yaml-needs-rewrite', () => row.waitFor({ state: 'visible', timeout: 60_000 })).catch(async (err) => {
        const rows = await panel.innerText({ timeout: 2_000 }).catch(() => '');
        throw new Error(`${err.message}; the panel shows: ${rows.trim().replace(/\s+/g, ' ').slice(0, 400) || '(nothing)'}`);
      });
      const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
      console.log(`${TAG} Problems: ${text}`);
      console.log(`${TAG} workbench up to the error shown: ${secs(Date.now() - tRun)}`);
      if (opts.screenshot) await shoot(page, path.resolve(opts.screenshot));
    } catch (err) {
      await shoot(page, FAILURE_SHOT);
      throw err;
    }
  });
} finally {
  await cleanup();
}

const passed = results.filter((r) => !r.error);
const failed = results.filter((r) => r.error);
console.log(`\n  ${passed.length} passing (${secs(Date.now() - tStart)})`);
if (failed.length) {
  console.log(`  ${failed.length} failing\n`);
  failed.forEach((r, i) =>
    console.log(
      `  ${i + 1}) ${r.title}:\n     ${String(r.error?.message ?? r.error)
        .split('\n')
        .join('\n     ')}\n`,
    ),
  );
  const log = serverLog();
  if (log && failed.some((r) => r.vscode)) {
    console.log(`${TAG} ---- code-server output (last 40 lines) ----\n${log.trimEnd().split('\n').slice(-40).join('\n')}\n${TAG} ----`);
  }
}
process.exit(failed.length ? 1 : 0);

// ---------------------------------------------------------------------------------------------
async function test(title, fn) {
  const t = Date.now();
  try {
    const note = await fn();
    record(title, undefined, `${secs(Date.now() - t)}${note ? `, ${note}` : ''}`);
  } catch (err) {
    record(title, err);
    results.at(-1).vscode = !!server;
  }
}

function record(title, error, note) {
  results.push({ title, error, note });
  if (error) console.log(`    ${results.filter((r) => r.error).length}) ${title}`);
  else console.log(`    ✔ ${title}${note ? ` (${note})` : ''}`);
}

async function shoot(page, file) {
  mkdirSync(path.dirname(file), { recursive: true });
  const ok = await withTimeout(page.screenshot({ path: file }), 15_000).then(
    () => true,
    () => false,
  );
  console.log(`${TAG} screenshot ${ok ? 'written to' : 'FAILED for'} ${file}`);
}
