/**
 * The facts of the Claude Code agent file format, as data, in one place.
 * Source: shared/spec/agent-file-format.md (Claude Code docs "Create custom subagents", tools reference,
 * model configuration, CHANGELOG). Rules read these tables; no rule keeps its own list of names.
 */

export const DOCS_URL = 'https://code.claude.com/docs/en/sub-agents';
export const TOOLS_DOCS_URL = 'https://code.claude.com/docs/en/settings#tools-available-to-claude';

export type FieldType =
  | 'string'
  | 'tools'
  | 'enum'
  | 'model'
  | 'positive-integer'
  | 'boolean'
  | 'string-list'
  | 'mcp-servers'
  | 'hooks'
  | 'map';

export interface FieldSpec {
  key: string;
  required: boolean;
  type: FieldType;
  /** Allowed values for 'enum' fields. */
  values?: readonly string[];
  /** Values accepted with a warning (legacy), mapped to what to use instead. */
  legacyValues?: Readonly<Record<string, string>>;
  /** Honoured by plugin agents (`<plugin>/agents/`)? */
  plugin: boolean;
  /** One or two sentences for hover and completion. */
  doc: string;
  /** Claude Code matches the value ignoring case ('enum' fields). */
  caseInsensitive?: boolean;
  /** Claude Code also takes a whole number ('enum' fields): `effort: 80`. */
  integers?: boolean;
}

export const MODEL_ALIASES = ['sonnet', 'opus', 'haiku', 'fable', 'inherit'] as const;
/** Model families a full `claude-*` id may name. */
export const MODEL_FAMILIES = ['opus', 'sonnet', 'haiku', 'fable'] as const;
/**
 * Other model settings Claude Code resolves (model configuration page): accepted without a finding, not
 * suggested. Claude Code matches aliases ignoring case (`Sonnet` is `sonnet`).
 */
export const MODEL_OTHER_ALIASES = ['best', 'opusplan'] as const;

export const COLORS = ['red', 'blue', 'green', 'yellow', 'purple', 'orange', 'pink', 'cyan'] as const;

export const FIELDS: readonly FieldSpec[] = [
  {
    key: 'name',
    required: true,
    type: 'string',
    plugin: true,
    doc: 'Unique identifier of the agent: lowercase letters, digits and hyphens. Claude Code skips the file when it is missing, starts with `-` or contains `:`.',
  },
  {
    key: 'description',
    required: true,
    type: 'string',
    plugin: true,
    doc: 'When Claude should delegate to this agent. Loaded into every conversation, so keep it to the point; `<example>` blocks show typical requests.',
  },
  {
    key: 'tools',
    required: false,
    type: 'tools',
    plugin: true,
    doc: 'Tools the agent may use: a comma-separated string (`Read, Grep, Bash`) or a YAML list. Omit it to inherit every tool of the main conversation.',
  },
  {
    key: 'disallowedTools',
    required: false,
    type: 'tools',
    plugin: true,
    doc: 'Tools removed from the agent (applied before `tools`). Same format as `tools`; `mcp__*` denies every MCP tool.',
  },
  {
    key: 'model',
    required: false,
    type: 'model',
    values: MODEL_ALIASES,
    plugin: true,
    doc: 'Model the agent runs on: `sonnet`, `opus`, `haiku`, `fable`, `inherit` (the main conversation\'s model) or a full model id such as `claude-sonnet-4-5-20250929`.',
  },
  {
    key: 'permissionMode',
    required: false,
    type: 'enum',
    values: ['default', 'acceptEdits', 'auto', 'dontAsk', 'bypassPermissions', 'plan', 'manual'],
    plugin: false,
    doc: 'How the agent asks for permission. `manual` is an alias of `default`. Ignored for plugin agents.',
  },
  {
    key: 'maxTurns',
    required: false,
    type: 'positive-integer',
    plugin: true,
    doc: 'Largest number of turns the agent may take before it stops (a positive integer).',
  },
  {
    key: 'skills',
    required: false,
    type: 'string-list',
    plugin: true,
    doc: 'Skills preloaded into the agent\'s context, by name (`.claude/skills/<name>/SKILL.md`).',
  },
  {
    key: 'mcpServers',
    required: false,
    type: 'mcp-servers',
    plugin: false,
    doc: 'MCP servers available to the agent: server names, or `{name: config}` maps. Ignored for plugin agents.',
  },
  {
    key: 'hooks',
    required: false,
    type: 'hooks',
    plugin: false,
    doc: 'Hooks scoped to this agent: a map of hook event to hook list. Ignored for plugin agents; `hooks: []` makes Claude Code drop the agent.',
  },
  {
    key: 'memory',
    required: false,
    type: 'enum',
    values: ['user', 'project', 'local'],
    plugin: true,
    doc: 'Persistent memory scope of the agent: `user`, `project` or `local`.',
  },
  {
    key: 'background',
    required: false,
    type: 'boolean',
    plugin: true,
    doc: 'Run the agent in the background (`true` or `false`).',
  },
  {
    key: 'omitClaudeMd',
    required: false,
    type: 'boolean',
    plugin: false,
    doc: 'Leave CLAUDE.md out of the agent\'s context (`true` or `false`).',
  },
  {
    key: 'effort',
    required: false,
    type: 'enum',
    values: ['low', 'medium', 'high', 'xhigh', 'max'],
    plugin: true,
    doc: 'Reasoning effort: `low`, `medium`, `high`, `xhigh` or `max`.',
    caseInsensitive: true,
    integers: true,
  },
  {
    key: 'isolation',
    required: false,
    type: 'enum',
    values: ['worktree'],
    plugin: true,
    doc: 'Run the agent in its own git worktree (`worktree` is the only value).',
  },
  {
    key: 'color',
    required: false,
    type: 'enum',
    values: COLORS,
    legacyValues: { magenta: 'purple' },
    // Plugin agents do read `color` (Claude Code's plugin agent loader takes it; only permissionMode, hooks
    // and mcpServers are dropped on purpose), although the spec's list of honoured fields leaves it out.
    plugin: true,
    doc: 'Colour of the agent in the Claude Code interface.',
  },
  {
    key: 'initialPrompt',
    required: false,
    type: 'string',
    plugin: false,
    doc: 'First prompt sent when the agent runs as the main session (ignored for a subagent).',
  },
  {
    key: 'experimental',
    required: false,
    type: 'map',
    plugin: false,
    doc: 'Experimental settings. Known key: `cacheTtl` (`5m` or `1h`).',
  },
];

export const FIELD_BY_KEY: ReadonlyMap<string, FieldSpec> = new Map(FIELDS.map((f) => [f.key, f]));

/** Known keys of `experimental`. */
export const EXPERIMENTAL_FIELDS: readonly FieldSpec[] = [
  {
    key: 'cacheTtl',
    required: false,
    type: 'enum',
    values: ['5m', '1h'],
    plugin: false,
    doc: 'Prompt cache lifetime: `5m` or `1h`.',
  },
];

/** Current built-in tool names, with a line of what each does (for hover and completion). */
export const TOOLS: Readonly<Record<string, string>> = {
  Agent: 'Starts a subagent to handle a task (formerly `Task`).',
  Artifact: 'Creates or updates an artifact shown to the user.',
  AskUserQuestion: 'Asks the user a multiple-choice question (never given to a subagent).',
  Bash: 'Runs a shell command.',
  CronCreate: 'Schedules a recurring prompt.',
  CronDelete: 'Deletes a scheduled prompt.',
  CronList: 'Lists scheduled prompts.',
  Edit: 'Makes targeted edits to a file.',
  EndConversation: 'Ends the conversation (never given to a subagent).',
  EnterPlanMode: 'Switches to plan mode (never given to a subagent).',
  EnterWorktree: 'Moves the session into a git worktree.',
  ExitPlanMode: 'Presents a plan and leaves plan mode (only in plan mode).',
  ExitWorktree: 'Leaves a git worktree.',
  Glob: 'Finds files by name pattern.',
  Grep: 'Searches file contents with regular expressions.',
  ListAgents: 'Lists the available agents.',
  ListMcpResourcesTool: 'Lists resources of connected MCP servers.',
  LSP: 'Asks a language server for definitions, references and diagnostics.',
  Monitor: 'Watches a background process or file for output.',
  NotebookEdit: 'Edits a Jupyter notebook cell.',
  PowerShell: 'Runs a PowerShell command.',
  PushNotification: 'Sends a notification to the user.',
  Read: 'Reads a file (text, images, PDFs, notebooks).',
  ReadMcpResourceTool: 'Reads a resource of a connected MCP server.',
  RemoteTrigger: 'Triggers a remote agent run.',
  ReportFindings: 'Reports structured findings.',
  ScheduleWakeup: 'Schedules the session to resume later (never given to a subagent).',
  SendMessage: 'Sends a message to another agent.',
  SendUserFile: 'Sends a file to the user.',
  ShareOnboardingGuide: 'Shares an onboarding guide.',
  Skill: 'Runs a skill.',
  SubagentHandback: 'Hands control back from a subagent.',
  TaskCreate: 'Creates a task in the task list.',
  TaskGet: 'Reads a task from the task list.',
  TaskList: 'Lists tasks.',
  TaskOutput: 'Reads the output of a background task.',
  TaskStop: 'Stops a background task.',
  TaskUpdate: 'Updates a task.',
  TeamCreate: 'Creates an agent team (experimental agent teams, `CLAUDE_CODE_EXPERIMENTAL_AGENT_TEAMS`).',
  TeamDelete: 'Deletes an agent team (experimental agent teams, `CLAUDE_CODE_EXPERIMENTAL_AGENT_TEAMS`).',
  TodoWrite: 'Writes the session\'s todo list.',
  ToolSearch: 'Finds deferred tools by name or description.',
  WaitForMcpServers: 'Waits for MCP servers to connect (never given to a subagent).',
  WebFetch: 'Fetches a URL and reads its content.',
  WebSearch: 'Searches the web.',
  Workflow: 'Runs a workflow (never given to a subagent).',
  Write: 'Writes a whole file.',
};

export const TOOL_NAMES: readonly string[] = Object.keys(TOOLS);

/** Legacy tool names still found in real files, mapped to the current name (or what replaced them). */
export const LEGACY_TOOLS: Readonly<Record<string, string>> = {
  Task: 'Agent',
  LS: 'Glob',
  NotebookRead: 'Read',
  KillShell: 'TaskStop',
  BashOutput: 'TaskOutput',
  MultiEdit: 'Edit',
  SlashCommand: 'Skill',
  /** The name KillShell had before it (Claude Code 1.x). */
  KillBash: 'TaskStop',
};

/**
 * `tools: "*"`: every tool, the way Claude Code writes "all tools" for its own agents. Accepted without a
 * finding (it is not in the documented format, so no rule suggests it either).
 */
export const ALL_TOOLS_WILDCARD = '*';

/** Tools a subagent never receives even when listed. ExitPlanMode is given in plan mode. */
export const NEVER_FOR_SUBAGENTS: readonly string[] = [
  'AskUserQuestion',
  'EndConversation',
  'EnterPlanMode',
  'ExitPlanMode',
  'ScheduleWakeup',
  'WaitForMcpServers',
  'Workflow',
];

/**
 * Tools a subagent does receive when listed, under a condition: tool -> the `permissionMode` that gives it.
 * (ExitPlanMode is in NEVER_FOR_SUBAGENTS, except for an agent whose permissionMode is `plan`.)
 */
export const SUBAGENT_TOOL_CONDITIONS: Readonly<Record<string, { permissionMode: string }>> = {
  ExitPlanMode: { permissionMode: 'plan' },
};

/** Prefix of MCP tool names: `mcp__server`, `mcp__server__tool`, `mcp__server__*`. */
export const MCP_PREFIX = 'mcp__';
/** Every MCP tool; allowed only in `disallowedTools`. */
export const MCP_ALL = 'mcp__*';
/** Separator between server and tool in an MCP tool name. */
export const MCP_SEPARATOR = '__';

/**
 * Tools whose `Tool(type, ...)` rule restricts which agents may be started. Such a rule takes effect only
 * for an agent run as the main session (`claude --agent`); a subagent cannot start other agents.
 */
export const AGENT_SPAWN_TOOLS: readonly string[] = ['Agent', 'Task'];

/** Suffixes a model alias or id may carry (`sonnet[1m]`: the 1M-token context window). */
export const MODEL_SUFFIXES: readonly string[] = ['[1m]'];
/** A full Claude model id: `claude-sonnet-4-5-20250929`, or a cloud id such as `us.anthropic.claude-opus-4-1-v1:0`. */
export const CLAUDE_MODEL_ID = /(^|[./:])claude-/;
/** A Bedrock model or inference-profile ARN, which Claude Code passes through as the model. */
export const BEDROCK_ARN = /^arn:aws[\w-]*:bedrock:/;

/**
 * Hook events a `hooks` map may name (Claude Code hooks reference). Claude Code adds events often; an
 * unknown one is a warning, not an error.
 */
export const HOOK_EVENTS: readonly string[] = [
  'PreToolUse',
  'PostToolUse',
  'PostToolUseFailure',
  'PostToolBatch',
  'PermissionRequest',
  'PermissionDenied',
  'Notification',
  'UserPromptSubmit',
  'UserPromptExpansion',
  'Stop',
  'StopFailure',
  'SubagentStart',
  'SubagentStop',
  'PreCompact',
  'PostCompact',
  'SessionStart',
  'SessionEnd',
  'Setup',
  'Elicitation',
  'ElicitationResult',
  'TeammateIdle',
  'TaskCreated',
  'TaskCompleted',
  'InstructionsLoaded',
  'CwdChanged',
  'FileChanged',
  'ConfigChange',
  'WorktreeCreate',
  'WorktreeRemove',
];

/** Tag names of example dialogues in descriptions. */
export const EXAMPLE_TAGS = ['example', 'commentary'] as const;

/** Turns every `<example>` should have (a `Context:` line is customary but optional). */
export const EXAMPLE_REQUIRED_TURNS = ['user', 'assistant'] as const;

/**
 * A description longer than this many characters gets an information finding. Every custom agent's
 * description is loaded into every conversation; 1,000 characters (about 250 tokens) holds a clear
 * trigger sentence and a couple of short examples.
 */
export const DESCRIPTION_CHAR_BUDGET = 1000;

/**
 * Words that show a description says when to use the agent ("Use when ...", "Use proactively after ...",
 * "for reviewing ...", "Delegate ... if ..."). A description with none of them only says what the agent
 * is. Matched as whole words, case-insensitively.
 */
export const DESCRIPTION_TRIGGER_WORDS: readonly string[] = [
  'use', 'uses', 'used', 'using',
  'when', 'whenever',
  'proactive', 'proactively',
  'for',
  'invoke', 'invoked', 'delegate', 'delegates', 'delegated', 'call', 'called', 'spawn', 'spawned', 'trigger', 'triggered',
  'if', 'after', 'before',
];

/** Claude Code warns at start-up when all custom agents' descriptions total over this many tokens. */
export const DESCRIPTIONS_TOKEN_WARNING = 15000;

/** Rough token estimate used for size figures (about four characters a token for English prose). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
