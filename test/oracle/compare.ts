/**
 * Our reading of a file (`subagent-studio list --format json`, and the core's system prompt) against what
 * the real Claude Code did with it in a run.
 */
import { LOADER_MODEL_ALIASES } from '../../server/src/core/schema';
import type { ListEntry } from '../../server/src/cli/list';
import { subagentTools, type Observation } from './sandbox';

/** What one run of Claude Code shows about the session itself, learned from agents of known form. */
export interface Calibration {
  /** Tools given to an agent that lists every tool name but Bash (by class); `pool` lists Bash too. */
  poolWithoutBash: Map<string, Set<string>>;
  /** The tools an agent with every tool gets, by class (`background`, `background+plan`, ...). */
  allTools: Map<string, string[]>;
  /** The tools an agent that lists every tool name gets, by class: no listed tool outside them is given. */
  pool: Map<string, Set<string>>;
  /** The model each alias resolves to, and `inherit` (the main conversation's model). */
  models: Map<string, string>;
}

export interface Disagreement {
  field: 'loads' | 'description' | 'tools' | 'runs' | 'toolNames' | 'model' | 'systemPrompt' | 'unexpected' | 'severity';
  ours: string;
  claudeCode: string;
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.length > 300 ? v.slice(0, 300) + '…' : v) : JSON.stringify(v));

/** The model Claude Code should send for our `model` value. */
function expectedModel(model: string, cal: Calibration): string | undefined {
  const alias = model.toLowerCase();
  if (alias === 'inherit') return cal.models.get('inherit');
  if (LOADER_MODEL_ALIASES.includes(alias)) return cal.models.get(alias);
  return model;
}

/** The calibration class of an agent: what, besides its lists, bears on the tools it gets. */
export function toolClass(background: boolean, plan: boolean): string {
  return `${background ? 'background' : 'foreground'}${plan ? '+plan' : ''}`;
}

/** The tools Claude Code should give, in this session, for our resolved tool names. */
function expectedTools(ours: Ours, cal: Calibration): string[] {
  const cls = toolClass(ours.background, ours.plan);
  if (ours.entry.toolNames === null) return (cal.allTools.get(cls) ?? []).filter((t) => !ours.disallowed.includes(t));
  // In this session Bash has search built in: Glob and Grep are given only to an agent without Bash.
  const pool = (ours.entry.toolNames.includes('Bash') ? cal.pool : cal.poolWithoutBash).get(cls) ?? new Set();
  return ours.entry.toolNames.filter((t) => pool.has(t));
}

export interface Ours {
  entry: ListEntry;
  /** The tools `disallowedTools` names, as we read them (for an agent with every tool). */
  disallowed: string[];
  background: boolean;
  plan: boolean;
  /** The system prompt as we cut it. */
  systemPrompt: string;
}

export interface Verdict {
  disagreements: Disagreement[];
  /** Claude Code loads the file and, in a session with the tools it lists, would start the agent. */
  works: boolean;
}

/** Compares, and says whether the agent works (for the severity contract). */
export function verdict(ours: Ours, obs: Observation, cal: Calibration): Verdict {
  const disagreements = compare(ours, obs, cal);
  const name = ours.entry.name ?? '';
  const loaded = ours.entry.loads && obs.agents.includes(name);
  // A session without the MCP servers or tools it lists does not start it; ours says whether one would.
  const started = obs.subagents.has(name) || (loaded && ours.entry.runs && !disagreements.some((d) => d.field === 'runs'));
  return { disagreements, works: loaded && started };
}

export function compare(ours: Ours, obs: Observation, cal: Calibration): Disagreement[] {
  const out: Disagreement[] = [];
  const { entry } = ours;
  const name = entry.name ?? '';
  const loaded = entry.loads && obs.agents.includes(name);
  if (entry.loads !== loaded) {
    out.push({
      field: 'loads',
      ours: entry.loads ? `loads as ${show(name)}` : `not loaded (${entry.reason})`,
      claudeCode: loaded ? 'loaded' : `not loaded${name ? ` as ${show(name)}` : ''}`,
    });
    return out;
  }
  if (!entry.loads) return out;
  const listed = obs.listing.get(name);
  if (!listed) {
    out.push({ field: 'description', ours: show(entry.description), claudeCode: 'no entry in the list the main conversation gets' });
    return out;
  }
  if (listed.description !== entry.description) out.push({ field: 'description', ours: show(entry.description), claudeCode: show(listed.description) });
  if (listed.tools !== entry.tools) out.push({ field: 'tools', ours: show(entry.tools), claudeCode: show(listed.tools) });
  const expected = expectedTools(ours, cal);
  const shouldRun = entry.runs && (entry.toolNames === null || entry.toolNames.length === 0 || expected.length > 0);
  const request = obs.subagents.get(name);
  if (shouldRun !== (request !== undefined)) {
    out.push({ field: 'runs', ours: shouldRun ? 'starts' : 'refused', claudeCode: request ? 'started' : 'did not start' });
    return out;
  }
  if (!request) return out;
  const got = subagentTools(request).sort();
  const want = [...expected].sort();
  if (got.join(',') !== want.join(',')) out.push({ field: 'toolNames', ours: show(want), claudeCode: show(got) });
  const model = expectedModel(entry.model ?? 'inherit', cal);
  if (model !== request.model) out.push({ field: 'model', ours: `${show(entry.model)} (sends ${show(model)})`, claudeCode: show(request.model) });
  if (ours.systemPrompt !== '' && !request.system.includes(ours.systemPrompt)) {
    out.push({ field: 'systemPrompt', ours: show(ours.systemPrompt), claudeCode: show(request.system.slice(0, 600)) });
  }
  return out;
}
