/**
 * Rule severities as a user writes them (VS Code's `subagentStudio.rules`, the `rules` of
 * `.subagent-studio.json`), checked so that only a known severity of a known rule reaches the rules. A wrong
 * entry is left out, so the rule keeps its default, and named in a problem for the host to say once.
 * Problems quote a value only when it is a short word or a number, never a long text from the input.
 */
import type { RuleSettings } from './core/lint';
import { RULE_BY_ID } from './core/rules';

export const SEVERITY_SETTINGS: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];

export interface SettingProblem {
  /** What is wrong. */
  message: string;
  /** What happens instead, for a host that goes on: "ignored", "the rule's default (warning) applies". */
  instead: string;
}

export interface CheckedRuleSettings {
  rules: RuleSettings;
  /** One per entry left out. */
  problems: SettingProblem[];
}

export function checkRuleSettings(raw: unknown): CheckedRuleSettings {
  if (raw === undefined || raw === null) return { rules: {}, problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { rules: {}, problems: [{ message: `"rules" must be an object of rule id -> severity, not ${shown(raw)}`, instead: 'every rule keeps its default' }] };
  }
  const rules: Record<string, RuleSettings[string]> = {};
  const problems: SettingProblem[] = [];
  for (const [id, severity] of Object.entries(raw)) {
    const rule = RULE_BY_ID.get(id);
    if (!rule) problems.push({ message: `"rules": unknown rule ${shown(id)}`, instead: 'ignored' });
    else if (typeof severity !== 'string' || !SEVERITY_SETTINGS.includes(severity)) {
      problems.push({
        message: `"rules": "${id}" must be one of ${SEVERITY_SETTINGS.join(', ')}, not ${shown(severity)}`,
        instead: `the rule's default (${rule.defaultSeverity}) applies`,
      });
    } else rules[id] = severity as RuleSettings[string];
  }
  return { rules, problems };
}

/** A value for a message: a short word or a number as written, anything else by its kind only. */
function shown(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'string') return /^[\w .:-]{0,40}$/.test(value) ? JSON.stringify(value) : `a text of ${value.length} characters`;
  return Array.isArray(value) ? 'a list' : 'an object';
}
