#!/usr/bin/env node
// `npm start`: Subagent Studio in a real VS Code in the browser, in one command.
//
// 1. builds the extension (node scripts/build.mjs),
// 2. installs code-server into .vscode-test/code-server-<version> if it is not there yet
//    (bash scripts/setup-code-server.sh: Debian packages need root; without it, it prints the command);
//    the oldest VS Code that engines.vscode allows, or TEST_VSCODE_VERSION's (e.g. 1.139),
// 3. writes a fresh sample workspace, .vscode-test/sample-workspace, whose .claude/agents/ holds the five
//    architect personas (../shared/personas; the project's five stand-ins, test/fixtures/personas, when
//    ../shared is absent),
// 4. serves code-server on 127.0.0.1 (port: $PORT, else 8080 when free, else any free one) and prints a
//    URL that opens that workspace with this folder loaded as the extension in development mode,
// 5. runs until Ctrl+C, then stops code-server.
//
//   npm start                       PORT=9000 npm start
//   node scripts/start.mjs [--port N] [--no-build]
//
// After changing the code: `npm run build` (or `node scripts/build.mjs --watch` in another terminal),
// then reload the browser tab.
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  REPO_ROOT,
  codeServerInstalled,
  freePort,
  killGroup,
  makeSessionDirs,
  portIsFree,
  remoteUri,
  startCodeServer,
  waitForHttp,
  workbenchUrl,
} from './lib/code-server.mjs';
import { scriptSteps } from './lib/steps.mjs';

const TAG = '[start]';
const { step, fail } = scriptSteps(TAG);
const SHARED_PERSONAS = path.resolve(REPO_ROOT, '../shared/personas');
const STAND_IN_PERSONAS = path.join(REPO_ROOT, 'test/fixtures/personas');
const WORKSPACE = path.join(REPO_ROOT, '.vscode-test/sample-workspace');
const SESSION = path.join(REPO_ROOT, '.vscode-test/start'); // user data, extensions dir, log: fresh each start

let opts;
try {
  ({ values: opts } = parseArgs({ options: { port: { type: 'string' }, 'no-build': { type: 'boolean' } } }));
} catch (e) {
  console.error(`${TAG} ${e.message}\nusage: node scripts/start.mjs [--port N] [--no-build]   (or PORT=N)`);
  process.exit(2);
}

// 1. Build ----------------------------------------------------------------------------------------
if (!opts['no-build']) {
  console.log(`${TAG} building the extension (node scripts/build.mjs)`);
  step('the build failed', process.execPath, ['scripts/build.mjs']);
}
for (const f of ['dist/extension.js', 'dist/server.js']) {
  if (!existsSync(path.join(REPO_ROOT, f))) fail(`${f} is missing: run node scripts/build.mjs`);
}

// 2. code-server --------------------------------------------------------------------------------------
if (!codeServerInstalled()) console.log(`${TAG} installing code-server (once; about a minute or two)`);
step('installing code-server failed (see above)', 'bash', ['scripts/setup-code-server.sh']);

// 3. The sample workspace ---------------------------------------------------------------------------
const agents = writeSampleWorkspace();

// 4. Serve -------------------------------------------------------------------------------------------
const port = await choosePort();
const authority = `127.0.0.1:${port}`;
rmSync(SESSION, { recursive: true, force: true });
const { dirs } = makeSessionDirs({
  root: SESSION,
  settings: {
    'workbench.tips.enabled': false,
    // The sample workspace sits inside this repository: no "open the parent repository?" prompt.
    'git.openRepositoryInParentFolders': 'never',
  },
});
const logFile = path.join(SESSION, 'code-server.log');
const log = createWriteStream(logFile);
const { server, serverExited, log: recentLog } = startCodeServer({ authority, dirs, workspace: WORKSPACE });
server.stdout.pipe(log);
server.stderr.pipe(log);

let stopping = false;
async function stop(sig) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${TAG} ${sig}: stopping code-server`);
  await killGroup(server);
  console.log(`${TAG} stopped`);
  process.exit(0);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig));

try {
  await waitForHttp(port, serverExited);
} catch (err) {
  console.error(`${TAG} ${err.message}\n${TAG} code-server's output (${path.relative(REPO_ROOT, logFile)}):\n` + recentLog().trimEnd().split('\n').slice(-30).join('\n'));
  await killGroup(server);
  process.exit(1);
}

const first = agents.find((a) => a.includes('003-')) ?? agents[0];
const url = workbenchUrl(authority, WORKSPACE, [
  // The extension from this folder, in development mode (what `F5` does in desktop VS Code).
  ['extensionDevelopmentPath', remoteUri(authority, REPO_ROOT)],
  ['openFile', remoteUri(authority, path.join(WORKSPACE, '.claude/agents', first))],
  ['skipWelcome', 'true'],
]);
const rel = (p) => path.relative(process.cwd(), p) || '.';
console.log(`
${TAG} Subagent Studio is running in VS Code (code-server) on http://${authority}/
${TAG} Open this URL in a browser on this machine (it loads the extension from ${REPO_ROOT} in development mode):

    ${url}

${TAG} Use it as printed: the extension's location in it names 127.0.0.1:${port}, so through another host name or a
${TAG} forwarded port the workbench opens without the extension.

${TAG} Workspace: ${rel(WORKSPACE)} (.claude/agents/: ${agents.join(', ')})
${TAG} Look for the red squiggles, open the Problems panel (Ctrl+Shift+M), try the quick fixes (Ctrl+.).
${TAG} After a code change: npm run build, then reload the tab. code-server's log: ${rel(logFile)}
${TAG} Press Ctrl+C to stop.
`);

const { code, sig } = await serverExited;
if (!stopping) {
  console.error(`${TAG} code-server exited on its own (code ${code}, signal ${sig}); its output:\n` + recentLog().trimEnd().split('\n').slice(-30).join('\n'));
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------

/** Regenerates .vscode-test/sample-workspace; returns the agent file names. */
function writeSampleWorkspace() {
  rmSync(WORKSPACE, { recursive: true, force: true });
  const agentsDir = path.join(WORKSPACE, '.claude/agents');
  mkdirSync(agentsDir, { recursive: true });
  const dir = existsSync(SHARED_PERSONAS) ? SHARED_PERSONAS : STAND_IN_PERSONAS;
  if (dir !== SHARED_PERSONAS) console.log(`${TAG} ../shared/personas is absent: using the project's stand-in personas`);
  const sources = readdirSync(dir)
    .filter((f) => /^\d+-.+\.md$/.test(f))
    .sort()
    .map((f) => [path.join(dir, f), f]);
  for (const [from, name] of sources) copyFileSync(from, path.join(agentsDir, name));
  writeFileSync(
    path.join(WORKSPACE, 'README.md'),
    `# Subagent Studio sample workspace

Written by \`npm start\` (scripts/start.mjs) and regenerated on every start: edits here are not kept.

\`.claude/agents/\` holds the ${sources.length} architect personas, Claude Code subagent
files as its own agent generator writes them. Open one and look for:

- **red squiggles** in the frontmatter: the generator's one-line \`description\` holds \`: \`, which is not valid
  YAML, so Claude Code silently skips the agent;
- the **Problems** panel (Ctrl+Shift+M) with each finding and its rule id (e.g. \`invalid-yaml\`);
- **quick fixes** (Ctrl+. on a squiggle) that quote the description or turn it into a block scalar;
- the **language mode** in the status bar: *Claude Agent*;
- the **preview** (Ctrl+K V) and the persona snippets (type \`persona\` in a new file under \`.claude/agents/\`).

Files outside \`.claude/agents/\`, like this README, stay plain Markdown.
`,
  );
  console.log(`${TAG} sample workspace ${path.relative(REPO_ROOT, WORKSPACE)} with ${sources.length} agent file(s)`);
  return sources.map(([, name]) => name);
}

async function choosePort() {
  const asked = opts.port ?? process.env.PORT;
  if (asked) {
    const p = Number(asked);
    if (!Number.isInteger(p) || p <= 0 || p > 65535) fail(`bad port ${asked}`);
    if (!(await portIsFree(p))) fail(`port ${p} on 127.0.0.1 is in use: choose another with PORT=...`);
    return p;
  }
  return (await portIsFree(8080)) ? 8080 : freePort();
}
