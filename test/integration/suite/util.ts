/** Helpers for tests inside VS Code: wait on events, never on sleeps. */
import * as vscode from 'vscode';

/** Resolves with the diagnostics of `uri` once `ready` holds for them (checked now and on every change). */
export function waitForDiagnostics(uri: vscode.Uri, ready: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const d = vscode.languages.getDiagnostics(uri);
      if (!ready(d)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(d);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics of ${uri.toString()}; have: ${JSON.stringify(vscode.languages.getDiagnostics(uri))}`));
    }, timeoutMs);
    check();
  });
}

/** The rule id of a diagnostic (VS Code turns `code` + `codeDescription` into `{ value, target }`). */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function workspaceFile(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, rel);
}

/** A new agent file in the workspace's .claude/agents, written to disk and opened in an editor. */
export async function newAgent(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = workspaceFile(`.claude/agents/${name}.md`);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  if (editor.document.languageId !== 'claude-agent') throw new Error(`${name}.md opened as ${editor.document.languageId}`);
  return editor;
}

export async function openAgent(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(rel));
  return vscode.window.showTextDocument(doc);
}

/**
 * Resolves once `probe` returns a value (checked now, then after each turn of the extension host's event
 * loop and at most every 50 ms), or rejects after `timeoutMs`. For state that has no change event of its
 * own, such as what a webview reports back.
 */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The launcher's test driver (test/integration/driver.mjs): what only the browser can do. Absent outside the browser. */
export const DRIVER = process.env.SUBAGENT_STUDIO_TEST_DRIVER;

/** In a suite's `before`: skips the suite, saying why, when there is no test driver (desktop VS Code). */
export function needsDriver(suite: Mocha.Context, what: string): void {
  if (DRIVER) return;
  console.log(`  (no test driver: this run is not in the browser, so nothing can ${what})`);
  suite.skip();
}

/** Asks the test driver: GET `path`, or POST `body` to it. */
export async function drive<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${DRIVER}${path}`, body === undefined ? undefined : { method: 'POST', body: JSON.stringify(body) });
  const answer = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(`driver ${path}: ${answer.error ?? res.status}`);
  return answer;
}

/** What the driver's /query answers for each element that matches. */
export interface Match {
  text: string;
  value: string | null;
  label: string | null;
  style: Record<string, string>;
}

/** The elements matching `selector` in any frame of the workbench, through the driver. */
export async function query(selector: string, style: string[] = []): Promise<Match[]> {
  return (await drive<{ matches: Match[] }>('/query', { selector, style })).matches;
}

/**
 * Which session of the suite this is. With a test driver, the suite can go on after a window reload: the
 * files in reload/ run last, and when one of their tests asks for it (`reloadAfterRun`), index.ts reloads the
 * window once the run is over; the workbench then runs the suite again in a new extension host, and that
 * second session (`reloaded`) runs only the files in reload/, which check what came back.
 */
export const session = { reloaded: false, reloadAfterRun: false };
