/** What a rule is: an id, a default severity, its documentation, and a check over the parsed agent. */
import type { AgentModel } from '../model';
import type { Finding, Severity } from '../types';

export interface RuleContext {
  text: string;
  agent: AgentModel;
  /** The file's path or URI, when known (used for fixes such as a name made from the file name). */
  fileName?: string;
  /** The file lies in a plugin's `agents/` folder (not under `.claude/agents/`). */
  isPlugin: boolean;
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
