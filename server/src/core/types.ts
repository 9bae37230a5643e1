/**
 * Plain data shared by the parser, the rules, the server, the CLI and the preview.
 * Offsets are UTF-16 code-unit offsets into the document text (as JavaScript strings and LSP use);
 * conversion to line/character happens only at the edges (server, CLI).
 */

/** A half-open range of offsets into the document text: text.slice(start, end). */
export interface OffsetRange {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Replace text.slice(range.start, range.end) with newText. */
export interface TextEdit {
  range: OffsetRange;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix the editor offers first. */
  isPreferred?: boolean;
  /**
   * Safe to apply unattended (fix-all, `lint --fix`): a lossless rewrite, or the one exact reading of what
   * was meant (a key that differs from a known one only in case). Guesses are editor suggestions only.
   */
  safe?: boolean;
}

export interface RelatedInformation {
  message: string;
  range: OffsetRange;
  /** Another document (a file URI); absent means the same document. */
  uri?: string;
  /** In another document: the range as 0-based lines and characters (its text is not at hand). */
  position?: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface Finding {
  /** Stable rule id, e.g. `frontmatter-invalid-yaml`. */
  code: string;
  severity: Severity;
  message: string;
  range: OffsetRange;
  fixes?: Fix[];
  related?: RelatedInformation[];
}
