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
import { parseAgent } from '../server/src/core/parse';
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
      assert.ok(count(after, key(f)) < count(findings, key(f)), `${f.code} "${fix.title}" did not make its finding go away:\n${JSON.stringify(text)}\n->\n${JSON.stringify(fixed)}`);
    }
  }
}

export function checkFixAllIdempotent(text: string): void {
  const opts = { fileName: '/p/.claude/agents/x.md' };
  const once = fixAll(text, opts).text;
  const twice = fixAll(once, opts).text;
  assert.equal(twice, once, `fixing twice differs from fixing once:\n${JSON.stringify(text)}`);
}
