import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparableWords } from '../../src/text/similarity.js';
import { slottedLines } from '../../src/text/slot-lines.js';

describe('slottedLines', () => {
  const shop = (brand: string) => `Shop the ${brand} range of running shoes today at the store`;
  const lines = [shop('Hoka'), 'A paragraph.', shop('Adidas'), shop('Hoka'), shop('Nike'), shop('Adidas'), 'Short'];

  it('finds the lines printed once per item with one word changed', () => {
    expect([...slottedLines(lines, 8, 3)]).toEqual([0, 2, 3, 4, 5]);
  });

  it('gives the same lines when told the word counts, which skip the lines out of range unread', () => {
    const counts = lines.map((line) => comparableWords(line).length);
    expect(slottedLines(lines, 8, 3, counts)).toEqual(slottedLines(lines, 8, 3));
    const words = fc.constantFrom('shop', 'at', 'Hoka', 'Nike', 'Adidas', 'the', 'store', '—', '漢字', 'É');
    fc.assert(
      fc.property(
        fc.array(
          fc.array(words, { maxLength: 30 }).map((list) => list.join(' ')),
          { maxLength: 12 },
        ),
        fc.integer({ min: 1, max: 10 }),
        (some, minWords) => {
          const known = some.map((line) => comparableWords(line).length);
          expect(slottedLines(some, minWords, 2, known)).toEqual(slottedLines(some, minWords, 2));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('takes no lines and empty lines', () => {
    expect(slottedLines([], 8, 3, []).size).toBe(0);
    expect(slottedLines(['', ''], 1, 1, [0, 0]).size).toBe(0);
  });
});
