/** Quick fixes for the findings under the cursor, and `source.fixAll.subagentStudio`. */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import { fixAll } from '../core/fix-all';
import type { LintOptions } from '../core/lint';
import { minimalEdit, toDiagnostic, toLspEdits } from './convert';
import type { CheckedDocument } from './documents';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.subagentStudio`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

export function codeActions(doc: CheckedDocument, params: CodeActionParams, options: LintOptions): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    const from = doc.map.offsetAt(params.range.start);
    const to = doc.map.offsetAt(params.range.end);
    for (const f of doc.result.findings) {
      if (!f.fixes?.length) continue;
      if (f.range.end < from || f.range.start > to) continue;
      const diagnostic: Diagnostic = toDiagnostic(doc.uri, doc.map, f);
      for (const fix of f.fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.isPreferred,
          edit: { changes: { [doc.uri]: toLspEdits(doc.map, fix.edits) } },
        });
      }
    }
  }

  if (wants(FIX_ALL_KIND)) {
    const edit = minimalEdit(doc.text, fixAll(doc.text, options).text);
    if (edit) {
      actions.push({ title: 'Fix all Subagent Studio problems', kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: toLspEdits(doc.map, [edit]) } } });
    }
  }
  return actions;
}
