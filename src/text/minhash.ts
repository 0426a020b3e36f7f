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
import { createHash } from 'node:crypto';
import { ByteSink } from './byte-sink.js';
import { asciiTable, codePointAt, codePointTest, unitsOf } from './char-class.js';
import { mulberry32 } from './seeded.js';

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

/** Words as compared for duplicates: NFKC, lower case, letters and digits. */
export function comparableWords(text: string): string[] {
  return wordRuns(text.normalize('NFKC').toLowerCase());
}

const LETTER_OR_DIGIT = codePointTest('[\\p{L}\\p{N}]');

/**
 * What /[\p{L}\p{N}]+/gu matches, by a scan over remembered character classes (src/text/char-class.ts):
 * the regular expression costs several times more a character, and this is the near-duplicate
 * and templates stages' reading of every document.
 */
function wordRuns(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let at = 0; at < text.length; ) {
    const codePoint = codePointAt(text, at);
    if (LETTER_OR_DIGIT(codePoint)) {
      if (start < 0) start = at;
    } else if (start >= 0) {
      words.push(text.slice(start, at));
      start = -1;
    }
    at += unitsOf(codePoint);
  }
  if (start >= 0) words.push(text.slice(start));
  return words;
}

/** Letters and digits among ASCII code units: the scan below reads most characters from it. */
const ASCII_WORD = asciiTable(LETTER_OR_DIGIT);

/**
 * The words of `text` (as `wordRuns` finds them) read in one pass: each word's `fnv1a` is pushed
 * to `hashes`, and the words are written to `sink` as UTF-8, each after a space unless it is the
 * first and `separated` is false: the words joined by spaces, without a string a word. An ASCII
 * code unit is classed by a table, the rest as `wordRuns` does; a word's hash is that of its code
 * units, read as they are scanned. `sink` must have room for `text` (ByteSink.reset).
 */
function hashedWordRuns(text: string, hashes: number[], sink: ByteSink, separated: boolean): void {
  let space = separated;
  let inWord = false;
  let h = 0;
  for (let at = 0; at < text.length; ) {
    const code = text.charCodeAt(at);
    let codePoint = code;
    let units = 1;
    let letter: boolean;
    if (code < 0x80) letter = ASCII_WORD[code] === 1;
    else {
      codePoint = codePointAt(text, at);
      letter = LETTER_OR_DIGIT(codePoint);
      units = unitsOf(codePoint);
    }
    if (letter) {
      if (!inWord) {
        inWord = true;
        h = 0x811c9dc5;
        if (space) sink.ascii(0x20);
        space = true;
      }
      h = Math.imul(h ^ code, 0x01000193);
      if (units === 2) h = Math.imul(h ^ text.charCodeAt(at + 1), 0x01000193);
      if (code < 0x80) sink.ascii(code);
      else sink.codePoint(codePoint);
    } else if (inWord) {
      hashes.push(h >>> 0);
      inWord = false;
    }
    at += units;
  }
  if (inWord) hashes.push(h >>> 0);
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
  const next = mulberry32(0x5eed1234);
  return Array.from({ length: MAX_HASHES }, next);
})();

const SEED_VALUES = Uint32Array.from(SEEDS);

/** 32-bit hashes of the distinct word shingles; a text shorter than one shingle is one shingle. */
export function shingleHashes(words: readonly string[], size = SHINGLE_WORDS): Set<number> {
  return shinglesOf(words.map(fnv1a), size);
}

function shinglesOf(wordHashes: readonly number[], size: number): Set<number> {
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

/** The shingles `shinglesOf` gives, repeats included, in a typed array. */
function shingleList(wordHashes: readonly number[], size: number): Uint32Array {
  const count = Math.max(1, wordHashes.length - size + 1);
  const out = new Uint32Array(wordHashes.length === 0 ? 0 : count);
  for (let start = 0; start < out.length; start++) {
    let h = 0x811c9dc5;
    const end = Math.min(start + size, wordHashes.length);
    for (let i = start; i < end; i++) h = Math.imul(h ^ (wordHashes[i] as number), 0x01000193);
    out[start] = mix32(h);
  }
  return out;
}

/**
 * Pieces of about this many characters that a text is folded in. Folding a text of megabytes at
 * once (NFKC, lower case, an array of all its words) costs more per character the longer it is
 * (garbage collection of huge strings and arrays); pieces keep the cost per character flat.
 */
export const FOLD_PIECE = 65_536;

/**
 * Cuts `text` into pieces of at least `size` characters (the last may be shorter), each ending
 * just after a line break, space, comma, hyphen, ! or ?: characters that no Unicode normalisation
 * composes with what follows, that lower-casing does not look across (they are not
 * case-ignorable, so a Greek final sigma is decided alike), and that no word holds. Folding the
 * pieces one by one gives what folding the whole text gives. A text with no such character
 * after `size` is one piece.
 */
export function foldPieces(text: string, size = FOLD_PIECE): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > size) {
    const cut = SAFE_CUT.exec(text.slice(start + size, start + size + 4096));
    if (!cut) {
      // No cut point nearby: look further, in one search over the rest.
      SAFE_CUT_FROM.lastIndex = start + size;
      const far = SAFE_CUT_FROM.exec(text);
      if (!far) break;
      pieces.push(text.slice(start, far.index + 1));
      start = far.index + 1;
      continue;
    }
    const end = start + size + cut.index + 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  pieces.push(text.slice(start));
  return pieces;
}

const SAFE_CUT = /[\n ,\-!?]/;
const SAFE_CUT_FROM = /[\n ,\-!?]/g;

/** Where `signatureOf` writes each piece's words to be hashed: one buffer, reused. */
const wordSink = new ByteSink();

/**
 * The MinHash values of `shingles`: for each of the first `hashes` seeds, the least `mix32` of a
 * shingle xor the seed (a repeated shingle leaves every minimum as it is), over typed arrays,
 * without allocating: this loop is most of the near-duplicate and templates stages' work. Four seeds a
 * pass over the shingles: each shingle is read once for four independent chains, which the CPU
 * runs side by side, and the four minima stay in registers. Values are compared as signed 32-bit
 * integers with the top bit flipped, which orders them as unsigned ones: no conversion to a
 * double. `hashes` is a multiple of BAND_ROWS (4).
 */
function minimaOf(shingles: Uint32Array, hashes: number): Uint32Array {
  const minima = new Uint32Array(hashes);
  const count = shingles.length;
  for (let i = 0; i < hashes; i += 4) {
    const s0 = SEED_VALUES[i] as number;
    const s1 = SEED_VALUES[i + 1] as number;
    const s2 = SEED_VALUES[i + 2] as number;
    const s3 = SEED_VALUES[i + 3] as number;
    let m0 = 0x7fffffff;
    let m1 = 0x7fffffff;
    let m2 = 0x7fffffff;
    let m3 = 0x7fffffff;
    for (let s = 0; s < count; s++) {
      const x = shingles[s] as number;
      const a = signedMix(x ^ s0);
      if (a < m0) m0 = a;
      const b = signedMix(x ^ s1);
      if (b < m1) m1 = b;
      const c = signedMix(x ^ s2);
      if (c < m2) m2 = c;
      const d = signedMix(x ^ s3);
      if (d < m3) m3 = d;
    }
    minima[i] = m0 ^ SIGN;
    minima[i + 1] = m1 ^ SIGN;
    minima[i + 2] = m2 ^ SIGN;
    minima[i + 3] = m3 ^ SIGN;
  }
  return minima;
}

/** The top bit: flipping it maps unsigned order onto signed order. */
const SIGN = 0x80000000 | 0;

/** `mix32(value) ^ SIGN` as a signed 32-bit integer (small enough for V8 to inline in the loop). */
function signedMix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16) ^ SIGN;
}

/**
 * The signature of a text, or undefined for a text without words (nothing to compare).
 * `hashes` must be a multiple of BAND_ROWS, at most MAX_HASHES.
 */
export function signatureOf(text: string, hashes: number, pieceSize = FOLD_PIECE): Signature | undefined {
  if (hashes % BAND_ROWS !== 0 || hashes < BAND_ROWS || hashes > MAX_HASHES) {
    throw new RangeError(`signature size must be a multiple of ${BAND_ROWS} up to ${MAX_HASHES}, got ${hashes}`);
  }
  // comparableWords(text), piece by piece: the word hashes, and the words joined by spaces hashed.
  const wordHashes: number[] = [];
  const joined = createHash('sha256');
  for (const piece of foldPieces(text, pieceSize)) {
    // The sink holds one piece's words at a time: hashed, then emptied for the next.
    const folded = piece.normalize('NFKC').toLowerCase();
    wordSink.reset(folded.length + 1);
    hashedWordRuns(folded, wordHashes, wordSink, wordHashes.length > 0);
    if (wordSink.length > 0) joined.update(wordSink.view());
  }
  if (wordHashes.length === 0) return undefined;
  const minhashes = minimaOf(shingleList(wordHashes, SHINGLE_WORDS), hashes);
  const exact = joined.digest('hex').slice(0, 16);
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

/**
 * A signature handed over as a plain value (a `prepare` result that crossed a thread or a spill
 * file): the signature, undefined for `null` (a text without words), or false when `value` is no
 * signature of `hashes` values, and the caller computes its own.
 */
export function preparedSignature(value: unknown, hashes: number): Signature | undefined | false {
  if (value === null) return undefined;
  if (typeof value !== 'object' || value === undefined || Array.isArray(value)) return false;
  const { minhashes, exact } = value as { minhashes?: unknown; exact?: unknown };
  if (typeof exact !== 'string' || !Array.isArray(minhashes) || minhashes.length !== hashes) return false;
  if (!minhashes.every((v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff)) return false;
  return { minhashes: minhashes as number[], exact };
}
