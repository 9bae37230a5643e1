/**
 * "Fix all": applies the safe fix of every finding, in passes, until no safe fix is left. The same
 * function backs `source.fixAll.subagentStudio` in the editor and `lint --fix` in the CLI. Only safe fixes
 * are applied (lossless rewrites, one exact reading): a guess (a spelling correction, a name made from the
 * file name) waits for the author.
 */
import { applyEdits, editsOverlap } from './edits';
import { lintText, type LintOptions } from './lint';
import type { TextEdit } from './types';

const MAX_PASSES = 10;

export interface FixAllResult {
  text: string;
  /** How many fixes were applied over all passes. */
  applied: number;
}

export function fixAll(text: string, lintOptions: LintOptions = {}): FixAllResult {
  // Every pass parses its own text: a parsed agent passed in belongs to the original text only.
  const { agent: _parsed, ...options } = lintOptions;
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const edits = safeEdits(current, options);
    if (edits.length === 0) break;
    current = applyEdits(current, edits.flat());
    applied += edits.length;
  }
  return { text: current, applied };
}

/** The edits of the safe fixes of one lint pass that do not overlap each other (first wins). */
export function safeEdits(text: string, options: LintOptions = {}): TextEdit[][] {
  const chosen: TextEdit[][] = [];
  for (const finding of lintText(text, { ...options, agent: undefined, claude: undefined }).findings) {
    const fix = finding.fixes?.find((f) => f.safe);
    if (!fix || fix.edits.length === 0) continue;
    if (chosen.some((c) => editsOverlap(c, fix.edits))) continue;
    chosen.push(fix.edits);
  }
  return chosen;
}
