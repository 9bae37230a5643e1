/** Edit distance (Levenshtein), for near-miss keys, tag names, tool names and enum values. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The edit distance of `a` and `b` when it is below `bound`, else `bound`. Only the cells within `bound`
 * of the diagonal are worked out (the others are at least `bound` away), and it stops at the first row
 * whose cells all reach the bound: cost about `bound` times the length, not the product of the lengths.
 */
function distanceAtMost(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) >= bound) return bound;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = Math.min(j, bound);
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - bound + 1);
    const to = Math.min(b.length, i + bound - 1);
    cur[0] = Math.min(i, bound);
    if (from > 1) cur[from - 1] = bound;
    let rowMin = from > 1 ? bound : cur[0];
    for (let j = from; j <= to; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1), bound);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (to < b.length) cur[to + 1] = bound;
    if (rowMin >= bound) return bound;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** Lower-cased, with `-` and `_` removed: `disallowed-tools` and `DisallowedTools` look alike. */
const fold = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');

/** The folded form of each candidate, made once per candidate list (the lists are the schema's constants). */
const foldedLists = new WeakMap<readonly string[], string[]>();

function foldedOf(candidates: readonly string[]): string[] {
  let folded = foldedLists.get(candidates);
  if (!folded) foldedLists.set(candidates, (folded = candidates.map(fold)));
  return folded;
}

/**
 * The candidates that `word` is a near miss of, closest first: same letters in another case or with
 * separators, a plural or singular, or a small typo (distance at most 1 for short words, 2 for longer).
 * Cheap per word: the edit distance is worked out only for candidates whose length is close enough.
 */
export function nearMisses(word: string, candidates: readonly string[]): string[] {
  const w = fold(word);
  const folded = foldedOf(candidates);
  const scored: Array<[string, number]> = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    if (c === word) continue;
    const f = folded[i];
    const limit = f.length <= 4 ? 1 : 2;
    // The edit distance is at least the difference in length (a plural differs by one, within every limit).
    if (Math.abs(w.length - f.length) > limit) continue;
    let d = w === f ? 0 : distanceAtMost(w, f, limit + 1);
    if (d > 0 && (w === f + 's' || w + 's' === f)) d = Math.min(d, 1);
    if (d <= limit) scored.push([c, d]);
  }
  return scored.sort((a, b) => a[1] - b[1]).map(([c]) => c);
}
