/**
 * Writing a string back as a YAML scalar that parses to exactly that string. Used by the quick fixes that
 * repair an unquoted description without losing a character.
 */

import { parseLikeBun } from './claude-code/yaml';

/**
 * `value` as a YAML scalar that reads back as exactly this string: plain when YAML (and Claude Code)
 * would read it so, double-quoted otherwise (`null`, `true`, `123`, `a: b`, leading or trailing blanks).
 */
export function yamlScalar(value: string): string {
  if (value !== '' && !/[\r\n\t]/.test(value)) {
    const read = parseLikeBun(`k: ${value}`);
    if (read.ok && typeof read.value === 'object' && read.value !== null && (read.value as Record<string, unknown>).k === value) return value;
  }
  return toDoubleQuoted(value);
}

/** YAML's printable characters (c-printable); anything else must be escaped in a double-quoted scalar. */
function printable(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    (code >= 0x20 && code <= 0x7e) ||
    code === 0x85 ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
    code >= 0x10000
  );
}

/** A double-quoted YAML scalar on one line: `\`, `"`, line breaks, tabs and non-printables escaped. */
export function toDoubleQuoted(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\u' + code.toString(16).padStart(4, '0');
    else if (!printable(code) || code === 0x85 || code === 0x2028 || code === 0x2029) {
      out += code <= 0xff ? '\\x' + code.toString(16).padStart(2, '0') : '\\u' + code.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

/**
 * A literal block scalar (`|-`) whose lines are indented by `indent`, or undefined when the value cannot
 * be written that way without changing it (non-printable characters, carriage returns, a first line that
 * starts with white space, trailing line breaks, or trailing white space on the last line).
 */
export function toLiteralBlock(value: string, indent: string, eol: string): string | undefined {
  if (value === '') return undefined;
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\r' || (!printable(code) && ch !== '\n') || code === 0x85 || code === 0x2028 || code === 0x2029) return undefined;
  }
  if (/^[ \t]/.test(value) || /^\n/.test(value) || /\n$/.test(value)) return undefined;
  const lines = value.split('\n');
  // A line of only spaces that is longer than the indentation would change the indentation level rules.
  if (lines.some((l) => /^[ \t]+$/.test(l))) return undefined;
  return '|-' + lines.map((l) => eol + (l === '' ? '' : indent + l)).join('');
}
