import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agreement,
  BAND_ROWS,
  bandsOf,
  comparableWords,
  foldPieces,
  minAgreement,
  shingleHashes,
  signatureOf,
} from '../../src/text/minhash.js';

const words = (n: number, prefix: string): string => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');

/** Exact Jaccard of two texts' shingle sets, to check the estimate against. */
const jaccard = (a: string, b: string): number => {
  const x = shingleHashes(comparableWords(a));
  const y = shingleHashes(comparableWords(b));
  const shared = [...x].filter((h) => y.has(h)).length;
  return shared / (x.size + y.size - shared);
};

describe('comparableWords', () => {
  it('lower-cases, folds with NFKC and keeps letters and digits', () => {
    expect(comparableWords('The ﬁrst “Quick” fox, 2024!')).toEqual(['the', 'first', 'quick', 'fox', '2024']);
  });
});

describe('shingleHashes', () => {
  it('hashes each distinct 5-word shingle once', () => {
    expect(shingleHashes(comparableWords('a b c d e f')).size).toBe(2);
    expect(shingleHashes(comparableWords('a b c d e a b c d e')).size).toBe(5);
  });

  it('makes a text shorter than a shingle one shingle, and no words no shingle', () => {
    expect(shingleHashes(['a', 'b']).size).toBe(1);
    expect(shingleHashes([]).size).toBe(0);
  });
});

describe('signatureOf', () => {
  it('is the same for texts that differ only in case, punctuation and spacing', () => {
    const a = signatureOf('Stocks fell sharply on Monday, traders said.', 16);
    const b = signatureOf('STOCKS fell  sharply on Monday — traders said', 16);
    expect(a).toEqual(b);
    expect(a?.minhashes).toHaveLength(16);
    expect(a?.exact).toMatch(/^[0-9a-f]{16}$/);
  });

  it('tells texts with other digits apart', () => {
    expect(signatureOf('Stocks fell 2 percent on Monday', 16)?.exact).not.toBe(
      signatureOf('Stocks fell 3 percent on Monday', 16)?.exact,
    );
  });

  it('has no signature for a text without words', () => {
    expect(signatureOf(' — … ', 16)).toBeUndefined();
  });

  it('estimates Jaccard similarity within about two standard errors (0.055 each) with 64 values', () => {
    const base = words(400, 'w');
    const edited = `${words(340, 'w')} ${words(60, 'x')}`;
    const other = words(400, 'z');
    const a = signatureOf(base, 64);
    const b = signatureOf(edited, 64);
    const c = signatureOf(other, 64);
    if (!a || !b || !c) throw new Error('no signature');
    const truth = jaccard(base, edited);
    expect(truth).toBeCloseTo(336 / 456, 10);
    expect(Math.abs(agreement(a.minhashes, b.minhashes) / 64 - truth)).toBeLessThan(0.12);
    expect(agreement(a.minhashes, c.minhashes)).toBeLessThan(4);
    expect(agreement(a.minhashes, a.minhashes)).toBe(64);
  });

  it('rejects a size that is not a multiple of the band rows', () => {
    expect(() => signatureOf('a b c', 10)).toThrow(
      `signature size must be a multiple of ${BAND_ROWS} up to 128, got 10`,
    );
    expect(() => signatureOf('a b c', 132)).toThrow('got 132');
  });
});

describe('minAgreement', () => {
  it('asks for the fewest agreeing positions that reach the similarity', () => {
    expect(minAgreement(0.8, 64)).toBe(52);
    expect(minAgreement(0.75, 64)).toBe(48);
    expect(minAgreement(1, 16)).toBe(16);
    expect(minAgreement(0, 16)).toBe(1);
  });
});

describe('bandsOf', () => {
  it('cuts a signature into bands of BAND_ROWS values', () => {
    expect(bandsOf([1, 2, 3, 4, 255, 6, 7, 0xffffffff])).toEqual([
      '00000001000000020000000300000004',
      '000000ff0000000600000007ffffffff',
    ]);
  });
});

describe('signatureOf, folded piece by piece', () => {
  // One piece as large as the text folds it all at once: the definition.
  it('gives the signature of the whole text, whatever the piece size', () => {
    const chars = fc.constantFrom(..."aΣσςΑ ,-!?.\n'é\u0301\u0338=<ﬁＦ1٢𝐁".split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 120 }), fc.integer({ min: 1, max: 40 }), (list, size) => {
        const text = list.join('');
        expect(signatureOf(text, 16, size)).toEqual(signatureOf(text, 16, Number.MAX_SAFE_INTEGER));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a Greek final sigma decided as in the whole text', () => {
    const text = 'ΑΣ.Α ΑΣ,Α ΟΔΟΣ-ΟΔΟΣ ΑΣ\u0301.Α x=\u0338y';
    for (let size = 1; size < text.length; size++) {
      expect(signatureOf(text, 16, size)).toEqual(signatureOf(text, 16, Number.MAX_SAFE_INTEGER));
    }
  });

  it('cuts only after characters that folding does not look across', () => {
    expect(foldPieces('aaaa bbbb,cccc', 3)).toEqual(['aaaa ', 'bbbb,', 'cccc']);
    expect(foldPieces('ΣΣΣΣ.ΑΑ', 2)).toEqual(['ΣΣΣΣ.ΑΑ']);
    expect(foldPieces('x'.repeat(10), 3)).toEqual(['x'.repeat(10)]);
  });
});
