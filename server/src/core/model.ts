/**
 * The parsed agent: what `core/parse` produces from the text of an agent file, what the rules check, and
 * what the preview's model is built from (`buildPreviewModel`, sent to the client through the
 * `subagentStudio/previewModel` request). Everything here is plain JSON-serialisable data.
 */
import type { OffsetRange } from './types';

/** A YAML value as the parser read it, with the source range of every node. */
export type FieldValue =
  | { kind: 'string'; value: string; range: OffsetRange; style: ScalarStyle }
  | { kind: 'number'; value: number; range: OffsetRange; source: string }
  | { kind: 'boolean'; value: boolean; range: OffsetRange; source: string }
  | { kind: 'null'; range: OffsetRange }
  | { kind: 'list'; items: FieldValue[]; range: OffsetRange; flow: boolean }
  | { kind: 'map'; entries: Field[]; range: OffsetRange; flow: boolean };

export type ScalarStyle = 'plain' | 'single-quoted' | 'double-quoted' | 'block-literal' | 'block-folded';

/** One `key: value` pair of the frontmatter (or of a nested map). */
export interface Field {
  key: string;
  keyRange: OffsetRange;
  value: FieldValue;
  /** From the key to the end of the value. */
  range: OffsetRange;
}

/** A problem the YAML parser reported, at the place in the source where it was found. */
export interface YamlProblem {
  code: string;
  message: string;
  range: OffsetRange;
}

export interface Frontmatter {
  /** The whole block, from the opening `---` to the end of the closing `---` line. */
  range: OffsetRange;
  /** The opening `---` (three characters). */
  open: OffsetRange;
  /** The closing `---`; absent when the block is never closed. */
  close?: OffsetRange;
  /** The YAML text between the delimiter lines. */
  content: OffsetRange;
  /** False when something (blank lines, text) stands before the opening `---`: Claude Code skips the file. */
  startsOnFirstLine: boolean;
  /** Errors from the `yaml` package; non-empty means Claude Code reads no field and skips the file. */
  yamlProblems: YamlProblem[];
  /**
   * 'yaml' when the YAML parsed and `fields` is what Claude Code reads;
   * 'lenient' when it did not and `fields` is the line-based `key: value` read of what the author meant.
   */
  fieldsFrom: 'yaml' | 'lenient';
  /** The top-level fields in source order (duplicates kept). */
  fields: Field[];
  /** The YAML content is something other than a mapping (a list, a scalar). */
  notAMapping: boolean;
  /**
   * The whole YAML content as plain JavaScript, as YAML reads it (of duplicate keys the last wins); absent
   * when the YAML is not valid.
   */
  value?: unknown;
}

export type TurnRole = 'context' | 'user' | 'assistant';

/** `Context:`, `user:` or `assistant:` and the text that follows it, up to the next part. */
export interface Turn {
  role: TurnRole;
  /** The label, e.g. `user:`. */
  labelRange: OffsetRange;
  /** The text after the label, trimmed. */
  textRange: OffsetRange;
  /** The text for display: `\n` escapes turned into line breaks, surrounding quotes kept. */
  text: string;
}

export interface Tag {
  /** The tag name as written, lower-cased: `example`, `commentary`, or a misspelling. */
  name: string;
  closing: boolean;
  range: OffsetRange;
}

export interface Commentary {
  range: OffsetRange;
  open: Tag;
  close?: Tag;
  textRange: OffsetRange;
  text: string;
}

export interface ExampleBlock {
  /** Where the block was found. */
  location: 'description' | 'body';
  /** From `<example>` to the end of `</example>` (or to where the block ends when unclosed). */
  range: OffsetRange;
  open: Tag;
  close?: Tag;
  turns: Turn[];
  commentaries: Commentary[];
}

export interface AgentModel {
  /** The document had a UTF-8 byte-order mark (U+FEFF) before the frontmatter. */
  bom: boolean;
  /** The line ending the document mostly uses. */
  eol: '\n' | '\r\n';
  /** Absent when the file has no frontmatter: Claude Code treats it as documentation. */
  frontmatter?: Frontmatter;
  /** The Markdown after the frontmatter (the whole text when there is none). */
  body: OffsetRange;
  /** The description's value range in the source, when there is a description. */
  descriptionRange?: OffsetRange;
  /** `<example>` blocks in the description, then in the body. */
  examples: ExampleBlock[];
  /** Every example-like tag found in the description and body, in order (for balance checks). */
  tags: Tag[];
}
