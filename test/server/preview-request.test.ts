import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { PREVIEW_MODEL_REQUEST, type PreviewModel } from '../../server/src/protocol';
import { LspClient } from '../../scripts/lib/lsp-client';
import { serverForSuite } from './servers';

describe('language server over stdio: the preview model request', () => {
  let client!: LspClient;
  serverForSuite((c) => (client = c));

  test('answers with the parsed agent of the current version, recovered when the YAML is broken', async () => {
    const uri = 'file:///ws/.claude/agents/preview.md';
    await client.open(uri, "---\nname: helper\ndescription: Use it. Examples: <example>Context: x user: 'hi' assistant: 'hello'</example>\nmodel: opus\n---\n# Role\n");
    const m = await client.connection.sendRequest<PreviewModel>(PREVIEW_MODEL_REQUEST, { uri });
    assert.equal(m.name, 'helper');
    assert.equal(m.claudeCode.model, 'opus');
    assert.equal(m.recovered, true);
    assert.equal(m.claudeCode.state, 'loads');
    assert.equal(m.claudeCode.rewritten, true);
    assert.equal(m.examples.length, 1);
    assert.ok(m.problems.some((p) => p.code === 'yaml-needs-rewrite'));

    const v2 = await client.change(uri, [{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 12 } }, text: 'renamed' }]);
    const m2 = await client.connection.sendRequest<PreviewModel>(PREVIEW_MODEL_REQUEST, { uri });
    assert.equal(m2.version, v2);
    assert.equal(m2.name, 'renamed');
  });

  test('answers null for a document that is not open', async () => {
    assert.equal(await client.connection.sendRequest(PREVIEW_MODEL_REQUEST, { uri: 'file:///nowhere.md' }), null);
  });
});
