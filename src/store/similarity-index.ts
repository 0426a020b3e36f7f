/**
 * The in-memory similarity index: what the Redis store keeps under one `…:idx` key family (the
 * near-duplicate index, and one per source for templates' copy check), bounded to the newest
 * `maxDocs` documents. It follows the Redis store step for step (same buckets, same bucket
 * limit, same eviction order): test/store/contract.ts holds them to it.
 *
 * A CLI batch fills the near-duplicate index to its whole bound (100,000 documents by default),
 * so what one indexed document costs is most of what memory grows by with the corpus. It is kept
 * small (about 0.5 KB for a 64-value signature, against 2 KB as objects and string keys):
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

/** Documents a chunk holds at most. */
const CHUNK = 256;
/**
 * Documents a new chunk has room for; it doubles as it fills, up to CHUNK. A source's index
 * often holds a document or two (templates keeps one per source key), and a corpus may have
 * thousands of source keys: a chunk must not cost 256 documents' room for one.
 */
const FIRST_ROOM = 2;

interface Chunk {
  readonly ids: (string | undefined)[];
  readonly exacts: (string | undefined)[];
  /** `width` values a document: room for `hashes.length / width` documents. */
  hashes: Uint32Array;
  /** A document's own count of values (small integers: a plain array costs less than a typed one). */
  readonly lengths: number[];
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

/**
 * A band table entry: a document's sequence number modulo SEQ_SPACE and its band, packed in 32
 * bits (never 0, the table's empty slot). The indexed documents' numbers span at most maxDocs
 * (< SEQ_SPACE), so the number is recovered from the newest one.
 */
const SEQ_SPACE = 2 ** 28;
/** The most documents an index may hold (`maxDocs`, `maxSourceDocs`). */
export const MAX_INDEX_DOCS = SEQ_SPACE - 1;
const entryOf = (seq: number, band: number): number => (seq % SEQ_SPACE) * MAX_BANDS + band + 1;
const bandOf = (entry: number): number => (entry - 1) % MAX_BANDS;

export class SimilarityIndex {
  private next = 0;
  private floor = 0;
  /** Values a document in the chunks' typed arrays: set by the first document indexed. */
  private width = -1;
  private readonly ids = new Map<string, number>();
  /** Chunk `firstChunk + i` at `chunks[i]`: chunks go from the front, in order. */
  private readonly chunks: Chunk[] = [];
  private firstChunk = 0;
  /** Signatures longer than `width` (not one stage's: a caller mixing sizes), kept whole. */
  private wide: Map<number, Uint32Array> | undefined;
  /**
   * Every band's buckets in one table (an index per source key: one table, not eight), keyed
   * by a hash of the band number and values.
   */
  private readonly buckets = new BandTable((entry) => this.storedKey(this.seqOf(entry), bandOf(entry)));
  private readonly exact = new Map<string, number>();

  constructor(
    private readonly maxDocs: number,
    private readonly bucketSize: number,
    /** Bits of a bucket key: tests take few, so that different bands share keys. */
    private readonly keyBits = 30,
  ) {
    if (maxDocs > MAX_INDEX_DOCS)
      throw new RangeError(`an index holds at most ${MAX_INDEX_DOCS} documents, got ${maxDocs}`);
  }

  /** The sequence number of a band table entry: the indexed one congruent to it. */
  private seqOf(entry: number): number {
    const low = Math.floor((entry - 1) / MAX_BANDS);
    return this.next - ((((this.next - low) % SEQ_SPACE) + SEQ_SPACE) % SEQ_SPACE);
  }

  private chunkAt(number: number): Chunk | undefined {
    return this.chunks[number - this.firstChunk];
  }

  /** Documents indexed and not yet evicted. */
  get size(): number {
    return this.ids.size;
  }

  /** Entries of the index's tables, for tests that check they stay bounded. */
  tableSizes(): { ids: number; exact: number; bandEntries: number; chunks: number; room: number; wide: number } {
    return {
      ids: this.ids.size,
      exact: this.exact.size,
      bandEntries: this.buckets.size,
      chunks: this.chunks.filter(Boolean).length,
      room: this.chunks.reduce((sum, chunk) => sum + this.roomOf(chunk), 0),
      wide: this.wide?.size ?? 0,
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
      const key = bandKey(minhashes, band, this.keyBits);
      if (this.bucket(key, band, minhashes).length < this.bucketSize) this.buckets.add(entryOf(seq, band), key);
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
      candidates.push(...this.bucket(bandKey(minhashes, band, this.keyBits), band, minhashes));
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
    let chunk = this.chunkAt(number);
    if (!chunk) {
      chunk = { ids: [], exacts: [], hashes: new Uint32Array(0), lengths: [] };
      if (this.chunks.length === 0) this.firstChunk = number;
      this.chunks.push(chunk);
    }
    const slot = seq % CHUNK;
    if (slot >= this.roomOf(chunk)) {
      let room = Math.max(FIRST_ROOM, this.roomOf(chunk));
      while (room <= slot) room *= 2;
      room = Math.min(room, CHUNK);
      const hashes = new Uint32Array(room * this.width);
      hashes.set(chunk.hashes);
      chunk.hashes = hashes;
    }
    chunk.ids[slot] = id;
    chunk.exacts[slot] = signature.exact;
    if (minhashes.length > this.width) {
      this.wide ??= new Map();
      this.wide.set(seq, Uint32Array.from(minhashes));
      return;
    }
    chunk.lengths[slot] = minhashes.length;
    // Stored as Uint32Array.from would: the Redis store and earlier versions compare these values.
    chunk.hashes.set(Uint32Array.from(minhashes), slot * this.width);
  }

  /** Documents a chunk has room for (a width of 0 stores nothing: room enough). */
  private roomOf(chunk: Chunk): number {
    return this.width > 0 ? chunk.hashes.length / this.width : CHUNK;
  }

  /** The chunk of a document still indexed. */
  private live(seq: number): Chunk | undefined {
    if (seq <= this.floor || seq > this.next) return undefined;
    return this.chunkAt(Math.floor(seq / CHUNK));
  }

  /** A document's stored values and where they start (indexed or being evicted). */
  private valuesOf(seq: number, chunk: Chunk): { values: Uint32Array; start: number; length: number } {
    const wide = this.wide?.get(seq);
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
  private bucket(key: number, band: number, minhashes: ArrayLike<number>): number[] {
    const found: number[] = [];
    for (const entry of this.buckets.candidates(key)) {
      if (bandOf(entry) !== band) continue;
      const seq = this.seqOf(entry);
      if (this.sameBand(seq, band, minhashes)) found.push(seq);
    }
    return found.sort((a, b) => a - b);
  }

  /** The bucket key document `seq` was added with in `band`. */
  private storedKey(seq: number, band: number): number {
    const chunk = this.chunkAt(Math.floor(seq / CHUNK));
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
    const chunk = this.chunkAt(number);
    if (!chunk) return;
    const slot = seq % CHUNK;
    const { length } = this.valuesOf(seq, chunk);
    for (let band = 0; band < bandCount(length); band++) {
      this.buckets.delete(entryOf(seq, band), this.storedKey(seq, band));
    }
    const id = chunk.ids[slot];
    const exact = chunk.exacts[slot];
    if (id !== undefined) this.ids.delete(id);
    if (exact !== undefined && this.exact.get(exact) === seq) this.exact.delete(exact);
    this.wide?.delete(seq);
    chunk.ids[slot] = undefined;
    chunk.exacts[slot] = undefined;
    // Documents are evicted in order: past the chunk's last slot, nothing in it is indexed.
    if (slot === CHUNK - 1 && number === this.firstChunk) {
      this.chunks.shift();
      this.firstChunk++;
    }
  }
}
