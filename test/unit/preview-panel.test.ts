/**
 * The preview panel's host logic where only a clock, a server or a webview under the test's control shows it,
 * against a small stand-in for the `vscode` module: the throttle while typing and the spacing after slow
 * renders (on a mocked clock), nothing asked while hidden, an answer from an older version, a server that is
 * not running yet, a file it cannot open, a document that loads after a newer one was set, and the messages it
 * ignores. What users meet in the editor (where it opens, what it follows, updates in place, a hidden one
 * catching up, reveal) is tested in a real VS Code: test/integration/suite/preview-panel.test.ts, the reload
 * in suite/reload/, and links, scrolling and themes in the other suite/preview*.test.ts.
 */
import assert from 'node:assert/strict';
import Module from 'node:module';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import type { PreviewModel } from '../../server/src/protocol';
import { previewOf } from '../preview-helpers';

// ------------------------------------------------------------------------------------ a stand-in vscode

function emitter<T>() {
  const listeners = new Set<(e: T) => void>();
  const event = (l: (e: T) => void) => {
    listeners.add(l);
    return { dispose: () => listeners.delete(l) };
  };
  return { event, fire: (e: T) => [...listeners].forEach((l) => l(e)) };
}

class Uri {
  constructor(readonly path: string) {}
  static joinPath = (base: Uri, ...parts: string[]) => new Uri([base.path, ...parts].join('/'));
  toString = () => this.path;
}

/** A webview panel as far as the host uses it; `receive` is a message from its script. */
function fakePanel() {
  const [received, viewState, disposed] = [emitter<unknown>(), emitter<unknown>(), emitter<void>()];
  const webview = { html: '', cspSource: 'https://webview.test', asWebviewUri: (u: Uri) => u, postMessage: async () => true, onDidReceiveMessage: received.event };
  const panel = { title: '', visible: true, viewColumn: 2, webview, onDidChangeViewState: viewState.event, onDidDispose: disposed.event, dispose: () => disposed.fire() };
  return Object.assign(panel, {
    receive: (m: unknown) => received.fire(m),
    /** What VS Code does when the panel's tab is hidden or shown again. */
    setVisible: (visible: boolean) => viewState.fire({ webviewPanel: Object.assign(panel, { visible }) }),
  });
}
type FakePanel = ReturnType<typeof fakePanel>;

const AGENT = 'file:///w/.claude/agents/helper.md';
const agentDoc = { uri: new Uri(AGENT), languageId: 'claude-agent', version: 1, validatePosition: (p: unknown) => p };
const noEvent = () => ({ dispose() {} });
const world = {
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  panels: [] as FakePanel[],
  /** The calls a reveal or a link makes, as the stand-in saw them. */
  calls: [] as string[],
  /** The server's `subagentStudio/checked` notifications, as the extension forwards them. */
  checked: emitter<{ uri: string; version: number }>(),
};

const fakeVscode = {
  Uri,
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
  // What a reveal makes; the stand-in does not look into them.
  Position: Object,
  Range: Object,
  Selection: Object,
  TextEditorRevealType: {},
  commands: { registerCommand: (id: string, f: (...args: unknown[]) => unknown) => (world.commands.set(id, f), noEvent()) },
  window: {
    activeTextEditor: { document: agentDoc, viewColumn: 1 },
    visibleTextEditors: [],
    onDidChangeActiveTextEditor: noEvent,
    onDidChangeTextEditorVisibleRanges: noEvent,
    registerWebviewPanelSerializer: noEvent,
    createWebviewPanel: () => {
      const panel = fakePanel();
      world.panels.push(panel);
      return panel;
    },
    showTextDocument: async (doc: typeof agentDoc) => (world.calls.push(`showTextDocument ${doc.uri.path}`), { revealRange() {} }),
  },
  workspace: { textDocuments: [agentDoc], openTextDocument: async () => agentDoc, getWorkspaceFolder: () => void world.calls.push('getWorkspaceFolder') },
};

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

/** What the server answers: the agent file with this name, as of this version. */
const served = { name: 'helper', version: 1 };
const agentText = (name: string) => `---\nname: ${name}\ndescription: Helps.\n---\n# Role\n\nYou help.\n`;

class FakeClient {
  state = 2; // Running
  requests = 0;
  private readonly stateChanged = emitter<{ newState: number }>();
  onDidChangeState = this.stateChanged.event;
  private waiting: Array<() => void> = [];
  async sendRequest(_method: string, params: { uri: string }): Promise<PreviewModel | null> {
    this.requests++;
    for (const w of this.waiting.splice(0)) w();
    return params.uri === AGENT ? previewOf(agentText(served.name), '/w/.claude/agents/helper.md', served.version) : null;
  }
  /** Resolves at the next request. */
  nextRequest = () => new Promise<void>((resolve) => this.waiting.push(resolve));
  setState(s: number): void {
    this.state = s;
    this.stateChanged.fire({ newState: s });
  }
}

/** Lets promise callbacks run (no timers involved). */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('preview panel host', () => {
  let client: FakeClient;
  const subscriptions: Array<{ dispose(): unknown }> = [];

  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    world.commands.clear();
    world.panels.length = 0;
    world.calls.length = 0;
    served.name = 'helper';
    served.version = agentDoc.version = 1;
    client = new FakeClient();
    registerPreview({ extensionUri: new Uri('file:///ext'), subscriptions } as never, client as never, world.checked.event as never);
  });
  afterEach(() => {
    for (const s of subscriptions.splice(0)) s.dispose();
    mock.timers.reset();
    mock.restoreAll();
  });

  const state = () => world.commands.get('subagentStudio._previewState')!() as { model?: PreviewModel; html?: string; webview?: { name: string | null } };

  /** Opens the preview of the agent file and returns its panel. */
  async function open(): Promise<FakePanel> {
    await world.commands.get('subagentStudio.openPreviewToSide')!();
    assert.equal(world.panels.length, 1);
    return world.panels[0];
  }

  /** What the webview script does when its document has loaded. */
  function scriptLoads(panel: FakePanel): void {
    const attr = (a: string) => new RegExp(`data-${a}="([^"]*)"`).exec(panel.webview.html)?.[1] ?? '';
    const name = /data-role="name">([^<]*)</.exec(panel.webview.html)?.[1] ?? null;
    panel.receive({ type: 'rendered', uri: attr('uri'), version: Number(attr('version')), name, load: attr('load') });
  }

  /** An edit to `v` that the server has checked. */
  function edit(v: number): void {
    served.version = agentDoc.version = v;
    world.checked.fire({ uri: AGENT, version: v });
  }

  test('edits: the first at once, then at most one refresh per 100 ms, which takes the newest text', async () => {
    scriptLoads(await open());
    // The first edit after a pause refreshes at once.
    served.name = 'renamed';
    let asked = client.nextRequest();
    edit(2);
    await asked;
    await flush();
    assert.equal(client.requests, 2);

    // Edits while typing wait for the throttle, and then one request takes the newest text.
    served.name = 'renamed-again';
    edit(3);
    edit(4);
    assert.equal(client.requests, 2, 'nothing more asked within 100 ms');
    asked = client.nextRequest();
    mock.timers.tick(100);
    await asked;
    await flush();
    assert.equal(client.requests, 3, 'one request for the two edits');
    assert.equal(state().model?.version, 4);
    assert.match(state().html ?? '', /data-role="name">renamed-again</);
  });

  test('a hidden preview asks and renders nothing while the file is edited, and asks once when shown', async () => {
    const panel = await open();
    scriptLoads(panel);
    const render = mock.method(renderModule, 'renderPreviewBody');
    panel.setVisible(false);
    served.name = 'hidden-edit';
    for (const v of [2, 3, 4]) edit(v);
    mock.timers.tick(1000);
    await flush();
    assert.equal(client.requests, 1, 'no request while hidden');
    assert.equal(render.mock.callCount(), 0, 'no render while hidden');

    const asked = client.nextRequest();
    panel.setVisible(true);
    await asked;
    await flush();
    assert.equal(client.requests, 2, 'one request on being shown');
    assert.equal(render.mock.callCount(), 1, 'one render');
  });

  test('a slow render spaces the refreshes while typing: one starts at least four render times after the last', async () => {
    scriptLoads(await open());
    // Each render takes 300 ms of the (mocked) clock, as a huge agent file's might.
    const realRender = renderModule.renderPreviewBody;
    const render = mock.method(renderModule, 'renderPreviewBody', (m: PreviewModel) => {
      mock.timers.setTime(Date.now() + 300); // moves the clock without running timers inside the render
      return realRender(m);
    });
    let asked = client.nextRequest();
    mock.timers.tick(1000);
    edit(2); // after a pause: at once
    await asked;
    await flush();
    assert.equal(render.mock.callCount(), 1);

    edit(3);
    mock.timers.tick(100);
    await flush();
    assert.equal(client.requests, 2, 'not after the usual 100 ms');
    asked = client.nextRequest();
    mock.timers.tick(1200 - 300 - 100 - 1);
    await flush();
    assert.equal(client.requests, 2, 'not before 4 x 300 ms since the last refresh began');
    mock.timers.tick(1);
    await asked;
    await flush();
    assert.equal(client.requests, 3);
    assert.equal(render.mock.callCount(), 2, 'one render per refresh');
  });

  test('an answer from an older version asks again', async () => {
    scriptLoads(await open());
    agentDoc.version = 5; // the server still answers version 1
    let asked = client.nextRequest();
    world.checked.fire({ uri: AGENT, version: 5 });
    await asked;
    await flush();
    asked = client.nextRequest();
    mock.timers.tick(200);
    await asked;
    assert.equal(client.requests, 3);
  });

  test('the language server not running yet: a waiting message, then the model when it runs', async () => {
    client.setState(3); // Starting
    const panel = await open();
    assert.match(panel.webview.html, /Waiting for the Subagent Studio language server/);
    assert.equal(client.requests, 0);
    scriptLoads(panel);
    const asked = client.nextRequest();
    client.setState(2);
    await asked;
    await flush();
    assert.match(state().html ?? '', /data-role="name">helper</);
  });

  test('a file that cannot be opened (gone since the preview was saved): says why', async () => {
    mock.method(fakeVscode.workspace, 'openTextDocument', async () => {
      throw new Error('Unable to read file helper.md');
    });
    await open();
    assert.equal(client.requests, 0);
    assert.match(state().html ?? '', /The preview could not open the file: Unable to read file helper\.md/);
  });

  test('a document that loads while a newer one is set is ignored; the newer one gets the current content', async () => {
    const panel = await open();
    panel.receive({ type: 'rendered', uri: AGENT, version: 1, name: 'helper', load: 'stale' });
    assert.equal(state().webview, undefined);
    scriptLoads(panel);
    assert.equal(state().webview?.name, 'helper');
  });

  test('webview messages it must ignore', async () => {
    const panel = await open();
    scriptLoads(panel);
    panel.receive({ type: 'reveal', line: '3', character: 0 });
    panel.receive({ type: 'reveal', line: 3.5, character: 0 });
    panel.receive({ type: 'openLink', href: 42 });
    panel.receive(null);
    panel.receive({ type: 'nonsense' });
    await flush();
    assert.deepEqual(world.calls, [], 'a reveal without a whole-number line, or a link that is no string, went on');
    panel.receive({ type: 'reveal', line: 3, character: 4 });
    await flush();
    assert.deepEqual(world.calls, [`showTextDocument ${AGENT}`], 'a good reveal');
  });
});
