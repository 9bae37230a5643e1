/**
 * The host side of the agent preview: one webview panel that follows the active `claude-agent` editor,
 * asks the language server for the preview model (`subagentStudio/previewModel`), renders it with the pure
 * render function and posts the new content to the webview script, which swaps it in place.
 * Over 400 lines on purpose: the panel's life (which editor it follows, when it asks, what it trusts from
 * the webview) is one state machine; links and scroll sync are modules of their own.
 */
import { randomBytes } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient, State } from 'vscode-languageclient/node';
import { PREVIEW_MODEL_REQUEST, type DocumentCheckedParams, type PreviewModel, type PreviewModelParams } from '../../../server/src/protocol';
import { displayLink, linkAction } from './links';
import { previewTitle, renderMessageBody, renderMessageHtml, renderPreviewBody, renderPreviewHtml, type RenderOptions } from './render';
import { ScrollSync } from './scroll-sync';
import { messageOf } from '../error-message';

export const PREVIEW_VIEW_TYPE = 'subagentStudio.preview';
/** `State.Running`, as a type-checked literal: this module needs no value from the client library. */
const RUNNING: State.Running = 2;
const LANGUAGE_ID = 'claude-agent';
/** While typing, the preview refreshes at most this often (the first edit after a pause at once). */
const THROTTLE_MS = 100;
/**
 * After a slow render, a refresh also waits until this many times the render's length has passed since the
 * last one began, so that rendering a huge agent file takes at most a quarter of the host's time while typing.
 */
const RENDER_SPACING = 4;

/** What `subagentStudio._previewState` returns, for tests. */
export interface PreviewState {
  /** The document the preview shows. */
  uri: string | undefined;
  /** The last model the server sent. */
  model: PreviewModel | undefined;
  /** The last content HTML given to the webview (the inner HTML of `#content`). */
  html: string | undefined;
  /**
   * What the webview script last reported after swapping content in; `load` names the whole document it
   * runs in (each one the webview is given has a new id), so an update in place keeps it.
   */
  webview: { uri: string; version: number; name: string | null; load: string } | undefined;
  /** The source line the webview last said is at its top, and whether the editor's scrolling put it there. */
  scroll: { line: number; byEditor: boolean } | undefined;
  visible: boolean;
}

/**
 * What `subagentStudio._previewLinks` returns, in development and test runs only: each link the webview
 * asked to open, in order, and what the extension did with it.
 */
export interface PreviewLinkRecord {
  href: string;
  /** `external`: handed to the system's opener; `file`: opened in an editor; `refused`: not opened. */
  outcome: 'external' | 'file' | 'refused';
  /** The URI opened. */
  target?: string;
  /** Why it was refused, as the user was told. */
  reason?: string;
}

/** `ExtensionMode.Production` and `FileType.Directory`, as type-checked literals. */
const PRODUCTION: vscode.ExtensionMode.Production = 1;
const DIRECTORY: vscode.FileType.Directory = 2;

type FromWebview =
  | { type: 'reveal'; line: number; character: number }
  | { type: 'openLink'; href: string }
  | { type: 'rendered'; uri: string; version: number; name: string | null; load: string }
  | { type: 'scrolled'; line: number; byEditor: boolean };

/** The content the webview should show: a model's body, or a message. */
interface Content {
  uri: string;
  /** The model's document version; -1 for a message. */
  version: number;
  title?: string;
  /** Inner HTML of `#content`. */
  html: string;
  /** The whole document, for when the webview script is not running. */
  document: (opts: RenderOptions) => string;
}

/**
 * `onChecked` fires when the language server has checked a version of a document: the preview refreshes
 * then, not on the edit itself, so that it never asks the server about a version it has not seen yet.
 */
export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient, onChecked: vscode.Event<DocumentCheckedParams>): void {
  const linkLog = context.extensionMode === PRODUCTION ? undefined : [];
  const preview = new AgentPreview(context.extensionUri, client, onChecked, linkLog);
  if (linkLog) context.subscriptions.push(vscode.commands.registerCommand('subagentStudio._previewLinks', (): PreviewLinkRecord[] => [...linkLog]));
  context.subscriptions.push(
    preview,
    vscode.commands.registerCommand('subagentStudio.openPreview', (uri?: vscode.Uri) => preview.open(uri, false)),
    vscode.commands.registerCommand('subagentStudio.openPreviewToSide', (uri?: vscode.Uri) => preview.open(uri, true)),
    vscode.commands.registerCommand('subagentStudio._previewState', (): PreviewState => preview.state()),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel, state: unknown) => preview.restore(panel, state),
    }),
  );
}

class AgentPreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly media: vscode.Uri;
  private uri: vscode.Uri | undefined;
  /** The webview script of the current document has loaded and answers messages. */
  private scriptReady = false;
  /** Id of the last whole document given to the webview; its script reports it back when loaded. */
  private loadId = '';
  private current: Content | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  /** When the last refresh for an edit started (Date.now()). */
  private lastRefresh = Number.NEGATIVE_INFINITY;
  /** How long the last render of the body took, in ms. */
  private renderMs = 0;
  /** The document changed while the panel was hidden: refresh when it is shown. */
  private stale = false;
  private requestSeq = 0;
  private lastModel: PreviewModel | undefined;
  private lastHtml: string | undefined;
  private webviewReport: PreviewState['webview'];
  private scrollReport: PreviewState['scroll'];
  private readonly scrollSync = new ScrollSync(
    () => this.visibleEditor(),
    (line) => {
      if (this.panel?.visible && this.scriptReady) void this.panel.webview.postMessage({ type: 'scrollTo', line });
    },
  );

  constructor(
    extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
    onChecked: vscode.Event<DocumentCheckedParams>,
    /** Where each link decision is recorded, in development and test runs. */
    private readonly linkLog: PreviewLinkRecord[] | undefined,
  ) {
    this.media = vscode.Uri.joinPath(extensionUri, 'media');
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!this.panel || !editor || editor.document.languageId !== LANGUAGE_ID) return;
        if (this.uri?.toString() === editor.document.uri.toString()) return;
        void this.show(editor.document.uri);
      }),
      onChecked((checked) => {
        if (!this.panel || !this.uri || checked.uri !== this.uri.toString() || checked.version === this.lastModel?.version) return;
        if (this.panel.visible) this.schedule();
        else this.stale = true; // nobody sees it: no request, no render
      }),
      // A server that was not running yet, or restarted: ask it again.
      client.onDidChangeState((e) => {
        if (e.newState === RUNNING && this.panel) void this.refresh();
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.scrollSync.editorScrolled(e.textEditor)),
    );
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposePanelParts();
    for (const d of this.disposables) d.dispose();
    this.clearTimers();
  }

  state(): PreviewState {
    return {
      uri: this.uri?.toString(),
      model: this.lastModel,
      html: this.lastHtml,
      webview: this.webviewReport,
      scroll: this.scrollReport,
      visible: this.panel?.visible ?? false,
    };
  }

  /** The open commands: show `uri` (from the editor title button) or the active agent editor. */
  async open(uri: vscode.Uri | undefined, toSide: boolean): Promise<void> {
    const target = uri instanceof vscode.Uri ? uri : activeAgentUri();
    if (!target) {
      void vscode.window.showInformationMessage('Open a Claude agent file (.claude/agents/*.md) to preview it.');
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    if (this.panel) {
      this.panel.reveal(undefined, toSide); // where it is
    } else {
      const panel = vscode.window.createWebviewPanel(
        PREVIEW_VIEW_TYPE,
        'Agent Preview',
        { viewColumn: column, preserveFocus: toSide },
        { enableScripts: true, localResourceRoots: [this.media], enableFindWidget: true, enableCommandUris: false },
      );
      this.attach(panel);
    }
    await this.show(target);
  }

  /** The serializer: a preview that was open before the window reloaded. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = { enableScripts: true, localResourceRoots: [this.media], enableCommandUris: false };
    if (this.panel) this.panel.dispose(); // one preview at a time
    this.attach(panel);
    const saved = state && typeof state === 'object' && typeof (state as { uri?: unknown }).uri === 'string' ? (state as { uri: string }).uri : undefined;
    const uri = saved ? vscode.Uri.parse(saved) : activeAgentUri();
    if (uri) await this.show(uri);
    else this.showMessage('Open a Claude agent file to preview it.');
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.disposePanelParts();
    this.panel = panel;
    this.scriptReady = false;
    this.panelDisposables.push(
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.uri = undefined;
        this.lastModel = undefined;
        this.lastHtml = undefined;
        this.current = undefined;
        this.webviewReport = undefined;
        this.scrollReport = undefined;
        this.clearTimers();
        this.disposePanelParts();
      }),
      panel.webview.onDidReceiveMessage((msg: unknown) => this.onMessage(msg)),
      panel.onDidChangeViewState((e) => {
        // A hidden webview (no retained context) drops messages and reloads its last document when shown
        // again; that document's script reports in and gets the current content.
        if (!e.webviewPanel.visible) this.scriptReady = false;
        else if (this.stale) this.schedule();
      }),
    );
  }

  private disposePanelParts(): void {
    const parts = this.panelDisposables;
    this.panelDisposables = [];
    for (const d of parts) d.dispose();
  }

  private clearTimers(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = undefined;
  }

  private async show(uri: vscode.Uri): Promise<void> {
    const changed = this.uri?.toString() !== uri.toString();
    this.uri = uri;
    if (changed) this.lastModel = undefined;
    // The server builds the preview of an open document: open it (without an editor), for a file whose editor
    // is not open, as after a reload that restores the preview but not the file's editor.
    try {
      await vscode.workspace.openTextDocument(uri);
    } catch (e) {
      if (this.uri === uri) this.showMessage(`The preview could not open the file: ${messageOf(e)}`);
      return;
    }
    if (this.uri === uri) await this.refresh();
  }

  /**
   * After an edit: refresh at once when the preview has been idle, otherwise once THROTTLE_MS (or, after a
   * slow render, RENDER_SPACING render times) have passed since the last refresh began. A refresh already
   * scheduled picks up the newest text, so the last edit shows.
   */
  private schedule(): void {
    if (this.debounce) return;
    const wait = Math.max(THROTTLE_MS, RENDER_SPACING * this.renderMs) - (Date.now() - this.lastRefresh);
    const run = () => {
      this.debounce = undefined;
      this.stale = false;
      this.lastRefresh = Date.now();
      void this.refresh();
    };
    if (wait <= 0) run();
    else this.debounce = setTimeout(run, wait);
  }

  /** Asks the server for the model of the shown document and hands it to the webview. */
  private async refresh(): Promise<void> {
    const panel = this.panel;
    const uri = this.uri;
    if (!panel || !uri) return;
    const seq = ++this.requestSeq;
    const client = this.client;
    if (client.state !== RUNNING) {
      if (!this.lastModel) this.showMessage('Waiting for the Subagent Studio language server\u2026');
      return;
    }
    let model: PreviewModel | null;
    try {
      const params: PreviewModelParams = { uri: uri.toString() };
      model = await client.sendRequest<PreviewModel | null>(PREVIEW_MODEL_REQUEST, params);
    } catch (e) {
      if (seq !== this.requestSeq || this.panel !== panel) return;
      this.showMessage(`The preview could not be built: ${messageOf(e)}`);
      return;
    }
    if (seq !== this.requestSeq || this.panel !== panel || this.uri?.toString() !== uri.toString()) return; // a newer request won
    if (!model) {
      this.showMessage('The language server has no agent model for this file. Is it a Claude agent file (`.claude/agents/*.md`)?');
      return;
    }
    this.lastModel = model;
    panel.title = previewTitle(model);
    this.post(model);
    // The server answered from an older version than the editor has: ask again once the edit has landed.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc && model.version < doc.version) this.schedule();
  }

  /** The model to the webview. */
  private post(model: PreviewModel): void {
    const started = Date.now();
    const html = renderPreviewBody(model);
    this.renderMs = Date.now() - started;
    this.deliver({
      uri: model.uri,
      version: model.version,
      title: previewTitle(model),
      html,
      document: (opts) => renderPreviewHtml(model, opts, html),
    });
  }

  private showMessage(message: string): void {
    const uri = this.uri?.toString() ?? '';
    this.deliver({ uri, version: -1, html: renderMessageBody(message), document: (opts) => renderMessageHtml(message, opts, uri) });
  }

  /** New content by message when the script is running (no reload, scroll kept), else a whole document. */
  private deliver(content: Content): void {
    this.current = content;
    this.lastHtml = content.html;
    if (!this.panel) return;
    if (this.scriptReady) {
      void this.panel.webview.postMessage({ type: 'update', uri: content.uri, version: content.version, html: content.html, title: content.title });
      return;
    }
    this.loadId = randomBytes(9).toString('hex');
    const html = content.document(this.renderOptions());
    this.panel.webview.html = html.replace('<main id="content" ', `<main id="content" data-load="${this.loadId}" `);
  }

  private renderOptions(): RenderOptions {
    const webview = this.panel!.webview;
    return {
      nonce: randomBytes(18).toString('base64'),
      cspSource: webview.cspSource,
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'preview.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'preview.js')).toString(),
    };
  }

  private onMessage(msg: unknown): void {
    if (!msg || typeof msg !== 'object') return;
    const m = msg as FromWebview;
    switch (m.type) {
      case 'rendered': {
        const report = { uri: String(m.uri), version: Number(m.version), name: typeof m.name === 'string' ? m.name : null, load: String(m.load) };
        const loaded = !this.scriptReady;
        if (loaded) {
          if (m.load !== this.loadId) return; // an older document reporting in while a newer one loads
          this.scriptReady = true;
          // Content that changed while the document was loading: send it now.
          if (this.current && (this.current.uri !== report.uri || this.current.version !== report.version)) this.deliver(this.current);
        }
        const newDocument = loaded || this.webviewReport?.uri !== report.uri;
        this.webviewReport = report;
        // A preview that shows a document anew starts where its editor is.
        if (newDocument) this.scrollSync.previewToEditor();
        break;
      }
      case 'scrolled':
        if (typeof m.line !== 'number' || !Number.isFinite(m.line)) break;
        this.scrollReport = { line: m.line, byEditor: m.byEditor === true };
        if (m.byEditor !== true) this.scrollSync.previewScrolled(m.line);
        break;
      case 'reveal':
        if (Number.isInteger(m.line) && Number.isInteger(m.character)) void this.reveal(m.line, m.character);
        break;
      case 'openLink':
        if (typeof m.href === 'string') void this.openLink(m.href);
        break;
    }
  }

  /** The editor showing the previewed document, if one is visible. */
  private visibleEditor(): vscode.TextEditor | undefined {
    const uri = this.uri?.toString();
    return uri === undefined ? undefined : vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  }

  private async reveal(line: number, character: number): Promise<void> {
    const uri = this.uri;
    if (!uri) return;
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: this.editorColumn(uri), preserveFocus: false });
    const pos = doc.validatePosition(new vscode.Position(Math.max(0, line), Math.max(0, character)));
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** The column where the agent file is shown, or else a column other than the preview's. */
  private editorColumn(uri: vscode.Uri): vscode.ViewColumn {
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    return visible?.viewColumn ?? (this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
  }

  /** A link the author clicked, as the link policy (links.ts) says: opened once, or refused with a message. */
  private async openLink(href: string): Promise<void> {
    const uri = this.uri;
    if (!uri) return;
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri;
    const action = linkAction(href, folder && pathInFolder(uri, folder));
    if (action.kind === 'refused') return this.refuseLink(href, action.reason);
    if (action.kind === 'external') {
      let target: vscode.Uri;
      try {
        target = vscode.Uri.parse(action.uri, true);
      } catch {
        return this.refuseLink(href, 'it is not a valid link');
      }
      this.linkLog?.push({ href, outcome: 'external', target: target.toString() });
      await vscode.env.openExternal(target);
      return;
    }
    // A file, so there is a folder: linkAction names files only inside one.
    const target = vscode.Uri.joinPath(folder!, ...action.segments);
    const problem = await fileProblem(target, folder!);
    if (problem) return this.refuseLink(href, problem);
    this.linkLog?.push({ href, outcome: 'file', target: target.toString() });
    await vscode.commands.executeCommand('vscode.open', target, { viewColumn: this.editorColumn(uri) });
  }

  private refuseLink(href: string, reason: string): void {
    this.linkLog?.push({ href, outcome: 'refused', reason });
    void vscode.window.showWarningMessage(`The preview did not open ${displayLink(href)}: ${reason}.`);
  }
}

/** The path of `uri` inside the workspace folder `folder`, one segment each. */
function pathInFolder(uri: vscode.Uri, folder: vscode.Uri): string[] {
  return uri.path
    .slice(folder.path.length)
    .split('/')
    .filter((s) => s !== '');
}

/** Why `target` (inside `folder` by its path) is not a file to open, or undefined when it is one. */
async function fileProblem(target: vscode.Uri, folder: vscode.Uri): Promise<string | undefined> {
  try {
    if ((await vscode.workspace.fs.stat(target)).type & DIRECTORY) return 'it is a folder, not a file';
  } catch {
    return 'there is no such file';
  }
  // On disk a symbolic link inside the folder can lead out of it; other file systems have no real path.
  if (target.scheme !== 'file') return undefined;
  try {
    const [real, root] = await Promise.all([realpath(target.fsPath), realpath(folder.fsPath)]);
    const rel = relative(root, real);
    return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? 'it leads out of the workspace folder through a symbolic link' : undefined;
  } catch {
    return 'there is no such file';
  }
}

function activeAgentUri(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.languageId === LANGUAGE_ID ? doc.uri : undefined;
}
