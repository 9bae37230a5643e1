/**
 * The Agents view, in the Explorer: every agent the Claude Code session of each workspace folder has, by
 * scope, with its state (loads, not loaded and why, shadowed by which file), model and tools, and a header
 * with the count and what all descriptions cost. It asks the language server (AGENT_SET_REQUEST) when it
 * is visible and the server says the agents changed (AGENT_SET_CHANGED_NOTIFICATION); the tree itself is
 * made by agents-tree.ts.
 *
 * A click opens the file (a file of the user folder opens like any other); the context menu opens the
 * preview, applies the file's safe fixes, or reveals the file that wins a shadowed name. With no agents the
 * view shows its welcome content (package.json `viewsWelcome`), with the New Claude Agent button.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { AGENT_SET_CHANGED_NOTIFICATION, AGENT_SET_REQUEST, type AgentSetResult } from '../../server/src/protocol';
import { agentsTree, nodesById, type AgentNode, type AgentsTree, type TreeNode } from './agents-tree';
import { FIX_ALL } from './code-action-commands';
import { messageOf } from './error-message';

export const AGENTS_VIEW = 'subagentStudio.agents';
/** The context key the welcome content waits for, so that it does not show before the first answer. */
const LOADED_KEY = 'subagentStudio.agentsLoaded';

const ICON: Record<AgentNode['agent']['state'], [string, string]> = {
  loads: ['pass', 'testing.iconPassed'],
  'cannot-start': ['warning', 'problemsWarningIcon.foreground'],
  'not-loaded': ['error', 'problemsErrorIcon.foreground'],
  shadowed: ['eye-closed', 'disabledForeground'],
};

/** What the hidden `subagentStudio._agentsView` command tells tests of one node. */
export interface AgentsViewItem {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  contextValue?: string;
  uri?: string;
  children?: AgentsViewItem[];
}

class AgentsProvider implements vscode.TreeDataProvider<TreeNode> {
  private tree: AgentsTree = { roots: [] };
  private nodes = new Map<string, { node: TreeNode; parent?: TreeNode }>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** How many answers the view has shown (tests wait for a newer one). */
  answers = 0;

  show(result: AgentSetResult): AgentsTree {
    this.tree = agentsTree(result);
    this.nodes = nodesById(this.tree);
    this.answers++;
    this.changed.fire();
    return this.tree;
  }

  node(id: string | undefined): TreeNode | undefined {
    return id === undefined ? undefined : this.nodes.get(id)?.node;
  }

  /** The first node of the file with this URI. */
  agentOf(uri: string): AgentNode | undefined {
    for (const { node } of this.nodes.values()) if (node.kind === 'agent' && node.agent.uri === uri) return node;
    return undefined;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.tree.roots;
    return node.kind === 'agent' ? [] : node.children;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.nodes.get(node.id)?.parent;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind !== 'agent') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.id;
      item.description = node.description;
      item.contextValue = node.kind;
      if (node.kind === 'scope') item.iconPath = new vscode.ThemeIcon(node.scope === 'user' ? 'account' : node.scope === 'managed' ? 'organization' : 'folder');
      else item.tooltip = node.session.folder;
      return item;
    }
    const a = node.agent;
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = node.description;
    item.resourceUri = vscode.Uri.parse(a.uri, true);
    const [icon, color] = ICON[a.state];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.contextValue = `agent.${a.state}`;
    item.accessibilityInformation = { label: `${node.label}, ${node.stateText}, ${node.description}` };
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown('**').appendText(node.label).appendMarkdown('**: ').appendText(node.stateText).appendMarkdown('\n\n');
    if (a.listing && a.state !== 'not-loaded') tip.appendText('The main conversation is told:').appendCodeblock(a.listing, 'text');
    tip.appendText(`${a.display}${a.tokens > 0 ? ` · about ${a.tokens.toLocaleString('en-US')} tokens on every turn` : ''}`);
    item.tooltip = tip;
    item.command = { command: 'vscode.open', title: 'Open', arguments: [item.resourceUri] };
    return item;
  }

  /** The tree as plain data, for tests. */
  items(nodes: readonly TreeNode[] = this.tree.roots): AgentsViewItem[] {
    return nodes.map((n) => {
      const item = this.getTreeItem(n);
      const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
      const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
      return {
        label: typeof item.label === 'object' ? item.label.label : (item.label ?? ''),
        description: String(item.description ?? ''),
        tooltip,
        icon,
        contextValue: item.contextValue,
        uri: item.resourceUri?.toString(),
        children: n.kind === 'agent' ? undefined : this.items(n.children),
      };
    });
  }
}

export function registerAgentsView(context: vscode.ExtensionContext, client: LanguageClient): void {
  const provider = new AgentsProvider();
  const view = vscode.window.createTreeView(AGENTS_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  let stale = true;
  let asking: Promise<void> | undefined;
  let askAgain = false;

  const ask = async (): Promise<void> => {
    if (asking) {
      askAgain = true;
      return asking;
    }
    stale = false;
    asking = (async () => {
      try {
        const tree = provider.show(await client.sendRequest<AgentSetResult>(AGENT_SET_REQUEST, {}));
        view.description = tree.header;
        view.message = tree.message;
        void vscode.commands.executeCommand('setContext', LOADED_KEY, true);
      } catch (e) {
        // The server stopped or restarts: it answers again once it runs (onDidChangeState below).
        stale = true;
        if (client.isRunning()) void vscode.window.showWarningMessage(`Subagent Studio: could not list the agents: ${messageOf(e)}`);
      } finally {
        asking = undefined;
      }
      if (askAgain) {
        askAgain = false;
        await ask();
      }
    })();
    return asking;
  };
  const refresh = () => {
    if (view.visible) void ask();
    else stale = true;
  };

  /** The agent a command is for: the node of the menu, a file's URI (a keybinding, a test), or the selection. */
  const agentArg = (arg: unknown): AgentNode | undefined => {
    if (arg instanceof vscode.Uri || typeof arg === 'string') return provider.agentOf(arg.toString());
    const node = arg as TreeNode | undefined;
    return node?.kind === 'agent' ? node : view.selection.find((n): n is AgentNode => n.kind === 'agent');
  };

  context.subscriptions.push(
    view,
    client.onNotification(AGENT_SET_CHANGED_NOTIFICATION, refresh),
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) refresh();
    }),
    view.onDidChangeVisibility((e) => {
      if (e.visible && stale) void ask();
    }),
    vscode.commands.registerCommand('subagentStudio.agents.refresh', () => ask()),
    vscode.commands.registerCommand('subagentStudio.agents.openPreview', async (arg: unknown) => {
      const node = agentArg(arg);
      if (!node) return;
      // The preview opens the file itself (without an editor): the server builds previews of open documents.
      await vscode.commands.executeCommand('subagentStudio.openPreviewToSide', vscode.Uri.parse(node.agent.uri, true));
    }),
    vscode.commands.registerCommand('subagentStudio.agents.fixAll', async (arg: unknown) => {
      const node = agentArg(arg);
      if (!node) return false;
      // The fixes are applied in an editor, where they can be seen, saved or undone.
      await vscode.window.showTextDocument(vscode.Uri.parse(node.agent.uri, true), { preview: false });
      return vscode.commands.executeCommand(FIX_ALL);
    }),
    vscode.commands.registerCommand('subagentStudio.agents.revealWinner', async (arg: unknown) => {
      const winner = provider.node(agentArg(arg)?.winner);
      if (winner) await view.reveal(winner, { select: true, focus: true });
    }),
    // For tests: the tree as shown, and what is selected in it; `reveal` scrolls a file's row into view first.
    vscode.commands.registerCommand('subagentStudio._agentsView', async (reveal?: string) => {
      const node = reveal === undefined ? undefined : provider.agentOf(reveal);
      if (node) await view.reveal(node, { select: false, focus: false });
      return {
        answers: provider.answers,
        visible: view.visible,
        description: view.description,
        message: view.message,
        items: provider.items(),
        selection: view.selection.map((n) => (n.kind === 'agent' ? n.agent.uri : n.id)),
      };
    }),
  );
  if (view.visible) void ask();
}
