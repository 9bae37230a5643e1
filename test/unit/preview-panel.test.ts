/**
 * The preview panel's host logic, against a small stand-in for the `vscode` module: which panel it opens,
 * what it asks the server and when (the throttle, on a mocked clock), when it posts updates rather than
 * reloading, and which of the webview's messages it ignores. What the stand-in cannot show is tested in a
 * real VS Code (test/integration/suite/preview*.test.ts): links and what they open, scroll sync, themes.
 * Over 400 lines: one stand-in of `vscode` serves every case, and it is kept beside them.
 */
import assert from 'node:assert/strict';
import Module from 'node:module';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import type { PreviewModel } from '../../server/src/protocol';
import { previewOf } from '../preview-helpers';

// ------------------------------------------------------------------------------------ a stand-in vscode

type Listener<T> = (e: T) => void;
class Emitter<T> {
  private listeners: Array<Listener<T>> = [];
  event = (l: Listener<T>) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
}

class Uri {
  constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
  ) {}
  static parse(s: string): Uri {
    const m = /^([a-z][a-z0-9+.-]*):(?:\/\/([^/]*))?(.*)$/i.exec(s);
    return m ? new Uri(m[1], m[2] ?? '', m[3]) : new Uri('file', '', s);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, base.authority, [base.path, ...parts].join('/'));
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}`;
  }
}

interface FakePanel {
  viewType: string;
  title: string;
  column: unknown;
  options: { enableScripts?: boolean; localResourceRoots?: Uri[] };
  webview: {
    html: string;
    options: unknown;
    cspSource: string;
    posted: unknown[];
    asWebviewUri(u: Uri): { toString(): string };
    postMessage(m: unknown): Promise<boolean>;
    onDidReceiveMessage: Emitter<unknown>['event'];
    receive(m: unknown): void;
  };
  visible: boolean;
  viewColumn: number;
  reveal(column?: unknown): void;
  revealed: unknown[];
  /** What VS Code does when the panel's tab is hidden or shown again. */
  setVisible(visible: boolean): void;
  onDidDispose: Emitter<void>['event'];
  onDidChangeViewState: Emitter<unknown>['event'];
  dispose(): void;
}

function fakePanel(viewType: string, title: string, column: unknown, options: FakePanel['options']): FakePanel {
  const received = new Emitter<unknown>();
  const disposed = new Emitter<void>();
  const viewState = new Emitter<unknown>();
  const panel: FakePanel = {
    viewType,
    title,
    column,
    options,
    webview: {
      html: '',
      options,
      cspSource: 'https://webview.test',
      posted: [],
      asWebviewUri: (u) => ({ toString: () => `https://webview.test${u.path}` }),
      postMessage: async (m) => {
        panel.webview.posted.push(m);
        return true;
      },
      onDidReceiveMessage: received.event,
      receive: (m) => received.fire(m),
    },
    visible: true,
    viewColumn: 2,
    revealed: [],
    reveal: (c) => void panel.revealed.push(c),
    setVisible: (visible) => {
      panel.visible = visible;
      viewState.fire({ webviewPanel: panel });
    },
    onDidDispose: disposed.event,
    onDidChangeViewState: viewState.event,
    dispose: () => disposed.fire(),
  };
  return panel;
}

interface FakeDocument {
  uri: Uri;
  languageId: string;
  version: number;
  validatePosition(p: unknown): unknown;
}

const world = {
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  executed: [] as unknown[][],
  panels: [] as FakePanel[],
  serializers: new Map<string, { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> }>(),
  activeTextEditor: undefined as { document: FakeDocument; viewColumn: number; visibleRanges: unknown[] } | undefined,
  visibleTextEditors: [] as Array<{ document: FakeDocument; viewColumn: number; visibleRanges: unknown[] }>,
  textDocuments: [] as FakeDocument[],
  shown: [] as Array<{ uri: string; column: unknown; selection?: unknown }>,
  messages: [] as string[],
  activeEditorChanged: new Emitter<unknown>(),
  documentChanged: new Emitter<{ document: FakeDocument }>(),
  /** The server's `subagentStudio/checked` notifications, as the extension forwards them. */
  checked: new Emitter<{ uri: string; version: number }>(),
};

const fakeVscode = {
  Uri,
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
  TextEditorRevealType: { InCenterIfOutsideViewport: 2 },
  Position: class {
    constructor(
      readonly line: number,
      readonly character: number,
    ) {}
  },
  Range: class {
    constructor(
      readonly start: unknown,
      readonly end: unknown,
    ) {}
  },
  Selection: class {
    constructor(
      readonly anchor: unknown,
      readonly active: unknown,
    ) {}
  },
  commands: {
    registerCommand: (id: string, f: (...args: unknown[]) => unknown) => {
      world.commands.set(id, f);
      return { dispose: () => world.commands.delete(id) };
    },
    executeCommand: async (...args: unknown[]) => void world.executed.push(args),
  },
  window: {
    get activeTextEditor() {
      return world.activeTextEditor;
    },
    get visibleTextEditors() {
      return world.visibleTextEditors;
    },
    onDidChangeActiveTextEditor: world.activeEditorChanged.event,
    onDidChangeTextEditorVisibleRanges: new Emitter<unknown>().event,
    createWebviewPanel: (viewType: string, title: string, column: unknown, options: FakePanel['options']) => {
      const p = fakePanel(viewType, title, column, options);
      world.panels.push(p);
      return p;
    },
    registerWebviewPanelSerializer: (viewType: string, s: { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> }) => {
      world.serializers.set(viewType, s);
      return { dispose() {} };
    },
    showInformationMessage: async (m: string) => void world.messages.push(m),
    showTextDocument: async (doc: FakeDocument, opts: { viewColumn: unknown }) => {
      const editor = {
        document: doc,
        selection: undefined as unknown,
        revealRange: () => undefined,
      };
      const entry: { uri: string; column: unknown; selection?: unknown } = { uri: doc.uri.toString(), column: opts.viewColumn };
      world.shown.push(entry);
      return new Proxy(editor, {
        set(target, prop, value) {
          if (prop === 'selection') entry.selection = value;
          (target as Record<string | symbol, unknown>)[prop] = value;
          return true;
        },
      });
    },
  },
  workspace: {
    onDidChangeTextDocument: world.documentChanged.event,
    get textDocuments() {
      return world.textDocuments;
    },
    openTextDocument: async (uri: Uri) => world.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? doc(uri.toString(), 1),
  },
};

function doc(uri: string, version: number): FakeDocument {
  return { uri: Uri.parse(uri), languageId: 'claude-agent', version, validatePosition: (p) => p };
}

// Hand the stand-in to `require('vscode')`, then load the panel module.
const moduleWithLoad = Module as unknown as { _load: (this: unknown, request: string, ...rest: unknown[]) => unknown };
const realLoad = moduleWithLoad._load;
moduleWithLoad._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? fakeVscode : realLoad.call(this, request, ...rest);
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { registerPreview } = require('../../client/src/preview/panel') as typeof import('../../client/src/preview/panel');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const renderModule = require('../../client/src/preview/render') as typeof import('../../client/src/preview/render');
moduleWithLoad._load = realLoad;

// ------------------------------------------------------------------------------------ a stand-in client

class FakeClient {
  state = 2; // Running
  requests: Array<{ method: string; params: { uri: string } }> = [];
  private readonly stateChanged = new Emitter<{ newState: number }>();
  onDidChangeState = this.stateChanged.event;
  private waiting: Array<() => void> = [];
  constructor(public answer: (uri: string) => PreviewModel | null) {}
  async sendRequest<T>(method: string, params: { uri: string }): Promise<T> {
    this.requests.push({ method, params });
    const result = this.answer(params.uri) as T;
    for (const w of this.waiting.splice(0)) w();
    return result;
  }
  /** Resolves at the next request. */
  nextRequest(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  setState(s: number): void {
    this.state = s;
    this.stateChanged.fire({ newState: s });
  }
}

const AGENT = 'file:///w/.claude/agents/helper.md';
const agentText = (name: string) => `---\nname: ${name}\ndescription: Helps.\n---\n# Role\n\nYou help.\n`;

/** Lets promise callbacks run (no timers involved). */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('preview panel host', () => {
  let client: FakeClient | undefined;
  let name = 'helper';
  let version = 1;
  const subscriptions: Array<{ dispose(): unknown }> = [];

  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    world.commands.clear();
    world.panels.length = 0;
    world.shown.length = 0;
    world.executed.length = 0;
    world.messages.length = 0;
    name = 'helper';
    version = 1;
    const d = doc(AGENT, version);
    world.textDocuments = [d];
    world.activeTextEditor = { document: d, viewColumn: 1, visibleRanges: [] };
    world.visibleTextEditors = [world.activeTextEditor];
    client = new FakeClient((uri) => (uri === AGENT ? previewOf(agentText(name), '/w/.claude/agents/helper.md', version) : null));
    registerPreview({ extensionUri: Uri.parse('file:///ext'), subscriptions } as never, client as never, world.checked.event as never);
  });
  afterEach(() => {
    for (const s of subscriptions.splice(0)) s.dispose();
    mock.timers.reset();
    mock.restoreAll();
  });

  const state = () =>
    world.commands.get('subagentStudio._previewState')!() as { uri?: string; model?: PreviewModel; html?: string; webview?: { version: number; name: string | null } };

  /** What the webview script does when its document has loaded. */
  function scriptLoads(panel: FakePanel): void {
    const load = /data-load="([^"]*)"/.exec(panel.webview.html)?.[1] ?? '';
    const version = Number(/data-version="(-?\d+)"/.exec(panel.webview.html)?.[1]);
    const name = /data-role="name">([^<]*)</.exec(panel.webview.html)?.[1] ?? null;
    const uri = /data-uri="([^"]*)"/.exec(panel.webview.html)?.[1] ?? '';
    panel.webview.receive({ type: 'rendered', uri, version, name, load });
  }

  test('open to the side: a webview beside the editor, limited to the media folder, showing the model', async () => {
    await world.commands.get('subagentStudio.openPreviewToSide')!();
    assert.equal(world.panels.length, 1);
    const panel = world.panels[0];
    assert.equal(panel.viewType, 'subagentStudio.preview');
    assert.deepEqual(panel.column, { viewColumn: -2, preserveFocus: true });
    assert.equal(panel.options.enableScripts, true);
    assert.deepEqual(panel.options.localResourceRoots?.map(String), ['file:///ext/media']);
    assert.deepEqual(client!.requests, [{ method: 'subagentStudio/previewModel', params: { uri: AGENT } }]);
    assert.match(panel.webview.html, /<h1 class="agent-name" data-role="name">helper<\/h1>/);
    assert.match(panel.webview.html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
    assert.match(panel.webview.html, /<script nonce="[A-Za-z0-9+/=]{24}" src="https:\/\/webview.test\/ext\/media\/preview.js">/);
    assert.equal(panel.title, 'Preview helper');
    assert.equal(state().model?.name, 'helper');
    assert.equal(state().uri, AGENT);

    // A second open reveals the same panel.
    await world.commands.get('subagentStudio.openPreview')!();
    assert.equal(world.panels.length, 1);
    assert.equal(panel.revealed.length, 1);
  });

  test('edits: the first at once, then at most one refresh per 100 ms, posted as updates (no reload)', async () => {
    await world.commands.get('subagentStudio.openPreviewToSide')!();
    const panel = world.panels[0];
    const firstHtml = panel.webview.html;
    scriptLoads(panel);
    assert.equal(state().webview?.name, 'helper');

    // The first edit after a pause refreshes at once.
    name = 'renamed';
    version = 2;
    world.textDocuments[0].version = 2;
    let asked = client!.nextRequest();
    world.documentChanged.fire({ document: world.textDocuments[0] });
    assert.equal(client!.requests.length, 1, 'an edit alone asks nothing: the server has not checked it yet');
    world.checked.fire({ uri: AGENT, version: 2 });
    await asked;
    await flush();
    assert.equal(client!.requests.length, 2);

    // Edits while typing wait for the throttle, and then one request takes the newest text.
    name = 'renamed-again';
    for (const v of [3, 4]) {
      version = v;
      world.textDocuments[0].version = v;
      world.documentChanged.fire({ document: world.textDocuments[0] });
      world.checked.fire({ uri: AGENT, version: v });
    }
    assert.equal(client!.requests.length, 2, 'nothing more asked within 100 ms');
    asked = client!.nextRequest();
    mock.timers.tick(100);
    await asked;
    await flush();
    assert.equal(client!.requests.length, 3, 'one request for the two edits');
    assert.equal(panel.webview.html, firstHtml, 'the document is not reloaded');
    const update = panel.webview.posted.at(-1) as { type: string; uri: string; version: number; html: string; title: string };
    assert.equal(update.type, 'update');
    assert.equal(update.version, 4);
    assert.match(update.html, /data-role="name">renamed-again</);
    // The file is helper.md: the title names it too, to tell it from other agents of the same name.
    assert.equal(update.title, 'Preview renamed-again (helper.md)');
    assert.equal(state().model?.name, 'renamed-again');
    assert.equal(state().html, update.html);
  });

  /** An edit to `v` that the server has checked. */
  function edit(v: number): void {
    version = v;
    world.textDocuments[0].version = v;
    world.documentChanged.fire({ document: world.textDocuments[0] });
    world.checked.fire({ uri: AGENT, version: v });
  }

  test('a hidden preview asks and renders nothing while the file is edited, and catches up once shown', async () => {
    await world.commands.get('subagentStudio.openPreviewToSide')!();
    const panel = world.panels[0];
    scriptLoads(panel);
    const render = mock.method(renderModule, 'renderPreviewBody');
    panel.setVisible(false);
    name = 'hidden-edit';
    for (const v of [2, 3, 4]) edit(v);
    mock.timers.tick(1000);
    await flush();
    assert.equal(client!.requests.length, 1, 'no request while hidden');
    assert.equal(render.mock.callCount(), 0, 'no render while hidden');

    const asked = client!.nextRequest();
    panel.setVisible(true);
    await asked;
    await flush();
    assert.equal(client!.requests.length, 2, 'one request on being shown');
    assert.equal(render.mock.callCount(), 1, 'one render');
    assert.equal(state().model?.name, 'hidden-edit');
  });

  test('a slow render spaces the refreshes while typing: one starts at least four render times after the last', async () => {
    await world.commands.get('subagentStudio.openPreviewToSide')!();
    const panel = world.panels[0];
    scriptLoads(panel);
    // Each render takes 300 ms of the (mocked) clock, as a huge agent file's might.
    const realRender = renderModule.renderPreviewBody;
    const render = mock.method(renderModule, 'renderPreviewBody', (m: PreviewModel) => {
      mock.timers.setTime(Date.now() + 300); // moves the clock without running timers inside the render
      return realRender(m);
    });
    let asked = client!.nextRequest();
    mock.timers.tick(1000);
    edit(2); // after a pause: at once
    await asked;
    await flush();
    assert.equal(render.mock.callCount(), 1);

    edit(3);
    mock.timers.tick(100);
    await flush();
    assert.equal(client!.requests.length, 2, 'not after the usual 100 ms');
    asked = client!.nextRequest();
    mock.timers.tick(1200 - 300 - 100 - 1);
    await flush();
    assert.equal(client!.requests.length, 2, 'not before 4 x 300 ms since the last refresh began');
    mock.timers.tick(1);
    await asked;
    await flush();
    assert.equal(client!.requests.length, 3);
    assert.equal(render.mock.callCount(), 2, 'one render per refresh');
  });

  test('an answer from an older version asks again', async () => {
    await world.commands.get('subagentStudio.openPreviewToSide')!();
    scriptLoads(world.panels[0]);
    world.textDocuments[0].version = 5; // the server still answers version 1
    let asked = client!.nextRequest();
    world.checked.fire({ uri: AGENT, version: 5 });
    await asked;
    await flush();
    asked = client!.nextRequest();
    mock.timers.tick(200);
    await asked;
    assert.equal(client!.requests.length, 3);
  });

  test('follows the active agent editor', async () => {
    await world.commands.get('subagentStudio.openPreviewToSide')!();
    scriptLoads(world.panels[0]);
    const other = doc('file:///w/.claude/agents/other.md', 1);
    world.activeEditorChanged.fire({ document: { ...other, languageId: 'markdown' } });
    assert.equal(client!.requests.length, 1, 'not for other languages');
    world.activeEditorChanged.fire({ document: other });
    await flush();
    assert.deepEqual(client!.requests.at(-1)?.params, { uri: 'file:///w/.claude/agents/other.md' });
    assert.equal(state().uri, 'file:///w/.claude/agents/other.md');
  });

  test('reveal, and messages it must ignore', async () => {
    await world.commands.get('subagentStudio.openPreviewToSide')!();
    const panel = world.panels[0];
    scriptLoads(panel);
    panel.webview.receive({ type: 'reveal', line: 3, character: 4 });
    await flush();
    assert.equal(world.shown.length, 1);
    assert.equal(world.shown[0].uri, AGENT);
    assert.equal(world.shown[0].column, 1, 'in the editor where the file is');
    assert.deepEqual(JSON.parse(JSON.stringify(world.shown[0].selection)), { anchor: { line: 3, character: 4 }, active: { line: 3, character: 4 } });

    panel.webview.receive({ type: 'reveal', line: '3', character: 0 });
    panel.webview.receive({ type: 'openLink', href: 42 });
    panel.webview.receive(null);
    panel.webview.receive({ type: 'nonsense' });
    await flush();
    assert.equal(world.shown.length, 1, 'a reveal with a non-number line is ignored');
    assert.deepEqual(world.executed, []);
  });

  test('no agent editor: says so, opens nothing', async () => {
    world.activeTextEditor = undefined;
    await world.commands.get('subagentStudio.openPreview')!();
    assert.equal(world.panels.length, 0);
    assert.equal(world.messages.length, 1);
  });

  test('the language server not running yet: a waiting message, then the model when it runs', async () => {
    client!.setState(3); // Starting
    await world.commands.get('subagentStudio.openPreviewToSide')!();
    const panel = world.panels[0];
    assert.match(panel.webview.html, /Waiting for the Subagent Studio language server/);
    assert.equal(client!.requests.length, 0);
    scriptLoads(panel);
    const asked = client!.nextRequest();
    client!.setState(2);
    await asked;
    await flush();
    const update = panel.webview.posted.at(-1) as { html: string };
    assert.match(update.html, /data-role="name">helper</);
  });

  test('restored after a reload by the serializer, from the saved uri', async () => {
    const panel = fakePanel('subagentStudio.preview', 'Preview', 1, {});
    world.activeTextEditor = undefined;
    await world.serializers.get('subagentStudio.preview')!.deserializeWebviewPanel(panel, { uri: AGENT });
    assert.deepEqual((panel.webview.options as { localResourceRoots: Uri[] }).localResourceRoots.map(String), ['file:///ext/media']);
    assert.deepEqual(client!.requests.at(-1)?.params, { uri: AGENT });
    assert.match(panel.webview.html, /data-role="name">helper</);
  });

  test('a document that loads while a newer one is set is ignored; the newer one gets the current content', async () => {
    await world.commands.get('subagentStudio.openPreviewToSide')!();
    const panel = world.panels[0];
    panel.webview.receive({ type: 'rendered', uri: AGENT, version: 1, name: 'helper', load: 'stale' });
    assert.equal(state().webview, undefined);
    scriptLoads(panel);
    assert.equal(state().webview?.name, 'helper');
  });
});
