/**
 * Finds `<example>` / `<commentary>` tags and the `Context:` / `user:` / `assistant:` turns inside them,
 * over the raw source text of a region (the description's value, or the body), so every offset points at
 * the exact source. Parts may sit on real lines or on one line joined by `\n` escapes.
 */
import type { Commentary, ExampleBlock, Tag, Turn, TurnRole } from '../model';
import type { OffsetRange } from '../types';
import { editDistance } from '../similarity';

const TAG = /<(\/?)[ \t]*([A-Za-z][A-Za-z_-]*)[ \t]*>/g;
const KNOWN = ['example', 'commentary'];

/** A tag name that is `example` or `commentary`, or a near miss of one (`exmaple`, `comentary`). */
export function exampleLikeTag(name: string): boolean {
  const n = name.toLowerCase();
  if (KNOWN.includes(n)) return true;
  if (n === 'examples') return false; // a wrapper some authors use on purpose
  // The length differs by at least the edit distance: most HTML-like tags need no distance worked out.
  return n.length >= 5 && KNOWN.some((k) => Math.abs(n.length - k.length) <= 2 && editDistance(n, k) <= 2);
}

/** Example-like tags in text[region], skipping the parts in `skip` (code fences of the body). */
export function findTags(text: string, region: OffsetRange, skip: OffsetRange[] = []): Tag[] {
  const tags: Tag[] = [];
  const slice = text.slice(region.start, region.end);
  TAG.lastIndex = 0;
  for (let m = TAG.exec(slice); m; m = TAG.exec(slice)) {
    const start = region.start + m.index;
    if (skip.some((r) => start >= r.start && start < r.end)) continue;
    if (!exampleLikeTag(m[2])) continue;
    tags.push({ name: m[2].toLowerCase(), closing: m[1] === '/', range: { start, end: start + m[0].length } });
  }
  return tags;
}

/** Start of a code fence (three or more backticks or tildes, indented at most three spaces) at `at`, if any. */
function fenceAt(text: string, at: number, end: number): string | undefined {
  let i = at;
  while (i < end && i - at < 3 && text[i] === ' ') i++;
  if (i < end && text[i] === '\t' && i - at < 3) i++;
  const ch = text[i];
  if (ch !== '`' && ch !== '~') return undefined;
  let j = i;
  while (j < end && text[j] === ch) j++;
  return j - i >= 3 ? text.slice(i, j) : undefined;
}

/** Ranges of fenced code blocks (``` or ~~~) in text[region]. Scans line starts with indexOf (hot path). */
export function codeFences(text: string, region: OffsetRange): OffsetRange[] {
  const out: OffsetRange[] = [];
  if (text.indexOf('```', region.start) < 0 && text.indexOf('~~~', region.start) < 0) return out;
  let open: { start: number; fence: string } | undefined;
  for (let lineStart = region.start; lineStart < region.end;) {
    let nl = text.indexOf('\n', lineStart);
    if (nl < 0 || nl >= region.end) nl = region.end;
    const fence = fenceAt(text, lineStart, nl);
    if (fence) {
      if (!open) open = { start: lineStart, fence };
      else if (fence[0] === open.fence[0] && fence.length >= open.fence.length) {
        out.push({ start: open.start, end: nl });
        open = undefined;
      }
    }
    lineStart = nl + 1;
  }
  if (open) out.push({ start: open.start, end: region.end });
  return out;
}

/**
 * Groups tags into example blocks. An `<example>` runs to its `</example>`, or when unclosed to the next
 * `<example>` or the end of the region. A `<commentary>` inside it runs to `</commentary>`, or to the end
 * of its example.
 */
export function buildExamples(text: string, region: OffsetRange, tags: Tag[], location: ExampleBlock['location'], decode: (raw: string) => string): ExampleBlock[] {
  const blocks: ExampleBlock[] = [];
  const inRegion = tags.filter((t) => t.range.start >= region.start && t.range.end <= region.end);
  for (let i = 0; i < inRegion.length; i++) {
    const open = inRegion[i];
    if (open.name !== 'example' || open.closing) continue;
    let close: Tag | undefined;
    let end = region.end;
    const inner: Tag[] = [];
    for (let j = i + 1; j < inRegion.length; j++) {
      const t = inRegion[j];
      if (t.name === 'example' && t.closing) {
        close = t;
        end = t.range.end;
        break;
      }
      if (t.name === 'example' && !t.closing) {
        end = t.range.start;
        break;
      }
      inner.push(t);
    }
    const contentEnd = close ? close.range.start : end;
    const commentaries = buildCommentaries(text, inner, contentEnd, decode);
    const turns = findTurns(text, { start: open.range.end, end: contentEnd }, commentaries, decode);
    blocks.push({ location, range: { start: open.range.start, end }, open, close, turns, commentaries });
  }
  return blocks;
}

function buildCommentaries(text: string, inner: Tag[], contentEnd: number, decode: (raw: string) => string): Commentary[] {
  // The next commentary tag after each tag, found in one pass from the end (a search forward from each
  // opening tag took 5 s for 20,000 commentaries in one example).
  const next = new Array<Tag | undefined>(inner.length);
  for (let i = inner.length - 1, after: Tag | undefined; i >= 0; i--) {
    next[i] = after;
    if (inner[i].name === 'commentary') after = inner[i];
  }
  const out: Commentary[] = [];
  for (let i = 0; i < inner.length; i++) {
    const open = inner[i];
    if (open.name !== 'commentary' || open.closing) continue;
    const close = next[i]?.closing ? next[i] : undefined;
    const end = close ? close.range.end : next[i] ? next[i]!.range.start : contentEnd;
    const textRange = trimRange(text, { start: open.range.end, end: close ? close.range.start : end });
    out.push({ range: { start: open.range.start, end }, open, close, textRange, text: decode(text.slice(textRange.start, textRange.end)) });
  }
  return out;
}

const LABEL = /(^|[\s>"']|\\n)(context|user|assistant)[ \t]*:/gi;

/**
 * The turns of an example's content, outside its commentaries. Labels and commentaries both come in text
 * order and commentaries do not overlap, so one pointer into the commentaries serves every label.
 */
function findTurns(text: string, content: OffsetRange, commentaries: Commentary[], decode: (raw: string) => string): Turn[] {
  const labels: Array<{ role: TurnRole; range: OffsetRange }> = [];
  const slice = text.slice(content.start, content.end);
  let c = 0;
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(slice); m; m = LABEL.exec(slice)) {
    const start = content.start + m.index + m[1].length;
    while (c < commentaries.length && commentaries[c].range.end <= start) c++;
    if (c < commentaries.length && commentaries[c].range.start <= start) continue;
    labels.push({ role: m[2].toLowerCase() as TurnRole, range: { start, end: content.start + m.index + m[0].length } });
    LABEL.lastIndex = m.index + m[0].length;
  }
  let d = 0;
  return labels.map((l, k) => {
    let end = k + 1 < labels.length ? labels[k + 1].range.start : content.end;
    // The first commentary after the label ends its turn.
    while (d < commentaries.length && commentaries[d].range.start < l.range.end) d++;
    if (d < commentaries.length && commentaries[d].range.start < end) end = commentaries[d].range.start;
    const textRange = trimRange(text, { start: l.range.end, end });
    return { role: l.role, labelRange: l.range, textRange, text: decode(text.slice(textRange.start, textRange.end)) };
  });
}

/** Shrinks a range past white space and literal `\n` escapes at both ends. */
export function trimRange(text: string, r: OffsetRange): OffsetRange {
  let { start, end } = r;
  for (;;) {
    if (start < end && /\s/.test(text[start])) start++;
    else if (start + 1 < end && text[start] === '\\' && text[start + 1] === 'n') start += 2;
    else break;
  }
  for (;;) {
    if (end > start && /\s/.test(text[end - 1])) end--;
    else if (end - 1 > start && text[end - 2] === '\\' && text[end - 1] === 'n') end -= 2;
    else break;
  }
  return { start, end };
}
