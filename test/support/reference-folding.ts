/**
 * Line keys and MinHash signatures written as their plain definitions (regular expressions,
 * strings, sets, one hash function at a time), as they were computed before the scans of
 * src/text/line-key.ts and src/text/minhash.ts were made faster. Keys and signatures are stored in
 * Redis by queue workers and must never change: tests compare the fast code with these on any text.
 */
import { createHash } from 'node:crypto';
import { MAX_KEYED_LINE } from '../../src/text/line-key.js';
import { SHINGLE_WORDS } from '../../src/text/minhash.js';
import { mulberry32 } from '../../src/text/seeded.js';

const sha16 = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

export function referenceFoldLine(line: string): string {
  return line
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{N}+/gu, '0')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export function referenceLineKey(line: string): string | undefined {
  if (line.length > MAX_KEYED_LINE) return undefined;
  const folded = referenceFoldLine(line);
  return /\p{L}/u.test(folded) ? sha16(folded) : undefined;
}

export function referenceDigitKey(line: string): string | undefined {
  if (line.length > MAX_KEYED_LINE || !/\p{N}/u.test(line)) return undefined;
  const folded = line
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
  if (!/\p{N}/u.test(folded) || !/\p{L}/u.test(folded)) return undefined;
  return sha16(`#${folded}`);
}

/** FNV-1a over 32-bit values (a word's UTF-16 code units, or a shingle's word hashes). */
const fnv1a = (values: readonly number[]): number => {
  let h = 0x811c9dc5;
  for (const value of values) h = Math.imul(h ^ value, 0x01000193);
  return h >>> 0;
};

const mix32 = (value: number): number => {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

const nextSeed = mulberry32(0x5eed1234);
const SEEDS = Array.from({ length: 128 }, () => nextSeed());

export function referenceSignature(text: string, hashes: number): { minhashes: number[]; exact: string } | undefined {
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return undefined;
  const wordHashes = words.map((word) => fnv1a(Array.from({ length: word.length }, (_, i) => word.charCodeAt(i))));
  const shingles = new Set<number>();
  for (let start = 0; start <= Math.max(0, wordHashes.length - SHINGLE_WORDS); start++) {
    shingles.add(mix32(fnv1a(wordHashes.slice(start, start + SHINGLE_WORDS))));
  }
  const minhashes = SEEDS.slice(0, hashes).map((seed) => {
    let min = 0xffffffff;
    for (const shingle of shingles) min = Math.min(min, mix32(shingle ^ seed));
    return min;
  });
  return { minhashes, exact: sha16(words.join(' ')) };
}
