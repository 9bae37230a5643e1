/** The CLI's output formats: text (in the style of eslint), JSON (the contract), SARIF 2.1.0. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LspRange } from '../core/positions';
import { RULES } from '../core/rules';
import type { Severity } from '../core/types';
import { VERSION } from '../version';

export interface FileReport {
  file: string;
  diagnostics: Array<{ code: string; severity: Severity; message: string; range: LspRange }>;
}

/** Where each rule's documentation lives on the web (SARIF help URIs); the same pages ship in the .vsix. */
export const RULE_DOCS_BASE = 'https://github.com/subagent-studio/subagent-studio/blob/main/docs/rules/';

export function counts(reports: readonly FileReport[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of reports) for (const d of r.diagnostics) c[d.severity]++;
  return c;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    if (r.diagnostics.length === 0) continue;
    lines.push('', r.file);
    for (const d of r.diagnostics) {
      const at = `${d.range.start.line + 1}:${d.range.start.character + 1}`;
      lines.push(`  ${at.padEnd(8)} ${d.severity.padEnd(11)} ${d.message}  ${d.code}`);
    }
  }
  const c = counts(reports);
  const problems = c.error + c.warning;
  const notes = c.information + c.hint;
  lines.push(
    '',
    `${problems === 0 ? '✔' : '✖'} ${plural(problems, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}), ${plural(notes, 'note')} in ${plural(reports.length, 'file')}`,
  );
  return lines.join('\n').replace(/^\n/, '') + '\n';
}

export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(reports, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0, for code-scanning upload: one run, every rule with its metadata and help, one result per finding. */
export function formatSarif(reports: readonly FileReport[], cwd = process.cwd()): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const sarif = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'subagent-studio',
            version: VERSION,
            informationUri: 'https://github.com/subagent-studio/subagent-studio',
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_, _d: string, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.docs.split('\n\n')[0].replace(/\n/g, ' ') },
              help: { text: r.docs, markdown: r.docs },
              helpUri: `${RULE_DOCS_BASE}${r.id}.md`,
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd + path.sep).toString() } },
        results: reports.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: d.code,
            ruleIndex: ruleIndex.get(d.code),
            level: SARIF_LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifactLocation(r.file, cwd),
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** A path relative to the working directory (uriBaseId SRCROOT) when it lies below it, else a file URI. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(cwd, path.resolve(file));
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
  return { uri: pathToFileURL(path.resolve(file)).toString() };
}
