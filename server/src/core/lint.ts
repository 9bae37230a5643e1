/**
 * Runs every rule over one document. A rule that throws never takes the others down: its failure is
 * returned as an internal error for the host to log, and the other rules still report.
 */
import { readAsClaudeCode, type ClaudeCodeReading } from './claude-code/reading';
import type { AgentModel } from './model';
import { parseAgent } from './parse';
import { RULES, type Rule, type WorkspaceView } from './rules';
import { FINDINGS_PER_RULE, type RuleFinding } from './rules/rule';
import { PerParse } from './rules/support/per-parse';
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

/** The longest code span a message keeps whole, and the longest message (a value quoted from the file can be megabytes). */
const CODE_SPAN_MAX = 80;
const MESSAGE_MAX = 2000;

/**
 * The message with each quoted span (a code span in backticks, or a value in double quotes) longer than
 * CODE_SPAN_MAX cut to its start and `…`, and the whole cut at MESSAGE_MAX: the Problems panel and the CLI
 * show a line, not the 100 KB model value it quotes. One scan; a span that never closes is left as it is.
 */
export function briefMessage(message: string): string {
  if (message.length <= CODE_SPAN_MAX) return message;
  let out = '';
  let from = 0;
  for (let i = 0; i < message.length; i++) {
    const quote = message[i];
    if (quote !== '`' && quote !== '"') continue;
    const close = message.indexOf(quote, i + 1);
    if (close < 0) break;
    if (close - i - 1 > CODE_SPAN_MAX) {
      out += message.slice(from, i + 1 + CODE_SPAN_MAX - 20) + '…';
      from = close;
    }
    i = close;
  }
  out += message.slice(from);
  return out.length <= MESSAGE_MAX ? out : out.slice(0, MESSAGE_MAX - 1) + '…';
}

/** The finding with its message, fix titles and related messages brief (briefMessage); itself when they are. */
function briefFinding<F extends Omit<Finding, 'code' | 'severity'>>(f: F): F {
  const long = (s: string) => s.length > CODE_SPAN_MAX;
  if (!long(f.message) && !f.fixes?.some((x) => long(x.title)) && !f.related?.some((r) => long(r.message))) return f;
  const brief = { ...f, message: briefMessage(f.message) };
  if (f.fixes) brief.fixes = f.fixes.map((x) => (long(x.title) ? { ...x, title: briefMessage(x.title) } : x));
  if (f.related) brief.related = f.related.map((r) => (long(r.message) ? { ...r, message: briefMessage(r.message) } : r));
  return brief;
}

/** The finding without the fixes that would change nothing (a rule's repair of a text already as it would write it). */
function withoutNoOpFixes<F extends Omit<Finding, 'code' | 'severity'>>(f: F, text: string): F {
  if (!f.fixes?.length) return f;
  const changes = (fix: NonNullable<F['fixes']>[number]) => fix.edits.some((e) => text.slice(e.range.start, e.range.end) !== e.newText);
  return f.fixes.every(changes) ? f : { ...f, fixes: f.fixes.filter(changes) };
}

function moreFindingsMessage(id: string): string {
  return `More \`${id}\` findings follow from here: only the first ${FINDINGS_PER_RULE} of a rule are reported in a file. Fix these to see the rest.`;
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
      const found = rule.check(ctx);
      // Most rules return an array, most often empty: indexed, it needs no iterator (40 rules, every file).
      if (isArray(found)) {
        for (let i = 0; i < found.length; i++) if (!report(findings, rule, setting, found[i], i, text)) break;
      } else {
        let i = 0;
        for (const f of found) if (!report(findings, rule, setting, f, i++, text)) break;
      }
    } catch (e) {
      internalErrors.push({ rule: rule.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  }
  findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  PerParse.forgetAll();
  return { agent, claude, findings, internalErrors };
}

const isArray = (found: Iterable<RuleFinding>): found is readonly RuleFinding[] => Array.isArray(found);

/** Adds a rule's `index`th finding; false once the rule has reported its share (then a note says more follow). */
function report(findings: Finding[], rule: Rule, setting: Severity | undefined, f: RuleFinding, index: number, text: string): boolean {
  const severity = setting ?? f.severity ?? rule.defaultSeverity;
  if (index === FINDINGS_PER_RULE) {
    findings.push({ code: rule.id, severity, range: f.range, message: moreFindingsMessage(rule.id) });
    return false;
  }
  findings.push({ ...briefFinding(withoutNoOpFixes(f, text)), code: rule.id, severity });
  return true;
}
