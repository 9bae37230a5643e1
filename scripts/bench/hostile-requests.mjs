// Requests on hostile files over stdio: diagnostics, outline and code actions on 200 KB of headings,
// 20,000 unclosed <example> tags, 10,000 unknown tools and 20,000 commentaries in one example; and the
// code-action request VS Code sends after every cursor move (no `only`) on a 110 KB agent, which must not
// lint again.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fmtMs, max, median, note, nowMs, report } from './common.mjs';
import { fillTo, LSP_AGENTS, LSP_WS, markdownSection } from './corpus.mjs';
import { LspClient, fileUri } from './lsp-client.mjs';
import { READY } from './lsp.mjs';

const GOAL_MS = 250;
const head = (name) => `---\nname: ${name}\ndescription: Use it when the user asks for a hostile test.\n---\n`;

function hostileFiles() {
  // Heading lines only, three levels: the outline's nesting was quadratic in them.
  let headings = head('headings');
  for (let n = 0; headings.length < 200 * 1024; n++) headings += `# P${n}\n## S${n}\n### T${n}\n`;
  const tags = head('unclosed-tags') + '<example>\nuser: hi\n'.repeat(20_000);
  const commentaries = head('commentaries') + '<example>\nuser: hi\n' + '<commentary>why</commentary>\nassistant: ok\n'.repeat(20_000) + '</example>\n';
  const tools = head('unknown-tools').replace('---\n', '---\ntools: ' + Array.from({ length: 10_000 }, (_, i) => `Tool${i}`).join(', ') + '\n');
  return [
    { name: '200 KB of headings', file: 'headings.md', text: headings },
    { name: '20,000 unclosed <example> tags', file: 'unclosed-tags.md', text: tags },
    { name: '10,000 unknown tools', file: 'unknown-tools.md', text: tools },
    { name: '20,000 commentaries and turns in one <example>', file: 'commentaries.md', text: commentaries },
  ];
}

/** A 110 KB agent as generators write them: a description YAML rejects and a misspelled key (two fixes), a long body. */
function agent110k() {
  const head =
    '---\nname: platform-handbook\ndescription: Use it for platform work. Examples: Context: the user deploys a service.\nModel: sonnet\ntools: Read, Grep\n---\n# Platform handbook\n\n';
  return head + fillTo(110 * 1024 - head.length, markdownSection);
}

async function timed(fn) {
  const t0 = nowMs();
  const value = await fn();
  return { ms: nowMs() - t0, value };
}

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } };

export async function benchHostileRequests() {
  mkdirSync(LSP_AGENTS, { recursive: true });
  const client = new LspClient({ env: { SUBAGENT_STUDIO_TEST_COUNTERS: '1' } });
  const lintRuns = () => client.connection.sendRequest('subagentStudio/test/lintRuns');
  const codeActions = (uri, range, only) => client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only } });
  try {
    await client.initialize(LSP_WS);
    await client.logged(READY);
    // The workspace's files no editor has open are checked in the background after the scan (the hostile
    // files of an earlier run among them): the requests are timed once that is done.
    const t0 = nowMs();
    await client.connection.sendRequest('subagentStudio/test/closedFilesIdle');
    note(`the workspace's closed agent files checked from disk in ${fmtMs(nowMs() - t0)} after the scan; the requests below are timed after that`);
    note('each figure: one request over stdio, timed from sending it to its answer (diagnostics: didOpen -> publishDiagnostics)');
    for (const { name, file, text } of hostileFiles()) {
      const abs = path.join(LSP_AGENTS, file);
      writeFileSync(abs, text);
      const uri = fileUri(abs);
      const t0 = nowMs();
      const published = client.nextDiagnostics(uri, 1, 120_000);
      await client.didOpen(uri, text);
      const diagnostics = await published;
      report(
        `${name} (${(text.length / 1024).toFixed(0)} KB): diagnostics`,
        `${fmtMs(diagnostics.t - t0)} (${diagnostics.count} diagnostics)`,
        `< ${GOAL_MS} ms`,
        diagnostics.t - t0 < GOAL_MS,
      );
      const outline = await timed(() => client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }));
      const again = await timed(() => client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }));
      report(`${name}: outline`, `${fmtMs(outline.ms)} first, ${fmtMs(again.ms)} again (${outline.value.length} top-level symbols)`, `< ${GOAL_MS} ms`, outline.ms < GOAL_MS);
      const middle = { line: Math.floor(text.split('\n').length / 2), character: 0 };
      const auto = await timed(() => codeActions(uri, { start: middle, end: middle }));
      report(`${name}: code actions at the cursor (no \`only\`)`, `${fmtMs(auto.ms)} (${auto.value.length} actions)`, `< ${GOAL_MS} ms`, auto.ms < GOAL_MS);
      const all = await timed(() => codeActions(uri, WHOLE, ['source.fixAll']));
      report(`${name}: source.fixAll`, `${fmtMs(all.ms)} (${all.value.length ? 'an edit' : 'nothing to fix'})`, `< ${GOAL_MS} ms`, all.ms < GOAL_MS);
    }

    // What VS Code sends 250 ms after every cursor move: no `only`, the cursor's range.
    const text = agent110k();
    const abs = path.join(LSP_AGENTS, 'handbook-110k.md');
    writeFileSync(abs, text);
    const uri = fileUri(abs);
    const published = client.nextDiagnostics(uri, 1, 60_000);
    await client.didOpen(uri, text);
    await published;
    const before = await lintRuns();
    const times = [];
    let fixAllOffered = false;
    const onModel = { line: 3, character: 2 }; // on the misspelled `Model`, where the lightbulb shows
    for (let i = 0; i < 50; i++) {
      const at = i % 2 ? onModel : { line: 8, character: 0 };
      const r = await timed(() => codeActions(uri, { start: at, end: at }));
      times.push(r.ms);
      fixAllOffered ||= r.value.some((a) => a.title === 'Fix all Subagent Studio problems' && a.edit === undefined);
    }
    const lints = (await lintRuns()) - before;
    report(
      `a code-action request without \`only\` on a ${(text.length / 1024).toFixed(0)} KB agent (50 requests, on a finding and off)`,
      `median ${fmtMs(median(times))}, max ${fmtMs(max(times))}; ${lints} lint runs; lazy Fix all ${fixAllOffered ? 'offered (no edit)' : 'NOT offered'}`,
      'no re-lint, under 5 ms',
      lints === 0 && median(times) < 5,
    );
    const resolve = await timed(async () => {
      const [lazy] = (await codeActions(uri, { start: onModel, end: onModel })).filter((a) => a.title === 'Fix all Subagent Studio problems');
      return lazy ? client.connection.sendRequest('codeAction/resolve', lazy) : undefined;
    });
    report(`its Fix all, resolved when chosen`, `${fmtMs(resolve.ms)} (${resolve.value?.edit ? 'an edit' : 'NO EDIT'})`, undefined);
    const slow = client.logs.filter((l) => l.startsWith('slow: '));
    note(`the server logged ${slow.length} slow handler(s)${slow.length ? `: ${slow.slice(0, 4).join(' | ')}` : ''}`);
  } finally {
    await client.shutdown();
  }
}
