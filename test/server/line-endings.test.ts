/**
 * Every range the server sends counts lines as LSP does (`\r\n`, `\r` and `\n` each end a line), so a
 * client that applies our edits the LSP way (vscode-languageserver-textdocument) gets what we meant.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, DocumentSymbolRequest, type CodeAction, type DocumentSymbol, type Position, type Range } from 'vscode-languageserver-protocol';
import { LspClient } from '../../scripts/lib/lsp-client';

/** The body's lines end with a lone `\r` (old Mac files, some generators). */
const LONE_CR = '---\nname: cr-body\ndescription: Use it when asked.\n---\n# Role\rYou help.\r<exmaple>\ruser: hi\rassistant: ok\r</example>\r## Rules\rBe kind.\r';

/** The position is one the document has: not past the end of its line, not past the last line. */
function assertInside(doc: TextDocument, p: Position, what: string): void {
  assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: ${JSON.stringify(p)}`);
  assert.deepEqual(doc.positionAt(doc.offsetAt(p)), p, `${what}: ${JSON.stringify(p)} lies outside the document`);
}

function assertRangeInside(doc: TextDocument, r: Range, what: string): void {
  assertInside(doc, r.start, `${what} start`);
  assertInside(doc, r.end, `${what} end`);
}

describe('language server over stdio: line endings as LSP counts them', () => {
  let client: LspClient;
  let root: string;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'ss-eol-'));
    mkdirSync(path.join(root, '.claude', 'agents'), { recursive: true });
    // On disk only: the server reads it in its workspace scan, and points at its name from other files.
    writeFileSync(path.join(root, '.claude', 'agents', 'other.md'), '---\ndescription: Use it when asked.\r  More.\nname: same\n---\nBody\n');
    client = new LspClient();
    await client.initialize(root);
  });
  after(async () => {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  test('a file with lone \\r line ends: the outline lies on the right lines, with no null character', async () => {
    const uri = 'file:///eol/.claude/agents/cr-symbols.md';
    await client.open(uri, LONE_CR);
    const doc = TextDocument.create(uri, 'claude-agent', 1, LONE_CR);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const all: DocumentSymbol[] = [];
    const walk = (s: DocumentSymbol) => (all.push(s), s.children?.forEach(walk));
    symbols.forEach(walk);
    for (const s of all) {
      assertRangeInside(doc, s.range, `${s.name} range`);
      assertRangeInside(doc, s.selectionRange, `${s.name} selectionRange`);
    }
    const rules = all.find((s) => s.name === 'Rules')!;
    assert.deepEqual(rules.selectionRange, { start: { line: 10, character: 0 }, end: { line: 10, character: 8 } });
    const role = all.find((s) => s.name === 'Role')!;
    assert.deepEqual(role.selectionRange, { start: { line: 4, character: 0 }, end: { line: 4, character: 6 } });
    assert.deepEqual(role.range.end, { line: 12, character: 0 });
  });

  test('a file with lone \\r line ends: the quick fix applied the LSP way changes just the tag', async () => {
    const uri = 'file:///eol/.claude/agents/cr-fix.md';
    const { diagnostics } = await client.open(uri, LONE_CR);
    const doc = TextDocument.create(uri, 'claude-agent', 1, LONE_CR);
    for (const d of diagnostics) assertRangeInside(doc, d.range, d.code as string);
    const misspelled = diagnostics.find((d) => d.code === 'example-tag-misspelled')!;
    assert.deepEqual(misspelled.range, { start: { line: 6, character: 0 }, end: { line: 6, character: 9 } });
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: misspelled.range,
      context: { diagnostics: [misspelled], only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Change to <example>')!;
    const edits = fix.edit!.changes![uri];
    assert.equal(TextDocument.applyEdits(doc, edits), LONE_CR.replace('<exmaple>', '<example>'));
  });

  test("related information points at the other file's name on the line LSP counts (a \\r inside a value ends a line)", async () => {
    const uri = pathToFileURL(path.join(root, '.claude', 'agents', 'this.md')).toString();
    const p = await client.openUntil(uri, '---\nname: same\ndescription: Use it when asked.\n---\nBody\n', (x) => x.diagnostics.some((d) => d.code === 'duplicate-name'));
    const related = p.diagnostics.find((d) => d.code === 'duplicate-name')!.relatedInformation!;
    assert.equal(related.length, 1);
    assert.deepEqual(related[0].location.range, { start: { line: 3, character: 6 }, end: { line: 3, character: 10 } });
  });
});
