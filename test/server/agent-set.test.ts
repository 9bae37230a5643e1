/**
 * The agents of each workspace folder's Claude Code session, over the real protocol: the set across the
 * project folder, a folder above it (up to the git root), a subfolder, and the user folder (HOME); kept
 * current by file events, also outside the workspace, and by the live text of open documents; and the
 * rules across scopes on open documents.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  InitializedNotification,
  InitializeRequest,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import {
  AGENT_SET_CHANGED_NOTIFICATION,
  AGENT_SET_REQUEST,
  PREVIEW_MODEL_REQUEST,
  type AgentSetResult,
  type PreviewModel,
  type SessionAgent,
} from '../../server/src/protocol';
import { LspClient } from '../../scripts/lib/lsp-client';

const agent = (name: string, description = `Use it for ${name}.`, extra = '') => `---\nname: ${name}\ndescription: ${description}\n${extra}---\nYou help.\n`;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const uriOf = (file: string) => pathToFileURL(file).toString();

interface Registration {
  id: string;
  method: string;
  registerOptions?: { watchers?: Array<{ globPattern: string | { baseUri: string; pattern: string } }> };
}

/** A server with HOME set, initialized on `root` as a client that watches relative patterns, noting what it registers. */
async function startServer(root: string, home: string): Promise<{ client: LspClient; registrations: Registration[] }> {
  const client = new LspClient({ env: { HOME: home, CLAUDE_CONFIG_DIR: '' } });
  const registrations: Registration[] = [];
  client.connection.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
    registrations.push(...p.registrations);
    return null;
  });
  await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: uriOf(root),
    workspaceFolders: [{ uri: uriOf(root), name: path.basename(root) }],
    capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } },
  });
  await client.connection.sendNotification(InitializedNotification.type, {});
  return { client, registrations };
}

/** Asks for the sessions' agents until `ready` holds for the answer, asking again each time the server says they changed. */
async function setUntil(client: LspClient, ready: (set: AgentSetResult) => boolean): Promise<AgentSetResult> {
  for (;;) {
    let changed!: () => void;
    const next = new Promise<void>((resolve) => (changed = resolve));
    const listening = client.connection.onNotification(AGENT_SET_CHANGED_NOTIFICATION, () => changed());
    try {
      const set = await client.connection.sendRequest<AgentSetResult>(AGENT_SET_REQUEST, {});
      if (ready(set)) return set;
      await next;
    } finally {
      listening.dispose();
    }
  }
}

const byDisplay = (set: AgentSetResult) => new Map(set.sessions[0].agents.map((a) => [a.display, a]));
const state = (a: SessionAgent | undefined) => a && [a.state, a.name, a.shadowedBy?.display, a.shadowedBy?.why];
const codes = (d: Diagnostic[], code: string) => d.filter((x) => x.code === code);

describe("language server over stdio: the agents of the workspace folder's session", () => {
  let tmp: string;
  let repo: string;
  let root: string;
  let home: string;
  let client: LspClient;
  let registrations: Registration[];

  before(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'agent-set-'));
    repo = path.join(tmp, 'repo');
    root = path.join(repo, 'app');
    home = path.join(tmp, 'home');
    mkdirSync(path.join(repo, '.git'), { recursive: true }); // the git root: the walk up stops here
    write(path.join(repo, '.claude/agents/reviewer.md'), agent('reviewer', 'Reviewer of the parent folder.'));
    write(path.join(root, '.claude/agents/reviewer.md'), agent('reviewer', 'Reviewer of the workspace.', 'model: sonnet\ntools: Read, Grep, Glob\n'));
    write(path.join(root, '.claude/agents/sub/helper.md'), agent('helper'));
    write(path.join(root, '.claude/agents/broken.md'), '---\nname: broken\n---\nNo description.\n');
    write(path.join(home, '.claude/agents/reviewer.md'), agent('reviewer', 'Reviewer of the user.'));
    write(path.join(home, '.claude/agents/solo.md'), agent('solo'));
    ({ client, registrations } = await startServer(root, home));
  });
  after(async () => {
    await client.shutdown();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('the request gives every file of the project folder, its subfolders, the folder above it and the user folder, with who wins', async () => {
    const set = await client.connection.sendRequest<AgentSetResult>(AGENT_SET_REQUEST, {});
    assert.equal(set.sessions.length, 1);
    assert.equal(set.sessions[0].folder, root);
    const a = byDisplay(set);
    assert.deepEqual([...a.keys()].sort(), [
      path.join('..', '.claude/agents/reviewer.md'),
      '.claude/agents/broken.md',
      '.claude/agents/reviewer.md',
      '.claude/agents/sub/helper.md',
      '~/.claude/agents/reviewer.md',
      '~/.claude/agents/solo.md',
    ]);
    assert.deepEqual(state(a.get('.claude/agents/reviewer.md')), ['loads', 'reviewer', undefined, undefined]);
    assert.deepEqual(state(a.get('../.claude/agents/reviewer.md')), ['shadowed', 'reviewer', '.claude/agents/reviewer.md', 'nearer-folder']);
    assert.deepEqual(state(a.get('~/.claude/agents/reviewer.md')), ['shadowed', 'reviewer', '.claude/agents/reviewer.md', 'scope']);
    assert.deepEqual(state(a.get('.claude/agents/sub/helper.md')), ['loads', 'helper', undefined, undefined]);
    assert.deepEqual(state(a.get('~/.claude/agents/solo.md')), ['loads', 'solo', undefined, undefined]);
    const broken = a.get('.claude/agents/broken.md')!;
    assert.equal(broken.state, 'not-loaded');
    assert.match(broken.reason ?? '', /description/);
    const winner = a.get('.claude/agents/reviewer.md')!;
    assert.equal(winner.scope, 'project');
    assert.equal(winner.model, 'sonnet');
    assert.equal(winner.toolCount, 3);
    assert.equal(winner.listing, '- reviewer: Reviewer of the workspace. (Tools: Read, Grep, Glob)');
    assert.equal(winner.uri, uriOf(path.join(root, '.claude/agents/reviewer.md')));
    assert.deepEqual(winner.shadows.map((s) => s.display).sort(), ['../.claude/agents/reviewer.md', '~/.claude/agents/reviewer.md']);
    assert.equal(a.get('~/.claude/agents/solo.md')!.scope, 'user');
    // Three names (reviewer, helper, solo); what their three entries cost.
    assert.equal(set.sessions[0].count, 3);
    const used = set.sessions[0].agents.filter((x) => x.tokens > 0);
    assert.equal(used.length, 3);
    assert.equal(set.sessions[0].budget.tokens, Math.ceil(used.reduce((n, x) => n + x.listing!.length + 1, 0) / 4));
    assert.equal(set.sessions[0].budget.over, false);
  });

  test('the server asks the client to watch the folders outside the workspace: the user folder and the one above', () => {
    const watched = registrations
      .filter((r) => r.method === DidChangeWatchedFilesNotification.method)
      .flatMap((r) => r.registerOptions?.watchers ?? [])
      .map((w) => (typeof w.globPattern === 'string' ? w.globPattern : `${w.globPattern.baseUri} ${w.globPattern.pattern}`));
    assert.deepEqual(watched.sort(), [`${uriOf(path.join(home, '.claude/agents'))} **`, `${uriOf(path.join(repo, '.claude/agents'))} **`].sort());
  });

  test('a change to a file of the user folder, told by the client, changes the set, and the server says so', async () => {
    const solo = path.join(home, '.claude/agents/solo.md');
    write(solo, agent('solo-renamed'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(solo), type: FileChangeType.Changed }] });
    await setUntil(client, (set) => byDisplay(set).get('~/.claude/agents/solo.md')?.name === 'solo-renamed');

    const added = path.join(home, '.claude/agents/deep/new.md');
    write(added, agent('new-one'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(added), type: FileChangeType.Created }] });
    const b = byDisplay(await setUntil(client, (set) => byDisplay(set).has('~/.claude/agents/deep/new.md')));
    assert.deepEqual(state(b.get('~/.claude/agents/deep/new.md')), ['loads', 'new-one', undefined, undefined]);
  });

  describe('open documents: their live text, and the rules across scopes', () => {
    const userReviewer = () => uriOf(path.join(home, '.claude/agents/reviewer.md'));
    const projectReviewer = () => uriOf(path.join(root, '.claude/agents/reviewer.md'));

    test('a user agent shadowed by a project agent is told so, as information, with the other file linked', async () => {
      const { diagnostics } = await client.openUntil(userReviewer(), agent('reviewer', 'Reviewer of the user.'), (p) => codes(p.diagnostics, 'name-shadowing').length > 0);
      const [d] = codes(diagnostics, 'name-shadowing');
      assert.equal(d.severity, 3); // Information
      assert.match(d.message, /^Shadowed by \.claude\/agents\/reviewer\.md \(project\): Claude Code uses that one/);
      assert.equal(d.relatedInformation?.[0].location.uri, projectReviewer());
      assert.deepEqual(d.relatedInformation?.[0].location.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 14 } });
      const m = await client.connection.sendRequest<PreviewModel>(PREVIEW_MODEL_REQUEST, { uri: userReviewer() });
      assert.deepEqual(m.shadowing, { shadowedBy: '.claude/agents/reviewer.md', shadows: [] });
    });

    test('the project agent says which files it shadows', async () => {
      const text = agent('reviewer', 'Reviewer of the workspace.', 'model: sonnet\ntools: Read, Grep, Glob\n');
      const { diagnostics } = await client.openUntil(projectReviewer(), text, (p) => codes(p.diagnostics, 'name-shadowing').length > 0);
      const [d] = codes(diagnostics, 'name-shadowing');
      assert.match(d.message, /^Shadows .*~\/\.claude\/agents\/reviewer\.md \(user\)/);
      assert.match(d.message, /\.\.\/\.claude\/agents\/reviewer\.md \(project\)/);
      assert.equal(d.relatedInformation?.length, 2);
    });

    test("renaming the project agent in the editor: the set follows the live text, and the open user file's finding with it", async () => {
      const moved = client.diagnosticsUntil(userReviewer(), (p: PublishDiagnosticsParams) =>
        codes(p.diagnostics, 'name-shadowing').some((d) => d.message.startsWith('Shadowed by ../.claude/agents/reviewer.md')),
      );
      await client.change(projectReviewer(), [{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 14 } }, text: 'workspace-reviewer' }]);
      await moved;
      const a = byDisplay(await setUntil(client, (set) => byDisplay(set).get('.claude/agents/reviewer.md')?.name === 'workspace-reviewer'));
      // The parent folder's reviewer now wins over the user's (both still named reviewer).
      assert.deepEqual(state(a.get('~/.claude/agents/reviewer.md')), ['shadowed', 'reviewer', '../.claude/agents/reviewer.md', 'scope']);
    });

    test('closing the editor brings back the text on disk', async () => {
      await client.close(projectReviewer());
      await setUntil(client, (set) => byDisplay(set).get('.claude/agents/reviewer.md')?.name === 'reviewer');
    });
  });
});

describe('language server over stdio: the description budget of a session', () => {
  let tmp: string;
  let client: LspClient;
  let root: string;

  before(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'agent-budget-'));
    root = path.join(tmp, 'ws');
    const home = path.join(tmp, 'home');
    mkdirSync(path.join(root, '.git'), { recursive: true });
    mkdirSync(path.join(root, '.claude/agents'), { recursive: true });
    // 61 user agents with a description of 1,000 characters each: over 15,000 tokens together.
    for (let i = 0; i < 61; i++) write(path.join(home, `.claude/agents/filler-${i}.md`), agent(`filler-${i}`, 'x'.repeat(1000)));
    ({ client } = await startServer(root, home));
  });
  after(async () => {
    await client.shutdown();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('the largest description carries the one report, and the others none', async () => {
    const set = await client.connection.sendRequest<AgentSetResult>(AGENT_SET_REQUEST, {});
    assert.equal(set.sessions[0].budget.over, true);
    const big = uriOf(path.join(root, '.claude/agents/big.md'));
    const small = uriOf(path.join(root, '.claude/agents/small.md'));
    const { diagnostics } = await client.openUntil(big, agent('big', 'y'.repeat(3000)), (p) => codes(p.diagnostics, 'descriptions-over-budget').length > 0);
    const [d] = codes(diagnostics, 'descriptions-over-budget');
    assert.equal(d.severity, 3);
    assert.deepEqual(d.range.start, { line: 2, character: 0 });
    assert.match(d.message, /^The 62 agents of this session cost the main conversation about [\d,]+ tokens on every turn, over the 15,000/);
    assert.equal(d.relatedInformation?.length, 2);
    const other = await client.open(small, agent('small'));
    assert.deepEqual(codes(other.diagnostics, 'descriptions-over-budget'), []);
  });
});
