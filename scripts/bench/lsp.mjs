// The language server over stdio: didChange -> publishDiagnostics latency on a 7 KB persona and on 1 MB
// agents, and a burst of edits sent without waiting.
import path from 'node:path';
import { fmtMs, max, median, note, nowMs, percentile, report, section, sleep } from './common.mjs';
import { buildBigBody, buildBigDescription, buildPersona7k, LSP_WS } from './corpus.mjs';
import { LspClient, fileUri, positionAt } from './lsp-client.mjs';

export const READY = /language server ready/;

/** Types a phrase, one character per didChange (incremental sync), starting at `offset` of `text`. */
export class Typist {
  constructor(text, offset, phrase = ' Always state your assumptions before you recommend a design and name the trade-offs.') {
    const p = positionAt(text, offset);
    this.line = p.line;
    this.character = p.character;
    this.phrase = phrase;
    this.i = 0;
  }
  next() {
    const c = this.phrase[this.i++ % this.phrase.length];
    const at = { line: this.line, character: this.character };
    this.character += c.length;
    return { range: { start: at, end: at }, text: c };
  }
}

/** Sends `count` edits one at a time, each after the previous one's diagnostics; the latencies in ms. */
export async function editLatencies(client, uri, typist, count, timeoutMs = 30_000) {
  const latencies = [];
  for (let i = 0; i < count; i++) {
    const change = typist.next();
    const t0 = nowMs();
    const sent = client.change(uri, [change]);
    const published = client.nextDiagnostics(uri, client.versionOf(uri), timeoutMs);
    await sent;
    const rec = await published;
    latencies.push(rec.t - t0);
  }
  return latencies;
}

export async function openTimed(client, uri, text, timeoutMs = 60_000) {
  const t0 = nowMs();
  const got = client.nextDiagnostics(uri, 1, timeoutMs);
  await client.didOpen(uri, text);
  const rec = await got;
  return { ms: rec.t - t0, diagnostics: rec.count };
}

/**
 * Sends `count` didChange with no waiting, records every publishDiagnostics of the document with its
 * version and arrival time, and waits `settleMs` after the last version's diagnostics for late ones.
 */
export async function burst(client, uri, typist, count, settleMs = 500, timeoutMs = 120_000) {
  const from = client.published.length;
  const t0 = nowMs();
  for (let i = 0; i < count; i++) void client.change(uri, [typist.next()]);
  const lastVersion = client.versionOf(uri);
  const tLastEdit = nowMs();
  let lastRec;
  try {
    lastRec = await client.nextDiagnostics(uri, lastVersion, timeoutMs);
  } catch {
    // Not an error of the benchmark: the figure is "more than timeoutMs".
    lastRec = { t: Infinity, timedOut: true };
  }
  await sleep(settleMs);
  const recs = client.published.slice(from).filter((r) => r.uri === uri);
  let newest = -Infinity;
  const outOfOrder = [];
  for (const r of recs) {
    if (r.version < newest) outOfOrder.push(`v${r.version} after v${newest}`);
    newest = Math.max(newest, r.version);
  }
  return {
    firstVersion: lastVersion - count + 1,
    lastVersion,
    sendMs: tLastEdit - t0,
    lastLatency: lastRec.t - tLastEdit,
    timedOut: lastRec.timedOut === true,
    timeoutMs,
    versions: recs.map((r) => r.version),
    outOfOrder,
    after: recs.filter((r) => r.t > lastRec.t && r.version !== lastVersion).length,
  };
}

function latencyLine(lat) {
  return `p50 ${fmtMs(percentile(lat, 50))}, p95 ${fmtMs(percentile(lat, 95))}, max ${fmtMs(max(lat))}, first ${fmtMs(lat[0])}`;
}

function reportBurst(what, b, goalMs) {
  const ok = b.lastLatency <= goalMs && b.outOfOrder.length === 0;
  const shown = b.versions.length <= 12 ? b.versions.join(',') : `${b.versions.slice(0, 6).join(',')},...,${b.versions.slice(-4).join(',')}`;
  report(
    what,
    `last version's diagnostics ${b.timedOut ? `not there ${fmtMs(b.timeoutMs)} after the last edit (gave up)` : `${fmtMs(b.lastLatency)} after the last edit`} (edits written in ${fmtMs(b.sendMs)}); ` +
      `${b.versions.length} publishes for v${b.firstVersion}..v${b.lastVersion} [${shown}]; ` +
      `${b.outOfOrder.length === 0 ? 'no older version after a newer one' : `OUT OF ORDER: ${b.outOfOrder.slice(0, 5).join('; ')}`}`,
    `last <= ${goalMs} ms after the last edit, versions in order`,
    ok,
  );
}

function reportServerErrors(client, label) {
  if (client.errors.length) note(`PROBLEM: the server logged ${client.errors.length} error(s) during ${label}: ${client.errors.slice(0, 3).join(' | ').slice(0, 800)}`);
  if (client.process.exitCode !== null || client.process.signalCode !== null)
    note(`PROBLEM: the server exited during ${label} (code ${client.process.exitCode}, signal ${client.process.signalCode})`);
}

export async function benchLsp({ edits = 500, bigEdits = 30, burstEdits = 200 } = {}) {
  section('Language server over stdio: didChange -> publishDiagnostics');
  const persona = buildPersona7k();
  const big = buildBigBody();
  const bigDesc = buildBigDescription();
  note(
    `7 KB persona: ../shared/personas/${persona.source} (${persona.baseBytes} B) with Markdown body text appended ` +
      `(review checklist, capacity planning, ...) to ${persona.bytes} B`,
  );
  note(
    `1 MB agents: ${path.basename(big.file)} (body of ${(big.bytes / 1024).toFixed(0)} KB Markdown: headings, lists, code fences, tables), ` +
      `${path.basename(bigDesc.file)} (one-line double-quoted description of ${(bigDesc.bytes / 1024).toFixed(0)} KB with <example> blocks)`,
  );
  note('edits: one character typed per didChange (incremental sync), each sent after the previous diagnostics arrived');

  const client = new LspClient({ env: { SUBAGENT_STUDIO_TEST_COUNTERS: '1' } });
  try {
    await client.initialize(LSP_WS);
    await client.logged(READY);
    // Typing is timed once the background checks of the workspace's closed files are done.
    await client.connection.sendRequest('subagentStudio/test/closedFilesIdle');

    // --- 7 KB persona: 500 edits, half in the body, half in the description.
    const uri = fileUri(persona.file);
    const opened = await openTimed(client, uri, persona.text);
    note(`persona opened: first diagnostics after ${fmtMs(opened.ms)} (${opened.diagnostics} diagnostics)`);
    const bodyAt = persona.text.indexOf('\n', persona.text.indexOf('You are a Senior Backend Architect'));
    const descAt = persona.text.indexOf('existing implementations.') + 'existing implementations.'.length;
    if (bodyAt < 0 || descAt < 'existing implementations.'.length) throw new Error('the persona does not have the expected text');
    const half = Math.floor(edits / 2);
    const inBody = await editLatencies(client, uri, new Typist(persona.text, bodyAt), half);
    // The body edits are on a later line than the description: the description's position is unchanged.
    const inDesc = await editLatencies(client, uri, new Typist(persona.text, descAt), edits - half);
    const all = [...inBody, ...inDesc];
    const p50 = percentile(all, 50);
    const p95 = percentile(all, 95);
    report(
      `7 KB persona, ${all.length} edits (${inBody.length} typed in the body, ${inDesc.length} in the description)`,
      latencyLine(all),
      'p50 <= 3 ms, p95 <= 10 ms',
      p50 <= 3 && p95 <= 10,
    );
    note(`  body edits: ${latencyLine(inBody)}`);
    note(`  description edits: ${latencyLine(inDesc)}`);

    // --- burst on the persona.
    const b = await burst(client, uri, new Typist(persona.text, bodyAt, ' Burst typing without waiting.'), burstEdits);
    reportBurst(`burst of ${burstEdits} edits on the 7 KB persona`, b, 300);
    reportServerErrors(client, 'the persona edits');

    // --- 1 MB body.
    const bigUri = fileUri(big.file);
    const bigOpen = await openTimed(client, bigUri, big.text);
    report('1 MB body agent: didOpen -> first diagnostics', `${fmtMs(bigOpen.ms)} (${bigOpen.diagnostics} diagnostics)`, undefined);
    const bigAt = big.text.indexOf('When the user asks about', big.text.length >> 1) + 'When the user asks about'.length;
    const bigLat = await editLatencies(client, bigUri, new Typist(big.text, bigAt), bigEdits);
    report(
      `1 MB body agent, ${bigLat.length} edits typed in the middle of the body`,
      `median ${fmtMs(median(bigLat))}; ${latencyLine(bigLat)}`,
      '<= 150 ms, judged on the median',
      median(bigLat) <= 150,
    );

    // --- 1 MB description.
    const descUri = fileUri(bigDesc.file);
    const descOpen = await openTimed(client, descUri, bigDesc.text);
    report('1 MB description agent: didOpen -> first diagnostics', `${fmtMs(descOpen.ms)} (${descOpen.diagnostics} diagnostics)`, undefined);
    const marker = 'Context: The user is working on';
    const descMid = bigDesc.text.indexOf(marker, bigDesc.text.length >> 1) + marker.length;
    const descLat = await editLatencies(client, descUri, new Typist(bigDesc.text, descMid), bigEdits);
    report(
      `1 MB description agent, ${descLat.length} edits typed in the middle of the description`,
      `median ${fmtMs(median(descLat))}; ${latencyLine(descLat)}`,
      '<= 150 ms, judged on the median',
      median(descLat) <= 150,
    );

    // --- bursts on the 1 MB files (same goal as the persona's; for information).
    const bb = await burst(client, bigUri, new Typist(big.text, bigAt, ' burst'), burstEdits, 1000);
    reportBurst(`burst of ${burstEdits} edits on the 1 MB body agent`, bb, 300);
    const bd = await burst(client, descUri, new Typist(bigDesc.text, descMid, ' burst'), burstEdits, 1000);
    reportBurst(`burst of ${burstEdits} edits on the 1 MB description agent`, bd, 300);
    reportServerErrors(client, 'the 1 MB edits');
  } finally {
    await client.shutdown();
  }
}
