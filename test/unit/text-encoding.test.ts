import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeAgentBytes } from '../../server/src/fs/text-encoding';

const TEXT = '---\nname: wide\ndescription: Use it for wide things.\n---\nBody\n';

test('UTF-8, with or without a BOM, and with a U+FFFD of its own, is UTF-8', () => {
  for (const text of [TEXT, '\uFEFF' + TEXT, TEXT + 'caf\u00e9 \uFFFD \u{1F600}\n']) {
    const decoded = decodeAgentBytes(Buffer.from(text, 'utf8'));
    assert.equal(decoded.text, text);
    assert.equal(decoded.notUtf8, undefined);
  }
});

test('UTF-16 and UTF-32 are named, by byte order mark or by their NUL bytes', () => {
  const le = Buffer.from(TEXT, 'utf16le');
  const cases: Array<[Buffer, string]> = [
    [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'UTF-16 LE'],
    [Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]), 'UTF-16 BE'],
    [le, 'UTF-16 LE'],
    [Buffer.from(le).swap16(), 'UTF-16 BE'],
    [Buffer.from([0xff, 0xfe, 0, 0, 0x2d, 0, 0, 0]), 'UTF-32 LE'],
    [Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x2d]), 'UTF-32 BE'],
  ];
  for (const [bytes, encoding] of cases) {
    const { notUtf8 } = decodeAgentBytes(bytes);
    assert.equal(notUtf8?.encoding, encoding);
    assert.equal(notUtf8?.offset, 0);
    assert.match(notUtf8.summary, new RegExp(encoding));
  }
});

test('bytes UTF-8 cannot read (Latin-1): the offset of the first one in the text as UTF-8 decodes it', () => {
  const bytes = Buffer.concat([Buffer.from('a \uFFFD b\n', 'utf8'), Buffer.from('caf\u00e9', 'latin1')]);
  const { text, notUtf8 } = decodeAgentBytes(bytes);
  assert.equal(notUtf8?.encoding, 'not valid UTF-8');
  assert.match(notUtf8.summary, /Latin-1/);
  assert.equal(notUtf8.offset, 'a \uFFFD b\ncaf'.length, 'the U+FFFD the file holds is not the trouble');
  assert.equal(text[notUtf8.offset], '\uFFFD');
});

test('any text saved as UTF-8 is UTF-8; Latin-1 text with a letter from U+0080..U+00BF is not, from that letter on', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      const text = TEXT + s;
      assert.equal(decodeAgentBytes(Buffer.from(text, 'utf8')).notUtf8, undefined);
    }),
  );
  fc.assert(
    // U+0080..U+00BF are UTF-8 continuation bytes in Latin-1: never the start of a sequence UTF-8 can read.
    fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0xbf }).map((c) => String.fromCharCode(c)) }), (s) => {
      const first = [...s].findIndex((c) => c.charCodeAt(0) >= 0x80);
      const { notUtf8 } = decodeAgentBytes(Buffer.from(TEXT + s, 'latin1'));
      if (first < 0) assert.equal(notUtf8, undefined);
      else assert.equal(notUtf8?.offset, TEXT.length + first);
    }),
  );
});
