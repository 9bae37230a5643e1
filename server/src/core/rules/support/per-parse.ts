/**
 * What the rules read of a parsed agent once and share (its fields by key, its tool lists, its tag
 * regions), kept for the latest parse only. Rules check one file at a time, so one slot is enough; a
 * WeakMap kept every parse alive until a major collection, and the CLI's memory grew with the files it
 * had seen.
 */
export class PerParse<K extends object, V> {
  private static readonly all: PerParse<object, unknown>[] = [];
  private key: K | undefined;
  private value: V | undefined;

  constructor() {
    PerParse.all.push(this);
  }

  /**
   * Lets go of the latest parse (lintText calls it when done). Kept, it stayed alive until the next file
   * was linted, so each young-generation collection in a CLI run copied one whole file and its parse.
   */
  static forgetAll(): void {
    for (const cache of PerParse.all) cache.key = cache.value = undefined;
  }

  /** `make` is given the key, so that a caller can pass a function made once instead of a closure per call. */
  get(key: K, make: (key: K) => V): V {
    if (this.key !== key) {
      this.value = make(key);
      this.key = key;
    }
    return this.value as V;
  }
}
