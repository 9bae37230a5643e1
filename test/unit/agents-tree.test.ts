import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { agentsTree, nodesById, toolsText, type AgentNode, type ScopeNode } from '../../client/src/agents-tree';
import type { AgentSetResult, SessionAgent, SessionAgents } from '../../server/src/protocol';

const agent = (over: Partial<SessionAgent> & Pick<SessionAgent, 'display'>): SessionAgent => ({
  uri: `file:///p/${over.display}`,
  scope: 'project',
  state: 'loads',
  shadows: [],
  tokens: 10,
  model: 'inherit',
  toolCount: null,
  ...over,
});

function session(folder: string, agents: SessionAgent[], tokens = 42, over = false): SessionAgents {
  return { folder, agents, count: agents.filter((a) => a.state !== 'not-loaded' && a.state !== 'shadowed').length, budget: { chars: tokens * 4, tokens, limit: 15000, over } };
}

const one: AgentSetResult = {
  sessions: [
    session('/p', [
      agent({ display: '.claude/agents/reviewer.md', name: 'reviewer', model: 'sonnet', toolCount: 3, listing: '- reviewer: Reviews. (Tools: Read, Grep, Glob)' }),
      agent({ display: '.claude/agents/broken.md', state: 'not-loaded', reason: 'it has no `description`', model: undefined, toolCount: undefined, tokens: 0 }),
      agent({
        display: '~/.claude/agents/reviewer.md',
        uri: 'file:///home/u/.claude/agents/reviewer.md',
        scope: 'user',
        name: 'reviewer',
        state: 'shadowed',
        tokens: 0,
        shadowedBy: { uri: 'file:///p/.claude/agents/reviewer.md', display: '.claude/agents/reviewer.md', why: 'scope' },
      }),
      agent({ display: '~/.claude/agents/solo.md', uri: 'file:///home/u/.claude/agents/solo.md', scope: 'user', name: 'solo', toolCount: 0 }),
    ]),
  ],
};

describe("the Agents view, from the server's answer", () => {
  test('one workspace folder: its scopes at the top, project first, with what each holds', () => {
    const tree = agentsTree(one);
    assert.deepEqual(
      tree.roots.map((r) => [r.label, (r as ScopeNode).description]),
      [
        ['Project', '1 of 2 files used'],
        ['User', '1 of 2 files used'],
      ],
    );
    assert.equal(tree.header, '2 agents · about 42 tokens');
    assert.equal(tree.message, undefined);
  });

  test('each agent: its name, model and tools, and its state in words', () => {
    const [project, user] = agentsTree(one).roots as ScopeNode[];
    assert.deepEqual(
      project.children.map((a) => [a.label, a.description, a.stateText]),
      [
        ['broken.md', 'not loaded', 'not loaded: it has no `description`'],
        ['reviewer', 'sonnet · 3 tools', 'loads'],
      ],
    );
    assert.deepEqual(
      user.children.map((a) => [a.label, a.description, a.stateText]),
      [
        ['reviewer', 'shadowed · inherit · all tools', 'shadowed by .claude/agents/reviewer.md (a higher scope)'],
        ['solo', 'inherit · no tools', 'loads'],
      ],
    );
  });

  test('a shadowed agent knows the node of the file that wins, and every node its parent', () => {
    const tree = agentsTree(one);
    const nodes = nodesById(tree);
    const shadowed = (tree.roots[1] as ScopeNode).children[0];
    const winner = nodes.get(shadowed.winner!)!;
    assert.equal((winner.node as AgentNode).agent.display, '.claude/agents/reviewer.md');
    assert.equal(winner.parent?.label, 'Project');
  });

  test('over the budget, a line says so; several folders each get a node with their figures', () => {
    const two: AgentSetResult = {
      sessions: [
        session('/w/a', [agent({ display: '.claude/agents/x.md', name: 'x' })], 16000, true),
        session('/w/b', [agent({ display: '.claude/agents/y.md', name: 'y', uri: 'file:///w/b/y.md' })]),
      ],
    };
    const tree = agentsTree(two);
    assert.deepEqual(
      tree.roots.map((r) => [r.kind, r.label, 'description' in r ? r.description : '']),
      [
        ['session', 'a', '1 agent · about 16,000 tokens'],
        ['session', 'b', '1 agent · about 42 tokens'],
      ],
    );
    assert.equal(tree.header, undefined);
    assert.equal(tree.message, 'The descriptions of 1 agent together cost about 16,000 tokens on every turn, over the 15,000 at which Claude Code warns.');
  });

  test('no agents: no nodes (the view shows its welcome content) and no header', () => {
    assert.deepEqual(agentsTree({ sessions: [session('/p', [])] }), { roots: [], header: undefined, message: undefined });
    assert.deepEqual(agentsTree({ sessions: [] }).roots, []);
  });

  test('tools in words', () => {
    assert.deepEqual([null, 0, 1, 12].map(toolsText), ['all tools', 'no tools', '1 tool', '12 tools']);
  });
});
