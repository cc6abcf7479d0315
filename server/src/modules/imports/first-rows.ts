/**
 * The first row of the file that carried each natural key, to report later rows as duplicates.
 * Keys are keyed hashes (HMAC-SHA-256), of which 96 bits are kept in an open-addressing table of
 * typed arrays: about 32 bytes per row, so a million-row file costs ~32 MB, not a Map's ~150 MB.
 */
export class FirstRows {
  private words: Uint32Array;
  private rows: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 14) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.words = new Uint32Array(size * 3);
    this.rows = new Uint32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The earlier row with the key at `keys[offset..]` (12 bytes or more), or null after remembering `row` (>= 1) as its first. */
  firstOrAdd(keys: Uint8Array, offset: number, row: number): number | null {
    if (keys.length < offset + 12) throw new RangeError('key too short');
    const a = ((keys[offset]! << 24) | (keys[offset + 1]! << 16) | (keys[offset + 2]! << 8) | keys[offset + 3]!) >>> 0;
    const b = ((keys[offset + 4]! << 24) | (keys[offset + 5]! << 16) | (keys[offset + 6]! << 8) | keys[offset + 7]!) >>> 0;
    const c = ((keys[offset + 8]! << 24) | (keys[offset + 9]! << 16) | (keys[offset + 10]! << 8) | keys[offset + 11]!) >>> 0;
    for (let slot = a & this.mask; ; slot = (slot + 1) & this.mask) {
      const seen = this.rows[slot]!;
      if (seen === 0) {
        this.words[slot * 3] = a;
        this.words[slot * 3 + 1] = b;
        this.words[slot * 3 + 2] = c;
        this.rows[slot] = row;
        if (++this.count * 2 > this.rows.length) this.grow();
        return null;
      }
      if (this.words[slot * 3] === a && this.words[slot * 3 + 1] === b && this.words[slot * 3 + 2] === c) return seen;
    }
  }

  private grow(): void {
    const { words, rows } = this;
    const size = rows.length * 2;
    this.words = new Uint32Array(size * 3);
    this.rows = new Uint32Array(size);
    this.mask = size - 1;
    for (let old = 0; old < rows.length; old++) {
      const row = rows[old]!;
      if (row === 0) continue;
      const a = words[old * 3]!;
      let slot = a & this.mask;
      while (this.rows[slot] !== 0) slot = (slot + 1) & this.mask;
      this.words.set(words.subarray(old * 3, old * 3 + 3), slot * 3);
      this.rows[slot] = row;
    }
  }
}
