/**
 * What the language server, the extension and the preview's webview say to each other: request and
 * notification names and the shapes of their messages. Plain data; this module imports nothing, so every
 * side may import it without pulling in the other's code.
 */

/** The preview's one request: the model of an open agent file, from the server's one parser. */
export const PREVIEW_MODEL_REQUEST = 'subagentStudio/previewModel';

/** Sent by the server after it has checked a version of a document (and published its diagnostics). */
export const DOCUMENT_CHECKED_NOTIFICATION = 'subagentStudio/checked';

export interface DocumentCheckedParams {
  uri: string;
  version: number;
}

export interface PreviewModelParams {
  uri: string;
}

/**
 * The extension asks which extra agent folders the `.subagent-studio.json` of each workspace folder names
 * (the server is the one reader of that file), to open the Markdown files in them as agent files.
 */
export const AGENT_FOLDERS_REQUEST = 'subagentStudio/agentFolders';

export interface AgentFoldersParams {
  /** File-system paths of the workspace folders. */
  folders: string[];
}

export interface AgentFoldersResult {
  /** For each folder asked about, in order: globs of the agent files, each relative to a base folder. */
  folders: Array<Array<{ base: string; pattern: string }>>;
}

/**
 * The extension's language status item asks this of the active agent file: whether Claude Code loads it,
 * and why not. The few fields it shows, not the whole preview model (which carries the body).
 */
export const AGENT_STATE_REQUEST = 'subagentStudio/agentState';

export interface AgentStateParams {
  uri: string;
}

export interface AgentState {
  uri: string;
  /** The document version the state was read from. */
  version: number;
  claudeCode: Pick<PreviewClaudeCode, 'version' | 'state' | 'reason' | 'reasonLine' | 'rewritten'>;
}

export type ProtocolSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface ProtocolPosition {
  /** 0-based, as in LSP. */
  line: number;
  character: number;
}

export interface PreviewTool {
  /** The entry as written, e.g. `Bash(git diff *)` or `mcp__github__create_issue`. */
  name: string;
  status: 'known' | 'mcp' | 'rule' | 'legacy' | 'unknown';
  /** For legacy names: the current one. */
  replacement?: string;
  /** A remark shown with the chip, e.g. that a subagent never receives this tool. */
  note?: string;
}

export interface PreviewTurn {
  role: 'context' | 'user' | 'assistant';
  text: string;
}

export interface PreviewExample {
  location: 'description' | 'body';
  /** 0-based line of the `<example>` tag, to reveal it in the editor. */
  line: number;
  /** 0-based character of the `<example>` tag on that line. */
  character: number;
  turns: PreviewTurn[];
  commentary: string[];
}

export interface PreviewProblem {
  severity: ProtocolSeverity;
  code: string;
  message: string;
  start: ProtocolPosition;
  end: ProtocolPosition;
}

/** What Claude Code does with the file: the state the preview shows first. */
export interface PreviewClaudeCode {
  /** Claude Code's own version, the one this reading holds for. */
  version: string;
  /**
   * `loads`: it loads and can start the agent; `not-loaded`: it does not load the file (`documentation`:
   * not even meant as an agent); `cannot-start`: it lists the agent but refuses to start it.
   */
  state: 'loads' | 'not-loaded' | 'documentation' | 'cannot-start';
  /** Why not, in one sentence; absent when it loads. */
  reason?: string;
  /** 0-based line the reason points at. */
  reasonLine?: number;
  /** The frontmatter is not valid YAML: it loads only through Claude Code's rewrite (strict readers reject it). */
  rewritten: boolean;
  /** The entry under "Available agent types" that the main conversation gets: `- name: description (Tools: …)`. */
  listing?: string;
  /** The tools the agent gets when it runs; null for every tool of the main conversation (but `denied`). */
  tools: string[] | null;
  /** Tools taken away by `disallowedTools`, when the agent gets every other tool. */
  denied: string[];
  /** `inherit` (the main conversation's model), an alias, or the string sent to the API. */
  model: string;
  /** 0-based line where the system prompt (the body as Claude Code cuts it) starts. */
  systemPromptLine: number;
  /** How many findings say Claude Code reads something otherwise than it is written. */
  differences: number;
}

export interface PreviewModel {
  uri: string;
  /** The document version the model was built from. */
  version: number;
  claudeCode: PreviewClaudeCode;
  /** Fields came from the lenient read because the YAML is broken (what the author meant). */
  recovered: boolean;
  name?: string;
  /** The file's name, to tell apart agents of the same name. */
  fileName: string;
  /** The description with `<example>` blocks taken out (they are in `examples`). */
  description?: string;
  color?: string;
  /** The colour is one Claude Code shows (others are dropped). */
  colorKnown: boolean;
  effort?: string;
  permissionMode?: string;
  memory?: string;
  isolation?: string;
  background?: boolean;
  maxTurns?: number;
  /** Allowed tools as written; absent when `tools` is absent (the agent inherits all tools). */
  tools?: PreviewTool[];
  disallowedTools: PreviewTool[];
  skills: string[];
  /** Other fields, key -> the value as written (for fields the header does not show). */
  otherFields: Array<{ key: string; value: string }>;
  examples: PreviewExample[];
  /** The Markdown body (system prompt). */
  body: string;
  /** 0-based line where the body starts in the document. */
  bodyLine: number;
  problems: PreviewProblem[];
  /**
   * The session's other files of this name (paths as people read them): the one Claude Code uses instead
   * of this one, or the ones this one shadows. Absent when there are none, or no session is known.
   */
  shadowing?: { shadowedBy?: string; shadows: string[] };
  size: {
    descriptionChars: number;
    descriptionTokens: number;
    bodyChars: number;
    bodyTokens: number;
  };
}

/**
 * The Agents view's question: the agents of each workspace folder's Claude Code session (its root as the
 * working folder), across the project, user and managed scopes (server/src/lsp/agent-set.ts).
 */
export const AGENT_SET_REQUEST = 'subagentStudio/agentSet';

/** Sent by the server when the agents of a session changed (a file, its text in an editor, a folder). */
export const AGENT_SET_CHANGED_NOTIFICATION = 'subagentStudio/agentSetChanged';

export type ProtocolScope = 'project' | 'user' | 'managed' | 'plugin';

/** Why Claude Code uses another file for a name: a higher scope, a nearer project folder, or a later path in one folder. */
export type ProtocolShadowReason = 'scope' | 'nearer-folder' | 'read-order';

export interface AgentSetResult {
  sessions: SessionAgents[];
}

export interface SessionAgents {
  /** The workspace folder, the session's working folder (a file-system path). */
  folder: string;
  /** Every agent file of the session's agents folders, in Claude Code's order of the folders. */
  agents: SessionAgent[];
  /** How many agents Claude Code has (one per name). */
  count: number;
  /** What their entries cost the main conversation on every turn, against the figure at which Claude Code warns. */
  budget: { chars: number; tokens: number; limit: number; over: boolean };
}

export interface SessionAgent {
  uri: string;
  /** Its path as people read it: relative to the working folder, or `~/.claude/agents/x.md`. */
  display: string;
  scope: ProtocolScope;
  /**
   * `loads`: Claude Code uses it; `cannot-start`: it lists it and refuses to start it; `not-loaded`: it does
   * not load the file (`reason`); `shadowed`: another file of the same name wins (`shadowedBy`).
   */
  state: 'loads' | 'cannot-start' | 'not-loaded' | 'shadowed';
  /** The agent's name, when the file loads. */
  name?: string;
  /** Why it does not load. */
  reason?: string;
  shadowedBy?: { uri: string; display: string; why: ProtocolShadowReason };
  /** The files it shadows, when Claude Code uses it. */
  shadows: Array<{ uri: string; display: string }>;
  /** `inherit`, an alias, or the string sent to the API. */
  model?: string;
  /** How many tools it gets; null for every tool of the main conversation. */
  toolCount?: number | null;
  /** The entry under "Available agent types" that the main conversation gets. */
  listing?: string;
  /** What that entry costs, in estimated tokens (0 when Claude Code does not use the file). */
  tokens: number;
}
