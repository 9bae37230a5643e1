/**
 * The command-line linter: the same checks as the editor, for CI.
 *   subagent-studio lint <files or folders...> [--format text|json] [--fix]
 * Exit codes: 0 no error-severity finding, 1 at least one, 2 bad usage or unreadable input.
 */
import { promises as fs } from 'node:fs';
import { fixAll } from './core/fix-all';
import { lintText } from './core/lint';
import { LineMap, toLspRange, type LspRange } from './core/positions';
import type { Severity } from './core/types';
import { expandInputs, InputError } from './agent-files';

const USAGE = `Usage: subagent-studio lint <files or folders...> [--format text|json] [--fix]

Checks Claude Code agent files (.claude/agents/**/*.md) as Claude Code reads them.
A folder is searched for *.md; when agents folders lie below it, only the files in them are linted.

Options:
  --format text|json   output format (default: text)
  --fix                apply every safe fix in place, then report what is left
  -h, --help           show this help

Exit codes: 0 no errors, 1 errors found, 2 bad usage or unreadable input.`;

interface FileReport {
  file: string;
  diagnostics: Array<{ code: string; severity: Severity; message: string; range: LspRange }>;
}

class UsageError extends Error {}

interface Options {
  format: 'text' | 'json';
  fix: boolean;
  inputs: string[];
}

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== 'lint') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  const opts: Options = { format: 'text', fix: false, inputs: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--fix') opts.fix = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format takes text or json, not "${v ?? ''}"`);
      opts.format = v;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option "${a}"`);
    else opts.inputs.push(a);
  }
  if (opts.inputs.length === 0) throw new UsageError('no files or folders given');
  return opts;
}

async function lintFile(file: string, fix: boolean): Promise<FileReport> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (fix) {
    const fixed = fixAll(text, { fileName: file });
    if (fixed.text !== text) {
      await fs.writeFile(file, fixed.text, 'utf8');
      text = fixed.text;
    }
  }
  const map = new LineMap(text);
  const { findings, internalErrors } = lintText(text, { fileName: file });
  for (const e of internalErrors) process.stderr.write(`${file}: internal error in rule ${e.rule} (please report): ${e.error}\n`);
  return {
    file,
    diagnostics: findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, range: toLspRange(map, f.range) })),
  };
}

function formatText(reports: FileReport[]): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of reports) {
    if (r.diagnostics.length === 0) continue;
    lines.push('', r.file);
    for (const d of r.diagnostics) {
      counts[d.severity]++;
      const at = `${d.range.start.line + 1}:${d.range.start.character + 1}`;
      lines.push(`  ${at.padEnd(8)} ${d.severity.padEnd(11)} ${d.message}  ${d.code}`);
    }
  }
  const problems = counts.error + counts.warning;
  const infos = counts.information + counts.hint;
  lines.push('', `${problems === 0 ? '✔' : '✖'} ${problems} problem${problems === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}), ${infos} note${infos === 1 ? '' : 's'} in ${reports.length} file${reports.length === 1 ? '' : 's'}`);
  return lines.join('\n').replace(/^\n/, '') + '\n';
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  try {
    const opts = parseArgs(argv);
    const files = await expandInputs(opts.inputs);
    const reports: FileReport[] = [];
    for (const f of files) reports.push(await lintFile(f, opts.fix));
    process.stdout.write(opts.format === 'json' ? JSON.stringify(reports, null, 2) + '\n' : formatText(reports));
    return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
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
