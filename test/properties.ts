/**
 * The robustness properties, shared by the quick profile in `npm test` and `npm run fuzz`:
 * over generated and mutated agent files, nothing throws and no rule fails; every range lies inside the
 * document; every fix changes only its own range and makes its finding go away; fixing twice equals
 * fixing once.
 */
import { strict as assert } from 'node:assert';
import { applyEdits, editsOverlap } from '../server/src/core/edits';
import { fixAll } from '../server/src/core/fix-all';
import { lintText } from '../server/src/core/lint';
import { field, parseAgent } from '../server/src/core/parse';
import type { OffsetRange } from '../server/src/core/types';

const inside = (r: OffsetRange, len: number) => Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start <= r.end && r.end <= len;

export function checkParseAndLint(text: string): void {
  const agent = parseAgent(text);
  assert.ok(inside(agent.body, text.length));
  const { findings, internalErrors } = lintText(text, { fileName: '/p/.claude/agents/x.md' });
  assert.deepEqual(internalErrors, [], 'no rule may throw');
  for (const f of findings) {
    assert.ok(inside(f.range, text.length), `${f.code} range ${JSON.stringify(f.range)} outside 0..${text.length}`);
    for (const fix of f.fixes ?? []) {
      for (const e of fix.edits) assert.ok(inside(e.range, text.length), `${f.code} fix "${fix.title}" edit outside the text`);
      for (let i = 0; i < fix.edits.length; i++) assert.ok(!editsOverlap([fix.edits[i]], fix.edits.slice(i + 1)), `${f.code} fix edits overlap`);
    }
  }
}

/** Applies each fix alone: text outside its edits is unchanged and its finding is gone. */
export function checkEachFix(text: string): void {
  const opts = { fileName: '/p/.claude/agents/x.md' };
  const { findings } = lintText(text, opts);
  const key = (f: { code: string; message: string }) => `${f.code}\u0000${f.message}`;
  const count = (fs: Array<{ code: string; message: string }>, k: string) => fs.filter((f) => key(f) === k).length;
  for (const f of findings) {
    for (const fix of f.fixes ?? []) {
      const fixed = applyEdits(text, fix.edits);
      const first = Math.min(...fix.edits.map((e) => e.range.start));
      const lastEnd = Math.max(...fix.edits.map((e) => e.range.end));
      assert.equal(fixed.slice(0, first), text.slice(0, first), `${f.code} "${fix.title}" changed text before its edit`);
      assert.equal(fixed.slice(fixed.length - (text.length - lastEnd)), text.slice(lastEnd), `${f.code} "${fix.title}" changed text after its edit`);
      const after = lintText(fixed, opts).findings;
      assert.ok(
        count(after, key(f)) < count(findings, key(f)),
        `${f.code} "${fix.title}" did not make its finding go away:\n${JSON.stringify(text)}\n->\n${JSON.stringify(fixed)}`,
      );
    }
  }
}

/** How many lines of the text start with each `key:` (at the line start, as a top-level key would). */
function keyLineCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/^([A-Za-z_][\w-]*)[ \t]*:/gm)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  return counts;
}

/** The top-level keys of a text's frontmatter, with how often each is given. */
function keyCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of parseAgent(text).frontmatter?.fields ?? []) counts.set(f.key, (counts.get(f.key) ?? 0) + 1);
  return counts;
}

/**
 * Fixes are sound: no fix gives a key twice; a fix that says it keeps the text gives a field that reads back
 * as the author's text; and a safe fix (fix-all, `lint --fix`) never makes Claude Code lose the agent, nor
 * changes its name or the description the main conversation gets.
 */
export function checkFixesSound(text: string): void {
  const opts = { fileName: '/p/.claude/agents/x.md' };
  const { findings, agent, claude } = lintText(text, opts);
  // What the text holds already: its frontmatter's keys, or, where a fix may turn text into frontmatter
  // (a stray tag removed before a `---` block), the `key:` lines the text has anywhere. A fix must add none.
  const before = keyCounts(text);
  for (const [key, n] of keyLineCounts(text)) before.set(key, Math.max(n, before.get(key) ?? 0));
  for (const f of findings) {
    for (const fix of f.fixes ?? []) {
      const fixed = applyEdits(text, fix.edits);
      const what = `${f.code} "${fix.title}" on ${JSON.stringify(text)} -> ${JSON.stringify(fixed)}`;
      for (const [key, n] of keyCounts(fixed)) assert.ok(n <= Math.max(1, before.get(key) ?? 0), `${what}: \`${key}\` given ${n} times`);
      const after = lintText(fixed, opts);
      const keeps = /\(keeps the text\)|reads the same text/.exec(fix.title);
      if (keeps && after.agent.frontmatter?.fieldsFrom === 'yaml') {
        const key = /^Rewrite (\S+) as/.exec(fix.title)?.[1];
        const meant = key && agent.frontmatter ? field(agent.frontmatter.fields, key)?.value : undefined;
        const read = key ? field(after.agent.frontmatter.fields, key)?.value : undefined;
        if (meant?.kind === 'string' && read?.kind === 'string') {
          // The comment rule's repair keeps the text YAML took for a comment: the author meant the whole line.
          const comment = claude.deviations.find((d) => d.kind === 'comment' && d.key === key);
          const written = f.code === 'description-cut-by-comment' && comment?.kind === 'comment' ? comment.meant : meant.value;
          const expected = fix.title.includes('line breaks') ? written.replaceAll('\\n', '\n') : written;
          assert.equal(read.value, expected, `${what}: the value does not read back as written`);
        }
      }
      if (fix.safe && claude.loads) {
        assert.ok(after.claude.loads, `${what}: a safe fix made Claude Code lose the agent`);
        assert.equal(after.claude.name, claude.name, `${what}: a safe fix changed the name`);
        // Blanks at the end of a line are no part of what the author meant (a repair drops them).
        assert.equal(after.claude.description?.trimEnd(), claude.description?.trimEnd(), `${what}: a safe fix changed the description Claude Code reads`);
      }
    }
  }
}

export function checkFixAllIdempotent(text: string): void {
  const opts = { fileName: '/p/.claude/agents/x.md' };
  const once = fixAll(text, opts).text;
  const twice = fixAll(once, opts).text;
  assert.equal(twice, once, `fixing twice differs from fixing once:\n${JSON.stringify(text)}`);
}
