/**
 * Code actions over stdio: a request with no `only` (VS Code sends one after every cursor move) answers
 * from the version's check without linting again; fix-all is made only when asked for, or when the lazy
 * "Fix all" quick fix is resolved.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, CodeActionResolveRequest, type CodeAction, type Range } from 'vscode-languageserver-protocol';
import { LspClient } from '../../scripts/lib/lsp-client';

/** Two findings with a fix that fix-all applies: the YAML error and the misspelled key. */
const TWO_FIXABLE = '---\nname: helper\ndescription: Use it. Examples: Context: x\nModel: opus\n---\nBody\n';
const FIXED = '---\nname: helper\ndescription: |-\n  Use it. Examples: Context: x\nmodel: opus\n---\nBody\n';
const ONE_FIXABLE = '---\nname: helper\ndescription: Use it when asked.\nModel: opus\n---\nBody\n';
const WHOLE: Range = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

describe('language server over stdio: code actions only when asked', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient({ env: { SUBAGENT_STUDIO_TEST_COUNTERS: '1' } });
    await client.initialize();
    // Once the workspace scan is done, the server checks the open documents again: wait for it, so that
    // the lints counted below are the requests' own.
    await client.logged(/language server ready/);
  });
  after(async () => client.shutdown());

  const lintRuns = () => client.connection.sendRequest<number>('subagentStudio/test/lintRuns');
  const codeActions = (uri: string, range: Range, only?: string[]) =>
    client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [], only } }) as Promise<CodeAction[]>;
  const resolve = (action: CodeAction) => client.connection.sendRequest(CodeActionResolveRequest.type, action);
  const applied = (text: string, uri: string, action: CodeAction) => TextDocument.applyEdits(TextDocument.create(uri, 'claude-agent', 1, text), action.edit!.changes![uri]);

  test('a request with no `only` does not lint again, and its Fix all has no edit until resolved', async () => {
    const uri = 'file:///ws/.claude/agents/lazy.md';
    await client.open(uri, TWO_FIXABLE);
    const before = await lintRuns();
    const actions = await codeActions(uri, WHOLE);
    assert.equal(await lintRuns(), before, 'no lint for a request with no `only`');
    assert.equal(actions.filter((a) => a.kind?.startsWith('source')).length, 0, 'no source action unless asked');
    const lazy = actions.filter((a) => a.title === 'Fix all Subagent Studio problems');
    assert.equal(lazy.length, 1);
    assert.equal(lazy[0].kind, 'quickfix');
    assert.equal(lazy[0].edit, undefined);

    const resolved = await resolve(lazy[0]);
    assert.equal(applied(TWO_FIXABLE, uri, resolved), FIXED);
    assert.equal(await lintRuns(), before + 1, 'the resolve reuses the first lint: it lints only the fixed text');

    const body = { start: { line: 5, character: 1 }, end: { line: 5, character: 1 } };
    assert.deepEqual(await codeActions(uri, body), [], 'no finding under the cursor: no action, Fix all neither');
  });

  test('`only: source.fixAll` (and `source`) gives the edit, the same as the resolved Fix all', async () => {
    const uri = 'file:///ws/.claude/agents/asked.md';
    await client.open(uri, TWO_FIXABLE);
    const lazy = (await codeActions(uri, WHOLE, ['quickfix'])).find((a) => a.title === 'Fix all Subagent Studio problems')!;
    const resolved = await resolve(lazy);
    for (const only of [['source.fixAll'], ['source'], ['source.fixAll.subagentStudio']]) {
      const actions = await codeActions(uri, WHOLE, only);
      assert.deepEqual(
        actions.map((a) => [a.kind, a.title]),
        [['source.fixAll.subagentStudio', 'Fix all Subagent Studio problems']],
        only[0],
      );
      assert.deepEqual(actions[0].edit, resolved.edit, only[0]);
    }
    const before = await lintRuns();
    await codeActions(uri, WHOLE, ['source.fixAll']);
    assert.equal(await lintRuns(), before, 'fix-all is made once per version');
  });

  test('the quick-fix list offers Fix all only when two or more findings have a fix it applies', async () => {
    const uri = 'file:///ws/.claude/agents/one.md';
    await client.open(uri, ONE_FIXABLE);
    const titles = (await codeActions(uri, WHOLE)).map((a) => a.title);
    assert.ok(titles.includes('Rename to model'), titles.join(', '));
    assert.ok(!titles.includes('Fix all Subagent Studio problems'), titles.join(', '));
  });

  test('each finding under the cursor gets Show documentation and Disable rule, as commands the client runs', async () => {
    const uri = 'file:///ws/.claude/agents/commands.md';
    const { diagnostics } = await client.open(uri, ONE_FIXABLE);
    const misspelled = diagnostics.find((d) => d.code === 'misspelled-key')!;
    const actions = await codeActions(uri, misspelled.range, ['quickfix']);
    const docs = actions.find((a) => a.title === 'Show documentation for misspelled-key')!;
    assert.equal(docs.command?.command, 'subagentStudio.showRuleDocumentation');
    assert.deepEqual(docs.command?.arguments, [(misspelled.codeDescription as { href: string }).href]);
    assert.equal(docs.edit, undefined);
    const disable = actions.find((a) => a.title === 'Disable misspelled-key in this workspace')!;
    assert.deepEqual([disable.command?.command, disable.command?.arguments], ['subagentStudio.disableRule', ['misspelled-key']]);
    assert.deepEqual(
      disable.diagnostics?.map((d) => d.code),
      ['misspelled-key'],
    );
  });
});
