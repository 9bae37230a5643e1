// Shared helpers of the benchmark scripts: paths, timing, statistics and the one-line report format.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Everything the benchmarks write goes here (git-ignored). */
export const OUT_DIR = path.join(REPO_ROOT, 'bench-out');
export const SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared');
export const CORPUS_DIR = path.join(SHARED_DIR, 'corpus', 'real-world');
export const PERSONAS_DIR = path.join(SHARED_DIR, 'personas');
export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');
export const CLI_JS = path.join(REPO_ROOT, 'dist', 'cli.js');

/** Milliseconds since an arbitrary origin, from the monotonic high-resolution clock. */
export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Thrown by a benchmark that cannot run here (missing input): printed as SKIP, not as an error. */
export class Skip extends Error {}

export function sharedAvailable() {
  return existsSync(CORPUS_DIR) && existsSync(PERSONAS_DIR);
}

export function requireShared(what) {
  if (!sharedAvailable()) throw new Skip(`${what}: ../shared (corpus and personas) is absent at ${SHARED_DIR}`);
}

// ---- statistics ----------------------------------------------------------------------------------
export function sorted(xs) {
  return [...xs].sort((a, b) => a - b);
}
/** Nearest-rank percentile (p in 0..100) of the values. */
export function percentile(xs, p) {
  if (xs.length === 0) return NaN;
  const s = sorted(xs);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(rank, s.length) - 1];
}
export const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const min = (xs) => Math.min(...xs);
export const max = (xs) => Math.max(...xs);
export const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

// ---- formatting ----------------------------------------------------------------------------------
export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
export const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
export const fmtMB = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Every result line printed, for the summary at the end. */
export const results = [];

/**
 * One measurement: `what`, its figure(s), the goal and PASS/MISS (pass === undefined: an informational
 * figure without a goal, printed as INFO).
 */
export function report(what, figures, goal, pass) {
  const verdict = pass === undefined ? 'INFO' : pass ? 'PASS' : 'MISS';
  results.push({ what, figures, goal, verdict });
  const goalText = goal ? `  (goal ${goal})` : '';
  console.log(`  [${verdict}] ${what}: ${figures}${goalText}`);
}

export function note(text) {
  for (const line of String(text).split('\n')) console.log(`         ${line}`);
}

export function section(title) {
  console.log(`\n== ${title} ==  (load average now ${loadNow()})`);
}

export function machineHeader() {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  return [
    `machine: ${cpus.length} cores (os.cpus().length), ${os.availableParallelism?.() ?? cpus.length} available, ${cpus[0]?.model ?? 'unknown CPU'}`,
    `         ${fmtMB(os.totalmem())} RAM, ${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}`,
    `load average (1, 5, 15 min): ${load}  (other work on this machine may load the cores while measuring)`,
  ];
}

export function loadNow() {
  return os.loadavg()[0].toFixed(2);
}
