// Server cold start to the first diagnostics of an opened file, and the server's memory with 2,020 files open.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fmtMB, fmtMs, fmtInt, max, median, min, note, nowMs, OUT_DIR, report, section, sleep } from './common.mjs';
import { build2020Corpus, buildPersona7k } from './corpus.mjs';
import { LspClient, fileUri } from './lsp-client.mjs';
import { READY } from './lsp.mjs';

const COLD_WS = path.join(OUT_DIR, 'ws-cold');

/**
 * One cold start, as an editor does it: spawn, initialize, initialized, didOpen right away (without waiting
 * for the workspace scan), until the file's first publishDiagnostics.
 */
async function coldStart(root, file) {
  const text = readFileSync(file, 'utf8');
  const uri = fileUri(file);
  const client = new LspClient();
  try {
    const t0 = client.spawnedAt;
    const first = client.nextDiagnostics(uri, 1, 30_000);
    await client.initialize(root);
    const tInit = nowMs();
    await client.didOpen(uri, text);
    const rec = await first;
    return { total: rec.t - t0, init: tInit - t0 };
  } finally {
    await client.shutdown();
  }
}

export async function benchColdStart({ runs = 10 } = {}) {
  section('Server cold start (spawn -> first diagnostics of an opened file)');
  const persona = buildPersona7k();
  rmSync(COLD_WS, { recursive: true, force: true });
  mkdirSync(path.join(COLD_WS, '.claude', 'agents'), { recursive: true });
  const file = path.join(COLD_WS, '.claude', 'agents', 'senior-backend-architect.md');
  writeFileSync(file, persona.text);
  note(`spawn \`node dist/server.js --stdio\`, initialize + initialized, didOpen at once; ${runs} runs each`);

  const small = [];
  for (let i = 0; i < runs; i++) small.push(await coldStart(COLD_WS, file));
  const tot = small.map((s) => s.total);
  report(
    'cold start, workspace with the 7 KB persona',
    `median ${fmtMs(median(tot))}, min ${fmtMs(min(tot))}, max ${fmtMs(max(tot))} ` +
      `(of which spawn -> initialize answered: median ${fmtMs(median(small.map((s) => s.init)))})`,
    '<= 300 ms, judged on the median',
    median(tot) <= 300,
  );

  const corpus = build2020Corpus();
  const big = [];
  for (let i = 0; i < Math.min(runs, 5); i++) big.push(await coldStart(corpus.root, corpus.files[0]));
  const btot = big.map((s) => s.total);
  report(
    `cold start, workspace of ${corpus.files.length} agent files (scanned at start)`,
    `median ${fmtMs(median(btot))}, min ${fmtMs(min(btot))}, max ${fmtMs(max(btot))}`,
    '<= 300 ms, judged on the median',
    median(btot) <= 300,
  );
}

/**
 * Opens every file of the 2,020-file folder; once each has its diagnostics and the server has been quiet
 * for `quietMs`, reads the server's RSS from /proc.
 */
async function memoryRun(corpus, withRoot, quietMs = 1000) {
  const client = new LspClient({ env: { SUBAGENT_STUDIO_TEST_COUNTERS: '1' } });
  try {
    await client.initialize(withRoot ? corpus.root : undefined);
    let closed;
    if (withRoot) {
      await client.logged(READY, 120_000);
      // Every file of the workspace is checked from disk before any is opened (diagnostics of closed files).
      const t0 = nowMs();
      const from = client.published.length;
      await client.connection.sendRequest('subagentStudio/test/closedFilesIdle');
      closed = { ms: nowMs() - t0, publishes: client.published.length - from, mem: client.memory() };
    }
    await sleep(200);
    const base = client.memory();
    const uris = corpus.files.map(fileUri);
    const pending = new Set(uris);
    let lastPublish = nowMs();
    client.listeners.push((r) => {
      if (r.version !== undefined) pending.delete(r.uri); // the open document's, not a closed file's
      lastPublish = r.t;
    });
    const from = client.published.length;
    const t0 = nowMs();
    for (let i = 0; i < uris.length; i++) void client.didOpen(uris[i], readFileSync(corpus.files[i], 'utf8'));
    const deadline = t0 + 300_000;
    while (pending.size > 0 && nowMs() < deadline) await sleep(10);
    const tAll = nowMs();
    if (pending.size > 0) throw new Error(`${pending.size} files had no diagnostics after 300 s`);
    while (nowMs() - lastPublish < quietMs) await sleep(50);
    const mem = client.memory();
    const publishes = client.published.length - from;
    if (client.errors.length) note(`PROBLEM: the server logged ${client.errors.length} error(s): ${client.errors.slice(0, 2).join(' | ').slice(0, 600)}`);
    return { base, mem, allMs: tAll - t0, settledMs: lastPublish - t0, publishes, files: uris.length, closed };
  } finally {
    await client.shutdown();
  }
}

export async function benchMemory() {
  section('Server memory with the 2,020 files open');
  const corpus = build2020Corpus();
  note(`didOpen of all ${corpus.files.length} files (sent without waiting), until each has diagnostics and no publish for 1 s; VmRSS from /proc/<pid>/status`);
  const ws = await memoryRun(corpus, true);
  report(
    `diagnostics of the ${ws.files} closed files of the workspace, checked from disk after the scan`,
    `${fmtMs(ws.closed.ms)} (${fmtInt(ws.closed.publishes)} publishDiagnostics); RSS then ${fmtMB(ws.closed.mem.rss)} (peak ${fmtMB(ws.closed.mem.hwm)})`,
    undefined,
  );
  report(
    `server RSS, ${ws.files} files open, workspace folder = their project`,
    `${fmtMB(ws.mem.rss)} (peak ${fmtMB(ws.mem.hwm)}; ${fmtMB(ws.base.rss)} after initialize and the workspace scan)`,
    '<= 150 MB RSS',
    ws.mem.rss <= 150 * 1024 * 1024,
  );
  note(
    `  all files had diagnostics ${fmtMs(ws.allMs)} after the first didOpen; last publish at ${fmtMs(ws.settledMs)}; ` +
      `${fmtInt(ws.publishes)} publishDiagnostics for ${ws.files} files`,
  );
  const bare = await memoryRun(corpus, false);
  report(
    `server RSS, ${bare.files} files open, no workspace folder (no scan: each open adds a name to the index)`,
    `${fmtMB(bare.mem.rss)} (peak ${fmtMB(bare.mem.hwm)}; ${fmtMB(bare.base.rss)} after initialize)`,
    '<= 150 MB RSS',
    bare.mem.rss <= 150 * 1024 * 1024,
  );
  note(
    `  all files had diagnostics ${fmtMs(bare.allMs)} after the first didOpen; last publish at ${fmtMs(bare.settledMs)}; ` +
      `${fmtInt(bare.publishes)} publishDiagnostics for ${bare.files} files`,
  );
  note(
    '  (without a workspace folder each didOpen adds its name to the index, and the open copies with that name are checked ' +
      'and published again once the burst of opens pauses for 100 ms (at the latest 1 s after the first): the ten copies of each name ' +
      'are duplicates of each other, so 2,020 publishes and up to one more per file each second of the burst; checked at each open, ' +
      'it was 2,020 + 202 x 45 = 11,110)',
  );
  report(`didOpen of ${ws.files} files -> all have diagnostics`, `with the workspace folder ${fmtMs(ws.allMs)}; without ${fmtMs(bare.allMs)}`, undefined);
}
