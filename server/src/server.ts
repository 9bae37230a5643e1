/**
 * The language server: LSP wiring only. Everything that understands agent files is in ./core.
 * Run as `node dist/server.js --stdio` (any LSP client) or over IPC from the extension.
 *
 * Over 400 lines on purpose: it is the one place where the handlers meet the state they share (open
 * documents, the name index, the sessions, the closed files' checks), each handler a few lines of wiring;
 * what they do lives in ./lsp and ./core.
 */
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  FileChangeType,
  DidChangeWatchedFilesNotification,
  type InitializeResult,
} from 'vscode-languageserver/node';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgentIndex, fileUri } from './agent-index';
import { agentFolderPatterns, CONFIG_FILE, ConfigResolver, EMPTY_CONFIG, type ProjectConfig } from './project-config';
import { lintRuns, type LintOptions, type RuleSettings } from './core/lint';
import { AGENT_FOLDERS_REQUEST, type AgentFoldersParams, type AgentFoldersResult } from './protocol';
import { AGENT_STATE_REQUEST, type AgentState, type AgentStateParams } from './protocol';
import { checkRuleSettings } from './rule-settings';
import { DiskProblems } from './lsp/disk-problems';
import { AgentSets } from './lsp/agent-set';
import { completionItems, documentSymbols, foldingRangesOf, hoverAt } from './lsp/assist';
import { buildPreviewModel, claudeCodeState } from './core/preview-model';
import { DOCUMENT_CHECKED_NOTIFICATION, PREVIEW_MODEL_REQUEST, type DocumentCheckedParams, type PreviewModel, type PreviewModelParams } from './protocol';
import { AGENT_SET_CHANGED_NOTIFICATION, AGENT_SET_REQUEST, type AgentSetResult } from './protocol';
import { CODE_ACTION_KINDS, codeActions, fixAllTarget, resolveFixAll } from './lsp/code-actions';
import { toDiagnostic } from './lsp/convert';
import { CheckedDocuments, type CheckedDocument } from './lsp/documents';
import { PIECE_TEXT_DOCUMENTS } from './lsp/piece-text-document';
import { VERSION } from './version';
import { errorText, handlerGuards } from './lsp/handler-guards';
import { ClosedFileChecks, DIAGNOSTICS_SCOPES, type DiagnosticsScope } from './lsp/closed-files';
import { shippedTemplates } from './lsp/templates';
import { QuietBatch } from './lsp/quiet-batch';
import { isBelow } from './fs/paths';

const connection = createConnection(ProposedFeatures.all);
// Edits are kept as pieces until a check reads the text: typing in a 1 MB file does not copy it per key.
const documents = new TextDocuments(PIECE_TEXT_DOCUMENTS);

/** What reading files from disk found wrong with the files themselves (file-encoding, file-too-large). */
const diskProblems = new DiskProblems();
const agentIndex = new AgentIndex((file, problem) => {
  if (!diskProblems.set(file, problem)) return;
  const uri = openFiles.get(file);
  if (uri) scheduleCheck(uri);
  else closedFiles.check([file]);
});
// Each reading of a config file says once what is wrong with it: a file it cannot use at all is ignored
// (with a message to the user), a wrong entry is left out (in the log); what is usable applies.
const configs = new ConfigResolver(undefined, (problem, wholeFile) => {
  if (!wholeFile) return logWarning(`Subagent Studio: ${problem.message}`);
  const message = `Subagent Studio: ${problem.message}. Using the default rule settings until it is fixed.`;
  logError(message);
  void connection.window.showWarningMessage(message);
});
let workspaceRoots: string[] = [];
let ruleSettings: RuleSettings = {};
let canPullConfiguration = false;
/** The client watches folders outside the workspace (the user's agents folder) when asked. */
let canWatchOutside = false;

const log = (message: string) => connection.console.log(message);
const logError = (message: string) => connection.console.error(message);
const logWarning = (message: string) => connection.console.warn(message);

/** The Claude Code session of each workspace folder, across scopes: the Agents view and the rules across scopes. */
const agentSets = new AgentSets({
  onChanged: () => void connection.sendNotification(AGENT_SET_CHANGED_NOTIFICATION),
  onStale: (file) => {
    const uri = openFiles.get(file);
    if (!uri) return closedFiles.check([file]);
    checkAgain(uri);
  },
  watch: (watchers) => (canWatchOutside ? connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }) : Promise.resolve({ dispose() {} })),
  log: (message) => logWarning(message),
});

const { safely, inBackground } = handlerGuards({ log, error: logError });

/** The file-system path of a `file:` URI; undefined for other schemes (untitled, virtual files). */
function filePath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** The project's `.subagent-studio.json` for a file, once read (publish waits for it); a broken one counts as none. */
function projectConfig(file: string | undefined): ProjectConfig {
  return (file && configs.settledFor(file)) || EMPTY_CONFIG;
}

function lintOptions(uri: string): LintOptions {
  const file = filePath(uri);
  // The user's `subagentStudio.rules` setting overrides the project's config file.
  const rules = { ...projectConfig(file).rules, ...ruleSettings };
  return { fileName: file ?? uri, rules, workspace: file ? { ...agentIndex.viewFor(file), ...agentSets.viewFor(file) } : undefined };
}

/** Open documents by file path (the index speaks in paths, LSP in URIs). */
const openFiles = new Map<string, string>();

/** Whether a file is below a workspace folder (the user's and managed agents are not the Problems panel's). */
function inWorkspace(file: string): boolean {
  const abs = path.resolve(file);
  return workspaceRoots.some((root) => isBelow(abs, path.resolve(root)));
}

/** The agent files no editor has open, checked from disk (the Problems panel shows the whole workspace). */
const closedFiles = new ClosedFileChecks({
  isOpen: (file) => openFiles.has(path.resolve(file)),
  inWorkspace,
  uriOf: fileUri,
  options: async (file) => {
    await configs.configFor(file);
    return lintOptions(fileUri(file));
  },
  diskProblems: (file) => diskProblems.of(file),
  publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
  gone: (file) => agentSets.forget(file),
  onInternalError: (file, what, error) => logError(`internal error in ${what} on ${file} (the other rules still report):\n${error}`),
});

/**
 * Runs a change to the index entry of `file`. When the file's name changed, the open documents with the
 * old or the new name may have gained or lost a duplicate: only they are checked again (not `except`).
 */
async function reindex(file: string, change: () => void | Promise<void>, except?: string): Promise<void> {
  const before = agentIndex.nameOf(file);
  await change();
  const after = agentIndex.nameOf(file);
  if (after === before) return;
  for (const name of [before, after]) {
    if (name === undefined) continue;
    for (const other of agentIndex.filesNamed(file, name)) {
      const otherUri = openFiles.get(other);
      if (!otherUri) {
        if (other !== file) closedFiles.check([other]);
        continue;
      }
      if (otherUri !== except) namesakeChecks.add(otherUri);
    }
  }
}

/** Open namesakes of a file whose name changed, checked again once a burst of such changes is over. */
const namesakeChecks = new QuietBatch(
  (uris) => {
    for (const uri of uris) checkAgain(uri);
  },
  100,
  1000,
);

const checked = new CheckedDocuments(lintOptions, (uri, rule, error) => logError(`internal error in rule ${rule} on ${uri} (the other rules still report):\n${error}`));

// A newer version of a document cancels the pending check of an older one. vscode-jsonrpc handles one
// queued message per turn of the event loop, so a check waits two turns: a change already queued behind
// this one is applied first and bumps the generation, and the older check is dropped.
const generation = new Map<string, number>();

/** Checks an open document again though its text is unchanged (its namesakes, session or config changed). */
function checkAgain(uri: string): void {
  checked.recheck(uri);
  scheduleCheck(uri);
}

function scheduleCheck(uri: string): void {
  const mine = (generation.get(uri) ?? 0) + 1;
  generation.set(uri, mine);
  setImmediate(() =>
    setImmediate(() => {
      if (generation.get(uri) === mine) publish(uri);
    }),
  );
}

const publish = safely('diagnostics', undefined, (uri: string) => {
  const file = filePath(uri);
  // The config is read without blocking the thread: the first check under a folder waits for it.
  if (file && !configs.settledFor(file)) {
    configs.configFor(file).then(
      () => checkAgain(uri),
      (e) => logError(`internal error reading the config for ${file}: ${errorText(e)}`),
    );
    return;
  }
  const state = checkedState(uri);
  if (!state) return;
  // The index follows the live text, from the parse this check already made.
  if (file) void reindex(file, () => agentIndex.update(file, state.text, state.result.agent), uri);
  if (file) agentSets.documentChecked(file, state.text, state.result.agent, state.result.claude, (o) => state.map.positionAt(o));
  void connection.sendDiagnostics({
    uri,
    version: state.version,
    diagnostics: [...diskProblems.of(file), ...state.result.findings.map((f) => toDiagnostic(uri, state.map, f))],
  });
  // The preview refreshes on this: the server has this version now, so asking for its model is not stale.
  void connection.sendNotification(DOCUMENT_CHECKED_NOTIFICATION, { uri, version: state.version } satisfies DocumentCheckedParams);
});

/** The checked state of an open document, or undefined when it is not open. */
function checkedState(uri: string): CheckedDocument | undefined {
  const doc = documents.get(uri);
  return doc ? checked.get(doc) : undefined;
}

function recheckAll(): void {
  checked.invalidate();
  for (const doc of documents.all()) scheduleCheck(doc.uri);
  closedFiles.checkAll();
}

/** Takes the `subagentStudio.rules` setting as the user wrote it: wrong entries are left out and said once. */
function setRuleSettings(raw: unknown): void {
  const { rules, problems } = checkRuleSettings(raw);
  ruleSettings = rules;
  for (const p of problems) logWarning(`Subagent Studio: setting subagentStudio.rules: ${p.message}: ${p.instead}`);
}

/** Takes `subagentStudio.diagnostics.scope`: an unknown value is said once and counts as the default. */
function setDiagnosticsScope(raw: unknown): void {
  if (raw !== undefined && !DIAGNOSTICS_SCOPES.includes(raw as DiagnosticsScope)) {
    logWarning(`Subagent Studio: setting subagentStudio.diagnostics.scope: ${JSON.stringify(raw)} is not one of ${DIAGNOSTICS_SCOPES.join(', ')}: using workspace`);
  }
  closedFiles.setScope(raw === 'openFiles' ? 'openFiles' : 'workspace');
}

async function loadSettings(): Promise<void> {
  if (!canPullConfiguration) return;
  try {
    const config = (await connection.workspace.getConfiguration('subagentStudio')) as { rules?: unknown; diagnostics?: { scope?: unknown } } | null;
    setRuleSettings(config?.rules);
    setDiagnosticsScope(config?.diagnostics?.scope);
  } catch (e) {
    logError(`could not read settings: ${String(e)}`);
  }
}

connection.onInitialize((params): InitializeResult => {
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  const watched = params.capabilities.workspace?.didChangeWatchedFiles;
  canWatchOutside = watched?.dynamicRegistration === true && watched.relativePatternSupport === true;
  workspaceRoots = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : [])).map((f) => filePath(f.uri)).filter((p): p is string => p !== undefined);
  const init = params.initializationOptions as { rules?: unknown } | undefined;
  if (init?.rules) setRuleSettings(init.rules);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: true },
      completionProvider: { triggerCharacters: [' ', ',', '<', '-'], resolveProvider: false },
      hoverProvider: true,
      documentSymbolProvider: true,
      foldingRangeProvider: true,
    },
    serverInfo: { name: 'subagent-studio', version: VERSION },
  };
});

connection.onInitialized(
  inBackground('initialized', async () => {
    await loadSettings();
    const started = Date.now();
    const [scanned] = await Promise.all([Promise.all(workspaceRoots.map((r) => agentIndex.scan(r))), agentSets.setRoots(workspaceRoots)]);
    log(`Subagent Studio language server ready: ${scanned.reduce((n, files) => n + files.length, 0)} agent files indexed in ${Date.now() - started} ms`);
    if (agentIndex.size > 0) recheckAll();
    // The files no editor has open are checked now that every namesake is known.
    for (const files of scanned) closedFiles.check(files);
    closedFiles.start();
  }),
);

connection.onDidChangeWatchedFiles(
  inBackground('watched files', async ({ changes }) => {
    // Settings and skills bear on every open document; an agent file only on its namesakes.
    let recheckEverything = false;
    for (const change of changes) {
      const file = filePath(change.uri);
      if (file?.endsWith(CONFIG_FILE)) {
        configs.clear();
        recheckEverything = true; // rule settings may have changed
        continue;
      }
      if (file?.endsWith('SKILL.md')) {
        recheckEverything = true;
        continue;
      }
      if (!file || documents.get(change.uri)) continue; // an open document's live text wins
      void agentSets.fileChanged(file, change.type === FileChangeType.Deleted);
      await reindex(file, () => (change.type === FileChangeType.Deleted ? agentIndex.remove(file) : agentIndex.updateFromDisk(file)));
      if (file.endsWith('.md')) closedFiles.check([file]);
    }
    if (recheckEverything) recheckAll();
  }),
);

connection.onDidChangeConfiguration(
  inBackground('configuration', async (change) => {
    const pushed = (change.settings as { subagentStudio?: { rules?: unknown } } | undefined)?.subagentStudio;
    if (pushed?.rules && !canPullConfiguration) setRuleSettings(pushed.rules);
    await loadSettings();
    recheckAll();
  }),
);

documents.onDidOpen((e) => {
  const file = filePath(e.document.uri);
  if (file) {
    openFiles.set(path.resolve(file), e.document.uri);
    closedFiles.opened(path.resolve(file));
  }
  scheduleCheck(e.document.uri);
});
documents.onDidChangeContent((e) => scheduleCheck(e.document.uri));
documents.onDidClose((e) => {
  const file = filePath(e.document.uri);
  if (file) {
    openFiles.delete(path.resolve(file));
    // The file on disk is what counts again (it may differ from the closed editor, or be gone).
    void reindex(file, () => agentIndex.updateFromDisk(file));
    void agentSets.documentClosed(file);
  }
  generation.delete(e.document.uri);
  namesakeChecks.delete(e.document.uri);
  checked.delete(e.document.uri);
  // An agent file of the workspace keeps its problems: they are checked again from the disk. Anything else
  // (a file outside the workspace, an untitled document) has no problems once closed.
  if (!file || !closedFiles.closed(path.resolve(file))) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCodeAction(
  safely('code actions', [], (params) => {
    const state = checkedState(params.textDocument.uri);
    return state ? codeActions(state, params, lintOptions(state.uri)) : [];
  }),
);

// A lazy "Fix all" chosen from the quick-fix menu: its edit, made now from the document's current check.
connection.onCodeActionResolve((action) =>
  safely('code action resolve', action, () => {
    const uri = fixAllTarget(action);
    const state = uri === undefined ? undefined : checkedState(uri);
    return state ? resolveFixAll(action, state, lintOptions(state.uri)) : action;
  })(),
);

connection.onCompletion(
  safely('completion', [], (params) => {
    const state = checkedState(params.textDocument.uri);
    return state ? completionItems(state, params.position, shippedTemplates(logError)) : [];
  }),
);

connection.onHover(
  safely('hover', null, (params) => {
    const state = checkedState(params.textDocument.uri);
    return state ? hoverAt(state, params.position) : null;
  }),
);

connection.onDocumentSymbol(
  safely('document symbols', [], (params) => {
    const state = checkedState(params.textDocument.uri);
    return state ? documentSymbols(state) : [];
  }),
);

connection.onFoldingRanges(
  safely('folding ranges', [], (params) => {
    const state = checkedState(params.textDocument.uri);
    return state ? foldingRangesOf(state) : [];
  }),
);

// The preview's one request: the parsed agent and its problems, from the one parser.
connection.onRequest(
  PREVIEW_MODEL_REQUEST,
  safely('preview model', null, (params: PreviewModelParams): PreviewModel | null => {
    const c = checkedState(params.uri);
    if (!c) return null;
    const file = filePath(c.uri);
    const shadowing = file ? agentSets.previewShadowing(file, c.result.claude) : undefined;
    return buildPreviewModel({
      uri: c.uri,
      version: c.version,
      text: c.text,
      agent: c.result.agent,
      claude: c.result.claude,
      findings: c.result.findings,
      map: c.map,
      shadowing,
    });
  }),
);

// The extension's question: the extra agent folders of each workspace folder, from the one config reader.
connection.onRequest(AGENT_FOLDERS_REQUEST, async (params: AgentFoldersParams): Promise<AgentFoldersResult> => ({
  folders: await Promise.all((params?.folders ?? []).map(async (f) => agentFolderPatterns(await configs.configForFolder(f)))),
}));

// The extension's language status item: what Claude Code does with an open agent file, from the checked parse.
connection.onRequest(
  AGENT_STATE_REQUEST,
  safely('agent state', null, (params: AgentStateParams): AgentState | null => {
    const c = checkedState(params.uri);
    if (!c) return null;
    const { version, state, reason, reasonLine, rewritten } = claudeCodeState(c.result.claude, c.result.findings, c.map);
    return { uri: c.uri, version: c.version, claudeCode: { version, state, reason, reasonLine, rewritten } };
  }),
);
// The Agents view's question: every agent of each workspace folder's session, across scopes.
connection.onRequest(AGENT_SET_REQUEST, (): Promise<AgentSetResult> => agentSets.result());

// For the server tests and the benchmark only: how many lints have run, to show that a request did not lint again.
if (process.env.SUBAGENT_STUDIO_TEST_COUNTERS === '1') {
  connection.onRequest('subagentStudio/test/lintRuns', () => lintRuns.count);
  // Answers once no closed file waits for its check (a test can then tell that a file got no diagnostics).
  connection.onRequest('subagentStudio/test/closedFilesIdle', () => closedFiles.idle().then(() => true));
}

process.on('uncaughtException', (e) => logError(`uncaught exception (server keeps running): ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => logError(`unhandled rejection (server keeps running): ${String(e)}`));

documents.listen(connection);
connection.listen();
