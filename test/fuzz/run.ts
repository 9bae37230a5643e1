/**
 * `npm run fuzz`: the robustness properties of test/properties.ts over at least 100,000 generated and
 * mutated agent files, split across worker processes (one per core), each with its own seed.
 *   node out/test/fuzz/run.js [--cases N] [--workers W] [--seed S]
 * Prints the count of cases run per property and in total; exits 1 with the counterexample on a failure.
 */
import { fork } from 'node:child_process';
import { cpus } from 'node:os';
import fc from 'fast-check';
import { anyAgent } from '../arbitraries';
import { personas } from '../helpers';
import { checkEachFix, checkFixAllIdempotent, checkFixesSound, checkParseAndLint } from '../properties';

const PROPERTIES = [
  { name: 'parse and lint never throw; ranges inside the document', check: checkParseAndLint, share: 0.5 },
  { name: 'each fix changes only its range and removes its finding', check: checkEachFix, share: 0.2 },
  { name: 'fixing twice equals fixing once', check: checkFixAllIdempotent, share: 0.15 },
  { name: 'fixes are sound: no key twice, text kept, safe fixes keep what Claude Code reads', check: checkFixesSound, share: 0.15 },
];

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

interface WorkerResult {
  counts: number[];
  failure?: string;
}

function runWorker(cases: number, seed: number): WorkerResult {
  const arb = anyAgent(personas().map((p) => p.text));
  const counts: number[] = [];
  for (const [i, p] of PROPERTIES.entries()) {
    const numRuns = Math.ceil(cases * p.share);
    const out = fc.check(fc.property(arb, p.check), { numRuns, seed: seed + i });
    if (out.failed) return { counts, failure: `${p.name}\n${fc.defaultReportMessage(out) ?? 'failed'}` };
    counts.push(out.numRuns);
  }
  return { counts };
}

async function main(): Promise<number> {
  if (process.env.FUZZ_WORKER) {
    const { cases, seed } = JSON.parse(process.env.FUZZ_WORKER) as { cases: number; seed: number };
    process.send!(runWorker(cases, seed));
    return 0;
  }
  const total = arg('--cases', 100_000);
  const workers = Math.max(1, arg('--workers', cpus().length));
  const seed = arg('--seed', Date.now() % 1_000_000);
  console.log(`fuzz: ${total} cases over ${workers} worker(s), seed ${seed}`);
  const started = Date.now();
  const results = await Promise.all(
    Array.from(
      { length: workers },
      (_, w) =>
        new Promise<WorkerResult>((resolve, reject) => {
          const child = fork(__filename, [], { env: { ...process.env, FUZZ_WORKER: JSON.stringify({ cases: Math.ceil(total / workers), seed: seed + w * 100 }) } });
          child.once('message', (m) => resolve(m as WorkerResult));
          child.once('exit', (code) => (code ? reject(new Error(`worker ${w} exited with ${code}`)) : undefined));
        }),
    ),
  );
  let sum = 0;
  for (const [i, p] of PROPERTIES.entries()) {
    const n = results.reduce((s, r) => s + (r.counts[i] ?? 0), 0);
    sum += n;
    console.log(`  ${String(n).padStart(7)} cases: ${p.name}`);
  }
  const failures = results.filter((r) => r.failure);
  console.log(`fuzz: ${sum} cases in ${((Date.now() - started) / 1000).toFixed(1)} s, ${failures.length ? 'FAILED' : 'no failure'}`);
  for (const f of failures) console.log(f.failure);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
