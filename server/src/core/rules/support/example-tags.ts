/**
 * The balance walk over `<example>` / `<commentary>` tags that the example rules share. Tags of the
 * description and of the body are walked separately (a tag never pairs across them). Misspelled tag names
 * (`<exmaple>`) count as the tag they are closest to, so one typo is reported once, by its own rule.
 */
import type { AgentModel, ExampleBlock, Tag } from '../../model';
import { PerParse } from './per-parse';
import { codeFences, trimRange } from '../../parse/examples';
import { EXAMPLE_TAGS } from '../../schema';
import { editDistance } from '../../similarity';
import type { OffsetRange, TextEdit } from '../../types';

export type ExampleTagName = (typeof EXAMPLE_TAGS)[number];

export interface Region {
  location: 'description' | 'body';
  /** The characters of the region (a quoted description without its quotes). */
  range: OffsetRange;
  tags: Tag[];
}

export type TagProblem =
  /**
   * An opening tag never closed. `edit` closes it where its block ends, together with any tag inside it
   * that is unclosed at the same point (`</commentary></example>`). The edit replaces the last character of
   * the block by itself plus the closing tags, so fixes that close at the same point overlap and fix-all
   * applies only the outermost one.
   */
  | { kind: 'unclosed'; tag: Tag; name: ExampleTagName; edit: TextEdit; until: string }
  /** A closing tag with no opening tag to close. */
  | { kind: 'stray'; tag: Tag; name: ExampleTagName }
  /** `<commentary>` outside any `<example>`. */
  | { kind: 'outside'; tag: Tag; name: ExampleTagName };

/** The tag name this (possibly misspelled) name stands for. */
export function canonicalTag(name: string): ExampleTagName {
  const n = name.toLowerCase();
  const known = EXAMPLE_TAGS as readonly string[];
  if (known.includes(n)) return n as ExampleTagName;
  return [...EXAMPLE_TAGS].sort((a, b) => editDistance(n, a) - editDistance(n, b))[0];
}

const cache = new PerParse<AgentModel, Region[]>();

/** The description and body regions with their tags (body tags inside inline code spans left out). */
export function tagRegions(agent: AgentModel, text: string): Region[] {
  return cache.get(agent, (a) => readRegions(a, text));
}

/**
 * The `<example>` blocks as the rules read them: those whose `<example>` tag counts (one in inline code in
 * the body does not). For the rules, the outline and folding alike.
 */
export function examplesAsRead(agent: AgentModel, text: string): ExampleBlock[] {
  const counted = new Set<Tag>();
  for (const r of tagRegions(agent, text)) for (const t of r.tags) counted.add(t);
  return agent.examples.filter((ex) => counted.has(ex.open));
}

function readRegions(agent: AgentModel, text: string): Region[] {
  const regions: Region[] = [];
  const d = agent.descriptionRange;
  if (d) {
    const first = text[d.start];
    const quoted = (first === '"' || first === "'") && d.end - d.start >= 2 && text[d.end - 1] === first;
    const range = quoted ? { start: d.start + 1, end: d.end - 1 } : d;
    regions.push({ location: 'description', range, tags: agent.tags.filter((t) => t.range.start >= d.start && t.range.end <= d.end) });
  }
  const b = agent.body;
  const inBody = agent.tags.filter((t) => t.range.start >= b.start && t.range.end <= b.end);
  const lines = inBody.length ? new RegionLines(text, b) : undefined;
  regions.push({ location: 'body', range: b, tags: inBody.filter((t) => !lines!.inInlineCode(t.range.start)) });
  return regions;
}

/**
 * The line breaks and backticks of a region, for the questions asked once per tag (where its line starts,
 * whether it sits in a `code span`): binary searches, where a scan back to the line's start per tag made
 * the rules quadratic in the tags of one long line.
 */
class RegionLines {
  private readonly from: number;
  /** Offsets of `\n` in the region (from the start of its first line). */
  private readonly breaks: number[] = [];
  private readonly backticks: number[] = [];
  private readonly indents = new Map<number, string>();

  constructor(
    private readonly text: string,
    region: OffsetRange,
  ) {
    this.from = text.lastIndexOf('\n', region.start - 1) + 1;
    for (let i = text.indexOf('\n', this.from); i >= 0 && i < region.end; i = text.indexOf('\n', i + 1)) this.breaks.push(i);
    for (let i = text.indexOf('`', this.from); i >= 0 && i < region.end; i = text.indexOf('`', i + 1)) this.backticks.push(i);
  }

  /** The start of the line that holds `at` (an offset inside the region). */
  lineStart(at: number): number {
    const i = countBelow(this.breaks, at);
    return i > 0 ? this.breaks[i - 1] + 1 : this.from;
  }

  /** An odd number of backticks before the offset on its line: inside a `code span`. */
  inInlineCode(at: number): boolean {
    return ((countBelow(this.backticks, at) - countBelow(this.backticks, this.lineStart(at))) & 1) === 1;
  }

  /** Leading white space of the line that holds `at`. */
  indent(at: number): string {
    const start = this.lineStart(at);
    let indent = this.indents.get(start);
    if (indent === undefined) {
      let end = start;
      while (end < this.text.length && (this.text[end] === ' ' || this.text[end] === '\t')) end++;
      this.indents.set(start, (indent = this.text.slice(start, end)));
    }
    return indent;
  }
}

/** How many values of the sorted list are below `at` (binary search). */
function countBelow(sorted: readonly number[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The region's tag problems, found as they are read (a rule stops asking after its hundredth finding).
 * Most regions hold no tag at all, and for them no walk starts: a generator with its closures, run over
 * nothing, still cost the CLI most of its old-generation growth (20,200 files: 150 MB promoted of the
 * 170 MB, so peak memory grew with the run).
 */
export function tagProblems(text: string, region: Region, eol: string): Iterable<TagProblem> {
  return region.tags.length ? walkTags(text, region, eol) : [];
}

function* walkTags(text: string, region: Region, eol: string): Generator<TagProblem> {
  const stack: Array<{ tag: Tag; name: ExampleTagName }> = [];
  const where = region.location === 'description' ? 'the description' : 'the system prompt';
  // In the body, a block also ends at the next Markdown heading, and never inside a code fence. Both are
  // found only when a tag is left open (most files have none, and scanning the body is the cost).
  let fences: OffsetRange[] | undefined;
  let headings: number[] = [];
  let lines: RegionLines | undefined;
  /** Closes the innermost open tags while `more()` says so, all at the block end before `end`. */
  function* closeOpen(end: number, more: () => boolean, before?: Tag): Generator<TagProblem> {
    let at = -1;
    let carried = '';
    if (stack.length && !fences) {
      fences = region.location === 'body' ? codeFences(text, region.range) : [];
      headings = region.location === 'body' ? headingStarts(text, region.range, fences) : [];
      lines = new RegionLines(text, region.range);
    }
    while (stack.length && more()) {
      const open = stack.pop()!;
      const heading = firstAfter(headings, open.tag.range.end);
      const stop = heading !== undefined && heading < end ? heading : end;
      const until =
        stop !== end ? 'before the next heading' : before ? `before the next \`<${before.closing ? '/' : ''}${canonicalTag(before.name)}>\`` : `by the end of ${where}`;
      let content = trimRange(text, { start: open.tag.range.end, end: stop });
      const fence = fenceCutting(fences!, text, open.tag.range.end, content.end);
      if (fence) content = trimRange(text, { start: open.tag.range.end, end: fence.start });
      const insertAt = content.end > content.start ? content.end : open.tag.range.end;
      if (insertAt !== at) carried = '';
      at = insertAt;
      carried += separator(text, lines!, open.tag, insertAt, eol, region.location) + `</${open.name}>`;
      const edit = { range: { start: insertAt - 1, end: insertAt }, newText: text[insertAt - 1] + carried };
      yield { kind: 'unclosed', tag: open.tag, name: open.name, edit, until };
    }
  }
  for (const tag of region.tags) {
    const name = canonicalTag(tag.name);
    if (!tag.closing) {
      if (name === 'example') yield* closeOpen(tag.range.start, () => true, tag);
      else {
        yield* closeOpen(tag.range.start, () => stack[stack.length - 1].name === 'commentary', tag);
        if (!stack.some((s) => s.name === 'example')) yield { kind: 'outside', tag, name };
      }
      stack.push({ tag, name });
      continue;
    }
    if (name === 'commentary') {
      if (stack.length && stack[stack.length - 1].name === 'commentary') stack.pop();
      else yield { kind: 'stray', tag, name };
    } else if (stack.some((s) => s.name === 'example')) {
      yield* closeOpen(tag.range.start, () => stack[stack.length - 1].name !== 'example', tag);
      stack.pop();
    } else yield { kind: 'stray', tag, name };
  }
  yield* closeOpen(region.range.end, () => true);
}

/** The first value in the sorted list greater than `at` (binary search). */
function firstAfter(sorted: number[], at: number): number | undefined {
  return sorted[countBelow(sorted, at + 1)];
}

/**
 * The first fence that starts in [from, to) and is open or runs past `to` (the block content would end
 * inside it). Fences are sorted and disjoint: a binary search to the first one at `from`, then only those
 * before `to`.
 */
function fenceCutting(fences: readonly OffsetRange[], text: string, from: number, to: number): OffsetRange | undefined {
  let lo = 0;
  let hi = fences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fences[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < fences.length && fences[i].start < to; i++) {
    if (to < fences[i].end || !closedFence(text, fences[i])) return fences[i];
  }
  return undefined;
}

/** Offsets of the Markdown headings (`# ...` lines outside code fences) in the region, in order. */
function headingStarts(text: string, region: OffsetRange, fences: OffsetRange[]): number[] {
  const out: number[] = [];
  const re = /^#{1,6}[ \t]/gm;
  re.lastIndex = region.start;
  let f = 0; // the first fence that does not end before the heading (headings and fences are both in order)
  for (let m = re.exec(text); m && m.index < region.end; m = re.exec(text)) {
    while (f < fences.length && fences[f].end <= m.index) f++;
    if (!(f < fences.length && m.index >= fences[f].start)) out.push(m.index);
  }
  return out;
}

/** Removing text[range] does not join the text around it into a new tag (`</</example>ample>`). */
export function removalKeepsTags(text: string, range: OffsetRange): boolean {
  const before = text.slice(Math.max(0, range.start - 40), range.start);
  const joined = before + text.slice(range.end, range.end + 40);
  const re = /<\/?[ \t]*[A-Za-z][A-Za-z_-]*[ \t]*>/g;
  for (let m = re.exec(joined); m; m = re.exec(joined)) if (m.index < before.length && m.index + m[0].length > before.length) return false;
  return true;
}

/** A fenced code block that ends with its closing fence line (not one left open to the end). */
function closedFence(text: string, f: OffsetRange): boolean {
  const lines = text.slice(f.start, f.end).split('\n');
  return lines.length > 1 && /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*\r?$/.test(lines[lines.length - 1]);
}

/**
 * What goes before an inserted closing tag: the parts of the block are on separate lines -> a line break
 * and the indentation of the line it ends on; joined by `\n` escapes -> `\n`; by a space -> a space.
 */
function separator(text: string, lines: RegionLines, open: Tag, insertAt: number, eol: string, location: Region['location']): string {
  const indent = lines.indent(insertAt);
  // In the description a line break must stay indented, or it would end the YAML value.
  const newLine = location === 'body' || indent !== '' ? eol + indent : ' ';
  // In the body, after an odd number of backticks on the line the tag would sit in `inline code`.
  if (location === 'body' && lines.inInlineCode(insertAt)) return newLine;
  const after = /^[ \t]*(\r?\n|\\n)?/.exec(text.slice(open.range.end, open.range.end + 200))!;
  if (after[1] === '\\n') return '\\n';
  if (after[1]) return newLine;
  return after[0].length > 0 ? ' ' : '';
}
