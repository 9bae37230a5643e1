/**
 * The Agents view inside a real VS Code, on the session test/integration/run.sh builds: the workspace's
 * `.claude/agents` (with a subfolder), the folder above it (the git root) and a user folder: the HOME
 * code-server runs with. What the view shows is read from the view itself (`subagentStudio._agentsView`:
 * the tree items VS Code was given, and what is selected); in code-server the browser also clicks a row
 * of the rendered tree, found by the label VS Code gives it, which holds the agent's state.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AgentsViewItem as Item } from '../../../client/src/agents-view';
import { DRIVER, drive, waitUntil, workspaceFile } from './util';
interface ViewState {
  answers: number;
  visible: boolean;
  description?: string;
  message?: string;
  items: Item[];
  selection: string[];
}

const HOME = process.env.HOME ?? '';
const userFile = (name: string) => vscode.Uri.file(path.join(HOME, '.claude', 'agents', name));
/** The view's state, with the tooltips' Markdown read as text (VS Code escapes what appendText is given). */
const viewState = async () => {
  const s = await vscode.commands.executeCommand<ViewState>('subagentStudio._agentsView');
  const plain = (items: Item[]): Item[] =>
    items.map((i) => ({ ...i, tooltip: i.tooltip?.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1'), children: i.children && plain(i.children) }));
  return { ...s, items: plain(s.items) };
};
const group = (s: ViewState, label: string) => s.items.find((i) => i.label === label)?.children ?? [];
const find = (s: ViewState, uri: vscode.Uri) => s.items.flatMap((g) => g.children ?? []).find((i) => i.uri === uri.toString());

/** Waits until the view shows what `ready` looks for. */
const viewUntil = (what: string, ready: (s: ViewState) => boolean, timeoutMs?: number) =>
  waitUntil(
    what,
    async () => {
      const s = await viewState();
      return ready(s) ? s : undefined;
    },
    timeoutMs,
  );

/** Resolves when an editor on `uri` becomes the active one. */
function activeEditorOn(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return new Promise((resolve) => {
    const now = vscode.window.activeTextEditor;
    if (now?.document.uri.toString() === uri.toString()) return resolve(now);
    const sub = vscode.window.onDidChangeActiveTextEditor((e) => {
      if (e?.document.uri.toString() !== uri.toString()) return;
      sub.dispose();
      resolve(e);
    });
  });
}

describe('Subagent Studio inside VS Code: the Agents view', () => {
  before(async function () {
    if (!existsSync(userFile('user-only.md').fsPath)) {
      console.log(`  (no user folder at ${HOME}/.claude/agents: run through test/integration/run.sh)`);
      this.skip();
    }
    await vscode.commands.executeCommand('workbench.view.explorer');
    await vscode.commands.executeCommand('subagentStudio.agents.focus');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('groups the session by scope, with each agent’s state, model and tools, and the count and cost in its header', async () => {
    const project = workspaceFile('.claude/agents/reviewer.md');
    const s = await viewUntil('the view to show the user folder', (v) => v.visible && group(v, 'User').length >= 2);
    assert.deepEqual(
      s.items.map((i) => i.label),
      ['Project', 'User'],
    );

    const reviewer = find(s, project)!;
    assert.deepEqual([reviewer.label, reviewer.description, reviewer.icon, reviewer.contextValue], ['reviewer', 'sonnet · 2 tools', 'pass', 'agent.loads']);
    assert.match(reviewer.tooltip ?? '', /- reviewer: Use it to review changes \(the project one\)\. \(Tools: Read, Grep\)/);

    const shadowed = find(s, userFile('reviewer.md'))!;
    assert.deepEqual([shadowed.label, shadowed.description, shadowed.icon, shadowed.contextValue], ['reviewer', 'shadowed · opus · 2 tools', 'eye-closed', 'agent.shadowed']);
    assert.match(shadowed.tooltip ?? '', /shadowed by \.claude\/agents\/reviewer\.md \(a higher scope\)/);

    const labels = (g: string) => group(s, g).map((i) => `${i.label}: ${i.description}`);
    assert.ok(labels('Project').includes('team-helper: haiku · 2 tools'), 'an agent of a subfolder');
    assert.ok(labels('Project').includes('parent-only: inherit · 2 tools'), 'an agent of the folder above the workspace');
    assert.ok(labels('User').includes('user-only: haiku · 2 tools'), 'an agent of the user folder');
    assert.match(s.description ?? '', /^\d+ agents · about \d+ tokens$/);
  });

  it('follows file events, also in the user folder outside the workspace: a new user agent, a file that does not load', async () => {
    const late = userFile('late-comer.md');
    const broken = workspaceFile('.claude/agents/broken.md');
    // VS Code starts its watcher of a folder outside the workspace when the server asks for it, and on a busy
    // machine a file written before it runs makes no event for any extension. A probe is written, and
    // written again if no event of it has reached the view within a few seconds (not faster: the language
    // client sends file events 250 ms after the last one, so a stream of writes would hold them all back).
    const probe = userFile('watch-probe.md');
    for (let round = 1; ; round++) {
      await vscode.workspace.fs.writeFile(probe, Buffer.from(`---\nname: watch-probe\ndescription: Use it to probe, round ${round}.\n---\n`));
      const seen = await viewUntil('the probe in the view', (v) => find(v, probe) !== undefined, 3_000).then(
        () => true,
        () => false,
      );
      if (seen) break;
      if (round === 10) assert.fail('no file event of the user folder reached the view in 10 rounds of 3 s');
    }
    await vscode.workspace.fs.delete(probe);
    await viewUntil('the probe to leave the view', (v) => find(v, probe) === undefined);
    try {
      await vscode.workspace.fs.writeFile(late, Buffer.from('---\nname: late-comer\ndescription: Use it late.\n---\nYou help.\n'));
      await vscode.workspace.fs.writeFile(broken, Buffer.from('---\nname: broken\n---\nNo description.\n'));
      const s = await viewUntil('the new files in the view', (v) => find(v, late) !== undefined && find(v, broken) !== undefined);
      assert.deepEqual([find(s, late)!.label, find(s, late)!.icon], ['late-comer', 'pass']);
      const b = find(s, broken)!;
      assert.deepEqual([b.label, b.description, b.icon, b.contextValue], ['broken.md', 'not loaded', 'error', 'agent.not-loaded']);
      assert.match(b.tooltip ?? '', /not loaded: .*description/);
    } finally {
      await vscode.workspace.fs.delete(late);
      await vscode.workspace.fs.delete(broken);
    }
    await viewUntil('the deleted files to leave the view', (v) => find(v, late) === undefined && find(v, broken) === undefined);
  });

  it('a click on a row opens its file, which lies outside the workspace and can be edited and saved', async function () {
    if (!DRIVER) {
      console.log('  (no test driver: this run is not in the browser, so nothing can click in the tree)');
      return this.skip();
    }
    const file = userFile('user-only.md');
    await vscode.commands.executeCommand('subagentStudio.agents.focus');
    // Scrolled into view, as a person would (the tree draws only the rows in sight).
    await vscode.commands.executeCommand('subagentStudio._agentsView', file.toString());
    const opened = activeEditorOn(file);
    // VS Code labels the row with the item's accessible label: the name, the state and the description.
    // The row is drawn a moment after the reveal: the click is tried until the row is there.
    const row = '.monaco-list-row[aria-label="user-only, loads, haiku · 2 tools"]';
    await waitUntil(
      `the row ${row} to be clicked`,
      () =>
        drive('/click', { selector: row }).then(
          () => true,
          () => undefined,
        ),
      10_000,
    );
    const editor = await opened;
    assert.equal(editor.document.languageId, 'claude-agent');
    const before = editor.document.getText();
    assert.ok(await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount - 1, 0), 'Edited from the Agents view.\n')), 'the file takes an edit');
    assert.equal(await editor.document.save(), true, 'the file can be saved');
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8'), before + 'Edited from the Agents view.\n');
  });

  it('context actions: reveal the agent Claude Code uses instead, open the preview, fix the file', async () => {
    const user = userFile('reviewer.md');
    const project = workspaceFile('.claude/agents/reviewer.md');
    await vscode.commands.executeCommand('subagentStudio.agents.revealWinner', user);
    await viewUntil('the winner to be selected', (v) => v.selection.length === 1 && v.selection[0] === project.toString());

    await vscode.commands.executeCommand('subagentStudio.agents.openPreview', user);
    await waitUntil('the preview of the user agent, saying it is shadowed', async () => {
      const p = await vscode.commands.executeCommand<{ webview?: { uri: string }; html?: string }>('subagentStudio._previewState');
      return p.webview?.uri === user.toString() && /Shadowed by <code>\.claude\/agents\/reviewer\.md<\/code>: Claude Code uses that one\./.test(p.html ?? '')
        ? true
        : undefined;
    });

    // `Model:` differs from `model` only in case: a safe fix, which fix-all applies.
    const fixable = workspaceFile('.claude/agents/fixable.md');
    await vscode.workspace.fs.writeFile(fixable, Buffer.from('---\nname: fixable\ndescription: Use it to see a fix.\nModel: sonnet\n---\nYou help.\n'));
    try {
      await viewUntil('the new file in the view', (v) => find(v, fixable) !== undefined);
      assert.equal(await vscode.commands.executeCommand('subagentStudio.agents.fixAll', fixable), true);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === fixable.toString());
      assert.match(doc?.getText() ?? '', /^model: sonnet$/m);
      await doc?.save();
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(fixable);
    }
  });
});
