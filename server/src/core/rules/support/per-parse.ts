/**
 * What the rules read of a parsed agent once and share (its fields by key, its tool lists, its tag
 * regions), kept for the latest parse only. Rules check one file at a time, so one slot is enough; a
 * WeakMap kept every parse alive until a major collection, and the CLI's memory grew with the files it
 * had seen.
 */
export class PerParse<K extends object, V> {
  private key: K | undefined;
  private value: V | undefined;

  get(key: K, make: () => V): V {
    if (this.key !== key) {
      this.value = make();
      this.key = key;
    }
    return this.value as V;
  }
}
