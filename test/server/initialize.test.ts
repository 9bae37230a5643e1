import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { LspClient } from '../../scripts/lib/lsp-client';
import { readJson, type Manifest } from '../helpers';

test("initialize names the server and its version, which is package.json's", async () => {
  const client = new LspClient();
  try {
    const result = await client.initialize();
    assert.deepEqual(result.serverInfo, { name: 'subagent-studio', version: readJson<Manifest>('package.json').version });
  } finally {
    assert.ok(await client.shutdown(), 'the server answers shutdown');
  }
});
