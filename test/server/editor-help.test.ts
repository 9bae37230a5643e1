/**
 * Editor help over the real protocol: folding ranges, and completion that knows where the cursor is.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { FoldingRangeRequest, type FoldingRange } from 'vscode-languageserver-protocol';
import { LspTestClient, serverForSuite } from './lsp-client';

describe('language server over stdio: folding', () => {
  let client!: LspTestClient;
  serverForSuite((c) => (client = c));

  test('folds the frontmatter, a long description, each <example> and each section, each once', async () => {
    const uri = 'file:///ws/.claude/agents/fold.md';
    const text = [
      '---',
      'name: fold',
      'description: |-',
      '  Use it to fold.',
      '  <example>',
      '  user: hi',
      '  assistant: hello',
      '  </example>',
      '---',
      '# Role',
      'You fold.',
      '',
      '## Steps',
      'One.',
      '',
      '# Output',
      'Text.',
      '',
    ].join('\n');
    await client.open(uri, text);
    const ranges = (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })) as FoldingRange[];
    assert.deepEqual(
      ranges.map((r) => `${r.startLine}-${r.endLine}`),
      ['0-8', '2-7', '4-7', '9-13', '12-13', '15-16'],
    );
  });
});
