import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { AGENT_STATE_REQUEST, type AgentState } from '../../server/src/protocol';
import { LspClient } from '../../scripts/lib/lsp-client';
import { serverForSuite } from './servers';

describe('language server over stdio: the agent state request (the language status item)', () => {
  let client!: LspClient;
  serverForSuite((c) => (client = c));

  test('says whether Claude Code loads the current version, and why not, with the line', async () => {
    const uri = 'file:///ws/.claude/agents/state.md';
    await client.open(uri, '---\nname: helper\ndescription: Use it after edits.\n---\nYou help.\n');
    const loads = await client.connection.sendRequest<AgentState>(AGENT_STATE_REQUEST, { uri });
    assert.equal(loads.uri, uri);
    assert.equal(loads.version, 1);
    const { version, ...rest } = loads.claudeCode;
    assert.deepEqual(rest, { state: 'loads', rewritten: false }, 'no reason when it loads');
    assert.match(version, /^\d+\.\d+\.\d+$/);

    // `name` gone: Claude Code skips the file.
    const v2 = await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]);
    const skipped = await client.connection.sendRequest<AgentState>(AGENT_STATE_REQUEST, { uri });
    assert.equal(skipped.version, v2);
    assert.equal(skipped.claudeCode.state, 'not-loaded');
    assert.match(skipped.claudeCode.reason ?? '', /^Claude Code does not load this agent: .*name/);
    assert.equal(typeof skipped.claudeCode.reasonLine, 'number');
    assert.equal(Object.keys(skipped).sort().join(), 'claudeCode,uri,version', 'nothing of the preview model besides');
  });

  test('answers null for a document that is not open', async () => {
    assert.equal(await client.connection.sendRequest(AGENT_STATE_REQUEST, { uri: 'file:///nowhere.md' }), null);
  });
});
