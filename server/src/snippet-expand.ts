/**
 * Expanding a VS Code snippet body to plain text, every placeholder at its default: what the editor would
 * insert if the author pressed Tab through every stop without typing. Used by the "New Agent from
 * Persona..." command (which writes the file directly) and by the tests that lint each snippet; the server
 * reads the snippet files with it to offer whole agents in completion.
 *
 * Shared, like protocol.ts: it imports nothing, so the client and the server may both use it.
 *
 * Snippet syntax (VS Code's, a TextMate dialect):
 *   $1  ${1}                tab stop (a mirror of placeholder 1 when one is defined elsewhere)
 *   ${1:default}            placeholder; may nest other placeholders
 *   ${1|one,two|}           choice; the default is the first option
 *   $0                      final cursor position
 *   $NAME ${NAME:default}   variables; resolved from `variables`, else their default, else empty
 *   \$ \} \\                escapes (in a choice also \, and \|); any other backslash is literal
 * Transforms (`${1/regex/format/}`) are read as plain mirrors: no snippet of ours uses them.
 */

export interface SnippetExpandOptions {
  /** Values for tab stops, by number (e.g. `{ 1: 'my-agent' }`), instead of their defaults. */
  values?: Readonly<Record<number, string>>;
  /** Values of variables such as TM_FILENAME_BASE. */
  variables?: Readonly<Record<string, string>>;
}

type Node =
  { kind: 'text'; value: string } | { kind: 'tabstop'; index: number; children?: Node[]; choices?: string[] } | { kind: 'variable'; name: string; children?: Node[] };

/** The text a snippet body inserts with every placeholder at its default (or at `options.values`). */
export function expandSnippetBody(body: readonly string[] | string, options: SnippetExpandOptions = {}): string {
  const source = typeof body === 'string' ? body : body.join('\n');
  const nodes = new Parser(source).parse();
  const defaults = new Map<number, Node[] | string>();
  collectDefaults(nodes, defaults);
  const values = new Map<number, string>();
  for (const [k, v] of Object.entries(options.values ?? {})) values.set(Number(k), v);
  const rendering = new Set<number>();
  const render = (list: Node[]): string => list.map(renderNode).join('');
  const valueOf = (index: number): string => {
    const given = values.get(index);
    if (given !== undefined) return given;
    const d = defaults.get(index);
    if (d === undefined) return '';
    if (typeof d === 'string') return d;
    if (rendering.has(index)) return ''; // a placeholder that mirrors itself
    rendering.add(index);
    const text = render(d);
    rendering.delete(index);
    values.set(index, text);
    return text;
  };
  function renderNode(n: Node): string {
    switch (n.kind) {
      case 'text':
        return n.value;
      case 'tabstop':
        return valueOf(n.index);
      case 'variable': {
        const v = options.variables?.[n.name];
        if (v !== undefined) return v;
        return n.children ? render(n.children) : '';
      }
    }
  }
  return render(nodes);
}

function collectDefaults(nodes: Node[], into: Map<number, Node[] | string>): void {
  for (const n of nodes) {
    if (n.kind === 'tabstop') {
      if (!into.has(n.index)) {
        if (n.choices) into.set(n.index, n.choices[0] ?? '');
        else if (n.children) into.set(n.index, n.children);
      }
      if (n.children) collectDefaults(n.children, into);
    } else if (n.kind === 'variable' && n.children) collectDefaults(n.children, into);
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    return this.sequence(false);
  }

  /** Nodes up to the end, or (inside a placeholder) up to an unescaped `}` left for the caller. */
  private sequence(nested: boolean): Node[] {
    const out: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += ch;
          this.pos++;
        }
      } else if (ch === '}' && nested) {
        break;
      } else if (ch === '$') {
        const start = this.pos;
        const node = this.dollar();
        if (node) {
          flush();
          out.push(node);
        } else {
          this.pos = start + 1;
          text += '$';
        }
      } else {
        text += ch;
        this.pos++;
      }
    }
    flush();
    return out;
  }

  /** At a `$`: a tab stop, placeholder, choice or variable, or undefined (then `$` is literal text). */
  private dollar(): Node | undefined {
    const rest = this.src.slice(this.pos + 1);
    let m = /^\d+/.exec(rest);
    if (m) {
      this.pos += 1 + m[0].length;
      return { kind: 'tabstop', index: Number(m[0]) };
    }
    m = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(rest);
    if (m) {
      this.pos += 1 + m[0].length;
      return { kind: 'variable', name: m[0] };
    }
    if (rest[0] !== '{') return undefined;
    const save = this.pos;
    this.pos += 2;
    const node = this.braced();
    if (!node) this.pos = save;
    return node;
  }

  /** After `${`: the rest of a braced construct, through its `}`. */
  private braced(): Node | undefined {
    const rest = this.src.slice(this.pos);
    const num = /^\d+/.exec(rest);
    const name = num ? undefined : /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(rest);
    if (!num && !name) return undefined;
    this.pos += (num ?? name)![0].length;
    const after = this.src[this.pos];
    if (after === '}') {
      this.pos++;
      return num ? { kind: 'tabstop', index: Number(num[0]) } : { kind: 'variable', name: name![0] };
    }
    if (after === ':') {
      this.pos++;
      const children = this.sequence(true);
      if (this.src[this.pos] !== '}') return undefined;
      this.pos++;
      return num ? { kind: 'tabstop', index: Number(num[0]), children } : { kind: 'variable', name: name![0], children };
    }
    if (after === '|' && num) {
      this.pos++;
      const choices = this.choices();
      if (!choices) return undefined;
      return { kind: 'tabstop', index: Number(num[0]), choices };
    }
    if (after === '/') {
      // A transform: skip regex, format and options; keep the plain mirror.
      let slashes = 0;
      while (this.pos < this.src.length && slashes < 3) {
        const c = this.src[this.pos];
        if (c === '\\') this.pos += 2;
        else {
          if (c === '/') slashes++;
          this.pos++;
        }
      }
      const close = this.src.indexOf('}', this.pos);
      if (slashes < 3 || close < 0) return undefined;
      this.pos = close + 1;
      return num ? { kind: 'tabstop', index: Number(num[0]) } : { kind: 'variable', name: name![0] };
    }
    return undefined;
  }

  /** After `${1|`: the options through `|}`. */
  private choices(): string[] | undefined {
    const out: string[] = [];
    let cur = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && ',|$}\\'.includes(this.src[this.pos + 1] ?? '')) {
        cur += this.src[this.pos + 1];
        this.pos += 2;
      } else if (ch === ',') {
        out.push(cur);
        cur = '';
        this.pos++;
      } else if (ch === '|' && this.src[this.pos + 1] === '}') {
        out.push(cur);
        this.pos += 2;
        return out;
      } else {
        cur += ch;
        this.pos++;
      }
    }
    return undefined;
  }
}

/** Escapes text for use in a snippet body outside any placeholder (`$`, `}` and `\`). */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (c) => '\\' + c);
}

/** One entry of a `.code-snippets` file. */
export interface SnippetDefinition {
  prefix: string | string[];
  body: string | string[];
  description?: string;
  isFileTemplate?: boolean;
  scope?: string;
}

/**
 * Reads a `.code-snippets` file: JSON with comments. Comments are removed outside strings (line and block
 * comments); trailing commas are not supported.
 */
export function parseSnippetFile(text: string): Record<string, SnippetDefinition> {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += ch;
  }
  return JSON.parse(out) as Record<string, SnippetDefinition>;
}
