/**
 * The in-memory similarity index: what the Redis store keeps under one `…:idx` key family (the
 * near-duplicate index, and one per source for templates' copy check), bounded to the newest
 * `maxDocs` documents. It follows the Redis store step for step (same buckets, same bucket
 * limit, same eviction order): test/store/contract.ts holds them to it.
 *
 * A CLI batch fills the near-duplicate index to its whole bound (100,000 documents by default),
 * so what one indexed document costs is most of what memory grows by with the corpus. It is kept
 * small (about 0.6 KB for a 64-value signature, against 2 KB as objects and string keys):
 *
 * - MinHash values live in chunks of CHUNK documents, one typed array a chunk (no object, typed
 *   array and backing store per document); a chunk goes when its last document is evicted.
 * - A band's buckets are one hash table of sequence numbers (src/store/band-table.ts), keyed by a
 *   hash of the band's values, not a map of string keys. Two band values may hash alike: every
 *   use compares a document's stored band values with the asked ones, so membership, the
 *   per-bucket limit and the order are exactly those of one bucket per band value (the Redis
 *   store's `index:band` fields).
 */
import { BAND_ROWS, MAX_BANDS, type Signature } from '../text/minhash.js';
import { BandTable } from './band-table.js';
import type { SimilarDocument } from './store.js';

/** Documents a chunk holds: small enough that a source's index of a few documents stays small. */
const CHUNK = 256;

interface Chunk {
  readonly ids: (string | undefined)[];
  readonly exacts: (string | undefined)[];
  /** `width` values a document; a document's own count in `lengths`. */
  readonly hashes: Uint32Array;
  readonly lengths: Uint16Array;
}

/** How many full bands a signature of `length` values has (as bandsOf: at most MAX_BANDS). */
const bandCount = (length: number): number => Math.floor(Math.min(length, MAX_BANDS * BAND_ROWS) / BAND_ROWS);

/** A band's values hashed to `bits` bits (30: a V8 small integer on every platform). */
function bandKey(values: ArrayLike<number>, band: number, bits: number): number {
  let h = band;
  for (let i = band * BAND_ROWS; i < (band + 1) * BAND_ROWS; i++) {
    h = Math.imul(h ^ ((values[i] ?? 0) >>> 0), 0x9e3779b1);
    h ^= h >>> 15;
  }
  return h >>> (32 - bits);
}

export class SimilarityIndex {
  private next = 0;
  private floor = 0;
  /** Values a document in the chunks' typed arrays: set by the first document indexed. */
  private width = -1;
  private readonly ids = new Map<string, number>();
  private readonly chunks = new Map<number, Chunk>();
  /** Signatures longer than `width` (not one stage's: a caller mixing sizes), kept whole. */
  private readonly wide = new Map<number, Uint32Array>();
  private readonly bands: BandTable[] = Array.from(
    { length: MAX_BANDS },
    (_, band) => new BandTable((seq) => this.storedKey(seq, band)),
  );
  private readonly exact = new Map<string, number>();

  constructor(
    private readonly maxDocs: number,
    private readonly bucketSize: number,
    /** Bits of a bucket key: tests take few, so that different bands share keys. */
    private readonly keyBits = 30,
  ) {}

  /** Documents indexed and not yet evicted. */
  get size(): number {
    return this.ids.size;
  }

  /** Entries of the index's tables, for tests that check they stay bounded. */
  tableSizes(): { ids: number; exact: number; bandEntries: number; chunks: number; wide: number } {
    return {
      ids: this.ids.size,
      exact: this.exact.size,
      bandEntries: this.bands.reduce((sum, band) => sum + band.size, 0),
      chunks: this.chunks.size,
      wide: this.wide.size,
    };
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  sequenceOf(id: string): number | undefined {
    return this.ids.get(id);
  }

  add(id: string, signature: Signature): number {
    const known = this.ids.get(id);
    if (known !== undefined) return known;
    const seq = ++this.next;
    this.ids.set(id, seq);
    this.store(seq, id, signature);
    if (!this.exact.has(signature.exact)) this.exact.set(signature.exact, seq);
    const { minhashes } = signature;
    for (let band = 0; band < bandCount(minhashes.length); band++) {
      const table = this.bands[band] as BandTable;
      const key = bandKey(minhashes, band, this.keyBits);
      if (this.bucket(table, key, band, minhashes).length < this.bucketSize) table.add(seq, key);
    }
    while (seq - this.floor > this.maxDocs) this.evict(++this.floor);
    return seq;
  }

  find(signature: Signature, minAgreement: number, before?: number): SimilarDocument[] {
    const { minhashes } = signature;
    const candidates: number[] = [];
    const exactSeq = this.exact.get(signature.exact);
    if (exactSeq !== undefined) candidates.push(exactSeq);
    for (let band = 0; band < bandCount(minhashes.length); band++) {
      const table = this.bands[band] as BandTable;
      candidates.push(...this.bucket(table, bandKey(minhashes, band, this.keyBits), band, minhashes));
    }
    const seen = new Set<number>();
    const found: SimilarDocument[] = [];
    for (const seq of candidates) {
      if (seen.has(seq) || (before !== undefined && seq >= before)) continue;
      seen.add(seq);
      const chunk = this.live(seq);
      if (!chunk) continue;
      const slot = seq % CHUNK;
      const exact = chunk.exacts[slot] === signature.exact;
      const agree = this.agreement(seq, chunk, minhashes);
      if (exact || agree >= minAgreement) found.push({ id: chunk.ids[slot] as string, seq, agreement: agree, exact });
    }
    return found;
  }

  private store(seq: number, id: string, signature: Signature): void {
    const { minhashes } = signature;
    if (this.width < 0) this.width = minhashes.length;
    const number = Math.floor(seq / CHUNK);
    let chunk = this.chunks.get(number);
    if (!chunk) {
      chunk = {
        ids: new Array<string | undefined>(CHUNK).fill(undefined),
        exacts: new Array<string | undefined>(CHUNK).fill(undefined),
        hashes: new Uint32Array(CHUNK * this.width),
        lengths: new Uint16Array(CHUNK),
      };
      this.chunks.set(number, chunk);
    }
    const slot = seq % CHUNK;
    chunk.ids[slot] = id;
    chunk.exacts[slot] = signature.exact;
    if (minhashes.length > this.width) {
      this.wide.set(seq, Uint32Array.from(minhashes));
      return;
    }
    chunk.lengths[slot] = minhashes.length;
    // Stored as Uint32Array.from would: the Redis store and earlier versions compare these values.
    chunk.hashes.set(Uint32Array.from(minhashes), slot * this.width);
  }

  /** The chunk of a document still indexed. */
  private live(seq: number): Chunk | undefined {
    if (seq <= this.floor || seq > this.next) return undefined;
    return this.chunks.get(Math.floor(seq / CHUNK));
  }

  /** A document's stored values and where they start (indexed or being evicted). */
  private valuesOf(seq: number, chunk: Chunk): { values: Uint32Array; start: number; length: number } {
    const wide = this.wide.get(seq);
    if (wide) return { values: wide, start: 0, length: wide.length };
    const slot = seq % CHUNK;
    return { values: chunk.hashes, start: slot * this.width, length: chunk.lengths[slot] ?? 0 };
  }

  /** Whether document `seq` has `band` and it holds the values of `minhashes`' band. */
  private sameBand(seq: number, band: number, minhashes: ArrayLike<number>): boolean {
    const chunk = this.live(seq);
    if (!chunk) return false;
    const stored = this.valuesOf(seq, chunk);
    if (band >= bandCount(stored.length)) return false;
    for (let i = band * BAND_ROWS; i < (band + 1) * BAND_ROWS; i++) {
      if (stored.values[stored.start + i] !== (minhashes[i] ?? 0) >>> 0) return false;
    }
    return true;
  }

  /** The bucket of `minhashes`' band: its documents, earliest first (the order they were added in). */
  private bucket(table: BandTable, key: number, band: number, minhashes: ArrayLike<number>): number[] {
    const found: number[] = [];
    for (const seq of table.candidates(key)) if (this.sameBand(seq, band, minhashes)) found.push(seq);
    return found.sort((a, b) => a - b);
  }

  /** The bucket key document `seq` was added with in `band`. */
  private storedKey(seq: number, band: number): number {
    const chunk = this.chunks.get(Math.floor(seq / CHUNK));
    if (!chunk) return 0;
    const stored = this.valuesOf(seq, chunk);
    return bandKey(stored.values.subarray(stored.start, stored.start + stored.length), band, this.keyBits);
  }

  /** Positions where the document agrees with `minhashes`, over the shorter: as agreement(). */
  private agreement(seq: number, chunk: Chunk, minhashes: ArrayLike<number>): number {
    const stored = this.valuesOf(seq, chunk);
    const n = Math.min(minhashes.length, stored.length);
    let same = 0;
    for (let i = 0; i < n; i++) if (minhashes[i] === stored.values[stored.start + i]) same++;
    return same;
  }

  /** Forgets document `seq`, the new floor: its buckets, id, exact text and, with its chunk's last slot, the chunk. */
  private evict(seq: number): void {
    const number = Math.floor(seq / CHUNK);
    const chunk = this.chunks.get(number);
    if (!chunk) return;
    const slot = seq % CHUNK;
    const { length } = this.valuesOf(seq, chunk);
    for (let band = 0; band < bandCount(length); band++) {
      (this.bands[band] as BandTable).delete(seq, this.storedKey(seq, band));
    }
    const id = chunk.ids[slot];
    const exact = chunk.exacts[slot];
    if (id !== undefined) this.ids.delete(id);
    if (exact !== undefined && this.exact.get(exact) === seq) this.exact.delete(exact);
    this.wide.delete(seq);
    chunk.ids[slot] = undefined;
    chunk.exacts[slot] = undefined;
    // Documents are evicted in order: past the chunk's last slot, nothing in it is indexed.
    if (slot === CHUNK - 1) this.chunks.delete(number);
  }
}
