/**
 * The checked state of each open document, computed once per version and shared by diagnostics, code
 * actions, completion, hover, symbols and the preview.
 */
import type { DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OutlineSymbol } from '../core/assist/symbols';
import { lintText, type LintOptions, type LintResult } from '../core/lint';
import { LineMap } from '../core/positions';
import type { TextEdit } from '../core/types';

export interface CheckedDocument {
  uri: string;
  version: number;
  text: string;
  map: LineMap;
  result: LintResult;
  /** The outline of this text, made on the first request for it or for its folding (it depends on the text alone). */
  outline?: OutlineSymbol[];
  /** The outline as LSP document symbols, made on the first request for them. */
  symbols?: DocumentSymbol[];
  /** The fix-all edit of this check (null: nothing to fix), made on the first request for it. */
  fixAll?: TextEdit | null;
}

export class CheckedDocuments {
  private readonly cache = new Map<string, CheckedDocument>();
  /** Documents whose text is unchanged but whose findings may be (the workspace or settings changed). */
  private readonly stale = new Set<string>();

  constructor(
    private readonly options: (uri: string) => LintOptions,
    private readonly onInternalError: (uri: string, rule: string, error: string) => void,
  ) {}

  /** The checked state of this version of the document (computed now if not cached). */
  get(doc: TextDocument): CheckedDocument {
    const hit = this.cache.get(doc.uri);
    const sameText = hit !== undefined && hit.version === doc.version;
    if (sameText && !this.stale.has(doc.uri)) return hit;
    this.stale.delete(doc.uri);
    // Same text: the rules run again on the parse already made (the parse is most of the work and memory).
    const text = sameText ? hit.text : doc.getText();
    const result = lintText(text, { ...this.options(doc.uri), agent: sameText ? hit.result.agent : undefined });
    for (const e of result.internalErrors) this.onInternalError(doc.uri, e.rule, e.error);
    const checked: CheckedDocument = {
      uri: doc.uri,
      version: doc.version,
      text,
      map: sameText ? hit.map : new LineMap(text),
      result,
      outline: sameText ? hit.outline : undefined,
      symbols: sameText ? hit.symbols : undefined,
    };
    this.cache.set(doc.uri, checked);
    return checked;
  }

  /** The document was closed. */
  delete(uri: string): void {
    this.cache.delete(uri);
    this.stale.delete(uri);
  }

  /** Check this document again when next asked, though its text is unchanged (its namesakes changed). */
  recheck(uri: string): void {
    if (this.cache.has(uri)) this.stale.add(uri);
  }

  /** Check every document again when next asked (settings or config changed). */
  invalidate(): void {
    for (const uri of this.cache.keys()) this.stale.add(uri);
  }
}
