/**
 * Work that may wait until a burst is over: keys collected while they keep coming, handed over once
 * `quietMs` pass without a new one (and at the latest `maxWaitMs` after the first), each key once.
 *
 * Why: opening many files at once (a folder opened outside any workspace folder, a restore of many
 * editors) changed the namesakes of the documents already open with each open, and each was checked again
 * every time: the ten copies of each name in the 2,020-file benchmark made 11,110 checks and publishes for
 * 2,020 files. Collected, each namesake is checked once the opens are over.
 */
export class QuietBatch {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private firstAt = 0;

  constructor(
    private readonly run: (keys: string[]) => void,
    private readonly quietMs: number,
    private readonly maxWaitMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  add(key: string): void {
    if (this.pending.size === 0) this.firstAt = this.now();
    this.pending.add(key);
    clearTimeout(this.timer);
    const waited = this.now() - this.firstAt;
    this.timer = setTimeout(() => this.flush(), Math.max(0, Math.min(this.quietMs, this.maxWaitMs - waited)));
  }

  /** Drops a key that need not run any more (its document was closed). */
  delete(key: string): void {
    this.pending.delete(key);
  }

  private flush(): void {
    this.timer = undefined;
    const keys = [...this.pending];
    this.pending.clear();
    if (keys.length) this.run(keys);
  }
}
