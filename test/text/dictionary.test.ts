import { describe, expect, it } from 'vitest';
import {
  COMMON_SHORT_ENGLISH,
  DICTIONARY_LANGUAGES,
  dictionaryFor,
  documentDictionary,
} from '../../src/text/dictionary.js';

const english = dictionaryFor('eng');

describe('dictionaryFor', () => {
  it('has English and the Hunspell languages, nothing else', () => {
    expect(english?.lang).toBe('eng');
    expect(DICTIONARY_LANGUAGES).toEqual(['eng', 'deu', 'fra', 'spa', 'por', 'ita', 'nld', 'swe', 'dan', 'pol']);
    expect(dictionaryFor('fra')?.lang).toBe('fra');
    expect(dictionaryFor('ces')).toBeUndefined();
    expect(dictionaryFor('und')).toBeUndefined();
  });

  const CASES: Record<string, string[]> = {
    deu: ['Auflage', 'offiziell', 'Konflikt', 'Einflüsse'],
    fra: ['officiel', 'différentes', 'efficace', 'conflit'],
    spa: ['diferentes', 'oficial', 'conflicto', 'dificultad'],
    por: ['diferente', 'oficiais', 'conflito', 'afirmou'],
    ita: ['ufficiale', 'differenti', 'conflitto', 'effetti'],
    nld: ['officieel', 'afbeelding', 'effectief', 'conflict'],
    swe: ['officiell', 'effektiv', 'konflikt', 'offentliga'],
    dan: ['officiel', 'effektiv', 'konflikt', 'offentlige'],
    pol: ['oficjalny', 'oficjalnie', 'efektywny', 'konfliktu'],
  };

  // One language a test: each loads its dictionary, which takes seconds on a busy machine.
  it.each(Object.entries(CASES))(
    'finds the words a split ligature breaks in %s, and not made-up ones',
    (lang, words) => {
      const dictionary = dictionaryFor(lang);
      for (const word of words) expect(dictionary?.has(word), `${lang} ${word}`).toBe(true);
      for (const word of words) expect(dictionary?.has(`${word.slice(3)}xq`), `${lang} ${word}`).toBe(false);
      expect(dictionary?.has('NATO'), lang).toBe(false);
    },
  );

  it('chooses the dictionary of the language a document reads as', () => {
    expect(documentDictionary('The government said on Monday that the talks would go on for a week.')?.lang).toBe(
      'eng',
    );
    expect(
      documentDictionary('Le gouvernement a déclaré lundi que les négociations se poursuivraient pendant une semaine.')
        ?.lang,
    ).toBe('fra');
    expect(
      documentDictionary('Die Regierung erklärte am Montag, dass die Gespräche noch eine Woche weitergehen würden.')
        ?.lang,
    ).toBe('deu');
    expect(documentDictionary('anything at all', 'pol')?.lang).toBe('pol');
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
