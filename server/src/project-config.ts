/**
 * `.subagent-studio.json`: the project's settings for the CLI and the language server alike (and, through
 * the server, for the extension: see `agentFolderPatterns`). The one reader of the file.
 *   { "rules": { "<rule-id>": "error" | "warning" | "information" | "hint" | "off" },
 *     "agentFolders": ["plugins/*\/agents"] }
 * `agentFolders` are globs of folders (relative to the config file) whose `*.md` files are agent files, in
 * addition to `.claude/agents/` and any folder named `agents`. A file's config is the nearest one in its
 * folder or above; VS Code's `subagentStudio.rules` setting overrides its rules in the editor.
 * The file is read as any file from a repository is (fs/untrusted-file: a regular file, at most 4 MiB,
 * never blocking), and what is wrong with it is said without quoting it.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { RuleSettings } from './core/lint';
import { CONFIG_SIZE_LIMIT, readUntrustedFile } from './fs/untrusted-file';
import { InputError } from './input-error';
import { checkRuleSettings, type SettingProblem } from './rule-settings';

export const CONFIG_FILE = '.subagent-studio.json';
const KNOWN_SETTINGS = ['rules', 'agentFolders'];

export interface ProjectConfig {
  /** The config file read, if any. */
  file?: string;
  rules: RuleSettings;
  /** Absolute globs of extra agent folders. */
  agentFolders: string[];
}

export const EMPTY_CONFIG: ProjectConfig = { rules: {}, agentFolders: [] };

export interface ReadConfig {
  config: ProjectConfig;
  /** Entries left out (a wrong severity, an unknown rule): the rest of the file applies. */
  problems: SettingProblem[];
}

/** The nearest `.subagent-studio.json` from `dir` upwards, or undefined. A link counts, even a broken one. */
export async function findConfig(dir: string): Promise<string | undefined> {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const f = path.join(d, CONFIG_FILE);
    try {
      await fs.lstat(f);
      return f;
    } catch {
      if (path.dirname(d) === d) return undefined;
    }
  }
}

/** Reads and checks a config file; throws InputError naming the file and what is wrong with it. */
export async function readConfig(file: string): Promise<ReadConfig> {
  const { bytes } = await readUntrustedFile(file, CONFIG_SIZE_LIMIT);
  return parseConfig(bytes.toString('utf8'), file);
}

/** Checks a config file's text; throws InputError when it is not a config at all. */
export function parseConfig(text: string, file: string): ReadConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    // The parser's message quotes the text; only where it failed is said.
    const at = /position (\d+)/.exec((e as Error).message);
    throw new InputError(file, `not valid JSON${at ? ` (${lineAndColumn(text, Number(at[1]))})` : ''}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InputError(file, 'the config must be a JSON object');
  const unknown = Object.keys(raw).filter((k) => !KNOWN_SETTINGS.includes(k));
  if (unknown.length) {
    const names = unknown.every((k) => /^\w{1,40}$/.test(k)) ? unknown.map((k) => `"${k}"`).join(', ') : `(${unknown.length})`;
    throw new InputError(file, `unknown setting ${names} (known: "rules", "agentFolders")`);
  }
  const { rules, agentFolders = [] } = raw as Record<string, unknown>;
  if (!Array.isArray(agentFolders) || agentFolders.some((f) => typeof f !== 'string')) throw new InputError(file, '"agentFolders" must be a list of folder globs');
  const checked = checkRuleSettings(rules);
  const base = path.dirname(path.resolve(file));
  return { config: { file, rules: checked.rules, agentFolders: (agentFolders as string[]).map((g) => path.resolve(base, g)) }, problems: checked.problems };
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/**
 * The `*.md` files of a config's agent folders as glob patterns below a base folder, for the extension
 * (VS Code's RelativePattern): `/p/plugins/*\/agents` -> base `/p/plugins`, pattern `*\/agents/**\/*.md`.
 */
export function agentFolderPatterns(config: ProjectConfig): Array<{ base: string; pattern: string }> {
  return config.agentFolders.map((glob) => {
    const { base, glob: rest } = picomatch.scan(glob.replace(/\\/g, '/'));
    return { base: path.normalize(base), pattern: `${rest ? `${rest.replace(/\/+$/, '')}/` : ''}**/*.md` };
  });
}

/**
 * How a resolver treats a config that is wrong. Strict (the CLI, the default): any problem is an
 * InputError. Lenient (the server): each problem goes to `report`, once per reading of the file, and what
 * is usable applies; a file that cannot be used at all counts as no config (`wholeFile`).
 */
export type ConfigProblemReporter = (problem: InputError, wholeFile: boolean) => void;

/** The config of each file: the nearest `.subagent-studio.json`, read once and cached until `clear()`. */
export class ConfigResolver {
  private readonly nearestByDir = new Map<string, Promise<string | undefined>>();
  private readonly byFile = new Map<string, Promise<ProjectConfig>>();
  /** The config of each folder whose lookup has finished, for callers that cannot wait. */
  private readonly settled = new Map<string, ProjectConfig>();
  /** Bumped by clear(): a lookup begun before it does not fill the new caches. */
  private generation = 0;

  /** `fixed`: a config file given explicitly (the CLI's --config), used for every file. */
  constructor(
    private readonly fixed?: string,
    private readonly lenient?: ConfigProblemReporter,
  ) {}

  /** The config of a file. Strict: rejects with an InputError when the config file is unreadable or wrong. */
  configFor(file: string): Promise<ProjectConfig> {
    return this.configForFolder(path.dirname(path.resolve(file)));
  }

  /** The config that applies in a folder (the nearest at or above it). */
  async configForFolder(dir: string): Promise<ProjectConfig> {
    const abs = path.resolve(dir);
    const hit = this.settled.get(abs);
    if (hit) return hit;
    const generation = this.generation;
    const configFile = this.fixed ?? (await this.nearest(abs));
    const config = configFile ? await this.load(configFile) : EMPTY_CONFIG;
    if (generation === this.generation) this.settled.set(abs, config);
    return config;
  }

  /** The config of a file if its lookup has finished, else undefined (then ask configFor and wait). */
  settledFor(file: string): ProjectConfig | undefined {
    return this.settled.get(path.dirname(path.resolve(file)));
  }

  private nearest(dir: string): Promise<string | undefined> {
    let found = this.nearestByDir.get(dir);
    if (!found) this.nearestByDir.set(dir, (found = findConfig(dir)));
    return found;
  }

  private load(file: string): Promise<ProjectConfig> {
    let config = this.byFile.get(file);
    if (!config) this.byFile.set(file, (config = this.lenient ? this.readLeniently(file, this.lenient) : this.readStrictly(file)));
    return config;
  }

  private async readStrictly(file: string): Promise<ProjectConfig> {
    const { config, problems } = await readConfig(file);
    if (problems.length) throw new InputError(file, problems.map((p) => p.message).join('; '));
    return config;
  }

  private async readLeniently(file: string, report: ConfigProblemReporter): Promise<ProjectConfig> {
    try {
      const { config, problems } = await readConfig(file);
      for (const p of problems) report(new InputError(file, `${p.message}: ${p.instead}`), false);
      return config;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      report(e, true);
      return EMPTY_CONFIG;
    }
  }

  clear(): void {
    this.generation++;
    this.nearestByDir.clear();
    this.byFile.clear();
    this.settled.clear();
  }
}
