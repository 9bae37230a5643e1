/**
 * The command-line linter: the same checks as the editor, for CI.
 *   subagent-studio lint <files, folders or globs...> [options]
 *   subagent-studio list [<files, folders or globs...>] [--scope project,user,managed] [--format text|json]
 * Exit codes: 0 no error-severity finding (list: every file loads), 1 at least one (or more warnings than
 * --max-warnings; list: a file that does not load), 2 bad usage or unreadable input.
 */
import { expandInputs } from './cli/agent-files';
import { InputError } from './input-error';
import { ConfigResolver } from './project-config';
import { counts, formatJson, formatSarif, formatText } from './cli/formats';
import { lintFiles, runLintWorkerIfWorker } from './cli/lint-files';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { sessionAgentSet, sessionFolders } from './cli/agent-set';
import { formatListJson, formatListText, formatSetJson, formatSetText, listFiles, setEntries } from './cli/list';
import type { AgentScope } from './core/claude-code/reading';
import { isBelow } from './fs/paths';

const USAGE = `Usage: subagent-studio lint <files, folders or globs...> [options]
       subagent-studio list [<files, folders or globs...>] [--scope project,user,managed] [--format text|json]

lint: checks Claude Code agent files (.claude/agents/**/*.md) as Claude Code reads them.
list: what Claude Code does with each agent file: whether it loads, its name, description, tools, model.
  With no file given (or with --scope): every agent the session in the working folder has, across
  scopes (project folders from here up to the git root, ~/.claude/agents, managed), which file wins each
  name and which it shadows; a single folder argument is then taken as the working folder.
A folder is searched for *.md; when agents folders lie below it, only the files in them are taken.
Symbolic links are followed; globs match dot folders. Files over 1 MiB are reported, not read
(Claude Code skips them); files that are not UTF-8 are reported and never rewritten.

Options:
  --format text|json|sarif   output format (default: text); sarif is SARIF 2.1.0 for code scanning (lint)
  --scope project,user,managed  list: the scopes of the session to read (default: all three)
  --fix                      apply every safe fix in place, then report what is left
  --fix-outside              with --fix, also write files that a symbolic link leads to outside
                             the folders given (by default they are reported, not written)
  --allow-empty              exit 0 when no agent file is found (by default that is exit 2)
  --max-warnings N           exit 1 when there are more than N warnings
  --quiet                    report errors only
  --config FILE              settings file (default: each file's nearest .subagent-studio.json)
  -h, --help                 show this help

Exit codes: 0 no errors (list: every agent file loads), 1 errors found (or too many warnings; list: an
agent file that does not load), 2 bad usage, unreadable input or no agent file found.`;

class UsageError extends Error {}

const SCOPES: readonly AgentScope[] = ['project', 'user', 'managed'];

interface Options {
  command: 'lint' | 'list';
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  fixOutside: boolean;
  allowEmpty: boolean;
  quiet: boolean;
  maxWarnings?: number;
  config?: string;
  /** list: the session's scopes to read (set mode), when no file is given or --scope is. */
  scopes?: Set<AgentScope>;
  inputs: string[];
}

function parseOptions(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== 'lint' && command !== 'list') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        scope: { type: 'string' },
        fix: { type: 'boolean' },
        'fix-outside': { type: 'boolean' },
        'allow-empty': { type: 'boolean' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean' },
        config: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
  const v = parsed.values;
  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format takes text, json or sarif, not "${format}"`);
  if (v['max-warnings'] !== undefined && !/^\d+$/.test(v['max-warnings'])) throw new UsageError(`--max-warnings takes a whole number, not "${v['max-warnings']}"`);
  const opts: Options = {
    command,
    format,
    fix: v.fix ?? false,
    fixOutside: v['fix-outside'] ?? false,
    allowEmpty: v['allow-empty'] ?? false,
    quiet: v.quiet ?? false,
    maxWarnings: v['max-warnings'] === undefined ? undefined : Number(v['max-warnings']),
    config: v.config,
    inputs: parsed.positionals,
  };
  if (v.scope !== undefined || (command === 'list' && opts.inputs.length === 0)) {
    if (command !== 'list') throw new UsageError('--scope goes with list');
    const scopes = (v.scope ?? SCOPES.join(','))
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    const bad = scopes.find((x) => !(SCOPES as readonly string[]).includes(x));
    if (bad) throw new UsageError(`--scope takes ${SCOPES.join(', ')}, not "${bad}"`);
    if (opts.inputs.length > 1) throw new UsageError('list of a session takes at most one folder, the working folder');
    opts.scopes = new Set(scopes as AgentScope[]);
  }
  if (opts.inputs.length === 0 && !opts.scopes) throw new UsageError('no files or folders given');
  if (opts.command === 'list' && (opts.fix || opts.quiet || opts.maxWarnings !== undefined || opts.format === 'sarif')) {
    throw new UsageError('list takes only --format text|json, --scope and --allow-empty');
  }
  if (opts.fixOutside && !opts.fix) throw new UsageError('--fix-outside goes with --fix');
  return opts;
}

/** `list` of a session: every agent the working folder's session has, across scopes. */
async function listSession(opts: Options): Promise<number> {
  const folders = sessionFolders(opts.inputs[0] ?? process.cwd(), opts.scopes!);
  const set = await sessionAgentSet(folders);
  const entries = setEntries(set);
  if (entries.length === 0 && !opts.allowEmpty) throw new InputError(folders.cwd, "no agent files found in the session's agent folders (pass --allow-empty to accept that)");
  const display = (file: string) => (isBelow(file, folders.home) ? `~${file.slice(folders.home.length)}` : path.relative(folders.cwd, file) || file);
  process.stdout.write(opts.format === 'json' ? formatSetJson(entries) : formatSetText(entries, set.budget, display));
  return entries.every((e) => e.loads) ? 0 : 1;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  try {
    const opts = parseOptions(argv);
    if (opts.scopes) return await listSession(opts);
    // Extra agent folders come from the config of the working directory (or --config).
    const { agentFolders } = await new ConfigResolver(opts.config).configForFolder(process.cwd());
    const note = (file: string, message: string) => process.stderr.write(`subagent-studio: ${file}: ${message}\n`);
    const { files, roots, unmatched } = await expandInputs(opts.inputs, agentFolders, note);
    if (!opts.allowEmpty) {
      if (unmatched.length) throw new InputError(unmatched[0], 'no file matches this glob');
      if (files.length === 0) throw new InputError(opts.inputs.join(' '), 'no agent files found (pass --allow-empty to accept that)');
    }
    if (opts.command === 'list') {
      const entries = listFiles(files);
      process.stdout.write(opts.format === 'json' ? formatListJson(entries) : formatListText(entries));
      return entries.every((e) => e.loads) ? 0 : 1;
    }
    const reports = await lintFiles(files, { ...opts, roots }, __filename, note);

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

if (runLintWorkerIfWorker()) {
  // This thread is one of lintFiles' workers.
} else if (require.main === module) {
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
