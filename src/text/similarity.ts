/**
 * Paragraph comparison for repeat detection. Two copies of one paragraph scraped twice often
 * differ in typography only (curly vs straight quotes, dashes, spacing, case), so comparison runs
 * on the words alone; near-copies (an edited word, a dropped clause) are caught by word-bigram
 * overlap, which ignores word order only locally and so does not confuse paraphrases.
 */

import { codePointTest } from './char-class.js';

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text, NFKC-folded and lower-cased: what two typographic variants share. */
export function comparableWords(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** A key that is equal for texts that differ only in case, punctuation, symbols or spacing. */
export function comparableKey(text: string): string {
  return comparableWords(text).join(' ');
}

// Remembered per code point: a string made for each character to test was most of the time (in
// garbage collection) on long lines of non-Latin text.
const WORD_CHAR = codePointTest('[\\p{L}\\p{N}]');

const isWordChar = (code: number): boolean =>
  code < 128
    ? (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)
    : WORD_CHAR(code);

export interface Fingerprint {
  /**
   * Equal for texts with the same {@link comparableKey} (and, with odds of about one in 10^19,
   * only for those): two 32-bit hashes of the key, in hex.
   */
  readonly fingerprint: string;
  /** Words in the key. */
  readonly words: number;
}

/**
 * The comparable key's fingerprint and word count, in one pass without building the key: a
 * 20 MB line costs one scan, not millions of word strings.
 */
export function comparableFingerprint(text: string): Fingerprint {
  // The same folding as comparableWords; NFKC leaves printable ASCII as it is.
  // Printable ASCII is lower-cased in the scan below instead: no copy of the line.
  const folded = /[^ -~\t\n\r]/.test(text) ? text.normalize('NFKC').toLowerCase() : text;
  let h1 = 0x811c9dc5; // FNV-1a
  let h2 = 0x9747b28c; // a murmur-style mix, independent of the first
  let words = 0;
  let inWord = false;
  for (let at = 0; at < folded.length; at++) {
    let code = folded.charCodeAt(at);
    // A-Z lower-cased as toLowerCase does it (the folded non-ASCII path has none left).
    if (code >= 65 && code <= 90) code += 32;
    else if (code >= 0xd800 && code <= 0xdbff) {
      code = folded.codePointAt(at) as number;
      if (code > 0xffff) at++;
    }
    if (!isWordChar(code)) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      if (words > 0) {
        h1 = Math.imul(h1 ^ 32, 0x01000193);
        h2 = Math.imul(h2 ^ 32, 0x5bd1e995);
        h2 ^= h2 >>> 15;
      }
      words++;
      inWord = true;
    }
    h1 = Math.imul(h1 ^ code, 0x01000193);
    h2 = Math.imul(h2 ^ code, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return { fingerprint: `${hex(h1)}${hex(h2)}`, words };
}

/** Two hex digits per byte value: four lookups are several times cheaper than toString(16). */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** A 32-bit hash as eight hex digits. */
function hex(h: number): string {
  return `${HEX_BYTES[h >>> 24]}${HEX_BYTES[(h >>> 16) & 255]}${HEX_BYTES[(h >>> 8) & 255]}${HEX_BYTES[h & 255]}`;
}

/** The set of adjacent word pairs; a one-word text yields its word alone. */
export function wordBigrams(words: readonly string[]): Set<string> {
  const grams = new Set<string>();
  if (words.length === 1 && words[0] !== undefined) grams.add(words[0]);
  for (let i = 0; i + 1 < words.length; i++) grams.add(`${words[i]} ${words[i + 1]}`);
  return grams;
}

/** Jaccard similarity of two sets: shared / all; 1 for two empty sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}
