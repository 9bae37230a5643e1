/**
 * "Fix all": applies the preferred fix of every finding, in passes, until no preferred fix is left.
 * The same function backs `source.fixAll.subagentStudio` in the editor and `lint --fix` in the CLI.
 * Only preferred fixes are applied: a fix that is one choice among several (a rename of the agent, a
 * second way to quote) waits for the author.
 */
import { applyEdits, editsOverlap } from './edits';
import { lintText, type LintOptions } from './lint';
import type { Finding, Fix, TextEdit } from './types';

const MAX_PASSES = 10;

export interface FixAllResult {
  text: string;
  /** How many fixes were applied over all passes. */
  applied: number;
}

/**
 * `firstPass`: the findings of `text` under these options, when the caller has them already (the server
 * keeps them per version), so the first pass does not lint again.
 */
export function fixAll(text: string, lintOptions: LintOptions = {}, firstPass?: readonly Finding[]): FixAllResult {
  // Every pass parses its own text: a parsed agent passed in belongs to the original text only.
  const { agent: _parsed, ...options } = lintOptions;
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const findings = pass === 0 && firstPass ? firstPass : lintText(current, options).findings;
    const edits = preferredEdits(findings);
    if (edits.length === 0) break;
    current = applyEdits(current, edits.flat());
    applied += edits.length;
  }
  return { text: current, applied };
}

/** The preferred fix of a finding, when it has one that changes something: what fix-all applies. */
export function preferredFix(finding: Finding): Fix | undefined {
  const fix = finding.fixes?.find((f) => f.isPreferred);
  return fix && fix.edits.length > 0 ? fix : undefined;
}

/** The edits of the preferred fixes of one lint pass that do not overlap each other (first wins). */
function preferredEdits(findings: readonly Finding[]): TextEdit[][] {
  const chosen: TextEdit[][] = [];
  for (const finding of findings) {
    const fix = preferredFix(finding);
    if (!fix) continue;
    if (chosen.some((c) => editsOverlap(c, fix.edits))) continue;
    chosen.push(fix.edits);
  }
  return chosen;
}
