import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { DRIVER, drive, openAgent, waitUntil, workspaceFile } from './util';

/**
 * Links in the preview, clicked by the browser (the launcher's test driver, see test/integration/driver.mjs),
 * as a person clicks them. What the test sees:
 * - whether the click went on past the preview's document to the webview frame's window, where VS Code's
 *   own link handler listens (it would open the link a second time, or open one the extension refused);
 * - every link message the preview's script sent, and what the extension did with it
 *   (`subagentStudio._previewLinks`, registered in development and test runs only);
 * - in the browser: each load of the linked web page, every page the browser opened, every external
 *   protocol (`vscode:`) it was asked to launch, and every dialog the workbench would have shown (VS Code's
 *   own opener, given vscode://file/etc/passwd, tries to open that file and fails with one);
 * - the editor the extension opened for a link to a workspace file.
 * What it cannot see: the warning VS Code shows for a refused link (the record carries its text), and
 * what a desktop VS Code, whose webview host differs, does with the same click.
 */

interface LinkRecord {
  href: string;
  outcome: 'external' | 'file' | 'refused';
  target?: string;
  reason?: string;
}
interface Seen {
  loads: Record<string, number>;
  popups: string[];
  launches: string[];
  dialogs: string[];
}

const links = async () => (await vscode.commands.executeCommand<LinkRecord[]>('subagentStudio._previewLinks')) ?? [];
const previewName = async () => (await vscode.commands.executeCommand<{ webview?: { name: string | null } }>('subagentStudio._previewState')).webview?.name;

describe('Subagent Studio inside VS Code: links in the preview', function () {
  before(function () {
    if (!DRIVER) {
      console.log('  (no test driver: this run is not in the browser, so nothing can click in the webview)');
      this.skip();
    }
  });

  it('vscode://, http:// and ../ links: each opened once by the extension, or refused; never by VS Code as well', async () => {
    const { url: web } = await drive<{ url: string }>('/site', { name: 'web' });
    const outside = '../../../../../../../../etc/passwd';
    const file = workspaceFile('.claude/agents/link-tester.md');
    const notes = workspaceFile('docs/notes.md').toString();
    const text = [
      '---',
      'name: link-tester',
      'description: Use it to try the links of the preview.',
      '---',
      '# Links',
      '',
      `- [a web page](${web})`,
      '- [a vscode link](vscode://file/etc/passwd)',
      '- [the notes](../../docs/notes.md)',
      `- [a file outside the workspace](${outside})`,
      '- [the last one](ftp://example.com/last)',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(file, Buffer.from(text));
    try {
      await openAgent('.claude/agents/link-tester.md');
      await vscode.commands.executeCommand('subagentStudio.openPreviewToSide');
      await waitUntil('the preview to show link-tester', async () => ((await previewName()) === 'link-tester' ? true : undefined));

      const clicks: Array<{ href: string; outcome: LinkRecord['outcome']; target?: string }> = [
        { href: web, outcome: 'external', target: web },
        { href: 'vscode://file/etc/passwd', outcome: 'refused' },
        { href: '../../docs/notes.md', outcome: 'file', target: notes },
        { href: outside, outcome: 'refused' },
        // Last, so that every message the clicks before it caused has arrived once this one has.
        { href: 'ftp://example.com/last', outcome: 'refused' },
      ];
      const before = (await links()).length;
      for (const [i, c] of clicks.entries()) {
        const { reachedWindow } = await drive<{ reachedWindow: number }>('/click', { selector: `a[href="${c.href}"]` });
        assert.equal(reachedWindow, 0, `the click on ${c.href} went on to VS Code's own link handler`);
        await waitUntil(`the extension to handle ${c.href}`, async () => ((await links()).length > before + i ? true : undefined));
      }

      const log = (await links()).slice(before);
      assert.deepEqual(
        log.map((r) => ({ href: r.href, outcome: r.outcome, ...(r.target ? { target: r.target } : {}) })),
        clicks,
        'one message per click, each handled as the allow-list says',
      );
      for (const r of log.filter((r) => r.outcome === 'refused')) assert.ok(r.reason, `${r.href} was refused without a word`);
      assert.match(log[3].reason ?? '', /outside the workspace folder/);

      // The browser opened the web page once (the extension's opening) and nothing else.
      const seen = await waitUntil('the web page to load', async () => {
        const s = await drive<Seen>('/seen');
        return s.loads.web >= 1 ? s : undefined;
      });
      assert.deepEqual(seen.loads, { web: 1 }, 'the web page was opened more than once');
      assert.equal(seen.popups.length, 1, `pages the browser opened: ${JSON.stringify(seen.popups)}`);
      assert.deepEqual(seen.launches, [], 'the browser was asked to launch an external protocol');
      assert.deepEqual(seen.dialogs, [], 'VS Code tried to open something itself (for vscode://file/etc/passwd: "Unable to open \'passwd\'")');

      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
      const open = tabs.filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === notes);
      assert.equal(open.length, 1, 'the notes opened in one editor');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(file);
    }
  });
});
