import { describe, expect, it } from 'vitest';
import { RunIndex, SEARCHES_BEFORE_SET } from '../../src/text/run-index.js';
import { seededRandom } from '../../src/text/seeded.js';

/** Every letter run lower-cased, as /\p{L}+/gu reads them: what the index must answer. */
const runSet = (text: string) => new Set([...text.matchAll(/\p{L}+/gu)].map((m) => m[0].toLowerCase()));

const PARTS = [
  'off',
  'ice',
  'Office',
  'OFFICE',
  'İ',
  'Σ',
  'σ',
  'ς',
  '𝐀',
  '\ud800',
  'é',
  'É',
  'ß',
  'ﬁ',
  '3',
  '-',
  "'",
  ' ',
  ' ',
  '\n',
];
const WORDS = ['office', 'off', 'ice', 'officeoff', 'i̇', 'σ', 'ς', 'é', '𝐚', 'ß', 'ﬁ', 'offi', '', 'ce', 'i'];

function randomText(seed: number, parts: number): string {
  const random = seededRandom(seed);
  let text = '';
  for (let i = 0; i < parts; i++) text += PARTS[Math.floor(random() * PARTS.length)];
  return text;
}

describe('RunIndex', () => {
  it('answers as the set of lower-cased letter runs does, searching first and then from the set', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const text = randomText(seed, 30);
      const expected = runSet(text);
      const index = new RunIndex(text);
      // More distinct words than are searched for, each asked twice: both ways answer.
      const asked = [...WORDS, ...Array.from({ length: SEARCHES_BEFORE_SET }, (_, i) => `off${'f'.repeat(i)}`)];
      for (const word of [...asked, ...asked])
        expect(index.has(word), `${word} in ${JSON.stringify(text)}`).toBe(expected.has(word));
    }
  });

  it('finds a word only as a whole run, in any case', () => {
    const index = new RunIndex('The OFFICEs and offices; office-bound, back_office 2office');
    expect(index.has('office')).toBe(true);
    expect(index.has('offices')).toBe(true);
    expect(index.has('ffice')).toBe(false);
    expect(index.has('officeb')).toBe(false);
    expect(index.has('the')).toBe(true);
    expect(new RunIndex('officers').has('office')).toBe(false);
    expect(new RunIndex('').has('office')).toBe(false);
    expect(new RunIndex('').has('')).toBe(false);
  });

  it('answers on texts whose lower case does not line up with them (İ, Σ, astral letters)', () => {
    for (const text of ['İFFI office', 'ΟΔΟΣ. office', '𝐀ffi office', 'ΣΣ Σ']) {
      const expected = runSet(text);
      const index = new RunIndex(text);
      for (const word of [...WORDS, 'i̇ffi', 'οδος', 'οδοσ', 'σς', 'σσ', '𝐚ffi'])
        expect(index.has(word), `${word} in ${text}`).toBe(expected.has(word));
    }
  });

  it('stays linear on a huge text asked many words', () => {
    const text = 'an office of fifty people. '.repeat(40_000);
    const index = new RunIndex(text);
    for (let i = 0; i < 1000; i++) expect(index.has(`word${i}`)).toBe(false);
    expect(index.has('fifty')).toBe(true);
  });
});
