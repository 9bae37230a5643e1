/**
 * The checked state of each open document, computed once per version and shared by diagnostics, code
 * actions, completion, hover, symbols and the preview.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText, type LintOptions, type LintResult } from '../core/lint';
import { LineMap } from '../core/positions';

export interface CheckedDocument {
  uri: string;
  version: number;
  text: string;
  map: LineMap;
  result: LintResult;
}

export class CheckedDocuments {
  private readonly cache = new Map<string, CheckedDocument>();

  constructor(
    private readonly options: (uri: string) => LintOptions,
    private readonly onInternalError: (uri: string, rule: string, error: string) => void,
  ) {}

  /** The checked state of this version of the document (computed now if not cached). */
  get(doc: TextDocument): CheckedDocument {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const text = doc.getText();
    const result = lintText(text, this.options(doc.uri));
    for (const e of result.internalErrors) this.onInternalError(doc.uri, e.rule, e.error);
    const checked = { uri: doc.uri, version: doc.version, text, map: new LineMap(text), result };
    this.cache.set(doc.uri, checked);
    return checked;
  }

  delete(uri: string): void {
    this.cache.delete(uri);
  }

  /** Forget every cached result (settings or the workspace changed). */
  invalidate(): void {
    this.cache.clear();
  }
}
