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
 * - A bucket is keyed by a small integer hashed from its band's values, one map per band, so the
 *   key is a V8 small integer, not a string. Two bands may hash alike: a bucket then holds the
 *   documents of both, and every use compares the document's stored band values with the asked
 *   ones, so membership, the per-bucket limit and the order are exactly those of one bucket per
 *   band value (the Redis store's `index:band` fields).
 */
import { BAND_ROWS, MAX_BANDS, type Signature } from '../text/minhash.js';
import type { SimilarDocument } from './store.js';

/** Documents a chunk holds: small enough that a source's index of a few documents stays small. */
const CHUNK = 256;

/** A bucket's map entry: the sequence numbers of its documents, earliest first; one as a bare number. */
type Bucket = number | number[];

interface Chunk {
  readonly ids: (string | undefined)[];
  readonly exacts: (string | undefined)[];
  /** `width` values a document; a document's own count in `lengths`. */
  readonly hashes: Uint32Array;
  readonly lengths: Uint16Array;
}

const members = (bucket: Bucket | undefined): readonly number[] =>
  bucket === undefined ? [] : typeof bucket === 'number' ? [bucket] : bucket;

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
  private readonly bands: Map<number, Bucket>[] = Array.from({ length: MAX_BANDS }, () => new Map());
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
  tableSizes(): { ids: number; exact: number; buckets: number; chunks: number; wide: number } {
    return {
      ids: this.ids.size,
      exact: this.exact.size,
      buckets: this.bands.reduce((sum, band) => sum + band.size, 0),
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
      const map = this.bands[band] as Map<number, Bucket>;
      const key = bandKey(minhashes, band, this.keyBits);
      const bucket = map.get(key);
      if (bucket === undefined) map.set(key, seq);
      else if (this.inBand(bucket, band, minhashes) < this.bucketSize) {
        if (typeof bucket === 'number') map.set(key, [bucket, seq]);
        else bucket.push(seq);
      }
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
      for (const seq of members(this.bands[band]?.get(bandKey(minhashes, band, this.keyBits)))) {
        if (this.sameBand(seq, band, minhashes)) candidates.push(seq);
      }
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

  /** Members of a bucket entry in the band of `minhashes` (the others only share its hash). */
  private inBand(bucket: Bucket, band: number, minhashes: ArrayLike<number>): number {
    let count = 0;
    for (const seq of members(bucket)) if (this.sameBand(seq, band, minhashes)) count++;
    return count;
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
    const stored = this.valuesOf(seq, chunk);
    const values = stored.values.subarray(stored.start, stored.start + stored.length);
    for (let band = 0; band < bandCount(stored.length); band++) {
      const map = this.bands[band] as Map<number, Bucket>;
      const key = bandKey(values, band, this.keyBits);
      const list = members(map.get(key)).filter((s) => s !== seq);
      if (list.length === 0) map.delete(key);
      else map.set(key, list.length === 1 ? (list[0] as number) : list);
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
