import { describe, expect, it } from 'vitest';
import { COMMON_SHORT_ENGLISH, dictionaryFor } from '../../src/text/dictionary.js';

const english = dictionaryFor('eng');

describe('dictionaryFor', () => {
  it('has English and nothing else', () => {
    expect(english?.lang).toBe('eng');
    expect(dictionaryFor('fra')).toBeUndefined();
    expect(dictionaryFor('und')).toBeUndefined();
  });
});

describe('English dictionary', () => {
  it('finds words lower-case or capitalised', () => {
    expect(english?.has('conflict')).toBe(true);
    expect(english?.has('Conflict')).toBe(true);
    expect(english?.has('ceasefire')).toBe(true);
    expect(english?.has('offensive')).toBe(true);
  });

  it('does not find mixed-case forms, names or pieces', () => {
    expect(english?.has('CONFLICT')).toBe(false);
    expect(english?.has('iPhone')).toBe(false);
    expect(english?.has('Netflix')).toBe(false);
    expect(english?.has('ict')).toBe(false);
    expect(english?.has('')).toBe(false);
  });

  it('tells words used on their own from pieces a Scrabble list happens to hold', () => {
    for (const word of ['a', 'the', 'set', 'are', 'man', 'off', 'shore', 'tool', 'etc', 'al']) {
      expect(english?.standsAlone(word), word).toBe(true);
    }
    for (const piece of ['er', 'ee', 'ers', 'ord', 'eld', 're', 'ing', 'le', 'ict', 'Netfl']) {
      expect(english?.standsAlone(piece), piece).toBe(false);
    }
  });

  it('keeps its list of short words short', () => {
    for (const word of COMMON_SHORT_ENGLISH) expect(word.length, word).toBeLessThanOrEqual(3);
  });
});
