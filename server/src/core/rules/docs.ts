/**
 * The rule documentation pages, generated from each rule's own metadata (id, severity, title, docs):
 * `docs/rules/<id>.md` and the index `docs/rules/README.md`. Written by `npm run generate:docs`
 * (scripts/generate-rule-docs.mjs); a unit test fails when a committed page differs from a fresh one.
 */
import type { Severity } from '../types';
import { FINDINGS_PER_RULE, type Rule } from './rule';

const GENERATED = "<!-- Generated from the rule's metadata in server/src/core/rules/ by `npm run generate:docs`. Do not edit by hand. -->";

/** What each severity means (design/architecture.md). */
export const SEVERITY_MEANING: Readonly<Record<Severity, string>> = {
  error: 'Claude Code skips the file, refuses to start the agent, or ignores a setting the author evidently meant',
  warning: 'the agent loads, but likely not as the author meant',
  information: 'style and quality',
  hint: 'style and quality',
};

export function ruleDocMarkdown(rule: Rule): string {
  return [
    GENERATED,
    '',
    `# ${rule.id}`,
    '',
    `${rule.title}.`.replace(/([.?!])\.$/, '$1'),
    '',
    `Default severity: **${rule.defaultSeverity}** (${SEVERITY_MEANING[rule.defaultSeverity]}).`,
    '',
    rule.docs.trim(),
    '',
    '---',
    '',
    '[All rules](README.md)',
    '',
  ].join('\n');
}

export function rulesIndexMarkdown(rules: readonly Rule[]): string {
  const rows = rules.map((r) => `| [${r.id}](${r.id}.md) | ${r.defaultSeverity} | ${r.title.replace(/\|/g, '\\|')} |`);
  return [
    GENERATED,
    '',
    '# Rules',
    '',
    'Every check Subagent Studio makes, in the editor and in `subagent-studio lint`. Each diagnostic carries its',
    'rule id as its code and links to the page below.',
    '',
    `A rule reports at most ${FINDINGS_PER_RULE} findings in one file, then one more that says more follow (a file with`,
    '20,000 unclosed tags gets 101 warnings, not 20,000). Fixing the first ones shows the next.',
    '',
    'Severities:',
    ...(['error', 'warning', 'information'] as const).map((s) => `- **${s}**: ${SEVERITY_MEANING[s]}.`),
    '',
    '| rule | default severity | finds |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** File name (inside docs/rules/) -> content, for every rule plus the index. */
export function ruleDocFiles(rules: readonly Rule[]): Record<string, string> {
  const files: Record<string, string> = { 'README.md': rulesIndexMarkdown(rules) };
  for (const r of rules) files[`${r.id}.md`] = ruleDocMarkdown(r);
  return files;
}
