/**
 * "Fix all": applies the safe fix of every finding, in passes, until no safe fix is left. The same
 * function backs `source.fixAll.subagentStudio` in the editor and `lint --fix` in the CLI. Only safe fixes
 * are applied (lossless rewrites, one exact reading): a guess (a spelling correction, a name made from the
 * file name) waits for the author.
 */
import { applyEdits } from './edits';
import { lintText, type LintOptions } from './lint';
import type { Finding, Fix, OffsetRange, TextEdit } from './types';

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
  const { agent: _parsed, claude: _read, ...options } = lintOptions;
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const findings = pass === 0 && firstPass ? firstPass : lintText(current, options).findings;
    const edits = safeEdits(findings);
    if (edits.length === 0) break;
    current = applyEdits(current, edits.flat());
    applied += edits.length;
  }
  return { text: current, applied };
}

/** The safe fix of a finding, when it has one that changes something: what fix-all applies. */
export function safeFix(finding: Finding): Fix | undefined {
  const fix = finding.fixes?.find((f) => f.safe);
  return fix && fix.edits.length > 0 ? fix : undefined;
}

/** The edits of the safe fixes of one lint pass that do not overlap each other (first wins). */
function safeEdits(findings: readonly Finding[]): TextEdit[][] {
  const chosen: TextEdit[][] = [];
  const taken = new TakenRanges();
  for (const finding of findings) {
    const fix = safeFix(finding);
    if (!fix || fix.edits.some((e) => taken.overlaps(e.range))) continue;
    chosen.push(fix.edits);
    for (const e of fix.edits) taken.add(e.range);
  }
  return chosen;
}

/**
 * The ranges of the edits chosen so far, sorted by start and then end; as they do not overlap, the ends
 * are in order too. Asking whether a range overlaps one of them is a binary search (a pass over every
 * chosen fix per finding made fix-all quadratic: 20,000 unclosed tags took 3.5 s).
 */
class TakenRanges {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** As `editsOverlap`: some taken range starts before `r` ends and ends after `r` starts. */
  overlaps(r: OffsetRange): boolean {
    const k = this.firstEndingAfter(r.start);
    return k < this.ends.length && this.starts[k] < r.end;
  }

  add(r: OffsetRange): void {
    let k = this.firstEndingAfter(r.start - 1);
    while (k < this.starts.length && (this.starts[k] < r.start || (this.starts[k] === r.start && this.ends[k] <= r.end))) k++;
    this.starts.splice(k, 0, r.start);
    this.ends.splice(k, 0, r.end);
  }

  /** The index of the first taken range that ends after `offset`. */
  private firstEndingAfter(offset: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid] > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
