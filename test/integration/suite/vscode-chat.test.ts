/**
 * VS Code 1.139 ships its own language for `.claude/agents/*.md`: `chatagent`, from the built-in prompt-basics
 * extension, with its own validation of agent files in its chat features. Our language and our diagnostics
 * must own those files, nothing may be shown twice, and VS Code's chat must still find the agents.
 * Older VS Code (1.100, the oldest engines.vscode allows) has no `chatagent`: there these tests are pending.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, openAgent, waitForDiagnostics, workspaceFile } from './util';

const [major, minor] = vscode.version.split('.').map(Number);
const shipsChatAgent = major > 1 || minor >= 139;

/** Our agent file, with a model that both we and VS Code's chat reject, and a folded description. */
const OWNED = '.claude/agents/owner-check.md';
/** The same text, switched to VS Code's `chatagent` language: what VS Code's own validation shows on it. */
const CONTROL = '.claude/agents/owner-check-as-chatagent.md';
const TEXT = [
  '---',
  'name: owner-check',
  'description: >-',
  '  Use this agent when you want to see which extension owns agent files;',
  '  the description folds over two lines.',
  'model: gpt-9',
  '---',
  'You check which extension owns this file.',
  '',
].join('\n');

/** The probe extension (test/integration/chat-api-probe) asks VS Code's chat for its custom agents. */
interface ChatApiProbe {
  customAgents(): Promise<{ uri: string; name: string }[]>;
  onDidChangeCustomAgents(listener: () => void): vscode.Disposable;
}

/** Resolves with chat's custom agents once `ready` holds for them (checked now and on every change). */
function waitForChatAgents(probe: ChatApiProbe, ready: (agents: { uri: string }[]) => boolean, timeoutMs = 30_000) {
  return new Promise<{ uri: string }[]>((resolve, reject) => {
    let last: { uri: string }[] = [];
    const check = async () => {
      last = await probe.customAgents();
      if (!ready(last)) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(last);
    };
    const sub = probe.onDidChangeCustomAgents(() => void check().catch(reject));
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for chat's custom agents; have: ${JSON.stringify(last)}`));
    }, timeoutMs);
    check().catch(reject);
  });
}

/** Items that occur more than once, by `key`. */
function repeated<T>(items: T[], key: (item: T) => string): string[] {
  const seen = new Set<string>();
  return items.map(key).filter((k) => seen.has(k) || !seen.add(k));
}

const where = (r: vscode.Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

(shipsChatAgent ? describe : describe.skip)(`Subagent Studio inside VS Code ${vscode.version}: agent files that VS Code's chat also claims`, () => {
  // Before the files below come and go (mocha runs a suite's own tests before its inner suites): a burst of
  // changes can leave VS Code 1.139's list of custom agents empty until the next change.
  it("VS Code's chat still finds the agents in .claude/agents", async () => {
    const probe = vscode.extensions.getExtension<ChatApiProbe>('subagent-studio-tests.chat-api-probe');
    assert.ok(probe, 'the chat API probe extension is not installed (test/integration/run.sh installs it)');
    const persona = workspaceFile('.claude/agents/backend-architect.md').toString();
    await waitForChatAgents(await probe.activate(), (agents) => agents.some((a) => a.uri === persona));
  });

  describe('an agent file that both could claim', () => {
    before(async () => {
      for (const rel of [OWNED, CONTROL]) await vscode.workspace.fs.writeFile(workspaceFile(rel), Buffer.from(TEXT));
    });
    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const rel of [OWNED, CONTROL]) await vscode.workspace.fs.delete(workspaceFile(rel));
    });

    it('VS Code ships the chatagent language, and an agent file still opens as claude-agent', async () => {
      assert.ok((await vscode.languages.getLanguages()).includes('chatagent'), 'this VS Code has no chatagent language');
      assert.equal((await openAgent(OWNED)).document.languageId, 'claude-agent');
    });

    it('shows only our diagnostics on an agent file, where VS Code would flag the same text as chatagent', async () => {
      const owned = (await openAgent(OWNED)).document.uri;
      await waitForDiagnostics(owned, (d) => d.some((x) => codeOf(x) === 'model-unknown'));
      // The control: the same text as chatagent, opened after our file, so VS Code's validation (which follows
      // the language of open editors) would have reached our file first had it claimed it.
      const control = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(workspaceFile(CONTROL)), 'chatagent');
      await vscode.window.showTextDocument(control, vscode.ViewColumn.Beside);
      const theirs = await waitForDiagnostics(control.uri, (d) => d.some((x) => x.source !== 'subagent-studio' && /gpt-9/.test(x.message)));
      console.log(
        `      VS Code's own validation on the control: ${theirs
          .filter((x) => x.source !== 'subagent-studio')
          .map((x) => x.message)
          .join(' | ')}`,
      );

      const ours = vscode.languages.getDiagnostics(owned);
      assert.deepEqual(
        ours.filter((x) => x.source !== 'subagent-studio').map((x) => x.message),
        [],
        'diagnostics from another source',
      );
      assert.deepEqual(
        repeated(ours, (x) => `${where(x.range)} ${x.message}`),
        [],
        'a diagnostic shown twice',
      );
    });

    it('gives one outline and one set of folding ranges', async () => {
      const uri = (await openAgent(OWNED)).document.uri;
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
      const flat = (list: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] => list.flatMap((s) => [s, ...flat(s.children ?? [])]);
      assert.ok(symbols?.length, 'no outline');
      assert.deepEqual(
        repeated(flat(symbols), (s) => `${where(s.range)} ${s.name}`),
        [],
        'an outline entry shown twice',
      );

      const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
      assert.ok(
        folds?.some((f) => f.start === 2),
        `no folding range for the description: ${JSON.stringify(folds)}`,
      );
      assert.deepEqual(
        repeated(folds, (f) => `${f.start}-${f.end}`),
        [],
        'a folding range given twice',
      );
    });
  });
});
