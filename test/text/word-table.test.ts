/**
 * The dictionaries' word table must answer as the Set of the list's lines did: whole non-empty
 * lines only, case as given, nothing across a line break.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordTable } from '../../src/text/word-table.js';

const asSet = (text: string) => new Set(text.split('\n').filter(Boolean));

describe('WordTable', () => {
  it('holds exactly the non-empty lines of its text', () => {
    const piece = fc.constantFrom('a', 'b', 'ab', 'é', '\n', '\n\n', '\r', '\ud835\udc00', ' ', 'A');
    const text = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 8 }), (list, asked) => {
        const table = new WordTable(list);
        const set = asSet(list);
        for (const word of [...asked, ...set, '', '\n']) expect(table.has(word)).toBe(set.has(word));
      }),
      { numRuns: 1000 },
    );
  });

  it('never matches across lines, a prefix or a suffix of a word', () => {
    const table = new WordTable('office\nfield\nflux\n');
    expect(['office', 'field', 'flux'].map((w) => table.has(w))).toEqual([true, true, true]);
    expect(['offic', 'ffice', 'office\nfield', 'Office', '', 'fluxes'].some((w) => table.has(w))).toBe(false);
  });

  it('keeps many words apart (a full table probes past collisions)', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
    const table = new WordTable(words.join('\n'));
    expect(words.every((w) => table.has(w))).toBe(true);
    expect(words.some((w) => table.has(`${w}!`))).toBe(false);
  });
});
