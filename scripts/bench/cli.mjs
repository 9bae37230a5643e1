// CLI throughput, whole process, on the 2,020-file folder; side by side with claude-code-lint.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CLI_JS, fmtInt, fmtMs, median, min, note, nowMs, OUT_DIR, report, section } from './common.mjs';
import { build2020Corpus } from './corpus.mjs';

const PEER_PACKAGE = 'claude-code-lint';
const PEER_PREFIX = path.join(OUT_DIR, 'peers');
const PEER_BIN = path.join(PEER_PREFIX, 'node_modules', '.bin', 'claudelint');

/** GNU time, when installed: reports the CPU time (user + sys) of the process it runs. */
const GNU_TIME = ['/usr/bin/time'].find((p) => existsSync(p) && spawnSync(p, ['-f', '%U', 'true']).status === 0);
const CPU_MARK = 'BENCH_CPU_SECONDS';

/**
 * Runs a whole process to its end; resolves { ms (wall, ours), cpuMs (user+sys, from GNU time), code, stdout,
 * stderr }. Wall time is the figure; CPU time is printed beside it because other work may load the cores.
 */
function timeProcess(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const out = [];
    const err = [];
    const [c, a] = GNU_TIME ? [GNU_TIME, ['-f', `${CPU_MARK} %U %S`, cmd, ...args]] : [cmd, args];
    const t0 = nowMs();
    const child = spawn(c, a, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = nowMs() - t0;
      let stderr = Buffer.concat(err).toString();
      let cpuMs = NaN;
      const m = new RegExp(`${CPU_MARK} ([\\d.]+) ([\\d.]+)\\s*$`).exec(stderr);
      if (m) {
        cpuMs = (Number(m[1]) + Number(m[2])) * 1000;
        stderr = stderr.slice(0, m.index);
      }
      resolve({ ms, cpuMs, code, stdout: Buffer.concat(out).toString(), stderr });
    });
  });
}

async function timeRuns(label, runs, cmd, args, opts, okCodes) {
  const times = [];
  const cpu = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = await timeProcess(cmd, args, opts);
    if (!okCodes.includes(last.code)) {
      throw new Error(`${label} exited with code ${last.code}: ${last.stderr.slice(0, 2000) || last.stdout.slice(0, 2000)}`);
    }
    times.push(last.ms);
    cpu.push(last.cpuMs);
  }
  return { times, median: median(times), min: min(times), cpuMedian: median(cpu), last };
}

/** Installs claude-code-lint into bench-out/peers when it is not there; returns its bin or undefined. */
function ensurePeer() {
  if (existsSync(PEER_BIN)) return PEER_BIN;
  const args = ['install', '--prefix', PEER_PREFIX, '--no-save', '--no-audit', '--no-fund', PEER_PACKAGE];
  console.log(`  installing the peer for this benchmark only: npm ${args.join(' ')}`);
  const r = spawnSync('npm', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  if (r.status !== 0 || !existsSync(PEER_BIN)) {
    const why = (r.error?.message ?? r.stderr ?? '').trim().split('\n').slice(-5).join('\n');
    note(`could not install ${PEER_PACKAGE} (npm exit ${r.status}): ${why}`);
    return undefined;
  }
  return PEER_BIN;
}

/** Our JSON report: files with an error, and findings by severity and rule. */
function summarizeOurs(json) {
  const reports = JSON.parse(json);
  const byRule = new Map();
  const samples = new Map();
  let filesWithError = 0;
  let filesWithAny = 0;
  for (const r of reports) {
    if (r.diagnostics.some((d) => d.severity === 'error')) filesWithError++;
    if (r.diagnostics.length) filesWithAny++;
    for (const d of r.diagnostics) {
      const k = `${d.severity} ${d.code}`;
      byRule.set(k, (byRule.get(k) ?? 0) + 1);
      if (!samples.has(k)) samples.set(k, `${path.basename(r.file)}: ${d.message}`);
    }
  }
  return { files: reports.length, filesWithError, filesWithAny, byRule, samples };
}

/** claudelint's text report: `<file> (N errors, M warnings)` headers, then `  line  severity  message  rule`. */
function summarizePeer(text) {
  const byRule = new Map();
  const samples = new Map();
  let files = 0;
  let filesWithError = 0;
  let current;
  for (const line of text.split('\n')) {
    const head = /^(\S.*\.md) \((.*)\)\s*$/.exec(line);
    if (head) {
      files++;
      current = head[1];
      if (/\d+ errors?/.test(head[2]) && !/\b0 errors?/.test(head[2])) filesWithError++;
      continue;
    }
    const issue = /^\s+\d+\s+(error|warning|info)\s+(.*?)\s{2,}([a-z0-9-]+)\s*$/.exec(line);
    if (issue) {
      const k = `${issue[1]} ${issue[3]}`;
      byRule.set(k, (byRule.get(k) ?? 0) + 1);
      if (!samples.has(k)) samples.set(k, `${path.basename(current ?? '?')}: ${issue[2]}`);
    }
  }
  return { filesWithFindings: files, filesWithError, byRule, samples };
}

function printBreakdown(label, s) {
  const rules = [...s.byRule].sort((a, b) => b[1] - a[1]);
  note(`${label} findings by severity and rule: ${rules.map(([k, n]) => `${k} x${fmtInt(n)}`).join(', ') || 'none'}`);
  for (const [k] of rules.slice(0, 6)) note(`  e.g. [${k}] ${s.samples.get(k)}`);
}

export async function benchCli({ runs = 5 } = {}) {
  section('CLI throughput (whole process)');
  const corpus = build2020Corpus();
  const n = corpus.files.length;
  note(
    `input: ${n} files (${corpus.sources} files of ../shared/corpus/real-world copied ${n / corpus.sources} times as r<copy>-<file>.md, ` +
      `${(corpus.bytes / 1024 / 1024).toFixed(1)} MB) flat in ${path.relative(process.cwd(), corpus.agentsDir)}/`,
  );
  const cwd = corpus.root;

  // Ours: `subagent-studio lint .claude/agents` (text output, as in CI); exit 1 means "errors found", not a failure.
  const ours = await timeRuns('subagent-studio lint', runs, process.execPath, [CLI_JS, 'lint', '.claude/agents'], { cwd }, [0, 1]);
  const oursPerSec = n / (ours.median / 1000);
  report(
    `subagent-studio lint, ${n} files, ${runs} runs`,
    `median ${fmtMs(ours.median)} (${fmtInt(oursPerSec)} files/s), min ${fmtMs(ours.min)} (${fmtInt(n / (ours.min / 1000))} files/s); ` +
      `runs: ${ours.times.map((t) => t.toFixed(0)).join(', ')} ms; CPU user+sys median ${fmtMs(ours.cpuMedian)}`,
    '>= 10,000 files/s, judged on the median',
    oursPerSec >= 10_000,
  );
  // `list` reads the same files as Claude Code does (issue: within 1.5x of `lint`).
  const list = await timeRuns('subagent-studio list', runs, process.execPath, [CLI_JS, 'list', '.claude/agents', '--format', 'json'], { cwd }, [0, 1]);
  const listRatio = list.median / ours.median;
  report(
    `subagent-studio list, the same ${n} files, ${runs} runs`,
    `median ${fmtMs(list.median)}, ${listRatio.toFixed(2)}x lint's median; runs: ${list.times.map((t) => t.toFixed(0)).join(', ')} ms`,
    'within 1.5x of lint',
    listRatio <= 1.5,
  );
  const bare = await timeRuns('node -e ""', runs, process.execPath, ['-e', ''], {}, [0]);
  const help = await timeRuns('subagent-studio --help', runs, process.execPath, [CLI_JS, '--help'], {}, [0]);
  note(
    `for scale, now on this machine: a bare \`node -e ""\` takes median ${fmtMs(bare.median)} (min ${fmtMs(bare.min)}); ` +
      `\`subagent-studio --help\` (start-up, no linting) median ${fmtMs(help.median)} (min ${fmtMs(help.min)})`,
  );
  const oursJson = await timeProcess(process.execPath, [CLI_JS, 'lint', '.claude/agents', '--format', 'json'], { cwd });
  const mine = summarizeOurs(oursJson.stdout);
  note(`subagent-studio (exit ${ours.last.code}): ${mine.filesWithError} of ${mine.files} files flagged with an error; ${mine.filesWithAny} with any finding`);
  printBreakdown('subagent-studio', mine);
  note('(every file has a duplicate-name warning because the ten copies share their names in one agents folder)');

  // The peer.
  const bin = ensurePeer();
  if (!bin) {
    report('claude-code-lint validate-agents', 'not measured (could not be installed, see above)', undefined);
    return;
  }
  const version = JSON.parse(readFileSync(path.join(PEER_PREFIX, 'node_modules', PEER_PACKAGE, 'package.json'), 'utf8')).version;
  // Its README: run `claudelint <command>` in the project; validate-agents finds .claude/agents/*.md from the
  // current folder. NO_UPDATE_NOTIFIER=1 keeps its background npm-registry version check out of the timing.
  const peerEnv = { ...process.env, NO_UPDATE_NOTIFIER: '1' };
  note(`peer: ${PEER_PACKAGE}@${version}, \`claudelint validate-agents\` run in ${path.relative(process.cwd(), cwd)}/ (NO_UPDATE_NOTIFIER=1)`);
  const peer = await timeRuns('claudelint validate-agents', runs, bin, ['validate-agents'], { cwd, env: peerEnv }, [0, 1]);
  const peerPerSec = n / (peer.median / 1000);
  report(
    `claude-code-lint validate-agents, ${n} files, ${runs} runs`,
    `median ${fmtMs(peer.median)} (${fmtInt(peerPerSec)} files/s), min ${fmtMs(peer.min)}; ` +
      `runs: ${peer.times.map((t) => t.toFixed(0)).join(', ')} ms; CPU user+sys median ${fmtMs(peer.cpuMedian)}`,
    undefined,
  );
  const ratio = peer.median / ours.median;
  report(
    'speed-up over claude-code-lint (median / median)',
    `${ratio.toFixed(1)}x (min/min ${(peer.min / ours.min).toFixed(1)}x, CPU time ${(peer.cpuMedian / ours.cpuMedian).toFixed(1)}x)`,
    '>= 10x, judged on the wall-time medians',
    ratio >= 10,
  );
  const ps = summarizePeer(peer.last.stdout + '\n' + peer.last.stderr);
  note(`claude-code-lint (exit ${peer.last.code}): ${ps.filesWithError} of ${n} files flagged with an error; ${ps.filesWithFindings} with any finding`);
  printBreakdown('claude-code-lint', ps);
}
