/**
 * What the Agents view shows, made from the server's answer (AGENT_SET_REQUEST) by pure functions, so that
 * it can be tested without VS Code: the sessions (when there are several workspace folders), their scopes,
 * and each agent file with its state, model, tools and the line Claude Code gives the main conversation.
 */
import type { AgentSetResult, ProtocolScope, ProtocolShadowReason, SessionAgent, SessionAgents } from '../../server/src/protocol';

export type AgentState = SessionAgent['state'];

export interface AgentNode {
  kind: 'agent';
  /** Unique in the tree: the session's folder and the file's URI. */
  id: string;
  agent: SessionAgent;
  label: string;
  /** `sonnet · 3 tools`, or why it is not used. */
  description: string;
  /** The state in words, e.g. `shadowed by ~/.claude/agents/x.md (a higher scope)`. */
  stateText: string;
  /** For a shadowed agent: the id of the node of the file Claude Code uses instead. */
  winner?: string;
}

export interface ScopeNode {
  kind: 'scope';
  id: string;
  scope: ProtocolScope;
  label: string;
  description: string;
  children: AgentNode[];
}

export interface SessionNode {
  kind: 'session';
  id: string;
  label: string;
  /** The count and the cost, as in the view's header. */
  description: string;
  session: SessionAgents;
  children: ScopeNode[];
}

export type TreeNode = SessionNode | ScopeNode | AgentNode;

export interface AgentsTree {
  roots: TreeNode[];
  /** The view's description (its header) with one session: the count and what all descriptions cost. */
  header?: string;
  /** A line above the tree when a session's descriptions are over the budget. */
  message?: string;
}

const SCOPE_LABEL: Record<ProtocolScope, string> = { project: 'Project', user: 'User', managed: 'Managed', plugin: 'Plugins' };
const SCOPE_ORDER: ProtocolScope[] = ['project', 'user', 'managed', 'plugin'];
const WHY: Record<ProtocolShadowReason, string> = { scope: 'a higher scope', 'nearer-folder': 'a folder nearer the workspace folder', 'read-order': 'read after this one' };

/** 1234 -> `1,234`. */
const fmt = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

/** `all tools`, `no tools`, `1 tool`, `3 tools`. */
export function toolsText(count: number | null | undefined): string {
  if (count === null || count === undefined) return 'all tools';
  return count === 0 ? 'no tools' : plural(count, 'tool');
}

/** The count and the cost of a session: `4 agents · about 312 tokens`. */
export function sessionSummary(s: SessionAgents): string {
  return `${plural(s.count, 'agent')} · about ${fmt(s.budget.tokens)} tokens`;
}

/** The sentence for a session over the budget; undefined within it. */
export function budgetMessage(s: SessionAgents): string | undefined {
  if (!s.budget.over) return undefined;
  return `The descriptions of ${plural(s.count, 'agent')} together cost about ${fmt(s.budget.tokens)} tokens on every turn, over the ${fmt(s.budget.limit)} at which Claude Code warns.`;
}

const fileName = (display: string) => display.slice(display.search(/[^/\\]*$/));

export function stateText(a: SessionAgent): string {
  switch (a.state) {
    case 'loads':
      return 'loads';
    case 'cannot-start':
      return 'loads, but cannot start: none of its tools exist';
    case 'not-loaded':
      return `not loaded: ${a.reason ?? 'not an agent file'}`;
    case 'shadowed':
      return `shadowed by ${a.shadowedBy?.display ?? 'another file'}${a.shadowedBy ? ` (${WHY[a.shadowedBy.why]})` : ''}`;
  }
}

function agentNode(session: string, a: SessionAgent): AgentNode {
  const label = a.name ?? fileName(a.display);
  const facts = `${a.model ?? 'inherit'} · ${toolsText(a.toolCount)}`;
  const description = a.state === 'not-loaded' ? 'not loaded' : a.state === 'shadowed' ? `shadowed · ${facts}` : facts;
  return { kind: 'agent', id: `${session}#${a.uri}`, agent: a, label, description, stateText: stateText(a), winner: a.shadowedBy && `${session}#${a.shadowedBy.uri}` };
}

function scopeNodes(s: SessionAgents): ScopeNode[] {
  const out: ScopeNode[] = [];
  for (const scope of SCOPE_ORDER) {
    const agents = s.agents.filter((a) => a.scope === scope);
    if (agents.length === 0) continue;
    const children = agents.map((a) => agentNode(s.folder, a)).sort((x, y) => (x.label < y.label ? -1 : x.label > y.label ? 1 : x.agent.display < y.agent.display ? -1 : 1));
    const used = agents.filter((a) => a.state === 'loads' || a.state === 'cannot-start').length;
    const description = used === agents.length ? plural(agents.length, 'agent') : `${fmt(used)} of ${plural(agents.length, 'file')} used`;
    out.push({ kind: 'scope', id: `${s.folder}#${scope}`, scope, label: SCOPE_LABEL[scope], description, children });
  }
  return out;
}

/** The tree of the sessions: their scopes at the top with one workspace folder, under each folder with several. */
export function agentsTree(result: AgentSetResult): AgentsTree {
  const sessions = result.sessions.filter((s) => s.agents.length > 0);
  const message = result.sessions.map(budgetMessage).find((m) => m !== undefined);
  if (result.sessions.length === 1) {
    const [s] = result.sessions;
    return { roots: scopeNodes(s), header: s.agents.length > 0 ? sessionSummary(s) : undefined, message };
  }
  const roots = sessions.map((s): SessionNode => ({
    kind: 'session',
    id: s.folder,
    label: fileName(s.folder),
    description: sessionSummary(s),
    session: s,
    children: scopeNodes(s),
  }));
  return { roots, message };
}

/** Every node of the tree by id (for the view's parents and for revealing a node). */
export function nodesById(tree: AgentsTree): Map<string, { node: TreeNode; parent?: TreeNode }> {
  const out = new Map<string, { node: TreeNode; parent?: TreeNode }>();
  const add = (node: TreeNode, parent?: TreeNode) => {
    out.set(node.id, { node, parent });
    if (node.kind !== 'agent') for (const c of node.children) add(c, node);
  };
  for (const r of tree.roots) add(r);
  return out;
}
