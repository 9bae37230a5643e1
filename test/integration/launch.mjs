#!/usr/bin/env node
// Runs an extension integration test suite (a module exporting `async function run()`, the same
// contract @vscode/test-electron uses) inside a real VS Code.
//
//   node test/integration/launch.mjs --extension <absDir> --tests <absSuiteIndexJs> \
//        --workspace <absDir> [--extra-extension <absDir>]... [--timeout-ms N] [--screenshot <png>]
//
// --extra-extension: one more extension (a test helper) beside the one under test. code-server gets it
// installed in the session's extensions folder (the workbench's payload holds one extensionDevelopmentPath:
// a second replaces the first), desktop VS Code as a second development path. When its package.json lists
// enabledApiProposals, VS Code is started with those enabled for it.
//
// - With VSCODE_EXECUTABLE_PATH set: VS Code desktop through @vscode/test-electron's runTests.
// - Otherwise (these machines cannot download VS Code or Electron): code-server from
//   .vscode-test/code-server-<version> (installed by scripts/setup-code-server.sh; TEST_VSCODE_VERSION
//   picks the version) on 127.0.0.1, driven by headless Debian Chromium through playwright-core. The
//   workbench's `payload` URL parameter carries extensionDevelopmentPath/extensionTestsPath, so the
//   extension runs in development mode in the Node extension host and the workbench reports run()'s
//   outcome via codeAutomationExit.
//   The suite can ask the browser to click in a webview through driver.mjs (SUBAGENT_STUDIO_TEST_DRIVER),
//   and go on after a window reload it starts itself: the exit the reloading window reports is ignored.
//
// Exit code: the suite's (0 passed, 1 run() threw), 1 on timeout or harness error, 2 on bad usage
// or a missing code-server install.

import { createRequire } from 'node:module';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatWithOptions, parseArgs } from 'node:util';
import {
  CODE_SERVER_DIR,
  NOISE,
  codeServerInstalled,
  descendantPids,
  freePort,
  launchBrowser,
  sessionCleanup,
  makeSessionDirs,
  remoteUri,
  startCodeServer,
  waitForHttp,
  withTimeout,
  workbenchUrl,
} from '../../scripts/lib/code-server.mjs';
import { startDriver } from './driver.mjs';

const TAG = '[launch]';
const VERBOSE = process.env.INTEGRATION_VERBOSE === '1';

function usage(msg) {
  if (msg) console.error(`${TAG} ${msg}`);
  console.error(
    'usage: node test/integration/launch.mjs --extension <absDir> --tests <absSuiteIndexJs> ' +
      '--workspace <absDir> [--extra-extension <absDir>]... [--timeout-ms N] [--screenshot <png>]',
  );
  process.exit(2);
}

let opts;
try {
  ({ values: opts } = parseArgs({
    options: {
      extension: { type: 'string' },
      tests: { type: 'string' },
      workspace: { type: 'string' },
      'extra-extension': { type: 'string', multiple: true, default: [] },
      'timeout-ms': { type: 'string', default: '180000' },
      screenshot: { type: 'string' },
    },
  }));
} catch (e) {
  usage(e.message);
}
for (const k of ['extension', 'tests', 'workspace']) {
  if (!opts[k]) usage(`--${k} is required`);
  opts[k] = path.resolve(opts[k]);
  if (!existsSync(opts[k])) usage(`--${k} ${opts[k]} does not exist`);
}
const extraExtensions = opts['extra-extension'].map((d) => {
  const dir = path.resolve(d);
  if (!existsSync(path.join(dir, 'package.json'))) usage(`--extra-extension ${dir} has no package.json`);
  const m = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return { dir, id: `${m.publisher}.${m.name}`, version: m.version, proposals: m.enabledApiProposals?.length > 0 };
});
// VS Code's --enable-proposed-api <publisher.name> for each extra extension that asks for proposed API.
const proposedApiArgs = extraExtensions.flatMap((e) => (e.proposals ? ['--enable-proposed-api', e.id] : []));
const timeoutMs = Number(opts['timeout-ms']);
if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) usage(`bad --timeout-ms ${opts['timeout-ms']}`);

process.exit(process.env.VSCODE_EXECUTABLE_PATH ? await runWithElectron() : await runWithCodeServer());

// ---------------------------------------------------------------------------------------------
// (a) Desktop VS Code, the standard way.
async function runWithElectron() {
  const require = createRequire(import.meta.url);
  const { runTests } = require('@vscode/test-electron');
  // runTests has no time limit of its own; on timeout, end VS Code and everything it started
  // (all our descendants, by pid) before exiting.
  const timer = setTimeout(() => {
    console.error(`${TAG} TIMEOUT: the suite did not finish within ${timeoutMs} ms`);
    for (const pid of descendantPids(process.pid))
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    process.exit(1);
  }, timeoutMs);
  try {
    // runTests resolves 0, or rejects with TestRunFailedError carrying VS Code's exit code.
    return await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH,
      extensionDevelopmentPath: [opts.extension, ...extraExtensions.map((e) => e.dir)],
      extensionTestsPath: opts.tests,
      // Fresh user-data and extensions dirs under .vscode-test are added by runTests itself.
      launchArgs: [opts.workspace, ...proposedApiArgs],
    });
  } catch (err) {
    console.error(`${TAG} ${err?.message ?? err}`);
    // code is VS Code's exit code; negative (spawn failed, e.g. -2 for ENOENT) or missing -> 1.
    return typeof err?.code === 'number' && err.code > 0 ? err.code : 1;
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// (b) code-server + headless Chromium.
async function runWithCodeServer() {
  if (!codeServerInstalled()) {
    console.error(`${TAG} code-server not found in ${CODE_SERVER_DIR}: run scripts/setup-code-server.sh first`);
    return 2;
  }
  const t0 = Date.now();
  const { tmp, dirs } = makeSessionDirs({ prefix: 'vscode-it-' });
  for (const e of extraExtensions) cpSync(e.dir, path.join(dirs.extensions, `${e.id}-${e.version}`), { recursive: true });

  let server; // code-server child process (leader of its own process group)
  let driver; // what the suite asks of the browser (driver.mjs)
  let serverLog = () => ''; // its stdout+stderr so far, printed only on failure
  let context; // playwright persistent browser context
  let failed = true; // harness failure (not a failing suite): print code-server's output
  let interrupted = false;
  const cleanup = sessionCleanup(tmp, () => ({ context, server }), {
    tag: TAG,
    onSignal: () => {
      interrupted = true;
    },
  });

  try {
    const port = await freePort();
    const authority = `127.0.0.1:${port}`;
    driver = await startDriver();
    // code-server passes its environment on to the extension host, where the suite reads this.
    process.env.SUBAGENT_STUDIO_TEST_DRIVER = driver.url;

    let serverExited;
    ({ server, serverExited, log: serverLog } = startCodeServer({ authority, dirs, workspace: opts.workspace, extraArgs: proposedApiArgs }));

    await waitForHttp(port, serverExited);
    const tReady = Date.now();

    context = await launchBrowser(dirs.chrome);
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e?.stack ?? e)));
    driver.attach(context, page);

    // The workbench calls these when it was opened with extensionTestsPath in its payload:
    // codeAutomationLog(level, args[]) for each log line (the extension host's console included),
    // codeAutomationExit(code, logFiles) once run() settled and the extension host stopped.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // The workbench passes console arguments through unformatted (mocha's reporters print with
      // '%s'/'%d' placeholders), so apply printf-style formatting here, as Node's console would.
      const text = formatWithOptions({ depth: 4, breakLength: Infinity }, ...(Array.isArray(args) ? args : [args]));
      if (!VERBOSE && NOISE.some((re) => re.test(text))) return;
      for (const line of text.split('\n')) process.stdout.write(`[vscode ${type}] ${line}\n`);
    });
    let resolveExit;
    const exitCode = new Promise((r) => {
      resolveExit = r;
    });
    await page.exposeFunction('codeAutomationExit', (code) => {
      // A window the suite reloads may report an exit while it shuts down; the suite goes on in the next one.
      if (driver.reloading()) console.log(`${TAG} the reloading window reported exit code ${code}: ignored`);
      else resolveExit(code);
    });

    const url = workbenchUrl(authority, opts.workspace, [
      ['extensionDevelopmentPath', remoteUri(authority, opts.extension)],
      ['extensionTestsPath', remoteUri(authority, opts.tests)],
    ]);
    await page.goto(url);

    let timer;
    const outcome = await Promise.race([
      exitCode.then((code) => ({ code })),
      new Promise((r) => {
        timer = setTimeout(() => r({ timeout: true }), timeoutMs);
      }),
      serverExited.then(({ code, sig }) => ({ error: `code-server exited early (code ${code}, signal ${sig})` })),
      new Promise((r) => page.once('crash', () => r({ error: 'the browser page crashed' }))),
      new Promise((r) => context.once('close', () => r({ error: 'the browser closed' }))),
    ]);
    clearTimeout(timer);

    if (opts.screenshot || outcome.timeout) {
      const shot = opts.screenshot ? path.resolve(opts.screenshot) : path.join(os.tmpdir(), `vscode-it-timeout-${Date.now()}.png`);
      const ok = await withTimeout(page.screenshot({ path: shot }), 15_000).then(
        () => true,
        () => false,
      );
      console.log(`${TAG} screenshot ${ok ? 'written to' : 'FAILED for'} ${shot}`);
    }

    const secs = (ms) => (ms / 1000).toFixed(1);
    if (outcome.timeout) {
      console.error(
        `${TAG} TIMEOUT: the suite did not report an exit code within ${timeoutMs} ms ` + '(run() never settled, or the extension host / workbench failed to start)',
      );
      if (pageErrors.length) console.error(`${TAG} page errors:\n${pageErrors.join('\n')}`);
      return 1;
    }
    if (outcome.error) {
      if (!interrupted) console.error(`${TAG} ${outcome.error}`);
      return 1;
    }
    const code = typeof outcome.code === 'number' ? outcome.code : 1;
    console.log(`${TAG} suite exit code ${code} (server up in ${secs(tReady - t0)} s, ` + `total ${secs(Date.now() - t0)} s)`);
    failed = false;
    return code;
  } catch (err) {
    console.error(`${TAG} harness error: ${err?.stack ?? err}`);
    return 1;
  } finally {
    if (failed && !interrupted && serverLog()) {
      console.error(
        `${TAG} ---- code-server output (last 100 lines) ----\n` + serverLog().trimEnd().split('\n').slice(-100).join('\n') + `\n${TAG} ---- end of code-server output ----`,
      );
    }
    await cleanup();
    await driver?.close();
  }
}
