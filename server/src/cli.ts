/**
 * The command-line linter: the same checks as the editor, for CI.
 *   subagent-studio lint <files, folders or globs...> [options]
 * Exit codes: 0 no error-severity finding, 1 at least one (or more warnings than --max-warnings),
 * 2 bad usage or unreadable input.
 */
import { promises as fs } from 'node:fs';
import { AgentIndex } from './agent-index';
import { expandInputs, InputError } from './cli/agent-files';
import { ConfigResolver } from './project-config';
import { counts, formatJson, formatSarif, formatText, type FileReport } from './cli/formats';
import { fixAll } from './core/fix-all';
import { lintText } from './core/lint';
import type { AgentModel } from './core/model';
import { parseAgent } from './core/parse';
import { LineMap, toLspRange } from './core/positions';

const USAGE = `Usage: subagent-studio lint <files, folders or globs...> [options]

Checks Claude Code agent files (.claude/agents/**/*.md) as Claude Code reads them.
A folder is searched for *.md; when agents folders lie below it, only the files in them are linted.

Options:
  --format text|json|sarif   output format (default: text); sarif is SARIF 2.1.0 for code scanning
  --fix                      apply every safe fix in place, then report what is left
  --max-warnings N           exit 1 when there are more than N warnings
  --quiet                    report errors only
  --config FILE              settings file (default: each file's nearest .subagent-studio.json)
  -h, --help                 show this help

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 bad usage or unreadable input.`;

class UsageError extends Error {}

interface Options {
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  quiet: boolean;
  maxWarnings?: number;
  config?: string;
  inputs: string[];
}

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== 'lint') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  const opts: Options = { format: 'text', fix: false, quiet: false, inputs: [] };
  const valueOf = (i: number, name: string): string => {
    const a = rest[i];
    const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[i + 1];
    if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const name = a.split('=')[0];
    const takesNext = !a.includes('=');
    if (a === '--fix') opts.fix = true;
    else if (a === '--quiet') opts.quiet = true;
    else if (name === '--format') {
      const v = valueOf(i, name);
      if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format takes text, json or sarif, not "${v}"`);
      opts.format = v;
      if (takesNext) i++;
    } else if (name === '--max-warnings') {
      const v = valueOf(i, name);
      if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings takes a whole number, not "${v}"`);
      opts.maxWarnings = Number(v);
      if (takesNext) i++;
    } else if (name === '--config') {
      opts.config = valueOf(i, name);
      if (takesNext) i++;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option "${a}"`);
    else opts.inputs.push(a);
  }
  if (opts.inputs.length === 0) throw new UsageError('no files or folders given');
  return opts;
}

async function readInput(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function lintFile(file: string, original: string, agent: AgentModel, opts: Options, configs: ConfigResolver, index: AgentIndex): Promise<FileReport> {
  let text = original;
  let parsed = agent;
  const base = { fileName: file, workspace: index.viewFor(file), rules: configs.configFor(file).rules };
  if (opts.fix) {
    const fixed = fixAll(text, base);
    if (fixed.text !== text) {
      await fs.writeFile(file, fixed.text, 'utf8');
      text = fixed.text;
      parsed = parseAgent(text);
      index.update(file, text, parsed);
    }
  }
  const { findings, internalErrors } = lintText(text, { ...base, agent: parsed });
  for (const e of internalErrors) process.stderr.write(`${file}: internal error in rule ${e.rule} (please report): ${e.error}\n`);
  const shown = opts.quiet ? findings.filter((f) => f.severity === 'error') : findings;
  const map = shown.length > 0 ? new LineMap(text) : undefined;
  return { file, diagnostics: shown.map((f) => ({ code: f.code, severity: f.severity, message: f.message, range: toLspRange(map!, f.range) })) };
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  try {
    const opts = parseArgs(argv);
    const configs = new ConfigResolver(opts.config);
    // Extra agent folders come from the config of the working directory (or --config).
    const files = await expandInputs(opts.inputs, configs.configForFolder(process.cwd()).agentFolders);
    const texts = await Promise.all(files.map(readInput));
    // Every linted file is known to the others, for the workspace checks (duplicate names, skills).
    const agents = texts.map((t) => parseAgent(t));
    const index = new AgentIndex();
    files.forEach((f, i) => index.update(f, texts[i], agents[i]));
    const reports: FileReport[] = [];
    for (let i = 0; i < files.length; i++) reports.push(await lintFile(files[i], texts[i], agents[i], opts, configs, index));

    const format = { text: formatText, json: formatJson, sarif: formatSarif }[opts.format];
    process.stdout.write(format(reports));
    const c = counts(reports);
    if (opts.maxWarnings !== undefined && c.warning > opts.maxWarnings) {
      process.stderr.write(`subagent-studio: ${c.warning} warnings, more than --max-warnings ${opts.maxWarnings}\n`);
      return 1;
    }
    return c.error > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`subagent-studio: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`subagent-studio: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  // A reader that stops early (`| head`) closes the pipe: that is not an error of ours.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`subagent-studio: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
