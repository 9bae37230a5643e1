/**
 * Positions are counted as LSP counts them: a line ends at `\r\n`, `\r` or `\n`. The reference is
 * vscode-languageserver-textdocument's `TextDocument`, the implementation LSP clients and servers share.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineMap, lineStarts, positionOf } from '../../server/src/core/positions';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

/** Text made of line-break kinds mixed with short runs of other characters (a surrogate pair among them). */
const mixedLines = fc.array(fc.constantFrom('\r', '\n', '\r\n', '\r\r\n', '\n\r', 'a', 'bc', ' ', '---', 'é', '😀'), { maxLength: 40 }).map((parts) => parts.join(''));

describe('positions as LSP counts lines (\\r\\n, \\r and \\n)', () => {
  test('LineMap and positionOf agree with TextDocument on every offset and position', () => {
    fc.assert(
      fc.property(mixedLines, (text) => {
        const doc = TextDocument.create('file:///x.md', 'claude-agent', 1, text);
        const map = new LineMap(text);
        assert.equal(map.lineCount, doc.lineCount);
        assert.equal(lineStarts(text).length, doc.lineCount);
        for (let o = -1; o <= text.length + 1; o++) {
          assert.deepEqual(map.positionAt(o), doc.positionAt(o), `positionAt(${o}) of ${JSON.stringify(text)}`);
          assert.deepEqual(positionOf(text, o), doc.positionAt(o), `positionOf(${o}) of ${JSON.stringify(text)}`);
        }
        for (let line = -1; line <= doc.lineCount; line++) {
          for (let character = -1; character <= text.length + 1; character++) {
            assert.equal(map.offsetAt({ line, character }), doc.offsetAt({ line, character }), `offsetAt(${line}:${character}) of ${JSON.stringify(text)}`);
          }
          if (line >= 0 && line < doc.lineCount) {
            assert.equal(map.lineStart(line), doc.offsetAt({ line, character: 0 }));
            assert.equal(map.lineEnd(line), doc.offsetAt({ line, character: text.length + 1 }));
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('offset -> position -> offset is the identity, except between the \\r and \\n of one line break', () => {
    fc.assert(
      fc.property(mixedLines, (text) => {
        const map = new LineMap(text);
        for (let o = 0; o <= text.length; o++) {
          const insideCrLf = text[o - 1] === '\r' && text[o] === '\n';
          assert.equal(map.offsetAt(map.positionAt(o)), insideCrLf ? o - 1 : o, `${o} in ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('a lone \\r ends a line', () => {
    const map = new LineMap('a\rb\r\nc\nd');
    assert.deepEqual(
      [0, 2, 5, 7].map((o) => map.positionAt(o)),
      [0, 1, 2, 3].map((line) => ({ line, character: 0 })),
    );
    assert.equal(map.lineEnd(1), 3);
  });
});
