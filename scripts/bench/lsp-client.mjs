// The benchmarks' LSP client is the tests' (scripts/lib/lsp-client.ts), built in memory.
import { importTs } from '../lib/import-ts.mjs';

export const { LspClient, fileUri, positionAt } = await importTs("export { LspClient, fileUri, positionAt } from './scripts/lib/lsp-client';");
