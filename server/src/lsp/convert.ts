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
    message: plainCodeSpans(f.message),
  };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({
      message: plainCodeSpans(r.message),
      location: { uri: r.uri ?? uri, range: r.uri && r.position ? r.position : toLspRange(map, r.range) },
    }));
  }
  return d;
}

/** A finding whose range is already in positions: a check of a file on disk (file-checks), whose text is gone. */
export function toDiagnosticAt(range: LspRange, f: Finding): Diagnostic {
  return { range, severity: SEVERITY[f.severity], code: f.code, source: SOURCE, message: plainCodeSpans(f.message) };
}

/**
 * The text with each Markdown code span (`x`, ``a`b``) written between single curly quotes (‘x’), for the
 * places where VS Code shows plain text: diagnostic messages and code-action titles (VS Code 1.100 and
 * 1.139 render no Markdown there, and `Diagnostic.message` has no MarkdownString form, not even proposed).
 * Curly single quotes, because the messages already put the author's own values in straight double quotes
 * ("my-agent"), and a straight quote could be read as part of a YAML value (`'hi'` -> ‘'hi'’). Spans are
 * read as CommonMark reads them: a run of backticks closes at the next run of the same length, and one
 * space each side is stripped when both are there; a run that closes nothing stays as it is.
 */
export function plainCodeSpans(message: string): string {
  if (!message.includes('`')) return message;
  let out = '';
  let i = 0;
  while (i < message.length) {
    const open = message.indexOf('`', i);
    if (open < 0) break;
    let runEnd = open;
    while (message[runEnd] === '`') runEnd++;
    const run = runEnd - open;
    const close = closingRun(message, runEnd, run);
    if (close < 0) {
      out += message.slice(i, runEnd);
      i = runEnd;
      continue;
    }
    let code = message.slice(runEnd, close);
    if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
    out += message.slice(i, open) + '‘' + code + '’';
    i = close + run;
  }
  return out + message.slice(i);
}

/** Where the next run of exactly `run` backticks after `from` starts, or -1. */
function closingRun(s: string, from: number, run: number): number {
  for (let at = s.indexOf('`', from); at >= 0; at = s.indexOf('`', at)) {
    let end = at;
    while (s[end] === '`') end++;
    if (end - at === run) return at;
    at = end;
  }
  return -1;
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
