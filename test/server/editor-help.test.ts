/**
 * Editor help over the real protocol: folding ranges, and completion that knows where the cursor is.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import {
  CompletionItemKind,
  CompletionRequest,
  FoldingRangeRequest,
  InsertTextFormat,
  type CompletionItem,
  type FoldingRange,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { LspClient } from '../../scripts/lib/lsp-client';
import { serverForSuite } from './servers';

describe('language server over stdio: folding', () => {
  let client!: LspClient;
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

describe('language server over stdio: completion that knows where the cursor is', () => {
  let client!: LspClient;
  serverForSuite((c) => (client = c));
  const complete = async (uri: string, line: number, character: number) => {
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } })) as CompletionItem[];
    return items.sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0));
  };

  test('after `model: ` the first value is sonnet, and no snippet is offered', async () => {
    const uri = 'file:///ws/.claude/agents/model-values.md';
    await client.open(uri, '---\nname: x\ndescription: Use it for tests.\nmodel: \n---\nBody\n');
    const items = await complete(uri, 3, 7);
    assert.deepEqual(
      items.map((i) => i.label),
      ['sonnet', 'opus', 'haiku', 'inherit', 'fable'],
    );
    assert.ok(items.every((i) => i.kind === CompletionItemKind.EnumMember && i.insertTextFormat !== InsertTextFormat.Snippet));
  });

  test('a key inserts `key: ` and asks for its values (editor.action.triggerSuggest)', async () => {
    const uri = 'file:///ws/.claude/agents/keys.md';
    await client.open(uri, '---\nname: x\ndescription: Use it for tests.\nmo\n---\n');
    const items = await complete(uri, 3, 2);
    const model = items.find((i) => i.label === 'model')!;
    assert.deepEqual(model.textEdit, { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 2 } }, newText: 'model: ' });
    assert.equal(model.command?.command, 'editor.action.triggerSuggest');
    assert.ok(!items.some((i) => i.label === 'name'), 'a key already given is not offered');
    assert.deepEqual(
      items.filter((i) => i.kind === CompletionItemKind.Snippet).map((i) => i.label),
      ['Tools list'],
      'no persona, no whole agent',
    );
  });

  test('an empty agent file gets the whole agents, named after the file; the body gets nothing', async () => {
    const uri = 'file:///ws/.claude/agents/code-reviewer.md';
    await client.open(uri, '');
    const items = await complete(uri, 0, 0);
    assert.equal(items[0].label, 'New agent (minimal)');
    assert.ok(items.every((i) => i.kind === CompletionItemKind.Snippet && i.insertTextFormat === InsertTextFormat.Snippet));
    assert.match((items[0].textEdit as TextEdit).newText, /^---\nname: \$\{1:code-reviewer\}\n/);
    assert.ok(items.length >= 2, 'the personas follow the minimal agent');

    const body = 'file:///ws/.claude/agents/body.md';
    await client.open(body, '---\nname: x\ndescription: Use it for tests.\n---\nYou review code.\n\n');
    assert.deepEqual(await complete(body, 4, 8), []);
    assert.deepEqual(await complete(body, 5, 0), []);
  });
});
