// The CLI's cost as the work grows: peak memory at 2,020 and 20,200 files with distinct names (it streams:
// a file's parse is dropped once its findings and name are kept), and the time for 20,200 files whose
// names repeat (100 copies of one folder) against 20,200 distinct ones (duplicate-name is capped, linear).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI_JS, fmtMB, fmtMs, median, note, nowMs, report, section, Skip } from './common.mjs';
import { buildScaleCorpus } from './corpus.mjs';

/** GNU time reports the peak resident set of the process it runs (%M, in KiB). */
const GNU_TIME = ['/usr/bin/time'].find((p) => existsSync(p) && spawnSync(p, ['-f', '%M', 'true']).status === 0);
const MARK = 'BENCH_MAXRSS_KB';

/** One whole CLI run (`lint <root>`, text output to /dev/null): wall time and peak RSS in bytes. */
function runOnce(root) {
  return new Promise((resolve, reject) => {
    const t0 = nowMs();
    const child = spawn(GNU_TIME, ['-f', `${MARK} %M`, process.execPath, CLI_JS, 'lint', root], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = nowMs() - t0;
      const m = new RegExp(`${MARK} (\\d+)\\s*$`).exec(stderr);
      if (![0, 1].includes(code) || !m) return reject(new Error(`lint ${root} exited with ${code}: ${stderr.slice(0, 1000)}`));
      resolve({ ms, rss: Number(m[1]) * 1024 });
    });
  });
}

async function measure(corpus, runs) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await runOnce(corpus.root));
  return { ms: median(all.map((r) => r.ms)), rss: median(all.map((r) => r.rss)), times: all.map((r) => r.ms) };
}

export async function benchCliScale({ runs = 3 } = {}) {
  section('CLI cost as the work grows (whole process, peak RSS from GNU time)');
  if (!GNU_TIME) throw new Skip('GNU time (/usr/bin/time) is not installed: it gives the peak RSS');
  const small = buildScaleCorpus(10, true);
  const large = buildScaleCorpus(100, true);
  const repeated = buildScaleCorpus(100, false);
  note(`inputs: the 202 real-world files copied 10 and 100 times into one .claude/agents/ (names made distinct), and copied 100 times ` +
    `with their names kept (each file has 99 namesakes); \`lint <folder>\`, text output to /dev/null; medians of ${runs} runs`);
  const s = await measure(small, runs);
  const l = await measure(large, runs);
  const r = await measure(repeated, runs);
  report(`CLI peak RSS, ${small.files.toLocaleString('en-US')} files with distinct names`, fmtMB(s.rss), undefined);
  const memRatio = l.rss / s.rss;
  report(`CLI peak RSS, ${large.files.toLocaleString('en-US')} files with distinct names`, `${fmtMB(l.rss)} (${memRatio.toFixed(2)}x the ${small.files.toLocaleString('en-US')}-file run)`,
    `< 1.5x the ${small.files.toLocaleString('en-US')}-file run`, memRatio < 1.5);
  report(`CLI peak RSS, ${repeated.files.toLocaleString('en-US')} files whose names repeat`, fmtMB(r.rss), undefined);
  const timeRatio = r.ms / l.ms;
  report(`CLI time, ${repeated.files.toLocaleString('en-US')} files whose names repeat against ${large.files.toLocaleString('en-US')} distinct`,
    `${fmtMs(r.ms)} against ${fmtMs(l.ms)}: ${timeRatio.toFixed(2)}x (runs: ${r.times.map((t) => t.toFixed(0)).join(', ')} against ${l.times.map((t) => t.toFixed(0)).join(', ')} ms)`,
    '< 1.3x', timeRatio < 1.3);
}
