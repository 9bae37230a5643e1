// The CLI's cost as the work grows: peak memory at 2,020 and 20,200 files with distinct names (it streams:
// a file's parse is dropped once its findings and name are kept), and the time for 20,200 files whose
// names repeat (100 copies of one folder) against 20,200 distinct ones (duplicate-name is capped, linear).
// The time ratio is judged on CPU time (user + sys, from GNU time): on a loaded machine the wall time of
// runs this long swings by 2x between runs, the CPU time by a few percent. Wall times are printed beside.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI_JS, fmtMB, fmtMs, median, note, nowMs, report, section, Skip } from './common.mjs';
import { buildScaleCorpus } from './corpus.mjs';

/** GNU time reports the peak resident set (%M, in KiB) and the CPU time (%U user, %S sys) of the process it runs. */
const GNU_TIME = ['/usr/bin/time'].find((p) => existsSync(p) && spawnSync(p, ['-f', '%M', 'true']).status === 0);
const MARK = 'BENCH_GNU_TIME';

/** One whole CLI run (`lint <root>`, text output to /dev/null): wall and CPU time in ms, peak RSS in bytes. */
function runOnce(root) {
  return new Promise((resolve, reject) => {
    const t0 = nowMs();
    const child = spawn(GNU_TIME, ['-f', `${MARK} %M %U %S`, process.execPath, CLI_JS, 'lint', root], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = nowMs() - t0;
      const m = new RegExp(`${MARK} (\\d+) ([\\d.]+) ([\\d.]+)\\s*$`).exec(stderr);
      if (![0, 1].includes(code) || !m) return reject(new Error(`lint ${root} exited with ${code}: ${stderr.slice(0, 1000)}`));
      resolve({ ms, cpuMs: (Number(m[2]) + Number(m[3])) * 1000, rss: Number(m[1]) * 1024 });
    });
  });
}

async function measure(corpus, runs) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await runOnce(corpus.root));
  return { ms: median(all.map((r) => r.ms)), cpuMs: median(all.map((r) => r.cpuMs)), rss: median(all.map((r) => r.rss)), cpu: all.map((r) => r.cpuMs) };
}

export async function benchCliScale({ runs = 3 } = {}) {
  section('CLI cost as the work grows (whole process, peak RSS from GNU time)');
  if (!GNU_TIME) throw new Skip('GNU time (/usr/bin/time) is not installed: it gives the peak RSS');
  const small = buildScaleCorpus(10, true);
  const large = buildScaleCorpus(100, true);
  const repeated = buildScaleCorpus(100, false);
  note(
    `inputs: the 202 real-world files copied 10 and 100 times into one .claude/agents/ (names made distinct), and copied 100 times ` +
      `with their names kept (each file has 99 namesakes); \`lint <folder>\`, text output to /dev/null; medians of ${runs} runs`,
  );
  const s = await measure(small, runs);
  const l = await measure(large, runs);
  const r = await measure(repeated, runs);
  report(`CLI peak RSS, ${small.files.toLocaleString('en-US')} files with distinct names`, fmtMB(s.rss), undefined);
  const memRatio = l.rss / s.rss;
  report(
    `CLI peak RSS, ${large.files.toLocaleString('en-US')} files with distinct names`,
    `${fmtMB(l.rss)} (${memRatio.toFixed(2)}x the ${small.files.toLocaleString('en-US')}-file run)`,
    `< 1.5x the ${small.files.toLocaleString('en-US')}-file run`,
    memRatio < 1.5,
  );
  report(`CLI peak RSS, ${repeated.files.toLocaleString('en-US')} files whose names repeat`, fmtMB(r.rss), undefined);
  const timeRatio = r.cpuMs / l.cpuMs;
  report(
    `CLI time, ${repeated.files.toLocaleString('en-US')} files whose names repeat against ${large.files.toLocaleString('en-US')} distinct`,
    `CPU ${fmtMs(r.cpuMs)} against ${fmtMs(l.cpuMs)}: ${timeRatio.toFixed(2)}x (runs: ${r.cpu.map((t) => t.toFixed(0)).join(', ')} against ` +
      `${l.cpu.map((t) => t.toFixed(0)).join(', ')} ms); wall ${fmtMs(r.ms)} against ${fmtMs(l.ms)} (${(r.ms / l.ms).toFixed(2)}x)`,
    '< 1.3x, judged on the CPU-time medians',
    timeRatio < 1.3,
  );
}
