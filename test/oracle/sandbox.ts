/**
 * One run of the real Claude Code, offline, in temporary folders: a project (a git repository) with agent
 * files, a fresh HOME, the mock API. What it tells: the agents it loaded (`init` event), the line the main
 * conversation gets for each (first request), and for each probed agent the request its subagent made
 * (model, tools, system prompt).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ClaudeCode } from './claude-code';
import { probeToken, type MockApi, type SubagentRequest } from './mock-api';

export interface SandboxFile {
  /** Path relative to the project root (or to HOME for `home`). */
  rel: string;
  text: string | Buffer;
}

export interface Batch {
  project: SandboxFile[];
  home?: SandboxFile[];
  /** The working folder, relative to the project root (default: the root). */
  cwd?: string;
  /** Agent names to start as subagents, to see what they run with. */
  spawn: string[];
}

export interface ListedAgent {
  description: string;
  tools: string;
}

export interface Observation {
  /** Every agent name of the `init` event (built-in ones too). */
  agents: string[];
  /** The main conversation's entry for each agent, by name. */
  listing: Map<string, ListedAgent>;
  /** The subagent request of each probed agent that started, by name. */
  subagents: Map<string, SubagentRequest>;
  /** The main conversation's tools (names as sent). */
  mainTools: string[];
  /** The main conversation's model. */
  mainModel: string;
  /** Claude Code's debug log (why a file was not loaded). */
  debug: string;
}

const LISTING_HEADER = 'Available agent types for the Agent tool:\n';

/** The entries under "Available agent types", split at the known names. */
export function parseListing(messages: string, names: readonly string[]): Map<string, ListedAgent> {
  const out = new Map<string, ListedAgent>();
  const at = messages.indexOf(LISTING_HEADER);
  if (at < 0) return out;
  const section = '\n' + messages.slice(at + LISTING_HEADER.length);
  const starts: Array<{ name: string; start: number; textStart: number }> = [];
  for (const name of names) {
    const i = section.indexOf(`\n- ${name}: `);
    if (i >= 0) starts.push({ name, start: i, textStart: i + name.length + 5 });
  }
  starts.sort((a, b) => a.start - b.start);
  starts.forEach((s, k) => {
    const end = k + 1 < starts.length ? starts[k + 1].start : section.length;
    let entry = section.slice(s.textStart, end);
    if (k + 1 === starts.length) {
      // The last entry ends at its `(Tools: …)` and the blank line after it.
      const m = /\(Tools: [^\n]*\)(?=\n\n|$)/.exec(entry);
      if (m) entry = entry.slice(0, m.index + m[0].length);
    }
    const t = entry.lastIndexOf(' (Tools: ');
    if (t < 0 || !entry.endsWith(')')) return;
    out.set(s.name, { description: entry.slice(0, t), tools: entry.slice(t + ' (Tools: '.length, -1) });
  });
  return out;
}

/** The tools a subagent got: the ones it was sent, and the deferred ones its messages name. */
export function subagentTools(r: SubagentRequest): string[] {
  const tools = r.tools.filter((t) => t !== 'DeferredToolPlaceholder');
  const at = r.messages.indexOf('The following deferred tools are now available via ToolSearch');
  if (at < 0) return tools;
  // One tool name a line after the header, up to the first line that is not one.
  for (const line of r.messages.slice(r.messages.indexOf('\n', at) + 1).split('\n')) {
    if (!/^[A-Za-z_][\w-]*$/.test(line)) break;
    if (!tools.includes(line)) tools.push(line);
  }
  return tools;
}

function writeFiles(root: string, files: readonly SandboxFile[]): void {
  for (const f of files) {
    const p = path.join(root, f.rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, f.text);
  }
}

/** Runs Claude Code once on the batch and reports what it did. */
export async function runBatch(cc: ClaudeCode, api: MockApi, batch: Batch, timeoutMs = 180_000): Promise<Observation> {
  const root = mkdtempSync(path.join(tmpdir(), 'oracle-'));
  const projectDir = path.join(root, 'project');
  const homeDir = path.join(root, 'home');
  mkdirSync(projectDir, { recursive: true });
  mkdirSync(homeDir, { recursive: true });
  const run = api.open(batch.spawn);
  try {
    writeFiles(projectDir, batch.project);
    writeFiles(homeDir, batch.home ?? []);
    // A repository root stops the walk up for project agent folders at the project; a first commit lets
    // agents with `isolation: worktree` start.
    const git = (...a: string[]) => spawnSync('git', ['-C', projectDir, '-c', 'user.name=oracle', '-c', 'user.email=oracle@localhost', ...a], { stdio: 'ignore' });
    git('init', '-q');
    git('commit', '-q', '--allow-empty', '-m', 'start');
    const cwd = path.join(projectDir, batch.cwd ?? '');
    mkdirSync(cwd, { recursive: true });
    const debugFile = path.join(root, 'debug.log');
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: homeDir,
      ANTHROPIC_API_KEY: 'sk-oracle-test',
      ANTHROPIC_BASE_URL: run.baseUrl,
      DISABLE_TELEMETRY: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_AUTOUPDATER: '1',
    };
    const args = [...cc.prefix, '-p', 'hi', '--output-format', 'stream-json', '--verbose', '--debug-file', debugFile];
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = spawn(cc.command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`Claude Code did not finish within ${timeoutMs} ms; stderr: ${err.slice(0, 2000)}`));
      }, timeoutMs);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on('close', () => {
        clearTimeout(timer);
        resolve(out);
      });
    });
    const init = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { type?: string; subtype?: string; agents?: string[] })
      .find((e) => e.type === 'system' && e.subtype === 'init');
    if (!init?.agents) throw new Error(`Claude Code printed no init event; stdout: ${stdout.slice(0, 2000)}`);
    const agents = init.agents;
    const subagents = new Map<string, SubagentRequest>();
    batch.spawn.forEach((name, i) => {
      const r = run.record.subagents.get(probeToken(i));
      if (r) subagents.set(name, r);
    });
    let debug = '';
    try {
      debug = readFileSync(debugFile, 'utf8');
    } catch {
      // no debug file: nothing was logged
    }
    return {
      agents,
      listing: parseListing(run.record.main?.messages ?? '', agents),
      subagents,
      mainTools: run.record.main?.tools ?? [],
      mainModel: run.record.main?.model ?? '',
      debug,
    };
  } finally {
    run.close();
    rmSync(root, { recursive: true, force: true });
  }
}
