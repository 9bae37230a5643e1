import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { AgentIndex, agentsTreeOf, fileUri } from '../../server/src/agent-index';

const agent = (name: string) => `---\nname: ${name}\ndescription: Use it for tests.\n---\nBody\n`;

test('the agents tree of a file is the path up to its first agents folder, else its own folder', () => {
  const cases: Array<[string, string]> = [
    ['/p/.claude/agents/a.md', '/p/.claude/agents'],
    ['/p/.claude/agents/team/a.md', '/p/.claude/agents'],
    ['/p/plugin/agents/a.md', '/p/plugin/agents'],
    ['/p/agents/x/agents/a.md', '/p/agents'],
    ['/p/agents/agents/a.md', '/p/agents'],
    ['/agents/a.md', '/agents'],
    ['/p/agentsx/a.md', '/p/agentsx'],
    ['/p/my-agents/a.md', '/p/my-agents'],
    ['/p/docs/a.md', '/p/docs'],
    ['/a.md', '/'],
    ['/p/.claude/agents/../agents/a.md', '/p/.claude/agents'],
  ];
  for (const [file, tree] of cases) assert.equal(agentsTreeOf(file), path.resolve(tree), file);
});

test('the index reports namesakes in the same tree only, with their file URIs, and forgets removed files', () => {
  const index = new AgentIndex();
  const a = path.resolve('/p/.claude/agents/a.md');
  const b = path.resolve('/p/.claude/agents/team/b.md');
  const other = path.resolve('/q/.claude/agents/c.md');
  index.update(a, agent('reviewer'));
  index.update(b, agent('reviewer'));
  index.update(other, agent('reviewer'));

  const seen = index.viewFor(a).othersNamed('reviewer');
  assert.deepEqual(
    seen.map((o) => o.uri),
    [pathToFileURL(b).toString()],
  );
  assert.deepEqual(seen[0].namePosition, { start: { line: 1, character: 6 }, end: { line: 1, character: 14 } });
  assert.deepEqual(index.viewFor(other).othersNamed('reviewer'), []);
  assert.deepEqual(index.filesNamed(a, 'reviewer').sort(), [a, b].sort());

  index.remove(b);
  assert.deepEqual(index.viewFor(a).othersNamed('reviewer'), []);
  index.update(a, agent('renamed'));
  assert.equal(index.nameOf(a), 'renamed');
  assert.deepEqual(index.filesNamed(a, 'reviewer'), []);
});

test('file URIs made by hand equal those of pathToFileURL', () => {
  const segment = fc.stringMatching(/^[\w.~ %#?é:@+-]{1,8}$/);
  fc.assert(
    fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (parts) => {
      const abs = path.resolve('/', ...parts);
      assert.equal(fileUri(abs), pathToFileURL(abs).toString());
    }),
    { numRuns: 500 },
  );
});
