/**
 * The oracle layer: our reading of agent files against the real Claude Code, run offline.
 *
 *   node out/test/oracle/run.js [--version V] [--generated N] [--seed S] [--only fixtures,corpus,personas,generated,set]
 *
 * For every rule fixture, every persona and corpus file (the stand-ins in test/fixtures, and
 * ../shared/personas and ../shared/corpus when present) and N files fast-check generates (2,000 by default), it asks `subagent-studio list --format json` what Claude Code
 * will do, runs Claude Code on the same files (many agents with distinct names share a run), and prints
 * every disagreement: what we said, what Claude Code did. It also asks which file wins a name across scopes
 * and folders (set-scenarios.ts). Exit code 1 on any disagreement.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ListEntry } from '../../server/src/cli/list';
import { readAsClaudeCode } from '../../server/src/core/claude-code/reading';
import { readToolRule } from '../../server/src/core/claude-code/tools';
import { fixAll } from '../../server/src/core/fix-all';
import { lintText } from '../../server/src/core/lint';
import { field, parseAgent } from '../../server/src/core/parse';
import { LOADER_MODEL_ALIASES, TOOL_NAMES } from '../../server/src/core/schema';
import { CORPUS_DIRS, FIXTURES, PERSONA_DIRS, REPO_ROOT, setOf, SHARED_PRESENT } from '../helpers';
import { installClaudeCode, PINNED_VERSION, type ClaudeCode } from './claude-code';
import { toolClass, verdict, type Calibration, type Disagreement, type Ours } from './compare';
import { generateAgentFiles } from './generated';
import { MockApi } from './mock-api';
import { runBatch, subagentTools } from './sandbox';
import { checkSetScenarios, SET_SCENARIOS } from './set-scenarios';

interface Input {
  /** Where it comes from, for the report. */
  label: string;
  text: string;
  /** A repaired copy: the label of the file it repairs, whose description Claude Code must read the same. */
  repairs?: string;
}

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const BUILT_IN_AGENTS = new Set(['claude', 'Explore', 'general-purpose', 'Plan', 'statusline-setup']);
const BATCH_SIZE = 150;
const PARALLEL_RUNS = 2;
const RETRY_SIZE = 5;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function filesIn(dir: string, label: string, filter: (f: string) => boolean = (f) => f.endsWith('.md')): Input[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter(filter)
    .sort()
    .map((f) => ({ label: `${label}/${f}`, text: readFileSync(path.join(dir, f), 'utf8') }));
}

function ruleFixtures(): Input[] {
  const root = path.join(FIXTURES, 'rules');
  const out: Input[] = [];
  for (const rule of readdirSync(root).sort()) {
    if (!existsSync(path.join(root, rule)) || rule.endsWith('.md')) continue;
    for (const f of filesIn(path.join(root, rule), `fixtures/rules/${rule}`)) {
      // Plugin agents need an installed plugin: they are read by the same core but not asked here.
      if (/<!-- fixture: \{[^}]*"plugin": true/.test(f.text)) continue;
      out.push({ ...f, text: ownName(f.text, out.length) });
    }
  }
  return out;
}

/**
 * Most fixtures are called `code-reviewer`, and agents of one name need a run each. A fixture whose name is
 * a plain kebab-case line gets a name of its own (the same kind of name), so that many share a run.
 */
function ownName(text: string, i: number): string {
  const lines = text.match(/^name: [a-z][a-z0-9-]*$/gm);
  return lines?.length === 1 ? text.replace(/^name: ([a-z][a-z0-9-]*)$/m, `name: $1-f${i}`) : text;
}

/** The input with its safe fixes applied, when it loads only through Claude Code's rewrite (and the fixes repair that). */
function repaired(inp: Input): Input[] {
  const fileName = '/oracle/.claude/agents/x.md';
  if (!lintText(inp.text, { fileName }).findings.some((f) => f.code === 'yaml-needs-rewrite')) return [];
  const text = fixAll(inp.text, { fileName }).text;
  return text === inp.text ? [] : [{ label: `repaired/${inp.label}`, text, repairs: inp.label }];
}

/** A CLI run's JSON (exit code 1 only says a file does not load or has an error; the JSON is on stdout). */
function cliJson<T>(args: string[]): T {
  let out: string;
  try {
    out = execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? '';
  }
  return JSON.parse(out) as T;
}

/**
 * Our reading, through the CLI's JSON contracts, for files written as `.claude/agents/<i>.md`: the `list`
 * entry, and the codes of the error findings of `lint`.
 */
function ourEntries(inputs: readonly Input[]): Array<{ entry: ListEntry; errors: string[]; documentation: boolean }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'oracle-ours-'));
  try {
    const agents = path.join(dir, '.claude', 'agents');
    mkdirSync(agents, { recursive: true });
    inputs.forEach((inp, i) => writeFileSync(path.join(agents, `f${i}.md`), inp.text));
    const entries = cliJson<ListEntry[]>(['list', '--format', 'json', '--allow-empty', agents]);
    const reports = cliJson<Array<{ file: string; diagnostics: Array<{ code: string; severity: string }> }>>(['lint', '--format', 'json', '--allow-empty', agents]);
    const byFile = new Map(entries.map((e) => [path.basename(e.file), e]));
    const errors = new Map(reports.map((r) => [path.basename(r.file), r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)]));
    const documentation = new Set(reports.filter((r) => r.diagnostics.some((d) => d.code === 'no-frontmatter' && d.severity !== 'error')).map((r) => path.basename(r.file)));
    return inputs.map((_, i) => ({ entry: byFile.get(`f${i}.md`)!, errors: errors.get(`f${i}.md`) ?? [], documentation: documentation.has(`f${i}.md`) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What tells a file apart in a run: the name it loads under, or the name it was given. */
function identities(inp: Input, entry: ListEntry): string[] {
  const ids = new Set<string>();
  if (entry.name) ids.add(entry.name);
  // The name it was written with, when it is text (a file that does not load could load under it).
  const agent = parseAgent(inp.text);
  const written = agent.frontmatter ? field(agent.frontmatter.fields, 'name')?.value : undefined;
  if (written?.kind === 'string' && written.value.trim()) ids.add(written.value.trim());
  return [...ids];
}

interface Item {
  input: Input;
  ours: Ours;
  ids: string[];
  /** Codes of our error findings. */
  errors: string[];
  /** We say the agent loads and starts but cannot run (a model the API refuses). */
  cannotRun: boolean;
  /** No frontmatter and nothing that looks like fields: documentation, not an agent file. */
  documentation: boolean;
}

/** Packs files into runs where no two share an identity. */
function batches(items: Item[]): Item[][] {
  const out: Array<{ items: Item[]; ids: Set<string> }> = [];
  for (const item of items) {
    let b = out.find((x) => x.items.length < BATCH_SIZE && item.ids.every((id) => !x.ids.has(id)));
    if (!b) out.push((b = { items: [], ids: new Set() }));
    b.items.push(item);
    for (const id of item.ids) b.ids.add(id);
  }
  return out.map((b) => b.items);
}

async function calibrate(cc: ClaudeCode, api: MockApi): Promise<Calibration> {
  const aliases = [...LOADER_MODEL_ALIASES, 'inherit'];
  const agent = (name: string, lines: string[]) => ({
    rel: `.claude/agents/${name}.md`,
    text: ['---', `name: ${name}`, 'description: Calibration agent.', ...lines, '---', 'Calibration.', ''].join('\n'),
  });
  const modelAgents = aliases.map((a, i) => agent(`oracle-cal-model-${i}`, [`model: ${a}`]));
  // Per class: an agent with every tool, and one that lists every tool name (some tools, such as Glob and
  // Grep, are given only to an agent that lists them).
  const classes = [false, true].flatMap((background) => [false, true].map((plan) => ({ background, plan, cls: toolClass(background, plan) })));
  const classLines = (c: { background: boolean; plan: boolean }) => [...(c.background ? ['background: true'] : []), ...(c.plan ? ['permissionMode: plan'] : [])];
  const allAgents = classes.map((c, i) => agent(`oracle-cal-all-${i}`, classLines(c)));
  const listedAgents = classes.map((c, i) => agent(`oracle-cal-listed-${i}`, [...classLines(c), `tools: ${TOOL_NAMES.join(', ')}`]));
  const noBash = TOOL_NAMES.filter((t) => t !== 'Bash');
  const noBashAgents = classes.map((c, i) => agent(`oracle-cal-nobash-${i}`, [...classLines(c), `tools: ${noBash.join(', ')}`]));
  const project = [...modelAgents, ...allAgents, ...listedAgents, ...noBashAgents];
  const spawn = project.map((p) => path.basename(p.rel, '.md'));
  const obs = await runBatch(cc, api, { project, spawn });
  const started = (name: string) => {
    const r = obs.subagents.get(name);
    if (!r) throw new Error(`calibration: ${name} did not start; Claude Code loaded ${obs.agents.join(', ')}`);
    return r;
  };
  const models = new Map(aliases.map((a, i) => [a, started(`oracle-cal-model-${i}`).model]));
  const allTools = new Map(classes.map((c, i) => [c.cls, subagentTools(started(`oracle-cal-all-${i}`))]));
  const pool = new Map(classes.map((c, i) => [c.cls, new Set(subagentTools(started(`oracle-cal-listed-${i}`)))]));
  const poolWithoutBash = new Map(classes.map((c, i) => [c.cls, new Set(subagentTools(started(`oracle-cal-nobash-${i}`)))]));
  return { allTools, pool, poolWithoutBash, models };
}

async function main(): Promise<number> {
  const started = Date.now();
  const version = arg('--version') ?? PINNED_VERSION;
  const generatedCount = Number(arg('--generated') ?? 2000);
  const seed = Number(arg('--seed') ?? Date.now() % 1_000_000);
  const only = arg('--only')?.split(',');
  const want = (k: string) => !only || only.includes(k);

  const inputs: Input[] = [];
  if (want('fixtures')) inputs.push(...ruleFixtures(), ...filesIn(path.join(FIXTURES, 'preview'), 'fixtures/preview'));
  // Labelled by set: the stand-ins and ../shared have files of the same name.
  if (want('personas')) for (const dir of PERSONA_DIRS) inputs.push(...filesIn(dir, `personas/${setOf(dir)}`, (f) => /^\d{3}-.*\.md$/.test(f)));
  if (want('corpus')) for (const dir of CORPUS_DIRS) inputs.push(...filesIn(dir, `corpus/${setOf(dir)}`));
  if (want('generated')) inputs.push(...generateAgentFiles(generatedCount, seed).map((g) => ({ label: `generated/${g.id} (seed ${seed})`, text: g.text })));
  // Fix-all on every file Claude Code loads only through its rewrite: the repair must read the same to it.
  inputs.push(...inputs.flatMap(repaired));
  const counts = Object.fromEntries(['fixtures', 'personas', 'corpus', 'generated', 'repaired'].map((k) => [k, inputs.filter((i) => i.label.startsWith(`${k}/`)).length]));
  console.log(
    `# oracle: Claude Code ${version}; ${inputs.length} files (${Object.entries(counts)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')}); seed ${seed}`,
  );
  if (!SHARED_PRESENT) console.log('# ../shared is absent: the personas and the corpus are the stand-ins of test/fixtures');

  const cc = installClaudeCode(version);
  const entries = ourEntries(inputs);
  const items: Item[] = inputs.map((input, i) => {
    const reading = readAsClaudeCode(input.text, { agent: parseAgent(input.text) });
    const { entry, errors, documentation } = entries[i];
    // The one error a file Claude Code loads and starts may have: a model its rewrite changed, which the
    // API refuses (the model Claude Code sends is held to ours below).
    const cannotRun = reading.deviations.some((d) => d.kind === 'rewritten' && d.key === 'model');
    const disallowed = (reading.disallowedTools ?? []).map((d) => readToolRule(d).tool);
    const systemPrompt = input.text.slice(reading.systemPrompt.start, reading.systemPrompt.end);
    const background = reading.settings.background === true;
    const plan = reading.settings.permissionMode === 'plan';
    return { input, ours: { entry, disallowed, systemPrompt, background, plan }, ids: identities(input, entry), errors, cannotRun, documentation };
  });

  const api = await MockApi.start();
  const disagreements: Array<{ label: string; d: Disagreement }> = [];
  /** What Claude Code told the main conversation about each file that loaded, by label. */
  const told = new Map<string, string>();
  let runs = 0;
  try {
    const cal = await calibrate(cc, api);
    runs++;
    console.log(
      `# calibration: every tool = ${[...cal.allTools].map(([c, t]) => `${t.length} (${c})`).join(', ')}; models: ${[...cal.models].map(([a, m]) => `${a}=${m}`).join(', ')}`,
    );
    const queue = batches(items);
    console.log(`# ${queue.length} runs of Claude Code, ${PARALLEL_RUNS} at a time`);
    const flaky: Item[] = [];
    const check = async (b: Item[], retry: boolean) => {
      const spawn = b.filter((it) => it.ours.entry.loads).map((it) => it.ours.entry.name!);
      const obs = await runBatch(cc, api, { project: b.map((it, i) => ({ rel: `.claude/agents/f${i}.md`, text: it.input.text })), spawn });
      runs++;
      const known = new Set([...BUILT_IN_AGENTS, ...spawn]);
      for (const it of b) {
        const { disagreements: ds, works: ccWorks } = verdict(it.ours, obs, cal);
        // Under load Claude Code now and then starts no subagent for one of the 20 calls of an answer:
        // an agent that should start but did not is asked once more, in a small run of its own.
        if (!retry && ds.length === 1 && ds[0].field === 'runs' && ds[0].claudeCode === 'did not start') {
          flaky.push(it);
          continue;
        }
        for (const d of ds) disagreements.push({ label: it.input.label, d });
        const listed = it.ours.entry.name ? obs.listing.get(it.ours.entry.name) : undefined;
        if (listed) told.set(it.input.label, listed.description);
        // The severity contract: an error exactly when Claude Code does not load the agent or it cannot run.
        // (Markdown with no frontmatter beside the agents is documentation, not an agent file: no error.)
        const works = ccWorks && !it.cannotRun;
        if (!it.documentation && works === it.errors.length > 0) {
          disagreements.push({
            label: it.input.label,
            d: {
              field: 'severity',
              ours: it.errors.length ? `errors: ${it.errors.join(', ')}` : 'no error',
              claudeCode: works ? 'loads and starts the agent' : 'does not load or start the agent',
            },
          });
        }
      }
      for (const name of obs.agents) {
        if (known.has(name)) continue;
        const suspect = b.find((it) => it.ids.includes(name)) ?? b.find((it) => it.input.text.includes(name));
        disagreements.push({
          label: suspect?.input.label ?? '(a file of this run)',
          d: { field: 'unexpected', ours: 'no file loads under this name', claudeCode: `loaded ${JSON.stringify(name)}` },
        });
      }
    };
    const worker = async () => {
      for (let b = queue.shift(); b; b = queue.shift()) await check(b, false);
    };
    await Promise.all(Array.from({ length: PARALLEL_RUNS }, worker));
    // A repair must not change what Claude Code tells the main conversation, except where the rewrite had
    // changed the description: then it may also make Claude Code read it as the author meant. Which of the two
    // depends on the fix (a repair of the description keeps the line the rewrite read whole, comment and all;
    // a repair of another line leaves nothing to rewrite, and YAML reads ` #` as a comment).
    const byLabel = new Map(inputs.map((i) => [i.label, i]));
    for (const inp of inputs) {
      if (!inp.repairs) continue;
      const original = byLabel.get(inp.repairs)!;
      const rewritten = lintText(original.text, { fileName: '/oracle/.claude/agents/x.md' }).claude.deviations.find((d) => d.kind === 'rewritten' && d.key === 'description');
      const before = told.get(inp.repairs);
      // Only what Claude Code listed before counts (fix-all may also make a file load).
      if (before === undefined) continue;
      const allowed = [before, ...(rewritten?.kind === 'rewritten' ? [rewritten.meant] : [])];
      const after = told.get(inp.label);
      // Blanks at the end of a line are no part of what the author meant, and the repair drops them.
      if (!allowed.some((v) => v.trimEnd() === after?.trimEnd())) {
        const ours = `the repair keeps the description${allowed.length > 1 ? ' or makes it read as meant' : ''}: ${allowed.map((v) => JSON.stringify(v)).join(' or ')}`;
        disagreements.push({
          label: inp.label,
          d: { field: 'description', ours, claudeCode: after === undefined ? 'the repaired file is not listed' : JSON.stringify(after) },
        });
      }
    }
    if (want('set')) {
      disagreements.push(...(await checkSetScenarios(cc, api)));
      runs += SET_SCENARIOS.length;
    }
    if (flaky.length > 0) {
      console.log(`# ${flaky.length} agents did not start in a full run: asked again, in runs of ${RETRY_SIZE}`);
      for (let i = 0; i < flaky.length; i += RETRY_SIZE) await check(flaky.slice(i, i + RETRY_SIZE), true);
    }
  } finally {
    await api.stop();
  }

  for (const { label, d } of disagreements) {
    console.log(`DISAGREE ${label} [${d.field}]\n  we said:     ${d.ours}\n  Claude Code: ${d.claudeCode}`);
    const inp = inputs.find((i) => i.label === label);
    if (inp && label.startsWith('generated/')) console.log(`  file: ${JSON.stringify(inp.text)}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const disagreeing = new Set(disagreements.map((d) => d.label)).size;
  const tests = inputs.length + (want('set') ? SET_SCENARIOS.length : 0);
  console.log(
    `\noracle: ${tests - disagreeing} files agree, ${disagreeing} disagree (${disagreements.length} disagreements); ${runs} runs of Claude Code ${version} in ${seconds} s`,
  );
  return disagreements.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(2);
  },
);
