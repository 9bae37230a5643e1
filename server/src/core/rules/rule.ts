/** What a rule is: an id, a default severity, its documentation, and a check over the parsed agent. */
import type { ClaudeCodeReading } from '../claude-code/reading';
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
