/**
 * What the preview does with a link the author clicked: the one policy for every link in an agent file,
 * which comes from anyone. A pure function (no `vscode` import), so tests call it in plain Node.
 *
 * - `http:`, `https:` and `mailto:` links are handed to the system's opener (EXTERNAL_SCHEMES).
 * - A link with no scheme names a file in the workspace folder of the agent file: relative to the agent
 *   file, or to the folder's root when it starts with `/`. One that climbs out of that folder (`../..`), or
 *   that has no folder to stay in, is refused.
 * - Every other scheme (`vscode:`, `command:`, `file:`, `javascript:`, ...) is refused.
 */

/** The schemes the preview opens, with the system's opener. */
export const EXTERNAL_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto']);

export type LinkAction =
  | { kind: 'external'; uri: string }
  /** A file in the workspace folder: its path from the folder's root, one segment each, none `..`. */
  | { kind: 'file'; segments: string[] }
  | { kind: 'refused'; reason: string };

const ALLOWED = `${[...EXTERNAL_SCHEMES].join(', ')} links and files in the workspace folder`;

/**
 * @param href the link as the preview rendered it (`href` of the `<a>`: percent-encoded)
 * @param from the agent file's path inside its workspace folder, one segment each, or undefined when the
 *   file is in no workspace folder
 */
export function linkAction(href: string, from: readonly string[] | undefined): LinkAction {
  const scheme = schemeOf(href);
  if (scheme !== undefined) {
    return EXTERNAL_SCHEMES.has(scheme) ? { kind: 'external', uri: href } : refused(`the preview opens only ${ALLOWED}, not ${scheme}: links`);
  }
  if (href.startsWith('//') || href.startsWith('\\\\')) return refused('it names a host without a scheme: write http:// or https:// before it');
  const raw = href.slice(0, endOfPath(href));
  if (raw === '') return refused('it names no file');
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return refused('it is not a valid link');
  }
  if (path.includes('\0')) return refused('it is not a valid link');
  if (!from) return refused('links open files in the workspace folder of the agent file, and this file is in none');
  const segments = path.startsWith('/') || path.startsWith('\\') ? [] : from.slice(0, -1);
  for (const part of path.split(SEPARATORS)) {
    if (part === '' || part === '.') continue;
    if (part !== '..') segments.push(part);
    else if (segments.length > 0) segments.pop();
    else return refused('it points outside the workspace folder');
  }
  if (segments.length === 0) return refused('it names the workspace folder, not a file');
  return { kind: 'file', segments };
}

/** Both slashes separate: a backslash is a separator on Windows, so `..\` climbs there too. */
const SEPARATORS = /[/\\]/;

/**
 * A link as it may appear in a message shown to the user: at most 100 characters, and with the brackets and
 * parentheses of a Markdown link (which VS Code's notifications would make clickable) and control
 * characters percent-encoded.
 */
export function displayLink(href: string): string {
  const cut = href.length > 100 ? `${href.slice(0, 99)}\u2026` : href;
  let out = '';
  for (const ch of cut) {
    const code = ch.codePointAt(0)!;
    out += code < 0x20 || code === 0x7f || '[]()'.includes(ch) ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : ch;
  }
  return out;
}

function refused(reason: string): LinkAction {
  return { kind: 'refused', reason };
}

/** The scheme of an absolute URI, lower-cased (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`, then `:`). */
function schemeOf(href: string): string | undefined {
  for (let i = 0; i < href.length; i++) {
    const c = href.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (c === 58) return i > 0 ? href.slice(0, i).toLowerCase() : undefined; // ':'
    if (!(letter || (i > 0 && ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)))) return undefined;
  }
  return undefined;
}

/** Where the path of a relative link ends: at its query or fragment. */
function endOfPath(href: string): number {
  for (let i = 0; i < href.length; i++) if (href[i] === '?' || href[i] === '#') return i;
  return href.length;
}
