/**
 * Code actions: the quick fixes of the findings under the cursor, each finding's "Show documentation" and
 * "Disable rule" commands, and "Fix all".
 *
 * Fix-all lints the document again after each pass, so it is worked out only when asked for: as
 * `source.fixAll.subagentStudio` when the request's `only` names it (or `source`, `source.fixAll`), and
 * otherwise as a quick fix with no edit that `codeAction/resolve` fills in. VS Code sends a request with
 * no `only` after every cursor move and every change of diagnostics, and shows none of its source actions.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import { fixAll, safeFix } from '../core/fix-all';
import type { LintOptions } from '../core/lint';
import type { TextEdit } from '../core/types';
import { minimalEdit, plainCodeSpans, ruleDocUri, toDiagnostic, toLspEdits } from './convert';
import type { CheckedDocument } from './documents';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.subagentStudio`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];
export const FIX_ALL_TITLE = 'Fix all Subagent Studio problems';
/** Commands the client implements: open a rule's documentation (its URI), turn a rule off in the workspace (its id). */
export const SHOW_RULE_DOCUMENTATION_COMMAND = 'subagentStudio.showRuleDocumentation';
export const DISABLE_RULE_COMMAND = 'subagentStudio.disableRule';

/** What a lazy fix-all action carries to `codeAction/resolve`. */
interface FixAllData {
  fixAll: string;
}

export function codeActions(doc: CheckedDocument, params: CodeActionParams, options: LintOptions): CodeAction[] {
  const only = params.context.only;
  const asked = (kind: string) => only?.some((k) => kind === k || kind.startsWith(k + '.')) ?? false;
  const actions: CodeAction[] = [];

  if (!only || asked(CodeActionKind.QuickFix)) {
    const from = doc.map.offsetAt(params.range.start);
    const to = doc.map.offsetAt(params.range.end);
    const commands: CodeAction[] = [];
    const rules = new Set<string>();
    for (const f of doc.result.findings) {
      if (f.range.end < from || f.range.start > to) continue;
      const diagnostic: Diagnostic = toDiagnostic(doc.uri, doc.map, f);
      for (const fix of f.fixes ?? []) {
        actions.push({
          title: plainCodeSpans(fix.title),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.isPreferred,
          edit: { changes: { [doc.uri]: toLspEdits(doc.map, fix.edits) } },
        });
      }
      if (!rules.has(f.code)) {
        rules.add(f.code);
        commands.push(
          commandAction(`Show documentation for ${f.code}`, SHOW_RULE_DOCUMENTATION_COMMAND, [ruleDocUri(f.code)], diagnostic),
          commandAction(`Disable ${f.code} in this workspace`, DISABLE_RULE_COMMAND, [f.code], diagnostic),
        );
      }
    }
    // Beside the fixes under the cursor, when it does more than one of them would; its edit is made only if chosen.
    if (actions.length > 0 && countFixable(doc, 2) >= 2) actions.push({ title: FIX_ALL_TITLE, kind: CodeActionKind.QuickFix, data: { fixAll: doc.uri } satisfies FixAllData });
    for (const c of commands) actions.push(c);
  }

  if (asked(FIX_ALL_KIND)) {
    const edit = fixAllEdit(doc, options);
    if (edit) actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: toLspEdits(doc.map, [edit]) } } });
  }
  return actions;
}

/** The document a lazy fix-all action is for, or undefined for any other action. */
export function fixAllTarget(action: CodeAction): string | undefined {
  const data = action.data as Partial<FixAllData> | undefined;
  return typeof data?.fixAll === 'string' ? data.fixAll : undefined;
}

/** Fills in the edit of a lazy fix-all action, against the document's current version. */
export function resolveFixAll(action: CodeAction, doc: CheckedDocument, options: LintOptions): CodeAction {
  const edit = fixAllEdit(doc, options);
  return edit ? { ...action, edit: { changes: { [doc.uri]: toLspEdits(doc.map, [edit]) } } } : action;
}

/** The one edit of fix-all for this check, made once; its first pass is the check's own findings. */
function fixAllEdit(doc: CheckedDocument, options: LintOptions): TextEdit | undefined {
  if (doc.fixAll === undefined) doc.fixAll = minimalEdit(doc.text, fixAll(doc.text, options, doc.result.findings).text) ?? null;
  return doc.fixAll ?? undefined;
}

/** How many findings have a fix that fix-all applies, counting up to `enough`. */
function countFixable(doc: CheckedDocument, enough: number): number {
  let n = 0;
  for (const f of doc.result.findings) if (safeFix(f) && ++n >= enough) break;
  return n;
}

function commandAction(title: string, command: string, args: unknown[], diagnostic: Diagnostic): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command, arguments: args } };
}
