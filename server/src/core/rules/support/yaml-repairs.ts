/**
 * What breaks a one-line YAML value, in words, and the lossless repairs: a block scalar (or, with `\n`
 * escapes in the text, a block scalar with those line breaks written as real lines) and a quoted string.
 * A repair is offered only when it is checked: the frontmatter with it parses as strict YAML (when it
 * repairs every field that broke it) and the field reads back as the text the author wrote.
 */
import { readAsClaudeCode, type ClaudeCodeReading } from '../../claude-code/reading';
import { parseLikeBun } from '../../claude-code/yaml';
import { parseFrontmatter } from '../../parse';
import type { AgentModel, Field } from '../../model';
import type { Fix, OffsetRange } from '../../types';
import { toDoubleQuoted, toLiteralBlock } from '../../yaml-write';
import { PerParse } from './per-parse';

/** The first thing in a plain value that YAML reads as syntax, and what it does there. */
export function whatBreaks(f: Field, text: string): { range: OffsetRange; why: string } {
  const v = f.value;
  const raw = text.slice(v.range.start, v.range.end);
  if (v.kind === 'string' && v.style === 'plain') {
    const colon = /:(?=[ \t]|$)/m.exec(raw);
    const indicator = /^[@`%&*!|>{}[\]]|^[-?:][ \t]/.exec(raw);
    if (colon) {
      const wordStart = raw.slice(0, colon.index).search(/[^\s]*$/);
      const word = raw.slice(wordStart, colon.index);
      return {
        range: { start: v.range.start + wordStart, end: v.range.start + colon.index + 1 },
        why: word ? `\`: \` after \`${word}\` starts a mapping inside the unquoted ${f.key}` : `\`: \` starts a mapping inside the unquoted ${f.key}`,
      };
    }
    if (indicator) return { range: { start: v.range.start, end: v.range.start + 1 }, why: `an unquoted ${f.key} cannot start with \`${indicator[0].trim()}\`` };
  }
  return { range: f.keyRange, why: `the value of \`${f.key}\` is not valid YAML` };
}

/** The field's value written alone parses as YAML. */
export function fieldParses(f: Field, text: string): boolean {
  return parseLikeBun(text.slice(f.range.start, f.range.end)).ok;
}

/** The fields of the frontmatter that are not valid YAML on their own. */
export function brokenFields(agent: AgentModel, text: string): Field[] {
  return (agent.frontmatter?.fields ?? []).filter((f) => !fieldParses(f, text));
}

function keyIndent(text: string, f: Field): string {
  const lineStart = text.lastIndexOf('\n', f.keyRange.start - 1) + 1;
  return text.slice(lineStart, f.keyRange.start).replace(/[^ \t]/g, ' ');
}

/** The repairs of one field whose text is `value`, each a replacement of the value's range. */
function candidates(f: Field, value: string, text: string, eol: string): Array<{ title: string; newText: string; lines?: boolean }> {
  const indent = keyIndent(text, f) + '  ';
  const out: Array<{ title: string; newText: string; lines?: boolean }> = [];
  // Claude Code turns `\n` escapes of a local agent's description into line breaks: written as real
  // lines, the text reads the same to Claude Code and is readable.
  if (f.key === 'description' && value.includes('\\n')) {
    const lines = toLiteralBlock(value.replaceAll('\\n', '\n'), indent, eol);
    if (lines) out.push({ title: `Rewrite ${f.key} as a block scalar with its \`\\n\` as line breaks (Claude Code reads the same text)`, newText: lines, lines: true });
  }
  const block = toLiteralBlock(value, indent, eol);
  if (block) out.push({ title: `Rewrite ${f.key} as a block scalar (keeps the text)`, newText: block });
  out.push({ title: `Rewrite ${f.key} as a quoted string (keeps the text)`, newText: toDoubleQuoted(value) });
  return out;
}

/**
 * Checked repairs for `field`, whose meant text is `value`. Each is offered only when:
 * - with `others` (the other fields that break the frontmatter) repaired too, the frontmatter is valid
 *   YAML in which the field reads as meant;
 * - applied alone, Claude Code still loads the agent if it did, and reads the field as meant. (A block
 *   scalar fails this while another line still needs Claude Code's rewrite: the rewrite quotes its `|-`.)
 * The first repair is safe (fix-all and `--fix` apply it).
 */
export function checkedRepairs(field: Field, value: string, text: string, agent: AgentModel, others: readonly Field[], claude: ClaudeCodeReading): Fix[] {
  // Rules ask for the same repairs (yaml-needs-rewrite and value-changed-by-rewrite, for every broken line),
  // and each candidate costs two parses: made once per parse.
  const key = [field.key, field.value.range.start, field.value.range.end, value, others.map((o) => o.keyRange.start).join(','), claude.scope].join('\0');
  const made = repairsMade.get(agent, newRepairs);
  let fixes = made.get(key);
  if (!fixes) made.set(key, (fixes = checkRepairs(field, value, text, agent, others, claude)));
  return fixes;
}

const repairsMade = new PerParse<AgentModel, Map<string, Fix[]>>();
const newRepairs = () => new Map<string, Fix[]>();

function checkRepairs(field: Field, value: string, text: string, agent: AgentModel, others: readonly Field[], { scope, loads }: ClaudeCodeReading): Fix[] {
  const fm = agent.frontmatter;
  if (!fm) return [];
  const eol = agent.eol;
  const rest = others.filter((o) => o !== field);
  const restEdits = rest.map((o) => ({
    range: { start: o.value.range.start, end: blanksAfter(text, o.value.range.end) },
    newText: candidates(o, literalValue(o), text, eol)[0].newText,
  }));
  const fixes: Fix[] = [];
  // The blanks after the value go too: kept, they would end the block scalar's last line.
  const range = { start: field.value.range.start, end: blanksAfter(text, field.value.range.end) };
  for (const c of candidates(field, value, text, eol)) {
    const edits = [{ range, newText: c.newText }];
    const all = [...edits, ...restEdits].sort((a, b) => a.range.start - b.range.start);
    // Apply inside the frontmatter only and parse the result strictly.
    let yaml = '';
    let at = fm.content.start;
    for (const e of all) {
      yaml += text.slice(at, e.range.start) + e.newText;
      at = e.range.end;
    }
    yaml += text.slice(at, fm.content.end);
    const parsed = parseLikeBun(yaml);
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) continue;
    const read = (parsed.value as Record<string, unknown>)[field.key];
    const expected = c.lines ? value.replaceAll('\\n', '\n') : value;
    if (read !== expected) continue;
    const alone = text.slice(0, range.start) + c.newText + text.slice(range.end);
    const claude = readAsClaudeCode(alone, { scope, agent: parseFrontmatter(alone) });
    if (loads && !claude.loads) continue;
    if (claude.yaml !== 'failed' && claude.frontmatter[field.key] !== expected) continue;
    fixes.push({ title: c.title, edits, isPreferred: fixes.length === 0, safe: fixes.length === 0 });
  }
  return fixes;
}

/** The end of the spaces and tabs from `at` to the end of its line. */
function blanksAfter(text: string, at: number): number {
  let end = at;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return end;
}

/** The text a broken one-line field holds, as the author wrote it (the lenient read's string). */
export function literalValue(f: Field): string {
  return f.value.kind === 'string' ? f.value.value : '';
}
