/**
 * MinHash signatures over word shingles, for finding near-duplicate documents without comparing
 * every pair. The share of positions where two signatures agree estimates the Jaccard similarity
 * of the two shingle sets; cutting a signature into bands of BAND_ROWS values and bucketing
 * documents by band (locality-sensitive hashing) finds the candidates worth comparing: two
 * documents share a bucket with probability 1 - (1 - J^rows)^bands.
 *
 * Everything here is integer arithmetic on fixed seeds, so the in-memory and the Redis store
 * see the same signatures and reach the same decisions.
 */
import { hash } from 'node:crypto';

/** Values per LSH band. */
export const BAND_ROWS = 4;

/**
 * Bands used for LSH buckets: the first 8 groups of BAND_ROWS values (32), whatever the
 * signature's length; the rest only sharpens the similarity estimate. A pair shares a bucket with
 * p = 0.985 at J = 0.8 and p > 0.999 from J = 0.9, and each band costs a bucket entry a document.
 */
export const MAX_BANDS = 8;

/** The most values a signature may have (the number of fixed hash seeds). */
export const MAX_HASHES = 128;

/** Words per shingle: long enough that two unrelated articles share almost none. */
export const SHINGLE_WORDS = 5;

export interface Signature {
  /** MinHash values, unsigned 32-bit, a multiple of BAND_ROWS long. */
  readonly minhashes: readonly number[];
  /** 16 hex characters identifying the normalised text: equal for exact duplicates. */
  readonly exact: string;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Words as compared for duplicates: NFKC, lower case, letters and digits. */
export function comparableWords(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** murmur3's finaliser: a bijection on 32 bits that spreads every input bit over the output. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Fixed seeds, one per hash function (mulberry32 from a constant): signatures never change between runs. */
const SEEDS: readonly number[] = (() => {
  let state = 0x5eed1234;
  const seeds: number[] = [];
  for (let i = 0; i < MAX_HASHES; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    seeds.push((t ^ (t >>> 14)) >>> 0);
  }
  return seeds;
})();

const SEED_VALUES = Uint32Array.from(SEEDS);

/** 32-bit hashes of the distinct word shingles; a text shorter than one shingle is one shingle. */
export function shingleHashes(words: readonly string[], size = SHINGLE_WORDS): Set<number> {
  const wordHashes = words.map(fnv1a);
  const shingles = new Set<number>();
  const last = Math.max(0, wordHashes.length - size);
  for (let start = 0; start <= last && wordHashes.length > 0; start++) {
    let h = 0x811c9dc5;
    for (let i = start; i < Math.min(start + size, wordHashes.length); i++) {
      h = Math.imul(h ^ (wordHashes[i] ?? 0), 0x01000193);
    }
    shingles.add(mix32(h));
  }
  return shingles;
}

/**
 * The signature of a text, or undefined for a text without words (nothing to compare).
 * `hashes` must be a multiple of BAND_ROWS, at most MAX_HASHES.
 */
export function signatureOf(text: string, hashes: number): Signature | undefined {
  if (hashes % BAND_ROWS !== 0 || hashes < BAND_ROWS || hashes > MAX_HASHES) {
    throw new RangeError(`signature size must be a multiple of ${BAND_ROWS} up to ${MAX_HASHES}, got ${hashes}`);
  }
  const words = comparableWords(text);
  if (words.length === 0) return undefined;
  // mix32 inlined over typed arrays: this loop is most of the near-duplicate and templates stages' work.
  const minhashes = new Uint32Array(hashes).fill(0xffffffff);
  for (const shingle of shingleHashes(words)) {
    for (let i = 0; i < hashes; i++) {
      let h = (shingle ^ (SEED_VALUES[i] as number)) >>> 0;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h >>>= 0;
      if (h < (minhashes[i] as number)) minhashes[i] = h;
    }
  }
  const exact = hash('sha256', words.join(' '), 'hex').slice(0, 16);
  return { minhashes: Array.from(minhashes), exact };
}

/** Positions where two signatures agree (over the shorter one). */
export function agreement(a: readonly number[], b: readonly number[]): number {
  let same = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] === b[i]) same++;
  return same;
}

/** The fewest agreeing positions that reach `similarity` on a signature of `hashes` values. */
export function minAgreement(similarity: number, hashes: number): number {
  // The epsilon keeps 0.8 * 64 = 51.2000000001 from asking for 52.
  return Math.max(1, Math.ceil(similarity * hashes - 1e-9));
}

/** The signature's LSH bands as strings: two signatures with one equal band share a bucket. */
export function bandsOf(minhashes: readonly number[]): string[] {
  const bands: string[] = [];
  const end = Math.min(minhashes.length, MAX_BANDS * BAND_ROWS);
  for (let start = 0; start + BAND_ROWS <= end; start += BAND_ROWS) {
    bands.push(
      minhashes
        .slice(start, start + BAND_ROWS)
        .map((v) => v.toString(16).padStart(8, '0'))
        .join(''),
    );
  }
  return bands;
}
