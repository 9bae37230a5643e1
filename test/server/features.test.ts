import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import {
  CodeActionRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  CompletionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  type CodeAction,
  type CompletionItem,
  type DocumentSymbol,
  type Hover,
  type PublishDiagnosticsParams,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { LineMap } from '../../server/src/core/positions';
import { PERSONA_DIRS, personas, personasIn, setOf } from '../helpers';
import { LspClient } from '../../scripts/lib/lsp-client';
import { serverForSuite, withServer } from './servers';
import { OUTLINE_SYMBOL_LIMIT } from '../../server/src/lsp/assist';

/** Applies LSP text edits (all against the original text) to a string. */
function applyLspEdits(text: string, edits: TextEdit[]): string {
  const map = new LineMap(text);
  const sorted = edits.map((e) => ({ start: map.offsetAt(e.range.start), end: map.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

describe('language server over stdio: quick fixes, completion, hover, outline', () => {
  let client!: LspClient;
  serverForSuite((c) => (client = c));

  const codeActions = (uri: string, line: number, character: number, only?: string[]) =>
    client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line, character }, end: { line, character } },
      context: { diagnostics: [], only },
    }) as Promise<CodeAction[]>;

  test('each persona: the fixes offered at the YAML warning give valid YAML, no error and no warning of it, and the same description', async () => {
    for (const p of personas()) {
      const uri = `file:///ws/${setOf(p.file)}/.claude/agents/fix-${path.basename(p.file)}`;
      const { diagnostics } = await client.open(uri, p.text);
      const warning = diagnostics.find((d) => d.code === 'yaml-needs-rewrite')!;
      const actions = await codeActions(uri, warning.range.start.line, warning.range.start.character);
      const fixes = actions.filter((a) => a.kind === 'quickfix' && a.edit && a.diagnostics?.some((d) => d.code === 'yaml-needs-rewrite'));
      const titles = fixes.map((f) => f.title);
      assert.ok(
        titles.includes('Rewrite description as a block scalar (keeps the text)') && titles.includes('Rewrite description as a quoted string (keeps the text)'),
        titles.join('; '),
      );
      assert.equal(fixes[0].isPreferred, true);
      const meant = /^description: (.*)$/m.exec(p.text)![1];
      for (const fix of fixes) {
        const fixed = applyLspEdits(p.text, fix.edit!.changes![uri]);
        const lines = fix.title.includes('line breaks');
        assert.equal(parseDocument(fixed.split(/^---$/m)[1]).get('description'), lines ? meant.replaceAll('\\n', '\n') : meant);
        const fixedUri = uri.replace('.md', `-${fixes.indexOf(fix)}.md`);
        const after = await client.open(fixedUri, fixed);
        assert.deepEqual(
          after.diagnostics.filter((d) => d.severity === 1 || d.code === 'yaml-needs-rewrite'),
          [],
          `${p.file}: ${fix.title}`,
        );
      }
    }
  });

  test('source.fixAll.subagentStudio fixes everything in one edit, and nothing is left to fix after it', async () => {
    const uri = 'file:///ws/.claude/agents/fixall.md';
    const text = '---\nname: helper\ndescription: Use it. Examples: Context: x\nModel: opus\n---\nBody\n';
    await client.open(uri, text);
    const [all] = await codeActions(uri, 0, 0, ['source.fixAll.subagentStudio']);
    assert.equal(all.kind, 'source.fixAll.subagentStudio');
    const fixed = applyLspEdits(text, all.edit!.changes![uri]);
    assert.equal(fixed, '---\nname: helper\ndescription: |-\n  Use it. Examples: Context: x\nmodel: opus\n---\nBody\n');
    const again = 'file:///ws/.claude/agents/fixall-again.md';
    await client.open(again, fixed);
    assert.deepEqual(await codeActions(again, 0, 0, ['source.fixAll.subagentStudio']), []);
  });

  test('completion offers model values after `model: `, and missing keys only', async () => {
    const uri = 'file:///ws/.claude/agents/complete.md';
    await client.open(uri, '---\nname: x\ndescription: y\nmodel: \n\n---\n');
    const values = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 3, character: 7 } })) as CompletionItem[];
    assert.deepEqual(values.map((v) => v.label).sort(), ['fable', 'haiku', 'inherit', 'opus', 'sonnet']);
    const keys = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 4, character: 0 } })) as CompletionItem[];
    const labels = keys.map((k) => k.label);
    assert.ok(labels.includes('tools') && labels.includes('permissionMode'));
    assert.ok(!labels.includes('name') && !labels.includes('model'), 'keys already present are not offered');
    assert.ok(keys.find((k) => k.label === 'tools')!.documentation);
  });

  test('completion offers tool names in the comma form and the list form, without those listed', async () => {
    const uri = 'file:///ws/.claude/agents/tools.md';
    await client.open(uri, '---\nname: x\ndescription: y\ntools: Read, \ndisallowedTools:\n  - \n---\n');
    const comma = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 3, character: 13 } })) as CompletionItem[];
    assert.ok(comma.some((c) => c.label === 'Grep'));
    assert.ok(!comma.some((c) => c.label === 'Read'));
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 5, character: 4 } })) as CompletionItem[];
    assert.ok(list.some((c) => c.label === 'Bash'));
  });

  test('completion offers an <example> block inside a block-scalar description', async () => {
    const uri = 'file:///ws/.claude/agents/example.md';
    await client.open(uri, '---\nname: x\ndescription: |-\n  Use it. <\n---\n');
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 3, character: 11 } })) as CompletionItem[];
    const ex = items.find((i) => i.label === '<example>');
    assert.ok(ex);
    assert.equal(ex.insertTextFormat, 2);
    assert.match((ex.textEdit as TextEdit).newText, /<example>\nContext: .*\nuser: .*\nassistant: .*\n<commentary>/);
  });

  test('hover explains a key with its allowed values and a docs link, and a tool', async () => {
    const uri = 'file:///ws/.claude/agents/hover.md';
    await client.open(uri, '---\nname: x\ndescription: y\neffort: high\ntools: Read, Bash(git *)\n---\n');
    const key = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 2 } })) as Hover;
    const md = (key.contents as { value: string }).value;
    assert.match(md, /\*\*effort\*\*/);
    assert.match(md, /`xhigh`/);
    assert.match(md, /https:\/\/code\.claude\.com\/docs\/en\/sub-agents/);
    const tool = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 4, character: 16 } })) as Hover;
    assert.match((tool.contents as { value: string }).value, /\*\*Bash\*\*: Runs a shell command/);
  });

  test('the outline lists the fields, the examples and the body headings', async () => {
    const uri = 'file:///ws/.claude/agents/outline.md';
    const text = '---\nname: x\ndescription: "Use it. <example>user: hi assistant: hello</example>"\n---\n# Role\n\n## Steps\n\ntext\n\n# Output\n';
    await client.open(uri, text);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Frontmatter', 'Example 1', 'Role', 'Output'],
    );
    assert.deepEqual(
      symbols[0].children!.map((c) => c.name),
      ['name', 'description'],
    );
    assert.deepEqual(
      symbols[1].children!.map((c) => c.name),
      ['user', 'assistant'],
    );
    assert.deepEqual(
      symbols[2].children!.map((c) => c.name),
      ['Steps'],
    );
    assert.equal(symbols[2].range.start.line, 4);
  });

  test('an outline of more symbols than the limit sends the first ones and one that says how many more, covering them', async () => {
    const uri = 'file:///ws/.claude/agents/outline-long.md';
    const text = '---\nname: x\ndescription: Use it for long outlines.\n---\n' + Array.from({ length: 1_500 }, (_, i) => `# P${i}\n## S${i}\n`).join('');
    await client.open(uri, text);
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>(DocumentSymbolRequest.type.method, { textDocument: { uri } });
    const total = (list: DocumentSymbol[]): number => list.reduce((n, s) => n + 1 + total(s.children ?? []), 0);
    const last = symbols.at(-1)!;
    // Frontmatter (with name and description) and 1,500 headings with one child each: 3,003 symbols.
    assert.equal(total(symbols), OUTLINE_SYMBOL_LIMIT + 1);
    assert.equal(last.name, `${(3_003 - OUTLINE_SYMBOL_LIMIT).toLocaleString('en-US')} more not shown`);
    // One symbol per line after the frontmatter's three: the first not shown is on the line after the last shown.
    const shownLines = OUTLINE_SYMBOL_LIMIT - 3;
    assert.deepEqual(last.range.start, { line: 4 + shownLines, character: 0 }, 'it starts at the first heading not shown');
    assert.equal(last.range.end.line, 4 + 3_000);
  });
});

/** A temporary project whose `.claude/agents/` holds these files; `uri(name)` is the file URI of one of them. */
function agentsWorkspace(files: Record<string, string>): { root: string; agents: string; uri: (name: string) => string } {
  const root = mkdtempSync(path.join(tmpdir(), 'ss-ws-'));
  const agents = path.join(root, '.claude', 'agents');
  mkdirSync(agents, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(agents, name), text);
  return { root, agents, uri: (name) => pathToFileURL(path.join(agents, name)).toString() };
}

const hasDuplicateName = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === 'duplicate-name');

describe('language server over stdio: the workspace', () => {
  test('the two personas named backend-architect in one agents folder each get the duplicate-name warning, pointing at the other', async () => {
    for (const dir of PERSONA_DIRS) {
      // 001 and 003 share the name; 000 has another.
      const files = personasIn(dir).filter((p) => /^00[013]-/.test(path.basename(p.file)));
      const [twin1, twin3] = files.map((p) => path.basename(p.file)).filter((f) => f.endsWith('-backend-architect.md'));
      assert.deepEqual([twin1, twin3, files.length], ['001-backend-architect.md', '003-backend-architect.md', 3], dir);
      const { root, agents } = agentsWorkspace({});
      for (const p of files) copyFileSync(p.file, path.join(agents, path.basename(p.file)));
      await withServer(root, async (client) => {
        // Each file, opened alone first: the other is found by the workspace scan, not because it is open.
        for (const [mine, other] of [
          [twin1, twin3],
          [twin3, twin1],
        ]) {
          const uri = pathToFileURL(path.join(agents, mine)).toString();
          const text = files.find((p) => p.file.endsWith(mine))!.text;
          const published = await client.openUntil(uri, text, hasDuplicateName);
          const dup = published.diagnostics.find((d) => d.code === 'duplicate-name')!;
          assert.equal(dup.severity, 2, mine);
          assert.equal(dup.range.start.line, 1);
          assert.equal(dup.relatedInformation?.length, 1);
          assert.ok(dup.relatedInformation[0].location.uri.endsWith(other), `${mine} points at ${other}`);
          assert.equal(dup.relatedInformation[0].location.range.start.line, 1);
          assert.equal(published.diagnostics.filter((d) => d.code === 'duplicate-name').length, 1);
        }
      });
    }
  });

  test('renaming one of two agents ends the duplicate warning on the other open file', async () => {
    const a = '---\nname: twin\ndescription: A. Use it for a.\n---\n';
    const { root, uri } = agentsWorkspace({ 'a.md': a, 'b.md': a });
    await withServer(root, async (client) => {
      await client.openUntil(uri('a.md'), a, hasDuplicateName);
      await client.open(uri('b.md'), a);
      const cleared = client.diagnosticsUntil(uri('a.md'), (p) => p.diagnostics.length === 0);
      await client.change(uri('b.md'), [{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 10 } }, text: 'other' }]);
      await cleared;
    });
  });
});

describe('language server over stdio: agent files changing on disk', () => {
  test('deleting the other file of a duplicate name ends the warning on the open one', async () => {
    const text = '---\nname: twin\ndescription: Use it for twins.\n---\n';
    const { root, agents, uri } = agentsWorkspace({ 'a.md': text, 'b.md': text });
    await withServer(root, async (client) => {
      await client.openUntil(uri('a.md'), text, hasDuplicateName);
      rmSync(path.join(agents, 'b.md'));
      const cleared = client.diagnosticsUntil(uri('a.md'), (p) => p.diagnostics.length === 0);
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('b.md'), type: FileChangeType.Deleted }] });
      await cleared;
    });
  });
});

describe('language server over stdio: settings', () => {
  test('subagentStudio.rules is read live: a rule turned off or given another severity, without a restart', async () => {
    await withServer(undefined, async (client) => {
      const uri = 'file:///ws/.claude/agents/settings.md';
      const first = await client.open(uri, '---\nname: settings\ndescription: Use it for settings.\nauthor: me\n---\n');
      assert.deepEqual(
        first.diagnostics.map((d) => `${d.severity}:${d.code}`),
        ['2:unknown-key'],
      );

      client.settings = { rules: { 'unknown-key': 'error' } };
      let next = client.diagnosticsUntil(uri, (p) => p.diagnostics.some((d) => d.severity === 1));
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.deepEqual(
        (await next).diagnostics.map((d) => `${d.severity}:${d.code}`),
        ['1:unknown-key'],
      );

      client.settings = { rules: { 'unknown-key': 'off' } };
      next = client.diagnosticsUntil(uri, (p) => p.diagnostics.length === 0);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.deepEqual((await next).diagnostics, []);
    });
  });
});
