// Shared pieces for running a real VS Code in the browser on these machines: code-server from
// .vscode-test/code-server-<version> (installed by scripts/setup-code-server.sh) on 127.0.0.1, driven by
// headless Debian Chromium through playwright-core. Which VS Code: TEST_VSCODE_VERSION (e.g. 1.139), else
// the oldest in test/integration/vscode-versions.json. Used by test/integration/launch.mjs (the integration suite,
// extension in development mode), test/release/smoke.mjs (the packaged .vsix, installed) and
// scripts/start.mjs (`npm start`).

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The VS Code versions the tests run on, oldest first (vscode-versions.json), each with where it is
 * installed: `dir` (code-server's folder), `entry` (its entry.js) and `nodeBinary`, the Node it runs on
 * (from the npm package node-<platform>-<arch> under `nodeDir` when the version names one, else this Node).
 */
export const VSCODE_VERSIONS = JSON.parse(readFileSync(new URL('../../test/integration/vscode-versions.json', import.meta.url), 'utf8')).versions.map((v) => {
  const dir = path.join(REPO_ROOT, '.vscode-test', `code-server-${v.codeServer}`);
  const nodeDir = v.node && path.join(REPO_ROOT, '.vscode-test', `node-${v.node}`);
  const nodePackage = `node-${process.platform}-${process.arch}`;
  return {
    ...v,
    dir,
    entry: path.join(dir, 'node_modules/code-server/out/node/entry.js'),
    nodeDir,
    nodePackage,
    nodeBinary: nodeDir ? path.join(nodeDir, 'node_modules', nodePackage, 'bin/node') : process.execPath,
  };
});

/** The version whose number is or starts with `wanted` (1.139 or 1.139.1); the oldest when none is given. */
export function vscodeVersion(wanted = process.env.TEST_VSCODE_VERSION) {
  if (!wanted) return VSCODE_VERSIONS[0];
  const v = VSCODE_VERSIONS.find((x) => x.vscode === wanted || x.vscode.startsWith(`${wanted}.`));
  if (!v) throw new Error(`no VS Code ${wanted} in test/integration/vscode-versions.json (there: ${VSCODE_VERSIONS.map((x) => x.vscode).join(', ')})`);
  return v;
}

/** The VS Code these scripts run: TEST_VSCODE_VERSION's, else the oldest. */
export const CODE_SERVER = vscodeVersion();
export const CODE_SERVER_DIR = CODE_SERVER.dir;
export const CODE_SERVER_ENTRY = CODE_SERVER.entry;
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SERVER_READY_TIMEOUT_MS = 60_000;
// As root Chromium needs --no-sandbox; the rest stop it from reaching for Google's hosts, which this
// machine's closed network refuses many at a time.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// codeAutomationLog carries the workbench's own log lines too, not only the extension host's console.
// These are harmless and the same on every run, so they are hidden unless INTEGRATION_VERBOSE=1:
// the marketplace (open-vsx.org) is unreachable offline, and the rest is connection chatter.
export const NOISE = [
  /open-vsx\.org/,
  /^(Resolving|Resolved) connection token /,
  /^Creating a socket \(renderer-/,
  /^Updating additional builtin extensions cache$/,
  /^\[Service Worker\] registered$/,
  /^ChatSessionStore: /,
  // VS Code 1.139's chat: no model or GitHub sign-in offline, and its agent host (sessions run by agent CLIs)
  // lacks @vscode/sqlite3, which setup-code-server.sh leaves unbuilt (a 90 s compile the tests do not use).
  /^\[(AgentHost(:remote)?|ChatModelSelection|AccountPolicyGate|reconnection-grace-time)\] /,
  /^\[RemoteAgentHostProtocol\] Request \d+ failed: .*vscode-sqlite3\.node/,
  /^Timed out waiting for authentication provider 'github' to register/,
];

/** setup-code-server.sh writes .installed-<version> last, so a half-done install counts as missing. */
export function codeServerInstalled() {
  return (
    existsSync(CODE_SERVER_DIR) && readdirSync(CODE_SERVER_DIR).some((f) => f.startsWith('.installed-')) && existsSync(CODE_SERVER_ENTRY) && existsSync(CODE_SERVER.nodeBinary)
  );
}

/**
 * Creates the folders one code-server session needs (under a new temp dir, or under `root` when given):
 * userData (with User/settings.json), extensions, chrome, xdgConfig, xdgData. Returns { tmp, dirs }.
 */
export function makeSessionDirs({ prefix = 'vscode-it-', root, settings = {} } = {}) {
  const tmp = root ?? mkdtempSync(path.join(os.tmpdir(), prefix));
  const dirs = Object.fromEntries(['userData', 'extensions', 'chrome', 'xdgConfig', 'xdgData'].map((k) => [k, path.join(tmp, k)]));
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(
    path.join(dirs.userData, 'User/settings.json'),
    JSON.stringify(
      {
        // --disable-workspace-trust alone still let the trust prompt show at times (recipe).
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        ...settings,
      },
      null,
      2,
    ),
  );
  return { tmp, dirs };
}

/**
 * The environment for code-server. Drops VS Code's own variables: run from a VS Code / code-server
 * terminal, VSCODE_IPC_HOOK_CLI would make code-server's entry.js open the folder in *that* instance
 * instead of serving. code-server writes ~/.config/code-server/config.yaml (a random password) and
 * ~/.local/share/code-server/coder.json on start; keep those in the session's dirs.
 */
export function codeServerEnv(dirs) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VSCODE_')));
  env.XDG_CONFIG_HOME = dirs.xdgConfig;
  env.XDG_DATA_HOME = dirs.xdgData;
  return env;
}

/**
 * Starts code-server serving `workspace` on `authority` (host:port), without a password, as the leader
 * of its own process group (end it with killGroup). Returns { server, serverExited, log() }, where
 * log() is its stdout+stderr so far (the last 200 kB).
 */
export function startCodeServer({ authority, dirs, workspace, extraArgs = [], stdio = 'pipe' }) {
  const server = spawn(
    CODE_SERVER.nodeBinary,
    [
      CODE_SERVER_ENTRY,
      '--auth',
      'none',
      '--bind-addr',
      authority,
      '--user-data-dir',
      dirs.userData,
      '--extensions-dir',
      dirs.extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      ...(CODE_SERVER.codeServerArgs ?? []),
      ...extraArgs,
      workspace,
    ],
    { env: codeServerEnv(dirs), cwd: REPO_ROOT, detached: true, stdio: ['ignore', stdio, stdio] },
  );
  const serverExited = new Promise((resolve) => server.once('exit', (code, sig) => resolve({ code, sig })));
  let log = '';
  if (stdio === 'pipe') {
    const appendLog = (d) => {
      log = (log + d).slice(-200_000);
    };
    server.stdout.on('data', appendLog);
    server.stderr.on('data', appendLog);
  }
  return { server, serverExited, log: () => log };
}

/**
 * Installs a .vsix into `dirs.extensions` with code-server's CLI (what a user's
 * `code --install-extension x.vsix` does). Resolves with its output; rejects when it fails.
 */
export function installVsix(vsix, dirs, timeoutMs = 120_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(CODE_SERVER.nodeBinary, [CODE_SERVER_ENTRY, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix], {
      env: codeServerEnv(dirs),
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      if (code === 0 && !/\bfailed\b/i.test(out)) resolve(out);
      else reject(new Error(`--install-extension ${vsix} exited with ${code ?? sig}:\n${out}`));
    });
  });
}

/** Headless Chromium with its own profile folder (launchPersistentContext: playwright refuses --user-data-dir in args). */
export async function launchBrowser(profileDir, { viewport = { width: 1280, height: 800 }, headless = true } = {}) {
  const require = createRequire(import.meta.url);
  const { chromium } = require('playwright-core');
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless,
    // Callers handle signals themselves (they must also end code-server).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    viewport,
    args: CHROMIUM_ARGS,
  });
}

/** A path on this machine as the workbench's remote URI (payload entries need it in this form). */
export function remoteUri(authority, p) {
  return `vscode-remote://${authority}${pathToFileURL(p).pathname}`;
}

/**
 * The workbench URL opening `folder`; `payload` is a list of [key, value] pairs (e.g.
 * ['extensionDevelopmentPath', remoteUri(...)]) that the web workbench reads from the query string.
 */
export function workbenchUrl(authority, folder, payload) {
  const url = new URL(`http://${authority}/`);
  url.searchParams.set('folder', folder); // a plain path: the workbench adds the authority
  if (payload?.length) url.searchParams.set('payload', JSON.stringify(payload));
  return url.href;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Whether nothing listens on 127.0.0.1:port (binding it succeeds). */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Polls until the port answers any HTTP response; fails if code-server exits or after a bound. */
export async function waitForHttp(port, serverExited, timeoutMs = SERVER_READY_TIMEOUT_MS) {
  let exited = null;
  serverExited.then((e) => {
    exited = e;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`code-server exited before it served (code ${exited.code}, signal ${exited.sig})`);
    const answered = await new Promise((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
    });
    if (answered) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer HTTP on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

/**
 * code-server forks a server process, extension hosts, a pty host and file watchers: end the whole
 * process group (it was spawned detached, so its pid is the group id), TERM then KILL.
 */
export async function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {} // leftovers of the group, if any
    return;
  }
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {}
  if (
    !(await withTimeout(exited, 5000).then(
      () => true,
      () => false,
    ))
  ) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
    await withTimeout(exited, 5000).catch(() => {});
  }
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {} // grandchildren that outlived the leader
}

/** All processes below `root`, from one `ps` listing (children before their own children). */
export function descendantPids(root) {
  const children = new Map();
  try {
    for (const line of execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' }).trim().split('\n')) {
      const [pid, ppid] = line.trim().split(/\s+/).map(Number);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(pid);
    }
  } catch {
    return [];
  }
  const out = [];
  for (let queue = [root]; queue.length;) {
    for (const kid of children.get(queue.shift()) ?? []) {
      out.push(kid);
      queue.push(kid);
    }
  }
  return out;
}

export function withTimeout(promise, ms) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(t));
}

/**
 * One cleanup for a session, run at most once: close the browser context, end code-server's process
 * group, delete the temp folder. It also runs on Ctrl+C or CI cancellation (code-server runs in its own
 * process group, so it would not get the terminal's signal), then exits 130 or 143.
 * `parts()` returns what exists so far: { context, server }.
 */
export function sessionCleanup(tmp, parts, { tag, onSignal = () => {} }) {
  let cleaning;
  const cleanup = () =>
    (cleaning ??= (async () => {
      const { context, server } = parts();
      if (context) await withTimeout(context.close(), 10_000).catch(() => {});
      if (server) await killGroup(server);
      rmSync(tmp, { recursive: true, force: true });
    })());
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, async () => {
      onSignal();
      console.error(`${tag} ${sig}: stopping code-server and the browser`);
      await cleanup();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
  return cleanup;
}
