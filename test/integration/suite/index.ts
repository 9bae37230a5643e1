/**
 * The integration suite's entry: the `run()` that @vscode/test-electron (and our code-server launcher)
 * calls inside the extension host. Runs every *.test.js beside this file with mocha, then those in reload/;
 * when one of those asks for it, reloads the window, and runs reload/ again after it (see `session` in util).
 */
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { DRIVER, drive, session } from './util';

/** What the driver keeps of the suite across a reload. */
interface Session {
  loads: number;
  carried: { failures: number } | null;
}

const testFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.test.js'))
        .sort()
        .map((f) => path.join(dir, f))
    : [];

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const grep = process.env.SUBAGENT_STUDIO_TEST_GREP;
  if (grep) mocha.grep(grep);
  const before = DRIVER ? await drive<Session>('/session') : undefined;
  session.reloaded = (before?.loads ?? 1) > 1;
  if (session.reloaded && !before?.carried) throw new Error('the window reloaded before the suite had finished');
  const reloadTests = testFiles(path.join(__dirname, 'reload'));
  for (const f of session.reloaded ? reloadTests : [...testFiles(__dirname), ...reloadTests]) mocha.addFile(f);
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (!session.reloaded && session.reloadAfterRun) {
    await drive<Session>('/session', { carried: { failures } });
    await vscode.commands.executeCommand('workbench.action.reloadWindow');
    // The window reloads and this extension host ends with it; the next one runs the second session.
    return new Promise<void>(() => undefined);
  }
  const total = failures + (before?.carried?.failures ?? 0);
  if (total > 0) throw new Error(`${total} integration test(s) failed`);
}
