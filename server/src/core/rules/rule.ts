/** What a rule is: an id, a default severity, its documentation, and a check over the parsed agent. */
import type { AgentModel } from '../model';
import type { Finding, OffsetRange, Severity } from '../types';

/** Another agent file of the workspace, as the workspace checks need it. */
export interface OtherAgent {
  uri: string;
  /** Where its `name` value stands, as offsets and as 0-based lines and characters. */
  nameRange: OffsetRange;
  namePosition: { start: { line: number; character: number }; end: { line: number; character: number } };
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
}

export interface RuleContext {
  text: string;
  agent: AgentModel;
  /** The file's path or URI, when known (used for fixes such as a name made from the file name). */
  fileName?: string;
  /** The file lies in a plugin's `agents/` folder (not under `.claude/agents/`). */
  isPlugin: boolean;
  workspace?: WorkspaceView;
}

/** A finding as a rule reports it: code and severity default to the rule's. */
export type RuleFinding = Omit<Finding, 'code' | 'severity'> & { severity?: Severity };

export interface Rule {
  /** Stable id, used as the diagnostic `code` and in settings. */
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule finds. */
  title: string;
  /** Markdown: why it matters to Claude Code, and how to fix it. Becomes docs/rules/<id>.md. */
  docs: string;
  check(ctx: RuleContext): RuleFinding[];
}
