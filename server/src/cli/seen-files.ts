/**
 * The files a CLI run has linted, by their identity on disk (`dev:ino`, as fs/untrusted-file gives it), so
 * that a second path to one file (a link) is not linted again. The identities are numbers in one table
 * made for the number of files up front (open addressing): a Set of 20,200 identity strings was 2 MB that
 * survived V8's young generation (see lint-rows for why that matters). An identity whose inode a double
 * cannot hold exactly is kept as a string.
 */
export class SeenFiles {
  /** Pairs of (device, inode); NaN marks a free slot. */
  private readonly slots: Float64Array;
  private readonly mask: number;
  private readonly others = new Set<string>();

  constructor(files: number) {
    let size = 16;
    while (size < files * 2) size *= 2;
    this.slots = new Float64Array(size * 2).fill(NaN);
    this.mask = size - 1;
  }

  /** Whether this identity was added before; adds it. */
  addIfNew(id: string): boolean {
    const colon = id.indexOf(':');
    const dev = Number(id.slice(0, colon));
    const ino = Number(id.slice(colon + 1));
    if (colon < 0 || !Number.isSafeInteger(dev) || !Number.isSafeInteger(ino)) {
      if (this.others.has(id)) return false;
      this.others.add(id);
      return true;
    }
    const { slots, mask } = this;
    for (let i = slotOf(dev, ino) & mask; ; i = (i + 1) & mask) {
      const at = i * 2;
      if (Number.isNaN(slots[at])) {
        slots[at] = dev;
        slots[at + 1] = ino;
        return true;
      }
      if (slots[at] === dev && slots[at + 1] === ino) return false;
    }
  }
}

function slotOf(dev: number, ino: number): number {
  const low = (ino % 0x100000000) | 0;
  const high = (ino / 0x100000000) | 0;
  return Math.imul(low ^ Math.imul(high, 0x9e3779b1) ^ Math.imul(dev | 0, 0x85ebca6b), 0xc2b2ae35) >>> 0;
}
