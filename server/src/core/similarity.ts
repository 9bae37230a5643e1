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

/** Lower-cased, with `-` and `_` removed: `disallowed-tools` and `DisallowedTools` look alike. */
const fold = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');

/**
 * The candidates that `word` is a near miss of, closest first: same letters in another case or with
 * separators, a plural or singular, or a small typo (distance at most 1 for short words, 2 for longer).
 */
export function nearMisses(word: string, candidates: readonly string[]): string[] {
  const w = fold(word);
  const scored: Array<[string, number]> = [];
  for (const c of candidates) {
    if (c === word) continue;
    const f = fold(c);
    let d = editDistance(w, f);
    if (w === f) d = 0;
    else if (w === f + 's' || w + 's' === f) d = Math.min(d, 1);
    const limit = f.length <= 4 ? 1 : 2;
    if (d <= limit) scored.push([c, d]);
  }
  return scored.sort((a, b) => a[1] - b[1]).map(([c]) => c);
}
