/**
 * What Claude Code does with an agent file: whether it loads and why not, what the main conversation is
 * told about it, and what the agent runs with. The one model every rule, the hover, the preview and the
 * `list` command read. Pure: the text, the scope and the file name are all it needs.
 *
 * The steps follow Claude Code's loader (spec/agent-file-format.md): its own split (split.ts), its YAML
 * parse with the rewrite and retry (yaml.ts), then the checks and coercions of the local or the plugin
 * agent loader (values.ts, tools.ts, hooks.ts).
 */
import type { AgentModel, Field } from '../model';
import { field } from '../parse';
import {
  ISOLATION_VALUES,
  LOADER_KEY_HINTS,
  LOADER_KEYS,
  MEMORY_SCOPES,
  MEMORY_TOOLS,
  NAME_MAX_LENGTH,
  PLUGIN_IGNORED_KEYS,
  PLUGIN_ISOLATION_VALUES,
  PLUGIN_LOADER_KEYS,
  COLORS,
} from '../schema';
import type { OffsetRange } from '../types';
import { findDeviations, type Deviation } from './deviations';
import { hooksObstacle } from './hooks';
import { claudeCodeSplit, type ClaudeCodeSplit } from './split';
import { listedTools, resolveTools, type ToolResolution } from './tools';
import { looseKey, readAutoCompactWindow, readCacheTtl, readEffort, readMaxTurns, readModel, readPermissionMode, readSkillsField, readToolsField, readTrue } from './values';
import { parseFrontmatterYaml, type RewrittenLine } from './yaml';

/** Where an agent file is read from: local scopes share one loader, plugins have their own. */
export type AgentScope = 'project' | 'user' | 'managed' | 'plugin';

/** Why a file is not loaded. */
export type NotLoadedCode =
  | 'no-frontmatter'
  | 'invalid-yaml'
  | 'name-missing'
  | 'name-not-text'
  | 'name-dash'
  | 'name-too-long'
  | 'name-colon'
  | 'description-missing'
  | 'description-not-text'
  | 'hooks';

export interface NotLoaded {
  code: NotLoadedCode;
  /** One sentence, as a reason: "its `name` starts with `-`". */
  reason: string;
  /** Where in the file (the field, the YAML error, or the start of the file). */
  range: OffsetRange;
}

export type YamlStatus = 'none' | 'parsed' | 'rewritten' | 'failed';

export interface ClaudeCodeReading {
  scope: AgentScope;
  /** Claude Code's split; absent when it finds no frontmatter. */
  split?: ClaudeCodeSplit;
  /** How the YAML read: strictly, only after the rewrite, or not at all. */
  yaml: YamlStatus;
  /** The error of the strict parse (also when the rewrite rescued the file), in the document. */
  strictError?: { message: string; range: OffsetRange };
  /** The error of the retry, when the file is not loaded for its YAML. */
  retryError?: { message: string; range: OffsetRange };
  /** Lines the retry quoted whole, offsets in the document. */
  rewritten: RewrittenLine[];
  /** Starts of lines whose leading tabs the retry turned into spaces. */
  tabLines: number[];
  /** The frontmatter as Claude Code holds it: a map (empty when the YAML is not a map or did not parse). */
  frontmatter: Record<string, unknown>;
  /**
   * What the YAML gave when it parsed to something other than keys: several documents (a `...` line ends
   * the first, and Claude Code gets a list of them), a list, or a lone value. Absent for keys or nothing.
   */
  notKeys?: 'documents' | 'list' | 'value';
  /** The file's own verdict (a namesake of higher rank may still shadow it). */
  loads: boolean;
  notLoaded?: NotLoaded;
  /** The agent's name (for plugin agents `plugin:…:name`). */
  name?: string;
  /** The description as the main conversation gets it. */
  description?: string;
  /** `tools` and `disallowedTools` as Claude Code holds them (undefined: every tool). */
  tools?: string[];
  disallowedTools?: string[];
  /** What the main conversation is told: `All tools`, `Read, Grep`, `All tools except Write` or `None`. */
  listedTools: string;
  /** `- name: description (Tools: …)`, the agent's entry under "Available agent types". */
  listing?: string;
  resolution: ToolResolution;
  /** The model: an alias or the string sent to the API; `inherit` when none. */
  model: string;
  /** Where the system prompt (the trimmed body) stands in the document. */
  systemPrompt: OffsetRange;
  /** Other settings the agent gets, by key (only the ones that survived). */
  settings: Record<string, unknown>;
  /** Values Claude Code drops, each with why (the agent still loads). */
  dropped: Array<{ key: string; why: string }>;
  /** Top-level keys Claude Code does not know, with the key it suggests in its log. */
  unknownKeys: Array<{ key: string; hint?: string }>;
  /** Values Claude Code reads otherwise than the author evidently meant. */
  deviations: Deviation[];
}

export interface ReadOptions {
  scope?: AgentScope;
  /** The file's path or URI (plugin agents take their name from it). */
  fileName?: string;
  /** The plugin's name, for plugin agents (default: the folder above `agents/`). */
  pluginName?: string;
  /** The author's parse of the same text (its frontmatter is what is read), reused when Claude Code's split gives the same YAML. */
  agent?: AuthorParse;
}

/** What the reading takes from the author's parse: the frontmatter only (parseFrontmatter gives no more). */
export type AuthorParse = Pick<AgentModel, 'frontmatter'>;

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What YAML made of a frontmatter that holds no keys, in words. */
export const NOT_KEYS: Record<NonNullable<ClaudeCodeReading['notKeys']>, string> = {
  documents: 'several YAML documents (a `...` line ends the first)',
  list: 'a YAML list',
  value: 'a lone YAML value',
};

/** Holds the parsed YAML as the frontmatter, or says what it is when it holds no keys. */
function holdFrontmatter(r: ClaudeCodeReading, value: unknown, source: string): void {
  if (isMap(value)) r.frontmatter = value;
  else if (value !== null && value !== undefined) r.notKeys = !Array.isArray(value) ? 'value' : DOCUMENT_END.test(source) ? 'documents' : 'list';
}

/** A line that ends a YAML document (`...`), after which a second one may start. */
export const DOCUMENT_END = /^\.\.\.[ \t]*$/m;

/** Claude Code's reading of an agent file. */
export function readAsClaudeCode(text: string, options: ReadOptions = {}): ClaudeCodeReading {
  const scope = options.scope ?? 'project';
  const split = claudeCodeSplit(text);
  const start = split?.bom ? 1 : 0;
  const whole = { start, end: Math.min(text.length, start + 3) };
  const base: ClaudeCodeReading = {
    scope,
    split,
    yaml: 'none',
    rewritten: [],
    tabLines: [],
    frontmatter: {},
    loads: false,
    listedTools: 'All tools',
    resolution: { toolNames: null, unresolved: [], runs: true },
    model: 'inherit',
    systemPrompt: split ? split.body : { start, end: text.length },
    settings: {},
    dropped: [],
    unknownKeys: [],
    deviations: [],
  };
  if (split) readYamlInto(base, text, split, options.agent);
  base.deviations = findDeviations(text, split, base.yaml === 'parsed', base.rewritten, options.agent);
  if (scope === 'plugin') return readPluginAgent(base, options);
  if (!split) return notLoaded(base, 'no-frontmatter', 'it has no frontmatter: the file does not start with a `---` line closed by another `---`', whole);
  if (base.yaml === 'failed') {
    return notLoaded(base, 'invalid-yaml', 'its frontmatter is not valid YAML, even after Claude Code quotes the values that break it', base.retryError!.range);
  }
  return readLocalAgent(base, options.agent);
}

function readYamlInto(r: ClaudeCodeReading, text: string, split: ClaudeCodeSplit, agent: AuthorParse | undefined): void {
  const reused = reusableValue(text, split, agent);
  if (reused !== undefined) {
    r.yaml = 'parsed';
    holdFrontmatter(r, reused.value, text.slice(split.content.start, split.content.end));
    return;
  }
  const source = text.slice(split.content.start, split.content.end);
  const parsed = parseFrontmatterYaml(source);
  const at = (o: number) => ({ start: split.content.start + o, end: Math.min(split.content.end, split.content.start + o + 1) });
  r.yaml = parsed.status;
  if (parsed.status === 'parsed') {
    holdFrontmatter(r, parsed.value, source);
    return;
  }
  r.strictError = { message: parsed.strictError.message, range: at(parsed.strictError.at) };
  const shift = (range: OffsetRange) => ({ start: range.start + split.content.start, end: range.end + split.content.start });
  r.rewritten = parsed.retry.rewritten.map((l) => ({ ...l, keyRange: shift(l.keyRange), valueRange: shift(l.valueRange) }));
  r.tabLines = parsed.retry.tabLines.map((o) => o + split.content.start);
  if (parsed.status === 'rewritten') holdFrontmatter(r, parsed.value, parsed.retry.text);
  else r.retryError = { message: parsed.retryError.message, range: at(parsed.retryError.at) };
}

/**
 * The author's parse, when it read the very YAML text Claude Code parses and read it as valid YAML (then
 * both readers agree: the oracle tests hold the `yaml` package to Claude Code's parser).
 */
function reusableValue(text: string, split: ClaudeCodeSplit, agent: AuthorParse | undefined): { value: unknown } | undefined {
  const fm = agent?.frontmatter;
  if (!fm || fm.fieldsFrom !== 'yaml' || fm.value === undefined || !fm.close) return undefined;
  if (fm.close.start !== split.content.end) return undefined;
  if (fm.content.start > split.content.start || text.slice(fm.content.start, split.content.start).trim() !== '') return undefined;
  return { value: fm.value };
}

function notLoaded(r: ClaudeCodeReading, code: NotLoadedCode, reason: string, range: OffsetRange): ClaudeCodeReading {
  r.loads = false;
  r.notLoaded = { code, reason, range };
  return r;
}

/** The author's field of this key that Claude Code reads (the last one), for ranges. */
function authorField(agent: AuthorParse | undefined, key: string): Field | undefined {
  return agent?.frontmatter ? field(agent.frontmatter.fields, key) : undefined;
}

function fieldRange(r: ClaudeCodeReading, agent: AuthorParse | undefined, key: string, part: 'key' | 'value' = 'value'): OffsetRange {
  const f = authorField(agent, key);
  if (f) return part === 'key' ? f.keyRange : f.value.range;
  const split = r.split;
  return split ? { start: split.content.start, end: split.content.start } : r.systemPrompt;
}

/** The keys a scope's loader reads, and those of them it may suggest for a misspelt key. Made once: every file asks. */
interface LoaderKeys {
  known: ReadonlySet<string>;
  candidates: readonly string[];
}

function loaderKeys(known: readonly string[], unhinted: readonly string[]): LoaderKeys {
  return { known: new Set(known), candidates: known.filter((k) => !unhinted.includes(k)) };
}

const PROJECT_KEYS = loaderKeys(LOADER_KEYS, []);
const PLUGIN_KEYS = loaderKeys([...LOADER_KEYS, ...PLUGIN_LOADER_KEYS], PLUGIN_IGNORED_KEYS);

function unknownKeys(frontmatter: Record<string, unknown>, { known, candidates }: LoaderKeys): ClaudeCodeReading['unknownKeys'] {
  return Object.keys(frontmatter)
    .filter((k) => !known.has(k))
    .map((key) => {
      const loose = looseKey(key);
      const pointed = Object.prototype.hasOwnProperty.call(LOADER_KEY_HINTS, loose) ? LOADER_KEY_HINTS[loose] : undefined;
      const hint = pointed !== undefined ? (pointed ?? undefined) : (candidates.find((c) => looseKey(c) === loose) ?? nearestKey(key, candidates));
      return hint !== undefined && candidates.includes(hint) ? { key, hint } : { key };
    });
}

/** The candidate within an edit distance of 2 of `key` (the first, closest), as Claude Code suggests. */
function nearestKey(key: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const c of candidates) {
    if (Math.abs(c.length - key.length) > 2) continue;
    const d = boundedDistance(key, c, 2);
    if (d <= 2 && (!best || d < best.d)) best = { name: c, d };
  }
  return best?.name;
}

function boundedDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** The settings both loaders read alike. */
function readCommonSettings(r: ClaudeCodeReading, fm: Record<string, unknown>, isolationValues: readonly string[]): void {
  const s = r.settings;
  const drop = (key: string, why: string) => r.dropped.push({ key, why });
  const model = readModel(fm.model);
  if (model !== undefined) r.model = model;
  if (fm.background !== undefined && !['true', 'false', true, false].includes(fm.background as string | boolean)) drop('background', 'must be `true` or `false`');
  if (readTrue(fm.background)) s.background = true;
  if (readTrue(fm.omitClaudeMd)) s.omitClaudeMd = true;
  if (fm.memory !== undefined) {
    if (MEMORY_SCOPES.includes(fm.memory as string)) s.memory = fm.memory;
    else drop('memory', `must be one of ${MEMORY_SCOPES.join(', ')}`);
  }
  if (fm.isolation !== undefined) {
    if (isolationValues.includes(fm.isolation as string)) s.isolation = fm.isolation;
    else drop('isolation', `must be ${isolationValues.join(' or ')}`);
  }
  if (fm.effort !== undefined) {
    const effort = readEffort(fm.effort);
    if (effort !== undefined) s.effort = effort;
    else drop('effort', 'must be low, medium, high, xhigh, max or a whole number');
  }
  if (fm.maxTurns !== undefined) {
    const turns = readMaxTurns(fm.maxTurns);
    if (turns !== undefined) s.maxTurns = turns;
    else drop('maxTurns', 'must be a positive whole number');
  }
  if (fm.autoCompactWindow !== undefined) {
    const w = readAutoCompactWindow(fm.autoCompactWindow);
    if (w !== undefined) s.autoCompactWindow = w;
    else drop('autoCompactWindow', 'must be a whole number of at least 100,000');
  }
  const ttl = readCacheTtl(fm.experimental);
  if (ttl !== undefined) s.cacheTtl = ttl;
  r.tools = readToolsField(fm.tools);
  if (s.memory !== undefined && r.tools !== undefined) {
    for (const t of MEMORY_TOOLS) if (!r.tools.includes(t)) r.tools = [...r.tools, t];
  }
  if (fm.disallowedTools !== undefined) r.disallowedTools = readToolsField(fm.disallowedTools);
  const skills = readSkillsField(fm.skills);
  if (skills.length > 0) s.skills = skills;
}

function finish(r: ClaudeCodeReading, permissionMode?: string): ClaudeCodeReading {
  r.loads = true;
  r.listedTools = listedTools(r.tools, r.disallowedTools);
  r.listing = `- ${r.name}: ${r.description} (Tools: ${r.listedTools})`;
  r.resolution = resolveTools(r.tools, r.disallowedTools, permissionMode);
  return r;
}

/** The local loader (project, user, managed). */
function readLocalAgent(r: ClaudeCodeReading, agent: AuthorParse | undefined): ClaudeCodeReading {
  const fm = r.frontmatter;
  const name = fm.name;
  const nameAt = () => fieldRange(r, agent, 'name');
  if (!name) {
    const range = authorField(agent, 'name') ? nameAt() : r.split!.content;
    if (r.notKeys) return notLoaded(r, 'name-missing', `it has no \`name\`: its frontmatter is ${NOT_KEYS[r.notKeys]}, not keys`, range);
    return notLoaded(r, 'name-missing', name === undefined || name === null ? 'it has no `name`' : 'its `name` is empty', range);
  }
  if (typeof name !== 'string') return notLoaded(r, 'name-not-text', `its \`name\` is ${describe(name)}, not text`, nameAt());
  r.unknownKeys = unknownKeys(fm, PROJECT_KEYS);
  if (name.startsWith('-')) return notLoaded(r, 'name-dash', 'its `name` starts with `-`', nameAt());
  if (name.length > NAME_MAX_LENGTH) return notLoaded(r, 'name-too-long', `its \`name\` is longer than ${NAME_MAX_LENGTH} characters`, nameAt());
  if (name.normalize('NFKC').includes(':')) return notLoaded(r, 'name-colon', 'its `name` holds `:` (reserved for plugin agents)', nameAt());
  const description = fm.description;
  if (!description) {
    const range = authorField(agent, 'description') ? fieldRange(r, agent, 'description') : nameAt();
    return notLoaded(r, 'description-missing', description === undefined || description === null ? 'it has no `description`' : 'its `description` is empty', range);
  }
  if (typeof description !== 'string') {
    return notLoaded(r, 'description-not-text', `its \`description\` is ${describe(description)}, not text`, fieldRange(r, agent, 'description'));
  }
  r.name = name;
  r.description = description.replaceAll('\\n', '\n');
  readCommonSettings(r, fm, ISOLATION_VALUES);
  const mode = readPermissionMode(fm.permissionMode);
  if (mode !== undefined) r.settings.permissionMode = mode;
  else if (fm.permissionMode !== undefined && fm.permissionMode !== '') r.dropped.push({ key: 'permissionMode', why: 'is not a permission mode' });
  if (typeof fm.color === 'string' && (COLORS as readonly string[]).includes(fm.color)) r.settings.color = fm.color;
  else if (fm.color !== undefined) r.dropped.push({ key: 'color', why: 'is not one of the colours' });
  if (typeof fm.initialPrompt === 'string' && fm.initialPrompt.trim()) r.settings.initialPrompt = fm.initialPrompt;
  if (Array.isArray(fm.mcpServers)) r.settings.mcpServers = fm.mcpServers.length;
  const hooks = hooksObstacle(fm);
  if (hooks !== undefined)
    return notLoaded(r, 'hooks', `its hooks cannot be loaded: ${hooks}`, authorField(agent, 'hooks') ? fieldRange(r, agent, 'hooks') : r.split!.content);
  if (fm.hooks) r.settings.hooks = true;
  return finish(r, mode);
}

/** Plugin agents: named by `name` or the file, described by `description` or a fallback, fewer checks. */
function readPluginAgent(r: ClaudeCodeReading, options: ReadOptions): ClaudeCodeReading {
  const fm = r.frontmatter;
  const file = fileParts(options.fileName);
  const plugin = options.pluginName ?? file.plugin ?? 'plugin';
  const rawName = fm.name === undefined || fm.name === null ? undefined : String(fm.name);
  const short = rawName && rawName.length <= NAME_MAX_LENGTH ? rawName : file.base;
  r.name = [plugin, ...file.namespace, short].join(':');
  const describeAs = (v: unknown): string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v.trim() || undefined;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return undefined;
  };
  r.description = describeAs(fm.description) ?? describeAs(fm.when_to_use) ?? describeAs(fm['when-to-use']) ?? `Agent from ${plugin} plugin`;
  r.unknownKeys = unknownKeys(fm, PLUGIN_KEYS);
  readCommonSettings(r, fm, PLUGIN_ISOLATION_VALUES);
  if (fm.color !== undefined) r.settings.color = fm.color;
  for (const key of PLUGIN_IGNORED_KEYS) if (fm[key] !== undefined) r.dropped.push({ key, why: 'is ignored for plugin agents' });
  return finish(r);
}

/** The file's base name, its subfolders below `agents/`, and the plugin folder above `agents/`. */
function fileParts(fileName: string | undefined): { base: string; namespace: string[]; plugin?: string } {
  const parts = (fileName ?? '').replace(/\\/g, '/').split('/').filter(Boolean);
  const last = parts.pop() ?? '';
  let base = last;
  try {
    base = decodeURIComponent(last);
  } catch {
    // not URI-encoded
  }
  base = base.replace(/\.md$/, '');
  const agents = parts.lastIndexOf('agents');
  if (agents < 0) return { base, namespace: [] };
  return { base, namespace: parts.slice(agents + 1), plugin: agents > 0 ? parts[agents - 1] : undefined };
}

function describe(v: unknown): string {
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `\`${v}\``;
  if (Array.isArray(v)) return 'a list';
  if (isMap(v)) return 'a map';
  return 'not text';
}
