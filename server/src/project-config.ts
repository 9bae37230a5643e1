/**
 * `.subagent-studio.json`: the project's settings for the CLI and the language server alike.
 *   { "rules": { "<rule-id>": "error" | "warning" | "information" | "hint" | "off" },
 *     "agentFolders": ["plugins/*\/agents"] }
 * `agentFolders` are globs of folders (relative to the config file) whose `*.md` files are agent files, in
 * addition to `.claude/agents/` and any folder named `agents`. A file's config is the nearest one in its
 * folder or above; VS Code's `subagentStudio.rules` setting overrides its rules in the editor.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { InputError } from './cli/agent-files';
import type { RuleSettings } from './core/lint';
import { RULE_BY_ID } from './core/rules';

export const CONFIG_FILE = '.subagent-studio.json';
const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

export interface ProjectConfig {
  /** The config file read, if any. */
  file?: string;
  rules: RuleSettings;
  /** Absolute globs of extra agent folders. */
  agentFolders: string[];
}

export const EMPTY_CONFIG: ProjectConfig = { rules: {}, agentFolders: [] };

/** The nearest `.subagent-studio.json` from `dir` upwards, or undefined. */
export function findConfig(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const f = path.join(d, CONFIG_FILE);
    if (existsSync(f)) return f;
    if (path.dirname(d) === d) return undefined;
  }
}

/** Reads and checks a config file; throws InputError naming the file and what is wrong. */
export function readConfig(file: string): ProjectConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ? `cannot read: ${(e as NodeJS.ErrnoException).code}` : `not valid JSON: ${(e as Error).message}`;
    throw new InputError(file, why);
  }
  return checkConfig(raw, file);
}

export function checkConfig(raw: unknown, file: string): ProjectConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InputError(file, 'the config must be a JSON object');
  const { rules = {}, agentFolders = [], ...rest } = raw as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw new InputError(file, `unknown setting ${unknown.map((k) => `"${k}"`).join(', ')} (known: "rules", "agentFolders")`);
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) throw new InputError(file, '"rules" must be an object of rule id -> severity');
  for (const [id, sev] of Object.entries(rules)) {
    if (!RULE_BY_ID.has(id)) throw new InputError(file, `"rules": unknown rule "${id}"`);
    if (typeof sev !== 'string' || !SEVERITIES.has(sev)) throw new InputError(file, `"rules": "${id}" must be one of ${[...SEVERITIES].join(', ')}, not ${JSON.stringify(sev)}`);
  }
  if (!Array.isArray(agentFolders) || agentFolders.some((f) => typeof f !== 'string')) throw new InputError(file, '"agentFolders" must be a list of folder globs');
  const base = path.dirname(path.resolve(file));
  return { file, rules: rules as RuleSettings, agentFolders: (agentFolders as string[]).map((g) => path.resolve(base, g)) };
}

/** The config of each file: the nearest `.subagent-studio.json`, read once and cached until `clear()`. */
export class ConfigResolver {
  private readonly byDir = new Map<string, string | undefined>();
  private readonly byFile = new Map<string, ProjectConfig>();

  /** `fixed`: a config file given explicitly (the CLI's --config), used for every file. */
  constructor(private readonly fixed?: string) {}

  /** The config of a file. Throws InputError when the config file is unreadable or wrong. */
  configFor(file: string): ProjectConfig {
    return this.configForFolder(path.dirname(path.resolve(file)));
  }

  /** The config that applies in a folder (the nearest at or above it). */
  configForFolder(dir: string): ProjectConfig {
    const configFile = this.fixed ?? this.nearest(path.resolve(dir));
    if (!configFile) return EMPTY_CONFIG;
    let config = this.byFile.get(configFile);
    if (!config) {
      config = readConfig(configFile);
      this.byFile.set(configFile, config);
    }
    return config;
  }

  private nearest(dir: string): string | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const found = findConfig(dir);
    this.byDir.set(dir, found);
    return found;
  }

  clear(): void {
    this.byDir.clear();
    this.byFile.clear();
  }
}
