import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { SubagentStudioApi } from '../../../client/src/extension';
import { codeOf, waitForDiagnostics, waitUntil } from './util';

/** The pid of the language server this extension host started: vscode-languageclient names our pid in its arguments. */
function serverPid(): number | undefined {
  for (const line of execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n')) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (m && /[/\\]dist[/\\]server\.js\b/.test(m[2]) && m[2].includes(`--clientProcessId=${process.pid}`)) return Number(m[1]);
  }
  return undefined;
}

describe('Subagent Studio inside VS Code: the language server dies', () => {
  it('is started again, also with requests in flight when it dies, and checks the open document as it is edited', async () => {
    // Activated means the client runs: killing the server while it starts would fail the activation instead.
    const ext = vscode.extensions.getExtension<SubagentStudioApi>('subagent-studio.subagent-studio')!;
    const client = (ext.isActive ? ext.exports : await ext.activate()).client!;
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, '.claude', 'agents', 'survivor.md');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('---\nname: survivor\ndescription: Use it after a crash.\n---\nBody\n', 'utf8'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitForDiagnostics(uri, (d) => d.length === 0);

    const first = await waitUntil('the language server process', serverPid);
    process.kill(first, 'SIGKILL');
    // What an open preview, the Agents view and the language status do when the server dies: they keep
    // asking. Each request written to the dead server is a connection error; vscode-languageclient's default
    // handler stopped the client for good at the fourth, before it saw the connection close.
    const hover = { textDocument: { uri: uri.toString() }, position: { line: 1, character: 2 } };
    for (let i = 0; i < 12; i++) client.sendRequest('textDocument/hover', hover).catch(() => undefined);
    const second = await waitUntil('a new language server process', () => {
      const pid = serverPid();
      return pid !== undefined && pid !== first ? pid : undefined;
    });
    assert.notEqual(second, first);

    // The new server was given the open document again and checks each edit of it.
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(3, 0), 'author: me\n')));
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'unknown-key'));
    assert.equal(diagnostics.find((x) => codeOf(x) === 'unknown-key')!.range.start.line, 3);
  });
});
