/** Completion, hover and document symbols: the core's answers turned into LSP shapes. */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Position,
} from 'vscode-languageserver';
import { completions, type Completion, type Templates } from '../core/assist/completion';
import { foldingRanges } from '../core/assist/folding';
import { hover } from '../core/assist/hover';
import { outline, type OutlineSymbol } from '../core/assist/symbols';
import { toLspRange } from '../core/positions';
import { baseName } from '../core/rules/support/fields';
import type { CheckedDocument } from './documents';

const COMPLETION_KIND: Record<Completion['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  tool: CompletionItemKind.Function,
  snippet: CompletionItemKind.Snippet,
};

const SYMBOL_KIND: Record<OutlineSymbol['kind'], SymbolKind> = {
  frontmatter: SymbolKind.Namespace,
  field: SymbolKind.Property,
  example: SymbolKind.Event,
  turn: SymbolKind.String,
  heading: SymbolKind.String,
};

/** VS Code's command that opens completion again: after a key, for its values. */
const TRIGGER_SUGGEST = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };

export function completionItems(doc: CheckedDocument, position: Position, templates: Templates): CompletionItem[] {
  const offset = doc.map.offsetAt(position);
  return completions(doc.text, doc.result.agent, offset, { templates, fileStem: baseName(doc.uri) }).map((c) => ({
    label: c.label,
    kind: COMPLETION_KIND[c.kind],
    detail: c.detail,
    documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
    sortText: c.sortText,
    filterText: c.filterText,
    insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: toLspRange(doc.map, c.replace), newText: c.insertText },
    command: c.suggestNext ? TRIGGER_SUGGEST : undefined,
  }));
}

export function hoverAt(doc: CheckedDocument, position: Position): Hover | null {
  const h = hover(doc.text, doc.result.agent, doc.map.offsetAt(position), doc.result.claude);
  return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toLspRange(doc.map, h.range) } : null;
}

/** The outline of the version's parse, made once per text (symbols and folding both come from it). */
function outlineOf(doc: CheckedDocument): OutlineSymbol[] {
  return (doc.outline ??= outline(doc.text, doc.result.agent));
}

/** The outline as document symbols, made once per text (the client asks again on every change of focus). */
export function documentSymbols(doc: CheckedDocument): DocumentSymbol[] {
  return (doc.symbols ??= makeSymbols(doc));
}

/** Folding ranges in lines: the outline's ranges, each from its first line to its last line with text. */
export function foldingRangesOf(doc: CheckedDocument): FoldingRange[] {
  return foldingRanges(doc.text, doc.result.agent, outlineOf(doc)).map((r) => ({ startLine: doc.map.positionAt(r.start).line, endLine: doc.map.positionAt(r.end).line }));
}

/**
 * The outline sends at most this many symbols: a 200 KB file of headings has 23,000, whose JSON alone held
 * the server's one thread for a quarter of a second on every outline request, and no one reads an outline
 * that long. The rest is said in one last symbol, which covers them.
 */
export const OUTLINE_SYMBOL_LIMIT = 2_000;

function makeSymbols(doc: CheckedDocument): DocumentSymbol[] {
  let left = OUTLINE_SYMBOL_LIMIT;
  let omitted = 0;
  let firstOmitted: OutlineSymbol | undefined;
  const convert = (list: readonly OutlineSymbol[]): DocumentSymbol[] => {
    const out: DocumentSymbol[] = [];
    for (const s of list) {
      if (left === 0) {
        firstOmitted ??= s;
        omitted += count(s);
        continue;
      }
      left--;
      out.push({
        name: s.name,
        detail: s.detail,
        kind: SYMBOL_KIND[s.kind],
        range: toLspRange(doc.map, s.range),
        selectionRange: toLspRange(doc.map, s.selectionRange),
        children: convert(s.children),
      });
    }
    return out;
  };
  const symbols = convert(outlineOf(doc));
  if (firstOmitted) {
    const rest = toLspRange(doc.map, { start: firstOmitted.range.start, end: doc.text.length });
    symbols.push({
      name: `${omitted.toLocaleString('en-US')} more not shown`,
      detail: `the outline shows the first ${OUTLINE_SYMBOL_LIMIT.toLocaleString('en-US')} symbols`,
      kind: SymbolKind.Null,
      range: rest,
      selectionRange: { start: rest.start, end: rest.start },
      children: [],
    });
  }
  return symbols;
}

/** A symbol and everything below it. */
function count(s: OutlineSymbol): number {
  let n = 1;
  for (const c of s.children) n += count(c);
  return n;
}
