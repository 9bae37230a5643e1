/**
 * The language server: LSP wiring only. Everything that understands agent files is in ./core.
 * Run as `node dist/server.js --stdio` (any LSP client) or over IPC from the extension.
 */
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintOptions, RuleSettings } from './core/lint';
import { completionItems, documentSymbols, hoverAt } from './lsp/assist';
import { CODE_ACTION_KINDS, codeActions } from './lsp/code-actions';
import { toDiagnostic } from './lsp/convert';
import { CheckedDocuments } from './lsp/documents';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let ruleSettings: RuleSettings = {};
let canPullConfiguration = false;

const log = (message: string) => connection.console.log(message);
const logError = (message: string) => connection.console.error(message);

/** Nothing a document contains may take the server down: a failing handler is logged and answers `fallback`. */
function safely<A extends unknown[], R>(what: string, fallback: R, fn: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch (e) {
      logError(`internal error in ${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  };
}

function lintOptions(uri: string): LintOptions {
  return { fileName: uri, rules: ruleSettings };
}

const checked = new CheckedDocuments(lintOptions, (uri, rule, error) =>
  logError(`internal error in rule ${rule} on ${uri} (the other rules still report):\n${error}`),
);

// A newer version of a document cancels the pending check of an older one. vscode-jsonrpc handles one
// queued message per turn of the event loop, so a check waits two turns: a change already queued behind
// this one is applied first and bumps the generation, and the older check is dropped.
const generation = new Map<string, number>();

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
  const doc = documents.get(uri);
  if (!doc) return;
  const state = checked.get(doc);
  void connection.sendDiagnostics({
    uri,
    version: state.version,
    diagnostics: state.result.findings.map((f) => toDiagnostic(uri, state.map, f)),
  });
});

function recheckAll(): void {
  checked.invalidate();
  for (const doc of documents.all()) scheduleCheck(doc.uri);
}

async function loadSettings(): Promise<void> {
  if (!canPullConfiguration) return;
  try {
    const config = (await connection.workspace.getConfiguration('subagentStudio')) as { rules?: RuleSettings } | null;
    ruleSettings = config?.rules ?? {};
  } catch (e) {
    logError(`could not read settings: ${String(e)}`);
  }
}

connection.onInitialize((params): InitializeResult => {
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  const init = params.initializationOptions as { rules?: RuleSettings } | undefined;
  if (init?.rules) ruleSettings = init.rules;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
      completionProvider: { triggerCharacters: [' ', ',', '<', '-'], resolveProvider: false },
      hoverProvider: true,
      documentSymbolProvider: true,
    },
    serverInfo: { name: 'subagent-studio', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  await loadSettings();
  log('Subagent Studio language server ready');
});

connection.onDidChangeConfiguration(async (change) => {
  const pushed = (change.settings as { subagentStudio?: { rules?: RuleSettings } } | undefined)?.subagentStudio;
  if (pushed?.rules && !canPullConfiguration) ruleSettings = pushed.rules;
  await loadSettings();
  recheckAll();
});

documents.onDidOpen((e) => scheduleCheck(e.document.uri));
documents.onDidChangeContent((e) => scheduleCheck(e.document.uri));
documents.onDidClose((e) => {
  generation.delete(e.document.uri);
  checked.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCodeAction(
  safely('code actions', [], (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? codeActions(checked.get(doc), params, lintOptions(doc.uri)) : [];
  }),
);

connection.onCompletion(
  safely('completion', [], (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? completionItems(checked.get(doc), params.position) : [];
  }),
);

connection.onHover(
  safely('hover', null, (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? hoverAt(checked.get(doc), params.position) : null;
  }),
);

connection.onDocumentSymbol(
  safely('document symbols', [], (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? documentSymbols(checked.get(doc)) : [];
  }),
);

process.on('uncaughtException', (e) => logError(`uncaught exception (server keeps running): ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => logError(`unhandled rejection (server keeps running): ${String(e)}`));

documents.listen(connection);
connection.listen();
