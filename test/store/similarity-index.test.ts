/**
 * The compact similarity index (src/store/similarity-index.ts) against the plain one it replaced
 * (one string key per band value, one object per document, kept here as the reference): the same
 * answers, in the same order, through evictions, full buckets and bucket keys shared by different
 * bands (few key bits); and tables that stop growing at the index's bound.
 */
import { describe, expect, it } from 'vitest';
import { SimilarityIndex } from '../../src/store/similarity-index.js';
import type { SimilarDocument } from '../../src/store/store.js';
import { agreement, BAND_ROWS, MAX_BANDS, type Signature } from '../../src/text/minhash.js';
import { seededRandom } from '../../src/text/seeded.js';

/** The index as it was: the Redis store's buckets, one string field per band value. */
class ReferenceIndex {
  private next = 0;
  private floor = 0;
  private readonly ids = new Map<string, number>();
  private readonly docs = new Map<number, { id: string; minhashes: Uint32Array; exact: string }>();
  private readonly buckets = new Map<string, number[]>();
  private readonly exact = new Map<string, number>();

  constructor(
    private readonly maxDocs: number,
    private readonly bucketSize: number,
  ) {}

  add(id: string, signature: Signature): number {
    const known = this.ids.get(id);
    if (known !== undefined) return known;
    const seq = ++this.next;
    this.ids.set(id, seq);
    this.docs.set(seq, { id, minhashes: Uint32Array.from(signature.minhashes), exact: signature.exact });
    if (!this.exact.has(signature.exact)) this.exact.set(signature.exact, seq);
    for (const field of fields(signature.minhashes)) {
      const bucket = this.buckets.get(field) ?? [];
      if (bucket.length < this.bucketSize) this.buckets.set(field, [...bucket, seq]);
    }
    while (seq - this.floor > this.maxDocs) this.evict(++this.floor);
    return seq;
  }

  find(signature: Signature, minAgreement: number, before?: number): SimilarDocument[] {
    const candidates: number[] = [];
    const exactSeq = this.exact.get(signature.exact);
    if (exactSeq !== undefined) candidates.push(exactSeq);
    for (const field of fields(signature.minhashes)) candidates.push(...(this.buckets.get(field) ?? []));
    const seen = new Set<number>();
    const found: SimilarDocument[] = [];
    for (const seq of candidates) {
      if (seen.has(seq) || (before !== undefined && seq >= before)) continue;
      seen.add(seq);
      const doc = this.docs.get(seq);
      if (!doc) continue;
      const exact = doc.exact === signature.exact;
      const agree = agreement(signature.minhashes, Array.from(doc.minhashes));
      if (exact || agree >= minAgreement) found.push({ id: doc.id, seq, agreement: agree, exact });
    }
    return found;
  }

  private evict(seq: number): void {
    const doc = this.docs.get(seq);
    if (!doc) return;
    this.docs.delete(seq);
    this.ids.delete(doc.id);
    if (this.exact.get(doc.exact) === seq) this.exact.delete(doc.exact);
    for (const field of fields(Array.from(doc.minhashes))) {
      const list = (this.buckets.get(field) ?? []).filter((s) => s !== seq);
      if (list.length === 0) this.buckets.delete(field);
      else this.buckets.set(field, list);
    }
  }
}

function fields(minhashes: readonly number[]): string[] {
  const out: string[] = [];
  const end = Math.min(minhashes.length, MAX_BANDS * BAND_ROWS);
  for (let start = 0; start + BAND_ROWS <= end; start += BAND_ROWS) {
    out.push(`${start / BAND_ROWS}:${minhashes.slice(start, start + BAND_ROWS).map((v) => v >>> 0)}`);
  }
  return out;
}

describe('similarity index: compact, as the plain index', () => {
  for (const { keyBits, width, values, maxDocs, bucketSize } of [
    { keyBits: 30, width: 16, values: 3, maxDocs: 40, bucketSize: 3 },
    { keyBits: 2, width: 16, values: 3, maxDocs: 40, bucketSize: 3 },
    { keyBits: 1, width: 64, values: 2, maxDocs: 300, bucketSize: 1 },
    { keyBits: 4, width: 64, values: 2 ** 32, maxDocs: 300, bucketSize: 16 },
  ]) {
    it(`answers alike: ${width} values from ${values}, ${keyBits} key bits, maxDocs ${maxDocs}, bucketSize ${bucketSize}`, () => {
      const next = seededRandom(keyBits * 1000 + width);
      const compact = new SimilarityIndex(maxDocs, bucketSize, keyBits);
      const reference = new ReferenceIndex(maxDocs, bucketSize);
      const signature = (): Signature => {
        // Mostly `width` values; now and then a shorter or longer one (a caller mixing sizes).
        const length = next() < 0.05 ? width + BAND_ROWS : next() < 0.05 ? BAND_ROWS * 2 : width;
        return {
          minhashes: Array.from({ length }, () => Math.floor(next() * values)),
          exact: `e${Math.floor(next() * 50)}`,
        };
      };
      for (let i = 0; i < 1500; i++) {
        const asked = signature();
        const before = next() < 0.3 ? Math.floor(next() * (i + 1)) : undefined;
        const need = 1 + Math.floor(next() * width);
        expect(compact.find(asked, need, before)).toEqual(reference.find(asked, need, before));
        // Now and then a document indexed again: it keeps its number.
        const id = next() < 0.05 && i > 0 ? `doc-${Math.floor(next() * i)}` : `doc-${i}`;
        expect(compact.add(id, asked)).toBe(reference.add(id, asked));
      }
    });
  }

  it('keeps its tables within the bound: the same sizes after 10 and 100 times maxDocs documents', () => {
    const next = seededRandom(7);
    const maxDocs = 500;
    const index = new SimilarityIndex(maxDocs, 16);
    const sizes: ReturnType<SimilarityIndex['tableSizes']>[] = [];
    for (let i = 1; i <= 100 * maxDocs; i++) {
      index.add(`doc-${i}`, {
        minhashes: Array.from({ length: 64 }, () => Math.floor(next() * 2 ** 32)),
        exact: `x${i}`,
      });
      if (i === 10 * maxDocs || i === 100 * maxDocs) sizes.push(index.tableSizes());
    }
    const [tenfold, hundredfold] = sizes;
    // At most three chunks of 256 (the bound spans them): nothing kept of the documents evicted.
    expect(tenfold?.room).toBeLessThanOrEqual(3 * 256);
    expect(hundredfold?.room).toBeLessThanOrEqual(3 * 256);
    expect(tenfold?.ids).toBe(maxDocs);
    expect(tenfold?.exact).toBe(maxDocs);
    expect(tenfold?.bandEntries).toBe(maxDocs * MAX_BANDS);
    expect({ ...hundredfold, room: 0 }).toEqual({ ...tenfold, room: 0 });
  });

  it('keeps room for a few documents only while it holds a few (one index per source key)', () => {
    const index = new SimilarityIndex(1000, 16);
    const signature = (i: number) => ({ minhashes: Array.from({ length: 16 }, (_, j) => i * 100 + j), exact: `x${i}` });
    index.add('a', signature(1));
    expect(index.tableSizes()).toMatchObject({ ids: 1, chunks: 1, room: 2, bandEntries: 4 });
    for (let i = 2; i <= 20; i++) index.add(`d${i}`, signature(i));
    expect(index.tableSizes()).toMatchObject({ ids: 20, chunks: 1, room: 32 });
  });
});
