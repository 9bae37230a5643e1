/**
 * Runs every rule over one document. A rule that throws never takes the others down: its failure is
 * returned as an internal error for the host to log, and the other rules still report.
 */
import { readAsClaudeCode, type ClaudeCodeReading } from './claude-code/reading';
import type { AgentModel } from './model';
import { parseAgent } from './parse';
import { RULES, type Rule, type WorkspaceView } from './rules';
import type { Finding, Severity } from './types';

/** Per-rule severity, or 'off' to turn a rule off. */
export type RuleSettings = Readonly<Record<string, Severity | 'off'>>;

export interface LintOptions {
  fileName?: string;
  rules?: RuleSettings;
  /** Override the plugin detection made from the file name. */
  isPlugin?: boolean;
  /** The other agent files and skills, for the workspace checks. */
  workspace?: WorkspaceView;
  /** The text already parsed by `parseAgent` (saves parsing it twice). */
  agent?: AgentModel;
  /** Claude Code's reading of the same text, when already made. */
  claude?: ClaudeCodeReading;
}

export interface LintResult {
  agent: AgentModel;
  claude: ClaudeCodeReading;
  findings: Finding[];
  internalErrors: Array<{ rule: string; error: string }>;
}

/** A file in a plugin's `agents/` folder rather than under `.claude/agents/`. */
export function isPluginAgentPath(fileName: string | undefined): boolean {
  if (!fileName) return false;
  // A leading `/` makes a relative path (`.claude/agents/x.md`) read like an absolute one.
  const p = '/' + fileName.replace(/\\/g, '/');
  return /\/agents\//.test(p) && !/\/\.claude\/agents\//.test(p);
}

/** How many times `lintText` ran in this process: tests read it to see that a request did not lint again. */
export const lintRuns = { count: 0 };

export function lintText(text: string, options: LintOptions = {}, rules: readonly Rule[] = RULES): LintResult {
  lintRuns.count++;
  const agent = options.agent ?? parseAgent(text);
  const isPlugin = options.isPlugin ?? isPluginAgentPath(options.fileName);
  const claude = options.claude ?? readAsClaudeCode(text, { scope: isPlugin ? 'plugin' : 'project', fileName: options.fileName, agent });
  const ctx = { text, agent, claude, fileName: options.fileName, isPlugin, workspace: options.workspace };
  const findings: Finding[] = [];
  const internalErrors: LintResult['internalErrors'] = [];
  for (const rule of rules) {
    const setting = options.rules?.[rule.id];
    if (setting === 'off') continue;
    try {
      for (const f of rule.check(ctx)) {
        findings.push({ ...f, code: rule.id, severity: setting ?? f.severity ?? rule.defaultSeverity });
      }
    } catch (e) {
      internalErrors.push({ rule: rule.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  }
  findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return { agent, claude, findings, internalErrors };
}
