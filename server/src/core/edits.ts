/** Applying text edits (offset ranges) to a string. */
import type { TextEdit } from './types';

/** Applies non-overlapping edits; edits are sorted here, so callers need not. Throws on overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.range.start < at) throw new Error(`overlapping edits at offset ${e.range.start}`);
    out += text.slice(at, e.range.start) + e.newText;
    at = e.range.end;
  }
  return out + text.slice(at);
}

/** True when an edit of `a` overlaps an edit of `b` (touching ends is no overlap). */
export function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.range.start < y.range.end && y.range.start < x.range.end));
}
