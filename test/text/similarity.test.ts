import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  comparableFingerprint,
  comparableKey,
  comparableWords,
  jaccard,
  wordBigrams,
} from '../../src/text/similarity.js';

describe('comparableWords / comparableKey', () => {
  it('folds case, punctuation, quotes and spacing away', () => {
    expect(comparableWords('“No,” Trump said — “none.”')).toEqual(['no', 'trump', 'said', 'none']);
    expect(comparableKey("Trump said: 'No progress.'")).toBe(comparableKey('TRUMP  said “no progress”'));
  });

  it('applies NFKC, so ligature glyphs and full-width digits compare as letters', () => {
    expect(comparableKey('the ﬁnal ｓcore was ３')).toBe('the final score was 3');
  });

  it('keeps letters of every script and gives an empty key for a line of symbols', () => {
    expect(comparableWords('Путин сказал: «нет»')).toEqual(['путин', 'сказал', 'нет']);
    expect(comparableKey('• — *')).toBe('');
  });
});

describe('comparableFingerprint', () => {
  it('is equal for typographic variants and counts their words', () => {
    const a = comparableFingerprint('“We haven’t fully stopped supply”: Trump');
    const b = comparableFingerprint('"we HAVEN\'T fully  stopped supply" -- trump');
    expect(a).toEqual(b);
    expect(a.words).toBe(7);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('differs when a word or the word boundaries differ', () => {
    const base = comparableFingerprint('the talks in Geneva').fingerprint;
    expect(comparableFingerprint('the talks in Genoa').fingerprint).not.toBe(base);
    expect(comparableFingerprint('thetalks in Geneva').fingerprint).not.toBe(base);
    expect(comparableFingerprint('the talks in Geneva too').fingerprint).not.toBe(base);
  });

  it('has no words for a line of symbols, and folds astral letters as NFKC does', () => {
    expect(comparableFingerprint('• — 🎉').words).toBe(0);
    expect(comparableFingerprint('𝐍𝐞𝐰𝐬 today')).toEqual(comparableFingerprint('news TODAY'));
  });

  it('gives the same hex digits as ever (hashes read as eight digits each, A-Z folded in the scan)', () => {
    expect(comparableFingerprint('Hello World').fingerprint).toBe('d58b3fa7712f4c5f');
    expect(comparableFingerprint('ABC xyz 09').fingerprint).toBe('49e7ef1734b01b65');
    expect(comparableFingerprint('Ünïcode ÀB').fingerprint).toBe('f979268da7899b9e');
    expect(comparableFingerprint('').fingerprint).toBe('811c9dc59747b28c');
  });

  it('folds ASCII case as toLowerCase does', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'Z', 'z', 'A', '@', '[', '`', '{', ' ', '\t', '9') }),
        (text) => {
          expect(comparableFingerprint(text)).toEqual(comparableFingerprint(text.toLowerCase()));
          expect(comparableFingerprint(text).words).toBe(comparableWords(text).length);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('agrees with comparableKey and comparableWords on any text', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'B', 'é', 'ß', 'İ', 'ﬁ', '’', ' ', '.', '1', '🎉', '𝐀', '\u00a0'),
    });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const fa = comparableFingerprint(a);
        expect(fa.words).toBe(comparableWords(a).length);
        expect(fa.fingerprint === comparableFingerprint(b).fingerprint).toBe(comparableKey(a) === comparableKey(b));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});

describe('wordBigrams', () => {
  it('lists adjacent word pairs once each', () => {
    expect([...wordBigrams(['a', 'b', 'a', 'b'])]).toEqual(['a b', 'b a']);
  });

  it('gives a single word as itself and nothing for no words', () => {
    expect([...wordBigrams(['alone'])]).toEqual(['alone']);
    expect(wordBigrams([]).size).toBe(0);
  });
});

describe('jaccard', () => {
  it('is shared over all', () => {
    expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBe(0.5);
    expect(jaccard(new Set(['a']), new Set(['a']))).toBe(1);
    expect(jaccard(new Set(['a']), new Set(['b']))).toBe(0);
  });

  it('is 1 for two empty sets and 0 against an empty set', () => {
    expect(jaccard(new Set(), new Set())).toBe(1);
    expect(jaccard(new Set(['a']), new Set())).toBe(0);
  });
});
