/** Core findings (offset ranges) -> LSP diagnostics and edits (positions), at the edge. */
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import { LineMap, toLspRange, type LspRange } from '../core/positions';
import type { Finding, Severity, TextEdit } from '../core/types';

export const SOURCE = 'subagent-studio';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const docUris = new Map<string, string>();

/** The rule's documentation page, shipped beside the bundle (dist/../docs/rules/<id>.md); made once per rule. */
export function ruleDocUri(code: string): string {
  let uri = docUris.get(code);
  if (uri === undefined) docUris.set(code, (uri = pathToFileURL(path.join(__dirname, '..', 'docs', 'rules', `${code}.md`)).toString()));
  return uri;
}

export function toDiagnostic(uri: string, map: LineMap, f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: toLspRange(map, f.range),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: ruleDocUri(f.code) },
    source: SOURCE,
    message: f.message,
  };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({
      message: r.message,
      location: { uri: r.uri ?? uri, range: r.uri && r.position ? r.position : toLspRange(map, r.range) },
    }));
  }
  return d;
}

/** A finding whose range is already in positions: a check of a file on disk (file-checks), whose text is gone. */
export function toDiagnosticAt(range: LspRange, f: Finding): Diagnostic {
  return { range, severity: SEVERITY[f.severity], code: f.code, source: SOURCE, message: f.message };
}

export function toLspEdits(map: LineMap, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: toLspRange(map, e.range), newText: e.newText }));
}

/** The smallest single edit that turns `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return { range: { start, end: endB }, newText: after.slice(start, endA) };
}
