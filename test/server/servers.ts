/** A language server for a test, or for the tests of a describe block, through the one LSP client (scripts/lib/lsp-client.ts). */
import { strict as assert } from 'node:assert';
import { after, before } from 'node:test';
import { LspClient } from '../../scripts/lib/lsp-client';

/** Runs `use` with a server initialized on `root` (no workspace folder when undefined), and shuts it down after. */
export async function withServer<T>(root: string | undefined, use: (client: LspClient) => Promise<T>): Promise<T> {
  const client = new LspClient();
  try {
    await client.initialize(root);
    return await use(client);
  } finally {
    assert.ok(await client.shutdown(), 'the server answers shutdown');
  }
}

/** A server for the tests of the calling describe block: started before them (and handed to `use`), shut down after. */
export function serverForSuite(use: (client: LspClient) => void): void {
  let client: LspClient | undefined;
  before(async () => {
    client = new LspClient();
    use(client);
    await client.initialize();
  });
  after(async () => {
    if (client) assert.ok(await client.shutdown(), 'the server answers shutdown');
  });
}
