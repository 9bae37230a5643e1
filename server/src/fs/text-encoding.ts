/**
 * Agent files are text in UTF-8: Claude Code reads them so. A file in another encoding (UTF-16 with or
 * without a byte order mark, or a single-byte one such as Latin-1) is read garbled, and rewriting the text
 * we decoded would turn every byte we could not decode into U+FFFD. This says which encoding a file is in
 * when it is not UTF-8, and where its first byte that UTF-8 cannot read stands.
 */
import { isUtf8 } from 'node:buffer';

export interface NotUtf8 {
  /** What the bytes look like: "UTF-16 LE", "UTF-16 BE", "UTF-32 LE", "UTF-32 BE" or "not valid UTF-8". */
  encoding: string;
  /** The offset in the text as UTF-8 decodes it (U+FFFD for each byte it cannot read) where the trouble starts. */
  offset: number;
  /** "the file is UTF-16 LE", "the file is not valid UTF-8 (...)": what is wrong, for any message. */
  summary: string;
}

export interface DecodedText {
  /** The text as Claude Code reads it: the bytes as UTF-8, each undecodable sequence U+FFFD. */
  text: string;
  notUtf8?: NotUtf8;
}

const BOMS: Array<[number[], string]> = [
  // UTF-32 LE first: its mark starts with UTF-16 LE's.
  [[0xff, 0xfe, 0x00, 0x00], 'UTF-32 LE'],
  [[0x00, 0x00, 0xfe, 0xff], 'UTF-32 BE'],
  [[0xff, 0xfe], 'UTF-16 LE'],
  [[0xfe, 0xff], 'UTF-16 BE'],
];
/** How many bytes the NUL count looks at: enough for a frontmatter's worth of text. */
const SAMPLE = 4096;

export function decodeAgentBytes(bytes: Buffer): DecodedText {
  const text = bytes.toString('utf8');
  const wide = wideEncoding(bytes);
  if (wide) return { text, notUtf8: notUtf8(wide, 0, `the file is ${wide}`) };
  if (isUtf8(bytes)) return { text };
  const offset = firstUndecodable(bytes, text);
  return {
    text,
    notUtf8: notUtf8('not valid UTF-8', offset, 'the file is not valid UTF-8 (it looks like a single-byte encoding such as Latin-1 or Windows-1252)'),
  };
}

function notUtf8(encoding: string, offset: number, summary: string): NotUtf8 {
  return { encoding, offset, summary };
}

/** UTF-16 or UTF-32, by byte order mark, or by NUL bytes standing at every other position (ASCII text in UTF-16). */
function wideEncoding(bytes: Buffer): string | undefined {
  for (const [mark, name] of BOMS) if (mark.every((b, i) => bytes[i] === b)) return name;
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 4) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  const pairs = n / 2;
  // Mostly-ASCII UTF-16 has a NUL in nearly every pair, on one side only.
  if (oddNuls >= pairs * 0.3 && evenNuls <= pairs * 0.05) return 'UTF-16 LE';
  if (evenNuls >= pairs * 0.3 && oddNuls <= pairs * 0.05) return 'UTF-16 BE';
  return undefined;
}

/**
 * The offset in `text` (the bytes decoded as UTF-8) of the first U+FFFD that stands for bytes UTF-8 cannot
 * read, not for a U+FFFD the file holds in UTF-8 (EF BF BD). Everything before it decoded cleanly, so its
 * UTF-8 length is its length in the file.
 */
function firstUndecodable(bytes: Buffer, text: string): number {
  let byteOffset = 0;
  let from = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
    byteOffset += Buffer.byteLength(text.slice(from, i));
    from = i;
    if (!(bytes[byteOffset] === 0xef && bytes[byteOffset + 1] === 0xbf && bytes[byteOffset + 2] === 0xbd)) return i;
  }
  return 0;
}
