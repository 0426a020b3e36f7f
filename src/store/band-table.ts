/**
 * The buckets of one LSH band of src/store/similarity-index.ts as an open-addressing hash table
 * of document sequence numbers in one typed array (linear probing, deletion by backward shift):
 * about 11 bytes a document, against 30 to 40 for a Map entry. A document's slot is found from
 * its bucket key, a hash of the band's values; documents of a bucket (and of any band value
 * hashing alike) lie between their key's slot and the next empty one, so a scan from there sees
 * them all. The table knows no band values: `keyOf` gives a stored document's key, and callers
 * check band values themselves.
 */

const EMPTY = 0;
const FIRST_CAPACITY = 8;

export class BandTable {
  private slots = new Uint32Array(FIRST_CAPACITY);
  private count = 0;

  /** `keyOf(seq)`: the key document `seq` was added with (any 32-bit integer). */
  constructor(private readonly keyOf: (seq: number) => number) {}

  /** Documents in the table. */
  get size(): number {
    return this.count;
  }

  /** The documents added with `key` (and any that share its slot run), in no particular order. */
  *candidates(key: number): Generator<number> {
    const mask = this.slots.length - 1;
    for (let at = key & mask; ; at = (at + 1) & mask) {
      const seq = this.slots[at] as number;
      if (seq === EMPTY) return;
      yield seq;
    }
  }

  /** Adds document `seq` (not 0) with `key`. */
  add(seq: number, key: number): void {
    // At most half full: runs stay short, and there is always an empty slot to end a scan.
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    this.place(seq, key);
    this.count++;
  }

  /** Removes document `seq`, added with `key`; nothing if it is not there. */
  delete(seq: number, key: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let hole = key & mask;
    while (slots[hole] !== seq) {
      if (slots[hole] === EMPTY) return;
      hole = (hole + 1) & mask;
    }
    slots[hole] = EMPTY;
    this.count--;
    // Backward shift: move up each later entry of the run whose home slot the hole now cuts off.
    for (let at = (hole + 1) & mask; slots[at] !== EMPTY; at = (at + 1) & mask) {
      const moved = slots[at] as number;
      const home = this.keyOf(moved) & mask;
      const cutOff = hole <= at ? home <= hole || home > at : home <= hole && home > at;
      if (cutOff) {
        slots[hole] = moved;
        slots[at] = EMPTY;
        hole = at;
      }
    }
  }

  private place(seq: number, key: number): void {
    const mask = this.slots.length - 1;
    let at = key & mask;
    while (this.slots[at] !== EMPTY) at = (at + 1) & mask;
    this.slots[at] = seq;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (const seq of old) if (seq !== EMPTY) this.place(seq, this.keyOf(seq));
  }
}
