/** The outline: the frontmatter fields, each example as the rules read them (with its turns), and the body's headings. */
import MarkdownIt from 'markdown-it';
import type { AgentModel } from '../model';
import { LineMap } from '../positions';
import { examplesAsRead } from '../rules/support/example-tags';
import type { OffsetRange } from '../types';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: 'frontmatter' | 'field' | 'example' | 'turn' | 'heading';
  range: OffsetRange;
  selectionRange: OffsetRange;
  children: OutlineSymbol[];
}

// Only the blocks are needed (a heading's name is its raw text): the inline rules would be most of the work.
const md = new MarkdownIt({ html: false });
md.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join'], true);
const short = (s: string, n = 50) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
};

export function outline(text: string, agent: AgentModel): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  const fm = agent.frontmatter;
  if (fm) {
    out.push({
      name: 'Frontmatter',
      kind: 'frontmatter',
      range: fm.range,
      selectionRange: fm.open,
      children: fm.fields.map((f) => ({
        name: f.key,
        detail:
          f.value.kind === 'string'
            ? short(f.value.value, 40)
            : f.value.kind === 'list'
              ? `${f.value.items.length} items`
              : text.slice(f.value.range.start, f.value.range.end),
        kind: 'field',
        range: f.range,
        selectionRange: f.keyRange,
        children: [],
      })),
    });
  }
  examplesAsRead(agent, text).forEach((ex, i) => {
    const user = ex.turns.find((t) => t.role === 'user');
    out.push({
      name: `Example ${i + 1}`,
      detail: user ? short(user.text) : undefined,
      kind: 'example',
      range: ex.range,
      selectionRange: ex.open.range,
      children: ex.turns.map((t) => ({
        name: t.role,
        detail: short(t.text),
        kind: 'turn',
        range: { start: t.labelRange.start, end: t.textRange.end },
        selectionRange: t.labelRange,
        children: [],
      })),
    });
  });
  for (const h of headings(text, agent.body)) out.push(h);
  return out;
}

/** Headings of the body, nested by level; linear in the number of headings. */
function headings(text: string, body: OffsetRange): OutlineSymbol[] {
  const bodyText = text.slice(body.start, body.end);
  // markdown-it counts lines as LSP does (`\r\n`, `\r`, `\n`), and so does the LineMap.
  const lines = new LineMap(bodyText);
  const tokens = md.parse(bodyText, {});
  const roots: OutlineSymbol[] = [];
  // The headings still open, levels rising: a heading's range runs to the next heading of the same or a
  // higher level, which pops it (and those inside it) off the stack; the ones left run to the body's end.
  const stack: Array<{ level: number; sym: OutlineSymbol }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== 'heading_open' || !t.map) continue;
    const level = Number(t.tag.slice(1));
    const start = body.start + lines.lineStart(t.map[0]);
    const end = body.start + lines.lineEnd(t.map[1] - 1);
    const sym: OutlineSymbol = { name: tokens[i + 1]?.content || '(heading)', kind: 'heading', range: { start, end: body.end }, selectionRange: { start, end }, children: [] };
    while (stack.length && stack[stack.length - 1].level >= level) stack.pop()!.sym.range.end = start;
    (stack.length ? stack[stack.length - 1].sym.children : roots).push(sym);
    stack.push({ level, sym });
  }
  return roots;
}
