import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { readAsClaudeCode, type AgentScope } from '../../server/src/core/claude-code/reading';
import { agentSet, type AgentSource } from '../../server/src/core/claude-code/set';

const agent = (name: string, description = `About ${name}.`) => `---\nname: ${name}\ndescription: ${description}\n---\nYou help.\n`;

function source(scope: AgentScope, folder: string, files: Record<string, string>, depth?: number): AgentSource {
  return {
    scope,
    folder,
    depth,
    files: Object.entries(files).map(([f, text]) => ({ file: `${folder}/${f}`, reading: readAsClaudeCode(text, { scope, fileName: `${folder}/${f}` }) })),
  };
}

describe('the agents of a session', () => {
  test('a project agent shadows a user agent of the same name (scope)', () => {
    const set = agentSet([source('user', '/home/u/.claude/agents', { 'r.md': agent('reviewer') }), source('project', '/p/.claude/agents', { 'r.md': agent('reviewer') }, 1)]);
    const [user, project] = set.entries;
    assert.equal(project.used, true);
    assert.deepEqual(user.shadowedBy, { file: '/p/.claude/agents/r.md', scope: 'project', why: 'scope' });
    assert.deepEqual(project.shadows, ['/home/u/.claude/agents/r.md']);
    assert.equal(set.byName.get('reviewer'), project);
  });

  test('the project folder nearest the working folder wins (nearer-folder)', () => {
    const set = agentSet([source('project', '/p/sub/.claude/agents', { 'a.md': agent('r') }, 2), source('project', '/p/.claude/agents', { 'b.md': agent('r') }, 1)]);
    assert.equal(set.byName.get('r')?.file, '/p/sub/.claude/agents/a.md');
    assert.equal(set.entries[1].shadowedBy?.why, 'nearer-folder');
  });

  test('within a folder the last path in string order wins (read-order): a.md after Z.md, nested/z.md after b.md', () => {
    const set = agentSet([source('project', '/p/.claude/agents', { 'a.md': agent('h'), 'Z.md': agent('h'), 'b.md': agent('h'), 'nested/z.md': agent('h') }, 1)]);
    assert.equal(set.byName.get('h')?.file, '/p/.claude/agents/nested/z.md');
    assert.ok(set.entries.filter((e) => !e.used).every((e) => e.shadowedBy?.why === 'read-order'));
  });

  test('a file that does not load shadows nothing and is not shadowed', () => {
    const set = agentSet([source('project', '/p/.claude/agents', { 'a.md': agent('h'), 'zz.md': '---\nname: h\n---\n' }, 1)]);
    assert.equal(set.byName.get('h')?.file, '/p/.claude/agents/a.md');
    const broken = set.entries[1];
    assert.equal(broken.used, false);
    assert.equal(broken.shadowedBy, undefined);
    assert.equal(broken.reading.loads, false);
  });

  test('what all used entries cost the main conversation, against the budget at which Claude Code warns', () => {
    const long = 'x'.repeat(40_000);
    const set = agentSet([source('project', '/p/.claude/agents', { 'a.md': agent('a', long), 'b.md': agent('b', long) }, 1)]);
    const lines = [...set.byName.values()].map((e) => e.reading.listing!.length + 1).reduce((x, y) => x + y, 0);
    assert.equal(set.budget.chars, lines);
    assert.equal(set.budget.tokens, Math.ceil(lines / 4));
    assert.equal(set.budget.over, true);
    assert.equal(agentSet([]).budget.over, false);
  });
});
