/**
 * Not a test: the preview benchmark, run inside real VS Code by scripts/bench/preview.mjs through
 * test/integration/launch.mjs. Opens the agent `.claude/agents/senior-backend-architect.md` of the workspace,
 * opens the preview to the side, then edits the `name` N times and measures, for each edit, the time until
 * the webview itself reports the new name (`_previewState().webview.name`), polled every 2 ms.
 *
 * Two series:
 * - "typed": the edit alone, as a user types; the panel's debounce applies. The panel's request to the
 *   server (`subagentStudio/previewModel`) is timed by wrapping the language client's sendRequest, so the
 *   time from that request to the webview's report (everything but the debounce) is measured too.
 * - "immediate": the edit, then `subagentStudio.openPreviewToSide` at once, which refreshes the preview
 *   without waiting: the same path with no debounce, measured end to end through public commands only.
 *
 * Prints one `SUBAGENT_BENCH {json}` line per figure set (console.log with a string first argument, so the
 * launcher relays it verbatim as `[vscode info] SUBAGENT_BENCH ...`).
 */
import * as vscode from 'vscode';

interface PreviewState {
  uri: string | undefined;
  model: { version: number; name?: string } | undefined;
  html: string | undefined;
  webview: { uri: string; version: number; name: string | null } | undefined;
  visible: boolean;
}

interface Api {
  readonly client: { sendRequest: (...args: unknown[]) => Promise<unknown> } | undefined;
}

const EXTENSION_ID = 'subagent-studio.subagent-studio';
const AGENT = '.claude/agents/senior-backend-architect.md';
const EDITS = 20;
const POLL_MS = 2;
const TIMEOUT_MS = 10_000;
/** Between edits: longer than the panel's 200 ms debounce, so each edit is measured on its own. */
const SETTLE_MS = 400;

const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const state = () => vscode.commands.executeCommand<PreviewState>('subagentStudio._previewState');
const emit = (data: unknown) => console.log(`SUBAGENT_BENCH ${JSON.stringify(data)}`);

/** Polls `probe` every POLL_MS until it holds; the time it first held. */
async function until(what: string, probe: (s: PreviewState) => boolean): Promise<number> {
  const deadline = now() + TIMEOUT_MS;
  for (;;) {
    const s = await state();
    if (probe(s)) return now();
    if (now() > deadline) throw new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}; state: ${JSON.stringify({ ...s, html: undefined })}`);
    await sleep(POLL_MS);
  }
}

/** Replaces the value of `name:` (line 1) with `name`. */
async function setName(editor: vscode.TextEditor, name: string): Promise<void> {
  const line = editor.document.lineAt(1);
  const prefix = /^name:[ \t]*/.exec(line.text);
  if (!prefix) throw new Error(`line 2 of ${AGENT} is not the name: ${line.text}`);
  const start = prefix[0].length;
  const ok = await editor.edit((e) => e.replace(new vscode.Range(1, start, 1, line.text.length), name));
  if (!ok) throw new Error('the edit was not applied');
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the preview benchmark needs a workspace folder');
  const uri = vscode.Uri.joinPath(folder.uri, AGENT);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} not found`);
  const api = await ext.activate();

  const initialName = doc
    .lineAt(1)
    .text.replace(/^name:\s*/, '')
    .trim();
  const tOpen = now();
  await vscode.commands.executeCommand('subagentStudio.openPreviewToSide');
  const tShown = await until('the preview to show the agent', (s) => s.webview?.uri === uri.toString() && s.webview.name === initialName);
  emit({ kind: 'open', ms: tShown - tOpen });

  // The panel's model requests, timed where they leave the extension (the client is the panel's client).
  const requests: number[] = [];
  const client = api.client;
  if (client) {
    const original = client.sendRequest.bind(client);
    client.sendRequest = (...args: unknown[]) => {
      if (args[0] === 'subagentStudio/previewModel') requests.push(now());
      return original(...args);
    };
  }

  // One warm-up edit, not counted: the workbench's first edit of a session is much slower than the rest.
  const tWarm = now();
  await setName(editor, 'bench-warm-up');
  await until('the preview to show bench-warm-up', (s) => s.webview?.name === 'bench-warm-up');
  emit({ kind: 'warmup', ms: now() - tWarm });

  for (const series of ['typed', 'immediate'] as const) {
    for (let i = 1; i <= EDITS; i++) {
      const name = `bench-${series}-${i}`;
      await sleep(SETTLE_MS);
      const from = requests.length;
      const t0 = now();
      await setName(editor, name);
      const tEdited = now();
      if (series === 'immediate') await vscode.commands.executeCommand('subagentStudio.openPreviewToSide');
      // The model and the webview's report are polled together: the first poll that sees each.
      let tModel: number | undefined;
      const tShownName = await until(`the preview to show ${name}`, (s) => {
        if (tModel === undefined && s.model?.name === name) tModel = now();
        return s.webview?.name === name;
      });
      // The request that produced the shown name: the last one sent before the model with it arrived.
      const sent = requests.slice(from).filter((t) => t <= (tModel ?? tShownName));
      const tRequest = sent.length ? sent[sent.length - 1] : undefined;
      emit({
        kind: 'edit',
        series,
        i,
        total: tShownName - t0,
        edit: tEdited - t0,
        toModel: tModel === undefined ? null : tModel - t0,
        requestToWebview: tRequest === undefined ? null : tShownName - tRequest,
        editToRequest: tRequest === undefined ? null : tRequest - t0,
        requests: requests.length - from,
        version: (await state()).webview?.version,
        docVersion: editor.document.version,
      });
    }
  }
  // Leave the workspace file as it was on disk (the edits were never saved).
  await vscode.commands.executeCommand('workbench.action.files.revert');
  emit({ kind: 'done' });
}
