import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentWords } from '../../src/text/hyphenation.js';

/** The words as the regular expression finds them: what the scan must give. */
const matched = (text: string) =>
  new Set(Array.from(text.matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu), (m) => m[0].toLowerCase()));

describe('documentWords', () => {
  it('keeps hyphenated compounds whole and lower-cases', () => {
    expect([...documentWords('A well-known well- known -x x- Négociation 3-D')]).toEqual([
      'a',
      'well-known',
      'well',
      'known',
      'x',
      'négociation',
      '3-d',
    ]);
  });

  it('finds nothing in empty or wordless text', () => {
    expect(documentWords('').size).toBe(0);
    expect(documentWords(' -- .. \n\u200b').size).toBe(0);
  });

  it('finds what the word expression finds, on any text', () => {
    const chars = fc.constantFrom(...'aZ9 -\n.İΣß漢é\u0301𝐁\ud800\udc00\u2010'.split(''), '𝐁', '𠀀');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 60 }), (list) => {
        const text = list.join('');
        expect([...documentWords(text)]).toEqual([...matched(text)]);
      }),
      { numRuns: 1000 },
    );
  });

  it('takes a megabyte of one hyphenated run', () => {
    const text = 'ab-'.repeat(350_000);
    expect(documentWords(text)).toEqual(matched(text));
  });
});
