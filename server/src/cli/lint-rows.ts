/**
 * What a CLI lint run keeps of each file until every file is read, when the duplicate-name check can be
 * made: a row per file, in columns, off the JS heap. A row's numbers (its agents tree, its duplicate-name
 * setting, where its name stands) sit in one Int32Array, and its name as UTF-8 in one growing byte buffer.
 *
 * Why columns and not an object per file: what a run keeps survives V8's young generation, and V8 doubles
 * the young generation once enough has survived it. Kept as objects (a record, the name's place, the name
 * string), 20,200 files' rows made it grow to twice the size a 2,020-file run needs, which was most of the
 * difference in peak memory between the two. Plain data, so a worker thread can send its rows.
 */
import type { LspRange } from '../core/positions';
import type { FileReport } from './formats';

export type Diagnostic = FileReport['diagnostics'][number];

/** The settings of duplicate-name a row can record, by their index (0: the rule's default severity). */
const SETTINGS = [undefined, 'off', 'error', 'warning', 'information', 'hint'] as const;
export type DuplicateNameSetting = (typeof SETTINGS)[number];

// A row's numbers, in this order.
const FLAGS = 0;
const TREE = 1;
const SETTING = 2;
const NAME_AT = 3;
const NAME_BYTES = 4;
const HASH = 5;
const START = 6;
const END = 7;
const LINE = 8;
const CHARACTER = 9;
const END_LINE = 10;
const END_CHARACTER = 11;
const ROW_INTS = 12;

/** FLAGS: the file was linted (else it was another path to a file already linted, or not read at all). */
const LINTED = 1;
/** FLAGS: the file has a name. */
const NAMED = 2;

/** A file's name as the duplicate-name check needs it: the name, its agents tree, and where the value stands. */
export interface NameAt {
  name: string;
  tree: string;
  /** The value's offsets in the text. */
  start: number;
  end: number;
  /** The same as LSP positions. */
  position: LspRange;
}

/** The rows of one share of the files: row i is the share's file i. */
export interface Rows {
  ints: Int32Array;
  /** The names, UTF-8, one after another (rows point into it). */
  names: Uint8Array;
  /** How much of `names` is used. */
  namesUsed: number;
  /** The agents trees, each once (rows point to them by index). */
  trees: string[];
  /** The diagnostics of the rows that have any; most rows have none. */
  diagnostics: Map<number, Diagnostic[]>;
  /** Each row's file identity on disk, when shares must be merged (of two paths to one file, the first counts). */
  ids?: (string | undefined)[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Writes the rows of a share of `count` files, one file at a time, in order. */
export class RowWriter {
  readonly rows: Rows;
  private readonly treeIndex = new Map<string, number>();

  constructor(count: number, keepIds: boolean) {
    this.rows = {
      ints: new Int32Array(count * ROW_INTS),
      names: new Uint8Array(Math.max(64, count * 32)),
      namesUsed: 0,
      trees: [],
      diagnostics: new Map(),
      ids: keepIds ? new Array<string | undefined>(count) : undefined,
    };
  }

  /** Row `row` was linted: its diagnostics (when it has any), its name (when it has one), its setting and its id. */
  linted(row: number, diagnostics: Diagnostic[], name: NameAt | undefined, setting: DuplicateNameSetting, id: string | undefined): void {
    const { rows } = this;
    const at = row * ROW_INTS;
    rows.ints[at + FLAGS] = LINTED;
    rows.ints[at + SETTING] = SETTINGS.indexOf(setting);
    if (diagnostics.length) rows.diagnostics.set(row, diagnostics);
    if (rows.ids) rows.ids[row] = id;
    if (!name) return;
    rows.ints[at + FLAGS] |= NAMED;
    rows.ints[at + TREE] = this.tree(name.tree);
    const [nameAt, bytes] = this.writeName(name.name);
    rows.ints[at + NAME_AT] = nameAt;
    rows.ints[at + NAME_BYTES] = bytes;
    rows.ints[at + HASH] = hash(name.name);
    rows.ints[at + START] = name.start;
    rows.ints[at + END] = name.end;
    rows.ints[at + LINE] = name.position.start.line;
    rows.ints[at + CHARACTER] = name.position.start.character;
    rows.ints[at + END_LINE] = name.position.end.line;
    rows.ints[at + END_CHARACTER] = name.position.end.character;
  }

  /** Row `row` was not linted, but it has diagnostics to report (a file too large to read). */
  unread(row: number, diagnostics: Diagnostic[]): void {
    this.rows.ints[row * ROW_INTS + FLAGS] = LINTED;
    this.rows.diagnostics.set(row, diagnostics);
  }

  private tree(tree: string): number {
    let i = this.treeIndex.get(tree);
    if (i === undefined) {
      i = this.rows.trees.push(tree) - 1;
      this.treeIndex.set(tree, i);
    }
    return i;
  }

  /** Appends a name's UTF-8 bytes (the buffer doubles when full); returns where they start and how many. */
  private writeName(name: string): [number, number] {
    const { rows } = this;
    // UTF-8 takes at most 3 bytes for each UTF-16 unit.
    while (rows.namesUsed + name.length * 3 > rows.names.length) {
      const grown = new Uint8Array(rows.names.length * 2);
      grown.set(rows.names.subarray(0, rows.namesUsed));
      rows.names = grown;
    }
    const start = rows.namesUsed;
    const { written } = encoder.encodeInto(name, rows.names.subarray(start));
    rows.namesUsed += written;
    return [start, written];
  }
}

/** FNV-1a over the UTF-16 units, kept to 30 bits so that it is a small integer in V8 (no allocation as a Map key). */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

/** One row of one share, as the end of the run reads it. */
export interface Row {
  rows: Rows;
  index: number;
  file: string;
}

export const isLinted = (r: Row) => (r.rows.ints[r.index * ROW_INTS + FLAGS] & LINTED) !== 0;
const isNamed = (r: Row) => (r.rows.ints[r.index * ROW_INTS + FLAGS] & NAMED) !== 0;
export const idOf = (r: Row) => r.rows.ids?.[r.index];
export const diagnosticsOf = (r: Row) => r.rows.diagnostics.get(r.index);
export const settingOf = (r: Row): DuplicateNameSetting => SETTINGS[r.rows.ints[r.index * ROW_INTS + SETTING]];

/** Adds a diagnostic to a row's list (made when the row has none). */
export function diagnosticsFor(r: Row): Diagnostic[] {
  let list = r.rows.diagnostics.get(r.index);
  if (!list) r.rows.diagnostics.set(r.index, (list = []));
  return list;
}

/** The name of a named row, read back from the bytes. */
export function nameOf(r: Row): NameAt {
  const { ints, names, trees } = r.rows;
  const at = r.index * ROW_INTS;
  return {
    name: decoder.decode(names.subarray(ints[at + NAME_AT], ints[at + NAME_AT] + ints[at + NAME_BYTES])),
    tree: trees[ints[at + TREE]],
    start: ints[at + START],
    end: ints[at + END],
    position: {
      start: { line: ints[at + LINE], character: ints[at + CHARACTER] },
      end: { line: ints[at + END_LINE], character: ints[at + END_CHARACTER] },
    },
  };
}

/**
 * The named rows that share their name with another row of their agents tree, by tree and name, each group
 * in the order of `rows`. Rows are first bucketed by the hash of their name; only rows whose hash another row has
 * are read back and compared, so a run of distinct names decodes none.
 */
export function namesakeGroups(rows: readonly Row[]): Array<Array<{ row: Row; name: NameAt }>> {
  const byHash = new Map<number, Row | Row[]>();
  for (const r of rows) {
    if (!isNamed(r)) continue;
    const h = r.rows.ints[r.index * ROW_INTS + HASH];
    const first = byHash.get(h);
    if (first === undefined) byHash.set(h, r);
    else if (Array.isArray(first)) first.push(r);
    else byHash.set(h, [first, r]);
  }
  const groups = new Map<string, Array<{ row: Row; name: NameAt }>>();
  for (const bucket of byHash.values()) {
    if (!Array.isArray(bucket)) continue;
    for (const row of bucket) {
      const name = nameOf(row);
      const key = `${name.tree}\0${name.name}`;
      const group = groups.get(key);
      if (group) group.push({ row, name });
      else groups.set(key, [{ row, name }]);
    }
  }
  return [...groups.values()].filter((g) => g.length > 1);
}
