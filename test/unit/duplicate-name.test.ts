import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { lintText } from '../../server/src/core/lint';
import type { OtherAgent } from '../../server/src/core/rules';

test('duplicate-name names the first three namesakes and counts the rest, so many copies cost no more than linear', () => {
  const others: OtherAgent[] = Array.from({ length: 10 }, (_, i) => ({
    uri: `file:///p/.claude/agents/copy-${i}.md`,
    nameRange: { start: 10, end: 18 },
    namePosition: { start: { line: 1, character: 6 }, end: { line: 1, character: 14 } },
  }));
  const { findings } = lintText('---\nname: reviewer\ndescription: Use it after edits.\n---\n', {
    fileName: '/p/.claude/agents/me.md',
    workspace: { othersNamed: () => others, skillExists: () => undefined },
  });
  const dup = findings.find((f) => f.code === 'duplicate-name');
  // me.md comes after copy-9.md in string order: Claude Code uses this one.
  assert.equal(dup?.message, 'Another agent in this folder is also named "reviewer" (copy-0.md, copy-1.md, copy-2.md and 7 more): Claude Code uses this file and ignores the others, as its path comes last.');
  assert.deepEqual(dup?.related?.map((r) => r.uri), others.slice(0, 3).map((o) => o.uri));

  const early = lintText('---\nname: reviewer\ndescription: Use it after edits.\n---\n', {
    fileName: '/p/.claude/agents/Zed.md',
    workspace: { othersNamed: () => others, skillExists: () => undefined },
  }).findings.find((f) => f.code === 'duplicate-name');
  // `Z` sorts before `c` (UTF-16 code units): copy-9.md is the last path, and wins.
  assert.match(early?.message ?? '', /: Claude Code uses copy-9\.md and ignores this file, as its path comes last\.$/);
});
