/** The outline: the frontmatter fields, each example (with its turns), and the body's headings. */
import MarkdownIt from 'markdown-it';
import type { AgentModel } from '../model';
import type { OffsetRange } from '../types';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: 'frontmatter' | 'field' | 'example' | 'turn' | 'heading';
  range: OffsetRange;
  selectionRange: OffsetRange;
  children: OutlineSymbol[];
}

const md = new MarkdownIt({ html: false });
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
        detail: f.value.kind === 'string' ? short(f.value.value, 40) : f.value.kind === 'list' ? `${f.value.items.length} items` : text.slice(f.value.range.start, f.value.range.end),
        kind: 'field',
        range: f.range,
        selectionRange: f.keyRange,
        children: [],
      })),
    });
  }
  agent.examples.forEach((ex, i) => {
    const user = ex.turns.find((t) => t.role === 'user');
    out.push({
      name: `Example ${i + 1}`,
      detail: user ? short(user.text) : undefined,
      kind: 'example',
      range: ex.range,
      selectionRange: ex.open.range,
      children: ex.turns.map((t) => ({ name: t.role, detail: short(t.text), kind: 'turn', range: { start: t.labelRange.start, end: t.textRange.end }, selectionRange: t.labelRange, children: [] })),
    });
  });
  for (const h of headings(text, agent.body)) out.push(h);
  return out;
}

/** Headings of the body, nested by level. */
function headings(text: string, body: OffsetRange): OutlineSymbol[] {
  const bodyText = text.slice(body.start, body.end);
  const lineStarts = [0];
  for (let i = 0; i < bodyText.length; i++) if (bodyText.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineEnd = (l: number) => (l + 1 < lineStarts.length ? lineStarts[l + 1] - 1 : bodyText.length);
  const tokens = md.parse(bodyText, {});
  const flat: Array<{ level: number; sym: OutlineSymbol }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== 'heading_open' || !t.map) continue;
    const level = Number(t.tag.slice(1));
    const start = body.start + lineStarts[t.map[0]];
    const end = body.start + lineEnd(t.map[1] - 1);
    flat.push({ level, sym: { name: tokens[i + 1]?.content || '(heading)', kind: 'heading', range: { start, end }, selectionRange: { start, end }, children: [] } });
  }
  // A heading's range runs to the next heading of the same or a higher level.
  const roots: OutlineSymbol[] = [];
  const stack: Array<{ level: number; sym: OutlineSymbol }> = [];
  for (let i = 0; i < flat.length; i++) {
    const h = flat[i];
    const next = flat.slice(i + 1).find((x) => x.level <= h.level);
    h.sym.range = { start: h.sym.range.start, end: next ? next.sym.range.start : body.end };
    while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
    (stack.length ? stack[stack.length - 1].sym.children : roots).push(h.sym);
    stack.push(h);
  }
  return roots;
}
