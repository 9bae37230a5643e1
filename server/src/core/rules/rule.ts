/** What a rule is: an id, a default severity, its documentation, and a check over the parsed agent. */
import type { AgentScope, ClaudeCodeReading } from '../claude-code/reading';
import type { ShadowReason } from '../claude-code/set';
import type { LspRange } from '../positions';
import type { AgentModel } from '../model';
import type { Finding, OffsetRange, Severity } from '../types';

/** Another agent file of the workspace, as the workspace checks need it. */
export interface OtherAgent {
  uri: string;
  /** Where its `name` value stands, as offsets and as 0-based lines and characters. */
  nameRange: OffsetRange;
  namePosition: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** Another agent file of the session, with the same name: in another scope, another folder, or the same folder. */
export interface SessionNamesake extends OtherAgent {
  /** Its path as people read it: `~/.claude/agents/x.md`, or relative to the working folder. */
  display: string;
  scope: AgentScope;
  /** Why the one file wins over the other (`read-order`: both lie in one agents folder). */
  why: ShadowReason;
}

/** How a file's agent stands against its namesakes in the session (the set of core/claude-code/set.ts). */
export interface SessionShadowing {
  /** This file's scope in the session. */
  scope: AgentScope;
  /** The file Claude Code uses for the name instead of this one. */
  shadowedBy?: SessionNamesake;
  /** The files this one shadows (when Claude Code uses it). */
  shadows: SessionNamesake[];
}

/** The session's descriptions over the budget, told by the file that carries the report: the largest. */
export interface SessionBudget {
  /** What the entries of all the agents Claude Code uses cost, in estimated tokens (this file's as it is now). */
  tokens: number;
  /** How many agents that is. */
  agents: number;
  /** The figure over which Claude Code warns. */
  limit: number;
  /** This file's entry, in estimated tokens. */
  ownTokens: number;
  /** The next largest entries (at most two), where their descriptions stand. */
  next: Array<{ uri: string; display: string; tokens: number; range: OffsetRange; position: LspRange }>;
}

/**
 * What the host knows beyond this one file: the server scans the workspace's agent folders, the CLI the
 * files it lints. Absent when linting a lone text (then the workspace checks say nothing).
 */
export interface WorkspaceView {
  /** Other agent files in the same agents tree whose `name` is `name`. */
  othersNamed(name: string): OtherAgent[];
  /** Whether a skill of this name exists for this file's project or plugin; undefined when unknown. */
  skillExists(name: string): boolean | undefined;
  /**
   * The file's agent, read as it is now, against its namesakes in the session of its workspace folder;
   * undefined when it has none, does not load, or the host knows no session for the file (the CLI).
   */
  shadowing?(claude: ClaudeCodeReading): SessionShadowing | undefined;
  /**
   * When the descriptions of the session's agents together are over the budget at which Claude Code warns
   * and this file's is the largest (the one file that carries the report): the figures; else undefined.
   */
  descriptionBudget?(claude: ClaudeCodeReading): SessionBudget | undefined;
}

export interface RuleContext {
  text: string;
  /** What the author wrote. */
  agent: AgentModel;
  /** What Claude Code does with it. */
  claude: ClaudeCodeReading;
  /** The file's path or URI, when known (used for fixes such as a name made from the file name). */
  fileName?: string;
  /** The file lies in a plugin's `agents/` folder (not under `.claude/agents/`). */
  isPlugin: boolean;
  workspace?: WorkspaceView;
}

/** A finding as a rule reports it: code and severity default to the rule's. */
export type RuleFinding = Omit<Finding, 'code' | 'severity'> & { severity?: Severity };

/**
 * What a rule's finding means for the agent; its default severity follows from it (the severity contract):
 * - `not-loaded`: Claude Code does not load the agent (error);
 * - `cannot-run`: it loads the agent, which cannot start or run (error);
 * - `not-as-written`: it loads and runs, but not as written (warning);
 * - `other-readers`: Claude Code reads it as written, but other readers do not (warning);
 * - `quality`: style and quality (information).
 */
export type RuleMeaning = 'not-loaded' | 'cannot-run' | 'not-as-written' | 'other-readers' | 'quality';

export const SEVERITY_OF_MEANING: Readonly<Record<RuleMeaning, Severity>> = {
  'not-loaded': 'error',
  'cannot-run': 'error',
  'not-as-written': 'warning',
  'other-readers': 'warning',
  quality: 'information',
};

/** The groups of the rules, in the order the docs list them. */
/**
 * The most findings one rule reports in one file; past it, one more finding says that more follow. Nobody
 * reads 20,000 "not closed" warnings, and sending them took the server a second (20,000 unclosed tags:
 * 40,000 diagnostics, 11 MB of JSON). Fixing the first ones shows the next.
 */
export const FINDINGS_PER_RULE = 100;

export type RuleGroup = 'loading' | 'yaml' | 'fields' | 'tools' | 'workspace' | 'examples' | 'quality';

export interface Rule {
  /** Stable id, used as the diagnostic `code` and in settings. */
  id: string;
  meaning: RuleMeaning;
  group: RuleGroup;
  /** SEVERITY_OF_MEANING[meaning]; a finding may say otherwise where the rule's docs explain why. */
  defaultSeverity: Severity;
  /** One line: what the rule finds. */
  title: string;
  /** Markdown: why it matters to Claude Code, and how to fix it. Becomes docs/rules/<id>.md. */
  docs: string;
  /**
   * The rule's findings in the file. Rules that can find one thing per tag or per list entry are generators:
   * lintText stops asking after FINDINGS_PER_RULE, so a hostile file costs no more than a hundred findings.
   */
  check(ctx: RuleContext): Iterable<RuleFinding>;
}
