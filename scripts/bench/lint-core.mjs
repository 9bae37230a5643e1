// The core alone (lintText, in this process, no LSP): CPU time to lint a 1 MB agent file, and a 1 MB file of
// 12,000 unclosed example tags (whose cost must stay linear). The inputs are scripts/lib/large-agents.ts,
// the same the tests check the findings of.
import { importTs } from '../lib/import-ts.mjs';
import { fmtMs, median, note, report, section } from './common.mjs';

const WARM_UP = 3;
const RUNS = 7;

/** Median CPU time (user + system, not wall time: other processes on a busy machine do not count) of a lint, after warm-up runs. */
function cpuMedian(lintText, text) {
  for (let i = 0; i < WARM_UP; i++) lintText(text);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.cpuUsage();
    lintText(text);
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  return median(times);
}

export async function benchLintCore() {
  section('The core: lintText on 1 MB agent files (CPU time, median of 7 after 3 warm-up runs)');
  const { lintText, megabyteAgent, unclosedTagsAgent } = await importTs(
    "export { lintText } from './server/src/core/lint'; export { megabyteAgent, unclosedTagsAgent } from './scripts/lib/large-agents';",
  );
  note('built in memory from server/src (esbuild, not minified)');
  const cases = [
    ['a 1 MB agent file (a 50 KB description, 1,000 tools, 1,100 body sections with examples and code fences)', megabyteAgent(), 100],
    ['a 1 MB file of 12,000 unclosed example tags', unclosedTagsAgent(), 1000],
  ];
  for (const [what, text, goalMs] of cases) {
    const ms = cpuMedian(lintText, text);
    report(`lint ${what}, ${(text.length / 1e6).toFixed(2)} M characters`, fmtMs(ms), `< ${goalMs} ms`, ms < goalMs);
  }
}
