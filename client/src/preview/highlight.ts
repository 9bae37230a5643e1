/**
 * The preview's code highlighter: comments, strings, numbers and keywords of fenced code, in any language,
 * in one pass over the code. Agent files come from anyone, so no input may make it rescan: every character
 * is looked at a bounded number of times, and no regular expression runs over the code.
 *
 * It colours what the regular-expression highlighter before it coloured (a test checks them against each
 * other), as a scanner:
 * - `//` to the end of the line, `/* ... *\/`, `#` in the hash-comment languages, `--` in SQL and its kin;
 *   a block comment that never closes is not a comment;
 * - `"..."` and `'...'` on one line, `` `...` `` across lines, each with backslash escapes; a string that
 *   never closes is not a string;
 * - numbers such as `42`, `1_000`, `2.5`, `1e-9` that stand alone as words;
 * - the keywords of common languages.
 *
 * Returns escaped HTML: every piece of the code goes through esc().
 */
import { esc } from './escape';

/**
 * Past this many characters (about 100 KB) a code block is shown plain: escaped, not coloured. Highlighting
 * costs time in proportion to the code anyway, but each coloured token is an element the webview lays out.
 */
export const HIGHLIGHT_LIMIT = 100_000;

export const KEYWORDS: ReadonlySet<string> = new Set(
  (
    'abstract and as async await break case catch class const continue def default defer del delete do elif else enum export extends ' +
    'false final finally fn for from func function go if impl implements import in interface is lambda let match module mut new nil ' +
    'None not null or package pass private protected pub public raise return select self static struct super switch this throw throws ' +
    'trait true True False try type typeof undefined union use var void where while with yield SELECT FROM WHERE INSERT UPDATE DELETE ' +
    'CREATE TABLE INDEX JOIN ON AND OR NOT NULL PRIMARY KEY REFERENCES GROUP BY ORDER LIMIT VALUES INTO SET'
  ).split(' '),
);

/** Fence languages shown as plain text. */
const PLAIN = new Set(['text', 'plain', 'plaintext', 'txt', 'md', 'markdown']);
/** Languages whose comments start with `#`. */
const HASH_COMMENTS = new Set([
  'py',
  'python',
  'sh',
  'bash',
  'shell',
  'zsh',
  'yaml',
  'yml',
  'toml',
  'rb',
  'ruby',
  'r',
  'perl',
  'dockerfile',
  'make',
  'makefile',
  'conf',
  'ini',
]);
/** Languages whose comments start with `--`. */
const DASH_COMMENTS = new Set(['sql', 'psql', 'mysql', 'lua', 'haskell', 'hs']);

/** Highlighted HTML of `code`, or '' for no language or a plain one (markdown-it then escapes the code itself). */
export function highlight(code: string, lang: string): string {
  const language = lang.toLowerCase();
  if (!language || PLAIN.has(language)) return '';
  return new Scanner(code, HASH_COMMENTS.has(language), DASH_COMMENTS.has(language)).run();
}

// Character codes the scanner compares against.
const LF = 10;
const CR = 13;
const DOLLAR = 36; // $
const QUOTE = 34; // "
const HASH = 35; // #
const APOSTROPHE = 39; // '
const STAR = 42; // *
const PLUS = 43; // +
const MINUS = 45; // -
const DOT = 46; // .
const SLASH = 47; // /
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const BACKSLASH = 92; // \
const UNDERSCORE = 95; // _
const BACKTICK = 96; // `
const LOWER_E = 101; // e
const LINE_SEPARATOR = 0x2028;
const PARAGRAPH_SEPARATOR = 0x2029;

const isDigit = (c: number) => c >= DIGIT_0 && c <= DIGIT_9;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** A word character as `\w` and `\b` count it: ASCII letters, digits and `_`. */
const isWord = (c: number) => isLetter(c) || isDigit(c) || c === UNDERSCORE;
const isIdentifierStart = (c: number) => isLetter(c) || c === UNDERSCORE || c === DOLLAR;
const isIdentifierPart = (c: number) => isWord(c) || c === DOLLAR;
/** What a backslash may not escape (the line terminators, and the end of the code: NaN). */
const isLineTerminator = (c: number) => c === LF || c === CR || c === LINE_SEPARATOR || c === PARAGRAPH_SEPARATOR || Number.isNaN(c);
const isNumberPart = (c: number) => isDigit(c) || c === UNDERSCORE || c === DOT;

class Scanner {
  private readonly out: string[] = [];
  /** Start of the text not yet written out. */
  private plainFrom = 0;
  /** The last `*\/`: a block comment opened after it never closes. */
  private readonly lastCommentEnd: number;
  /**
   * For each quote, where the last string it opened that never closed ran aground. Every quote of the same
   * kind before that point was escaped inside that string, and a string opened there runs aground at the
   * same point (the scan from it is the same from the next character on), so it is not scanned again.
   */
  private readonly aground = new Map<number, number>([
    [QUOTE, -1],
    [APOSTROPHE, -1],
    [BACKTICK, -1],
  ]);

  constructor(
    private readonly code: string,
    private readonly hashComments: boolean,
    private readonly dashComments: boolean,
  ) {
    this.lastCommentEnd = code.lastIndexOf('*/');
  }

  run(): string {
    const { code } = this;
    const n = code.length;
    let i = 0;
    while (i < n) {
      const c = code.charCodeAt(i);
      const next = code.charCodeAt(i + 1);
      if ((c === SLASH && next === SLASH) || (c === HASH && this.hashComments) || (c === MINUS && next === MINUS && this.dashComments)) {
        i = this.emit('hl-comment', i, lineEnd(code, i));
      } else if (c === SLASH && next === STAR && this.lastCommentEnd >= i + 2) {
        i = this.emit('hl-comment', i, code.indexOf('*/', i + 2) + 2);
      } else if (c === QUOTE || c === APOSTROPHE || c === BACKTICK) {
        const end = this.string(i, c);
        i = end > 0 ? this.emit('hl-string', i, end) : i + 1;
      } else if (isDigit(c)) {
        const end = i > 0 && isWord(code.charCodeAt(i - 1)) ? -1 : numberEnd(code, i);
        i = end > 0 ? this.emit('hl-number', i, end) : i + 1;
      } else if (isIdentifierStart(c)) {
        let end = i + 1;
        while (end < n && isIdentifierPart(code.charCodeAt(end))) end++;
        i = KEYWORDS.has(code.slice(i, end)) ? this.emit('hl-keyword', i, end) : end;
      } else {
        i++;
      }
    }
    this.out.push(esc(code.slice(this.plainFrom)));
    return this.out.join('');
  }

  /** Writes the text before `start`, then `start..end` as a token of `cls`; returns `end`. */
  private emit(cls: string, start: number, end: number): number {
    this.out.push(esc(this.code.slice(this.plainFrom, start)), `<span class="${cls}">`, esc(this.code.slice(start, end)), '</span>');
    this.plainFrom = end;
    return end;
  }

  /** The end (after the closing quote) of the string `quote` opens at `start`, or -1 when it never closes. */
  private string(start: number, quote: number): number {
    if (start < this.aground.get(quote)!) return -1;
    const { code } = this;
    const multiline = quote === BACKTICK;
    let j = start + 1;
    for (;;) {
      const c = code.charCodeAt(j);
      if (c === quote) return j + 1;
      if (Number.isNaN(c) || (c === LF && !multiline) || (c === BACKSLASH && isLineTerminator(code.charCodeAt(j + 1)))) {
        this.aground.set(quote, j);
        return -1;
      }
      j += c === BACKSLASH ? 2 : 1;
    }
  }
}

function lineEnd(code: string, from: number): number {
  const end = code.indexOf('\n', from);
  return end < 0 ? code.length : end;
}

/**
 * The end of the number starting at `start` (a digit after a non-word character), or -1. A number is a
 * digit, then digits, `_` and `.`, then maybe an exponent (`e`, a sign, digits); it must end where a word
 * ends, so it is the longest such prefix that does. Scanning back over the run costs no more than the run
 * itself, and the part of it given back cannot make the next scan long again (it has no word end inside).
 */
function numberEnd(code: string, start: number): number {
  const n = code.length;
  let run = start + 1;
  while (run < n && isNumberPart(code.charCodeAt(run))) run++;
  if (code.charCodeAt(run) === LOWER_E) {
    let k = run + 1;
    const sign = code.charCodeAt(k);
    if (sign === PLUS || sign === MINUS) k++;
    const digits = k;
    while (k < n && isDigit(code.charCodeAt(k))) k++;
    if (k > digits && wordEndsAt(code, k)) return k;
  }
  for (let end = run; end > start; end--) if (wordEndsAt(code, end)) return end;
  return -1;
}

/** `\b` at `at`: a word character on exactly one side. */
function wordEndsAt(code: string, at: number): boolean {
  return isWord(code.charCodeAt(at - 1)) !== (at < code.length && isWord(code.charCodeAt(at)));
}
