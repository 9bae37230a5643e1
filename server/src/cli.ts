/**
 * The command-line linter: the same checks as the editor, for CI.
 *   subagent-studio lint <files, folders or globs...> [options]
 *   subagent-studio list <files, folders or globs...> [--format text|json]
 * Exit codes: 0 no error-severity finding (list: every file loads), 1 at least one (or more warnings than
 * --max-warnings; list: a file that does not load), 2 bad usage or unreadable input.
 */
import { expandInputs } from './cli/agent-files';
import { InputError } from './input-error';
import { ConfigResolver } from './project-config';
import { counts, formatJson, formatSarif, formatText } from './cli/formats';
import { lintFiles, runLintWorkerIfWorker } from './cli/lint-files';
import { formatListJson, formatListText, listFiles } from './cli/list';

const USAGE = `Usage: subagent-studio lint <files, folders or globs...> [options]
       subagent-studio list <files, folders or globs...> [--format text|json]

lint: checks Claude Code agent files (.claude/agents/**/*.md) as Claude Code reads them.
list: what Claude Code does with each agent file: whether it loads, its name, description, tools, model.
A folder is searched for *.md; when agents folders lie below it, only the files in them are taken.
Symbolic links are followed; globs match dot folders. Files over 1 MiB are reported, not read
(Claude Code skips them); files that are not UTF-8 are reported and never rewritten.

Options:
  --format text|json|sarif   output format (default: text); sarif is SARIF 2.1.0 for code scanning
  --fix                      apply every safe fix in place, then report what is left
  --fix-outside              with --fix, also write files that a symbolic link leads to outside
                             the folders given (by default they are reported, not written)
  --allow-empty              exit 0 when no agent file is found (by default that is exit 2)
  --max-warnings N           exit 1 when there are more than N warnings
  --quiet                    report errors only
  --config FILE              settings file (default: each file's nearest .subagent-studio.json)
  -h, --help                 show this help

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 bad usage, unreadable input
or no agent file found.`;

class UsageError extends Error {}

interface Options {
  command: 'lint' | 'list';
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  fixOutside: boolean;
  allowEmpty: boolean;
  quiet: boolean;
  maxWarnings?: number;
  config?: string;
  inputs: string[];
}

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== 'lint' && command !== 'list') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  const opts: Options = { command, format: 'text', fix: false, fixOutside: false, allowEmpty: false, quiet: false, inputs: [] };
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
    else if (a === '--fix-outside') opts.fixOutside = true;
    else if (a === '--allow-empty') opts.allowEmpty = true;
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
  if (opts.command === 'list' && (opts.fix || opts.quiet || opts.maxWarnings !== undefined || opts.format === 'sarif')) {
    throw new UsageError('list takes only --format text|json and --allow-empty');
  }
  if (opts.fixOutside && !opts.fix) throw new UsageError('--fix-outside goes with --fix');
  return opts;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  try {
    const opts = parseArgs(argv);
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
