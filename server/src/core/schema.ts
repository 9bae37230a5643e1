/**
 * The facts of the Claude Code agent file format, as data, in one place.
 * Source: shared/spec/agent-file-format.md (Claude Code docs "Create custom subagents", tools reference,
 * model configuration, CHANGELOG). Rules read these tables; no rule keeps its own list of names.
 * Over 400 lines on purpose: the whole schema is one data module, so no fact of the format lives elsewhere.
 */

export const DOCS_URL = 'https://code.claude.com/docs/en/sub-agents';
export const TOOLS_DOCS_URL = 'https://code.claude.com/docs/en/settings#tools-available-to-claude';

export type FieldType = 'string' | 'tools' | 'enum' | 'model' | 'positive-integer' | 'boolean' | 'string-list' | 'mcp-servers' | 'hooks' | 'map';

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
  /** Other values Claude Code takes, not suggested (`effort: med`). */
  accepted?: readonly string[];
  /** The values completion offers, in this order, most used first (default: `values` as listed). */
  byUse?: readonly string[];
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

/** `permissionMode` values (case-sensitive); `manual` is read as `default`. */
export const PERMISSION_MODES: readonly string[] = ['acceptEdits', 'auto', 'bypassPermissions', 'default', 'dontAsk', 'plan'];
export const PERMISSION_MODE_ALIASES: Readonly<Record<string, string>> = { manual: 'default' };
/** `memory` scopes (case-sensitive). With `memory` and an explicit `tools` list, these tools are added. */
export const MEMORY_SCOPES: readonly string[] = ['user', 'project', 'local'];
export const MEMORY_TOOLS: readonly string[] = ['Write', 'Edit', 'Read'];
/** `isolation` values: local agents, plugin agents. */
export const ISOLATION_VALUES: readonly string[] = ['worktree', 'remote'];
export const PLUGIN_ISOLATION_VALUES: readonly string[] = ['worktree'];
/** `effort` levels (any case) and their aliases; an integer is taken too. */
export const EFFORT_LEVELS: readonly string[] = ['low', 'medium', 'high', 'xhigh', 'max'];
export const EFFORT_ALIASES: Readonly<Record<string, string>> = { med: 'medium' };
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
    byUse: ['sonnet', 'opus', 'haiku', 'inherit', 'fable'],
    plugin: true,
    doc: "Model the agent runs on: `sonnet`, `opus`, `haiku`, `fable`, `inherit` (the main conversation's model) or a full model id such as `claude-sonnet-4-5-20250929`.",
  },
  {
    key: 'permissionMode',
    required: false,
    type: 'enum',
    values: [...PERMISSION_MODES, ...Object.keys(PERMISSION_MODE_ALIASES)],
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
    doc: "Skills preloaded into the agent's context, by name (`.claude/skills/<name>/SKILL.md`).",
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
    values: MEMORY_SCOPES,
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
    plugin: true,
    doc: "Leave CLAUDE.md out of the agent's context (`true` or `false`).",
  },
  {
    key: 'effort',
    required: false,
    type: 'enum',
    values: EFFORT_LEVELS,
    accepted: Object.keys(EFFORT_ALIASES),
    plugin: true,
    doc: 'Reasoning effort: `low`, `medium`, `high`, `xhigh` or `max`.',
    caseInsensitive: true,
    integers: true,
  },
  {
    key: 'isolation',
    required: false,
    type: 'enum',
    values: ISOLATION_VALUES,
    plugin: true,
    doc: 'Run the agent in its own git worktree (`worktree`) or remotely (`remote`; not for plugin agents).',
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
    key: 'autoCompactWindow',
    required: false,
    type: 'positive-integer',
    plugin: true,
    doc: "Context size, in tokens, at which the agent's conversation is compacted (a whole number of at least 100,000).",
  },
  {
    key: 'observer',
    required: false,
    type: 'string',
    plugin: false,
    doc: 'An agent that observes this one while it runs (by name). Ignored for plugin agents.',
  },
  {
    key: 'observerMessage',
    required: false,
    type: 'string',
    plugin: false,
    doc: 'The message the observer gets. Ignored for plugin agents.',
  },
  {
    key: 'observeToolResults',
    required: false,
    type: 'boolean',
    plugin: true,
    doc: 'Whether the observer sees tool results (`true` or `false`).',
  },
  {
    key: 'observeSubagents',
    required: false,
    type: 'boolean',
    plugin: false,
    doc: "Whether the observer sees this agent's own subagents (`true` or `false`). Ignored for plugin agents.",
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
    plugin: true,
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
  ClaudeDesign: 'Works on a design with Claude Design.',
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
  OfferChromeSetup: 'Offers to set up Claude in Chrome.',
  PowerShell: 'Runs a PowerShell command.',
  Projects: 'Reads the projects of the account.',
  propose_skills: 'Proposes skills to create.',
  PushNotification: 'Sends a notification to the user.',
  Read: 'Reads a file (text, images, PDFs, notebooks).',
  ReadMcpResourceDirTool: 'Lists a folder of a resource of a connected MCP server.',
  ReadMcpResourceTool: 'Reads a resource of a connected MCP server.',
  ReadNotifications: 'Reads the notifications of the session.',
  RemoteTrigger: 'Triggers a remote agent run.',
  ReportFindings: 'Reports structured findings.',
  ScheduleWakeup: 'Schedules the session to resume later (never given to a subagent).',
  SendFeedback: 'Sends feedback about Claude Code.',
  SendMessage: 'Sends a message to another agent.',
  SendUserFile: 'Sends a file to the user.',
  SendUserMessage: 'Sends a message to the user (formerly `Brief`).',
  SetGoal: 'Sets the goal of the session.',
  ShareOnboardingGuide: 'Shares an onboarding guide.',
  ShowOnboardingRolePicker: 'Shows the onboarding role picker.',
  Skill: 'Runs a skill.',
  SubagentHandback: 'Hands control back from a subagent.',
  TaskCreate: 'Creates a task in the task list.',
  TaskGet: 'Reads a task from the task list.',
  TaskList: 'Lists tasks.',
  TaskStop: 'Stops a background task (formerly `KillShell`).',
  TaskUpdate: 'Updates a task.',
  TodoWrite: "Writes the session's todo list.",
  ToolSearch: 'Finds deferred tools by name or description.',
  WaitForMcpServers: 'Waits for MCP servers to connect (never given to a subagent).',
  WebFetch: 'Fetches a URL and reads its content.',
  WebSearch: 'Searches the web.',
  Workflow: 'Runs a workflow (never given to a subagent).',
  Write: 'Writes a whole file.',
};

/** Every tool name Claude Code recognises in `tools` (names are case-sensitive). */
export const TOOL_NAMES: readonly string[] = Object.keys(TOOLS);

/**
 * Old tool names Claude Code no longer knows, found in real files, with the tool that replaced them. An
 * agent that lists one does not get it. (Old names Claude Code still maps are LOADER_TOOL_ALIASES.)
 */
export const DROPPED_TOOLS: Readonly<Record<string, string>> = {
  LS: 'Glob',
  NotebookRead: 'Read',
  MultiEdit: 'Edit',
  SlashCommand: 'Skill',
  BashOutput: 'Monitor',
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
  'Notification',
  'UserPromptSubmit',
  'UserPromptExpansion',
  'SessionStart',
  'SessionEnd',
  'Stop',
  'StopFailure',
  'SubagentStart',
  'SubagentStop',
  'PreCompact',
  'PostCompact',
  'PreModelSwitch',
  'PostModelSwitch',
  'PermissionRequest',
  'PermissionDenied',
  'Setup',
  'TeammateIdle',
  'TaskCreated',
  'TaskCompleted',
  'Elicitation',
  'ElicitationResult',
  'ConfigChange',
  'WorktreeCreate',
  'WorktreeRemove',
  'InstructionsLoaded',
  'CwdChanged',
  'FileChanged',
  'DirectoryAdded',
  'MessageDisplay',
  'PreSkillShellCommand',
];

/** Hook events whose every defect makes Claude Code drop a local agent (they may guard its permissions). */
export const GUARD_HOOK_EVENTS: readonly string[] = ['PreToolUse', 'PermissionRequest', 'PreSkillShellCommand'];
/** Top-level keys not scanned for guard hooks declared outside `hooks`. */
export const HOOK_GUARD_SCAN_SKIPPED_KEYS: readonly string[] = ['metadata', 'mcpServers', 'lspServers'];
/** Hook entry types and the text fields each needs. */
export const HOOK_TYPES: Readonly<Record<string, readonly string[]>> = {
  command: ['command'],
  prompt: ['prompt'],
  agent: ['prompt'],
  http: ['url'],
  mcp_tool: ['server', 'tool'],
};

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
  'use',
  'uses',
  'used',
  'using',
  'when',
  'whenever',
  'proactive',
  'proactively',
  'for',
  'invoke',
  'invoked',
  'delegate',
  'delegates',
  'delegated',
  'call',
  'called',
  'spawn',
  'spawned',
  'trigger',
  'triggered',
  'if',
  'after',
  'before',
];

/** Claude Code warns at start-up when all custom agents' descriptions total over this many tokens. */
export const DESCRIPTIONS_TOKEN_WARNING = 15000;

/**
 * Claude Code's loader, as it behaves (checked against the real Claude Code by the oracle tests under
 * test/oracle, which install exactly this version). When the oracle finds that a newer version behaves
 * otherwise, the facts below change with it, and this version moves.
 */
export const CLAUDE_CODE_VERSION = '2.1.332';

/** The earliest version known to rewrite and retry frontmatter that is not valid YAML. */
export const REWRITE_SINCE_VERSION = '2.1.68';

/** Longest `name` Claude Code accepts, in UTF-16 code units. */
export const NAME_MAX_LENGTH = 256;

/** Agent files over this many bytes are not read (local and plugin agents). */
export const AGENT_FILE_MAX_BYTES = 1_048_576;

/**
 * The retry: a top-level one-line `key: value` whose value holds one of these is rewritten as a
 * double-quoted string (`key` of letters, `_` and `-` only; the value not already quoted, and not a `[...]`
 * that parses as a list). Leading tabs then become two spaces each.
 */
export const REWRITE_KEY_LINE = /^([a-zA-Z_-]+):\s+(\S.*)$/;
export const REWRITE_INDICATORS = /[{}[\]*&#!|>%@`]|: /;

/** Top-level keys of a local agent Claude Code knows (it warns about others in its debug log). */
export const LOADER_KEYS: readonly string[] = FIELDS.map((f) => f.key);
/** Plugin agents also know these (fallbacks of `description`). */
export const PLUGIN_LOADER_KEYS: readonly string[] = ['when_to_use', 'when-to-use'];
/** Unknown keys Claude Code points to another key (`null`: no hint), matched with `-` and `_` removed, lower case. */
export const LOADER_KEY_HINTS: Readonly<Record<string, string | null>> = { allowedtools: 'tools', whentouse: 'description', mode: null };
/** Fields plugin agents ignore, with a warning in Claude Code's log. */
export const PLUGIN_IGNORED_KEYS: readonly string[] = ['permissionMode', 'hooks', 'mcpServers', 'initialPrompt', 'observer', 'observerMessage', 'observeSubagents'];

/** `experimental.cacheTtl` (its key matched with `-` and `_` removed, lower case). */
export const CACHE_TTL_VALUES: readonly string[] = ['5m', '1h'];
/** Smallest `autoCompactWindow`. */
export const AUTO_COMPACT_WINDOW_MIN = 100_000;

/** Model aliases Claude Code resolves (any case; `[1m]` asks for the 1M-token context window). */
export const LOADER_MODEL_ALIASES: readonly string[] = ['sonnet', 'opus', 'haiku', 'fable', 'best', 'sonnet[1m]', 'opus[1m]', 'fable[1m]', 'opusplan'];

/** Old tool names Claude Code still maps to the current one. Others (`LS`, `MultiEdit`) are dropped: DROPPED_TOOLS. */
export const LOADER_TOOL_ALIASES: Readonly<Record<string, string>> = {
  Task: 'Agent',
  KillShell: 'TaskStop',
  KillBash: 'TaskStop',
  ListPeers: 'ListAgents',
  Brief: 'SendUserMessage',
  ListMcpResources: 'ListMcpResourcesTool',
  ReadMcpResource: 'ReadMcpResourceTool',
  ReadMcpResourceDir: 'ReadMcpResourceDirTool',
  ProposeGoal: 'SetGoal',
};

/** Rough token estimate used for size figures (about four characters a token for English prose). */
export function estimateTokens(text: string): number {
  return tokensOfLength(text.length);
}

/** The same estimate, for a length in characters. */
export function tokensOfLength(chars: number): number {
  return Math.ceil(chars / 4);
}
