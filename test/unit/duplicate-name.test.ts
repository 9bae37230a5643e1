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
  assert.equal(
    dup?.message,
    'Another agent in this folder is also named "reviewer" (copy-0.md, copy-1.md, copy-2.md and 7 more): Claude Code uses this file and ignores the others, as its path comes last.',
  );
  assert.deepEqual(
    dup?.related?.map((r) => r.uri),
    others.slice(0, 3).map((o) => o.uri),
  );

  const early = lintText('---\nname: reviewer\ndescription: Use it after edits.\n---\n', {
    fileName: '/p/.claude/agents/Zed.md',
    workspace: { othersNamed: () => others, skillExists: () => undefined },
  }).findings.find((f) => f.code === 'duplicate-name');
  // `Z` sorts before `c` (UTF-16 code units): copy-9.md is the last path, and wins.
  assert.match(early?.message ?? '', /: Claude Code uses copy-9\.md and ignores this file, as its path comes last\.$/);
});

test('duplicate-name offers to rename the agent after its file, when no agent of the folder has that name; never as a safe fix', () => {
  const taken = new Set(['reviewer', 'taken']);
  const workspace = {
    othersNamed: (name: string): OtherAgent[] =>
      taken.has(name)
        ? [
            {
              uri: `file:///p/.claude/agents/${name}.md`,
              nameRange: { start: 10, end: 18 },
              namePosition: { start: { line: 1, character: 6 }, end: { line: 1, character: 14 } },
            },
          ]
        : [],
    skillExists: () => undefined,
  };
  const text = '---\nname: reviewer\ndescription: Use it after edits.\n---\n';
  const fixOf = (fileName: string) => lintText(text, { fileName, workspace }).findings.find((f) => f.code === 'duplicate-name')?.fixes;
  const [rename] = fixOf('/p/.claude/agents/Code Review.md') ?? [];
  assert.equal(rename?.title, 'Rename the agent to "code-review", its file\'s name');
  assert.deepEqual(rename?.edits, [{ range: { start: text.indexOf('reviewer'), end: text.indexOf('reviewer') + 'reviewer'.length }, newText: 'code-review' }]);
  assert.ok(!rename?.safe, 'a new name is a choice, not a repair');
  assert.equal(fixOf('/p/.claude/agents/taken.md'), undefined, 'the file name is taken too');
});
