// The language server facing a hostile `.subagent-studio.json`: a link to /dev/zero (endless bytes) and a
// FIFO (a read that never ends). It must refuse both at once: its RSS before and after it tried to read
// them stays flat, and the agent file under them still gets its diagnostics.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fmtMB, fmtMs, note, nowMs, OUT_DIR, report, section } from './common.mjs';
import { LspClient, fileUri } from './lsp-client.mjs';
import { READY } from './lsp.mjs';

const ROOT = path.join(OUT_DIR, 'hostile-config');
const AGENT = '---\nname: probe\ndescription: Use it to probe the server.\n---\nBody\n';
/** How much the RSS may grow while the server reads the config and checks one small file. */
const FLAT = 10 * 1024 * 1024;

function makeFifo(file) {
  const r = spawnSync('mkfifo', [file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mkfifo ${file} failed: ${r.error?.message ?? r.stderr}`);
}

const CASES = [
  ['a link to /dev/zero', (config) => symlinkSync('/dev/zero', config)],
  ['a FIFO', makeFifo],
];

async function oneCase(what, make) {
  const root = path.join(ROOT, what.replace(/\W+/g, '-'));
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, '.claude', 'agents'), { recursive: true });
  make(path.join(root, '.subagent-studio.json'));
  const file = path.join(root, '.claude', 'agents', 'probe.md');
  writeFileSync(file, AGENT);
  const client = new LspClient();
  try {
    await client.initialize(root);
    await client.logged(READY);
    const before = client.memory();
    const uri = fileUri(file);
    const published = client.nextDiagnostics(uri, 1, 30_000);
    const t0 = nowMs();
    await client.didOpen(uri, AGENT);
    await published;
    const ms = nowMs() - t0;
    const after = client.memory();
    const said = client.logs.find((l) => l.includes('.subagent-studio.json'));
    const growth = after.rss - before.rss;
    report(
      `server RSS, .subagent-studio.json is ${what}`,
      `${fmtMB(before.rss)} before, ${fmtMB(after.rss)} after (${growth >= 0 ? '+' : ''}${fmtMB(growth)}; peak ${fmtMB(after.hwm)}); diagnostics ${fmtMs(ms)} after didOpen`,
      `flat: grows < ${fmtMB(FLAT)}`,
      growth < FLAT,
    );
    note(`  the server said: ${said ?? '(nothing about the config)'}`);
  } finally {
    await client.shutdown();
  }
}

export async function benchHostileConfig() {
  section('Hostile input: a .subagent-studio.json that never ends');
  note('a workspace whose .subagent-studio.json is hostile; didOpen of an agent file below it; VmRSS from /proc/<pid>/status before and after');
  for (const [what, make] of CASES) await oneCase(what, make);
}
