import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { PieceTextDocument, PIECE_TEXT_DOCUMENTS } from '../../server/src/lsp/piece-text-document';

// Text made of the characters that matter to line bookkeeping: both line breaks, CRLF pairs, astral characters.
const text = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', 'é', '😀', '---\n', 'name: x\n'), { maxLength: 30 }).map((xs) => xs.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 14 }) });

/**
 * A change whose lines are picked when it is applied, among the document's lines then (and -1): a range
 * past the last line is never sent by an editor, and with one the library's own line offsets go wrong.
 */
type ChangeSpec = { kind: 'range' | 'rangeLength' | 'full'; start: [number, number]; end: [number, number]; text: string };
const spot = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -1, max: 14 }));
const changeSpec: fc.Arbitrary<ChangeSpec> = fc.record({
  kind: fc.constantFrom<ChangeSpec['kind']>('range', 'range', 'range', 'range', 'range', 'range', 'rangeLength', 'full'),
  start: spot,
  end: spot,
  text,
});

function concrete(spec: ChangeSpec, lineCount: number): TextDocumentContentChangeEvent {
  if (spec.kind === 'full') return { text: spec.text };
  const at = ([f, character]: [number, number]) => ({ line: Math.floor(f * (lineCount + 1)) - 1, character });
  const range = { start: at(spec.start), end: at(spec.end) };
  return spec.kind === 'rangeLength' ? { range, rangeLength: 0, text: spec.text } : { range, text: spec.text };
}

/** Everything a reader can ask of both documents agrees. */
function assertSame(mine: PieceTextDocument, theirs: TextDocument, probes: Array<{ line: number; character: number }>, offsets: number[]): void {
  assert.equal(mine.version, theirs.version);
  assert.equal(mine.lineCount, theirs.lineCount);
  for (const p of probes) assert.equal(mine.offsetAt(p), theirs.offsetAt(p), `offsetAt ${JSON.stringify(p)}`);
  for (const o of offsets) assert.deepEqual(mine.positionAt(o), theirs.positionAt(o), `positionAt ${o}`);
  for (const p of probes) assert.deepEqual(mine.getLineRange(p.line), theirs.getLineRange(p.line), `getLineRange ${p.line}`);
  for (const p of probes) assert.equal(mine.getEOLCharacters(p.line), theirs.getEOLCharacters(p.line), `getEOLCharacters ${p.line}`);
  assert.equal(mine.getText(), theirs.getText());
  for (const p of probes) assert.equal(mine.getText({ start: probes[0], end: p }), theirs.getText({ start: probes[0], end: p }));
}

test('edits give the same text, lines and positions as vscode-languageserver-textdocument', () => {
  fc.assert(
    fc.property(
      text,
      fc.array(fc.array(changeSpec, { minLength: 1, maxLength: 3 }), { maxLength: 25 }),
      fc.array(position, { minLength: 1, maxLength: 6 }),
      fc.array(fc.integer({ min: -2, max: 120 }), { maxLength: 6 }),
      fc.boolean(),
      (initial, batches, probes, offsets, readBetween) => {
        const mine = PIECE_TEXT_DOCUMENTS.create('file:///a.md', 'claude-agent', 1, initial);
        const theirs = TextDocument.create('file:///a.md', 'claude-agent', 1, initial);
        let version = 1;
        for (const specs of batches) {
          version++;
          // Each change of a batch applies to the text the previous ones left: a scratch copy finds its lines.
          const scratch = TextDocument.create('file:///s.md', 'claude-agent', 1, theirs.getText());
          const batch = specs.map((spec) => {
            const c = concrete(spec, scratch.lineCount);
            TextDocument.update(scratch, [c], scratch.version + 1);
            return c;
          });
          PIECE_TEXT_DOCUMENTS.update(mine, batch, version);
          TextDocument.update(theirs, batch, version);
          // Reading joins the pieces; not reading lets them pile up: both paths are checked.
          if (readBetween) assertSame(mine, theirs, probes, offsets);
        }
        assertSame(mine, theirs, probes, offsets);
      },
    ),
    { numRuns: 1500 },
  );
});

test('a long run of typing without reading stays correct past the piece limit', () => {
  const initial = 'x'.repeat(1000) + '\n' + 'y'.repeat(1000) + '\n';
  const mine = new PieceTextDocument('file:///b.md', 'claude-agent', 1, initial);
  const theirs = TextDocument.create('file:///b.md', 'claude-agent', 1, initial);
  for (let i = 0; i < 700; i++) {
    const at = { line: i % 3 === 0 ? 1 : 0, character: 500 + (i % 7) * 3 };
    const changes = [{ range: { start: at, end: i % 5 === 0 ? { line: at.line, character: at.character + 2 } : at }, text: i % 11 === 0 ? 'z\n' : 'z' }];
    mine.update(changes, i + 2);
    TextDocument.update(theirs, changes, i + 2);
  }
  assertSame(
    mine,
    theirs,
    [
      { line: 0, character: 5 },
      { line: 3, character: 2 },
      { line: 200, character: 0 },
    ],
    [0, 999, 1500, 5000],
  );
});

test('an unknown change event is refused, as by the library', () => {
  const mine = new PieceTextDocument('file:///c.md', 'claude-agent', 1, 'abc');
  assert.throws(() => mine.update([{ range: undefined, rangeLength: 2, text: 'x' }], 2), /Unknown change event/);
});

test('a range past the last line edits the end of the text, and the lines stay right', () => {
  const doc = new PieceTextDocument('file:///d.md', 'claude-agent', 1, 'a\nb');
  doc.update([{ range: { start: { line: 9, character: 0 }, end: { line: 11, character: 3 } }, text: '\nc\nd' }], 2);
  doc.update([{ range: { start: { line: 1, character: 1 }, end: { line: 7, character: 0 } }, text: 'x\n' }], 3);
  const fresh = TextDocument.create('file:///d.md', 'claude-agent', 3, doc.getText());
  assert.equal(doc.getText(), 'a\nbx\n');
  assert.equal(doc.lineCount, fresh.lineCount);
  for (let o = 0; o <= doc.getText().length; o++) assert.deepEqual(doc.positionAt(o), fresh.positionAt(o));
});
