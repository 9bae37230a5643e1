#!/usr/bin/env node
// Subagent Studio benchmarks: prints figures beside their goals (PASS/MISS), never asserts.
//   node scripts/bench/index.mjs [--only core,cli,cli-scale,lsp,coldstart,memory,preview,hostile] [--runs N]
// `npm run bench` builds the shipped (minified) bundles first. Inputs and the peer linter go to bench-out/
// (git-ignored). Exit code: 0 when every benchmark ran (even with MISSes), 1 when one failed to run.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CLI_JS, machineHeader, nowMs, results, section, SERVER_JS, Skip, loadNow } from './common.mjs';
import { benchCli } from './cli.mjs';
import { benchCliScale } from './cli-scale.mjs';
import { benchHostileConfig } from './hostile-config.mjs';
import { benchLintCore } from './lint-core.mjs';
import { benchLsp } from './lsp.mjs';
import { benchColdStart, benchMemory } from './server.mjs';
import { benchPreview } from './preview.mjs';
import { benchHostilePreview } from './hostile-preview.mjs';
import { benchHostileRequests } from './hostile-requests.mjs';

const ALL = ['core', 'cli', 'cli-scale', 'lsp', 'coldstart', 'memory', 'preview', 'hostile'];

let opts;
try {
  ({ values: opts } = parseArgs({
    options: {
      only: { type: 'string' },
      runs: { type: 'string', default: '5' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (e) {
  console.error(`bench: ${e.message}`);
  process.exit(2);
}
if (opts.help) {
  console.log(`usage: node scripts/bench/index.mjs [--only ${ALL.join(',')}] [--runs N (whole-process CLI runs, default 5)]`);
  process.exit(0);
}
const only = opts.only
  ? opts.only
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  : ALL;
const unknown = only.filter((s) => !ALL.includes(s));
if (unknown.length) {
  console.error(`bench: unknown benchmark(s) ${unknown.join(', ')}; choose from ${ALL.join(', ')}`);
  process.exit(2);
}
const runs = Number(opts.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`bench: --runs takes a positive integer, not "${opts.runs}"`);
  process.exit(2);
}
for (const f of [CLI_JS, SERVER_JS]) {
  if (!existsSync(f)) {
    console.error(`bench: ${f} is missing: run \`node scripts/build.mjs --minify\` first (npm run bench does)`);
    process.exit(2);
  }
}

console.log('Subagent Studio benchmarks');
for (const line of machineHeader()) console.log(line);
console.log(`running: ${only.join(', ')}; figures from process.hrtime.bigint(); ${new Date().toISOString()}`);

const benches = {
  core: () => benchLintCore(),
  cli: () => benchCli({ runs }),
  'cli-scale': () => benchCliScale({ runs: Math.min(runs, 3) }),
  lsp: () => benchLsp(),
  coldstart: () => benchColdStart({ runs: Math.max(runs, 10) }),
  memory: () => benchMemory(),
  preview: () => benchPreview(),
  hostile: async () => {
    section('Hostile input: files built to make us slow, every figure under 250 ms');
    await benchHostilePreview();
    await benchHostileRequests();
    await benchHostileConfig();
  },
};

const t0 = nowMs();
let failed = 0;
for (const name of only) {
  try {
    await benches[name]();
  } catch (e) {
    if (e instanceof Skip) {
      console.log(`  [SKIP] ${name}: ${e.message}`);
      results.push({ what: name, verdict: 'SKIP' });
    } else {
      failed++;
      console.log(`  [ERROR] ${name}: ${e?.stack ?? e}`);
      results.push({ what: name, verdict: 'ERROR' });
    }
  }
}

const count = (v) => results.filter((r) => r.verdict === v).length;
console.log(`\n== Summary ==`);
console.log(
  `  ${count('PASS')} PASS, ${count('MISS')} MISS, ${count('INFO')} INFO, ${count('SKIP')} SKIP, ${count('ERROR')} ERROR ` +
    `in ${((nowMs() - t0) / 1000).toFixed(1)} s; load average now ${loadNow()}`,
);
for (const r of results.filter((r) => r.verdict === 'MISS' || r.verdict === 'ERROR')) console.log(`  ${r.verdict}: ${r.what}${r.figures ? `: ${r.figures}` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
