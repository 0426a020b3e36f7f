import { describe, expect, it } from 'vitest';
import { forEachLetterRun } from '../../src/text/letter-runs.js';
import { chains, linked } from '../../src/text/ligature-candidates.js';
import { type Token, Usage } from '../../src/text/ligature-evidence.js';
import { ligatureVocabulary } from '../../src/text/ligature-queries.js';
import { seededRandom } from '../../src/text/seeded.js';

/** Every letter run, as /\p{L}+/gu reads them: the definition the scans must keep. */
const tokensOf = (text: string): Token[] =>
  [...text.matchAll(/\p{L}+/gu)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));

/** Chains as reading every run in order finds them (how they were found before the scan from spaces). */
function chainsByTokens(text: string): Token[][] {
  const tokens = tokensOf(text);
  const found: Token[][] = [];
  let chain: Token[] = [];
  for (const token of tokens) {
    const last = chain.at(-1);
    if (last && linked(text, last, token)) {
      chain.push(token);
      continue;
    }
    if (chain.length > 1) found.push(chain);
    chain = startsAlone(text, token) ? [token] : [];
  }
  if (chain.length > 1) found.push(chain);
  return found;
}

/** A run after a space, at the start, or after anything but a letter, digit, apostrophe, dot or backslash. */
const startsAlone = (text: string, token: Token) =>
  token.start === 0 || !/[\p{L}\p{N}'’.\\]/u.test(text.slice(token.start - 1, token.start));

/** The vocabulary as reading every run finds it. */
function vocabularyByTokens(text: string): string[] {
  const pieces = new Set(chainsByTokens(text).flatMap((chain) => chain.map((token) => token.start)));
  const words = new Set<string>();
  for (const token of tokensOf(text)) {
    if (pieces.has(token.start) || token.text.length < 4 || token.text.length > 40) continue;
    if (/f[fil]/iu.test(token.text)) words.add(token.text.toLowerCase());
  }
  return [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, 256);
}

/** Glyph pieces, words, odd Unicode (İ, Σ, astral letters, lone surrogates) and marks, strung together at random. */
const PARTS = [
  'of',
  'f',
  'fi',
  'fl',
  'ff',
  'ffi',
  'st',
  'ft',
  'F',
  'Fi',
  'Fl',
  'e',
  'ice',
  'ect',
  'erent',
  'di',
  'con',
  'most',
  'left',
  'the',
  'isn',
  '’t',
  "'t",
  'n',
  'İ',
  'Σ',
  'σ',
  '𝐀',
  '𝐚',
  '\ud800',
  '\udc00',
  'é',
  'ß',
  'ﬁ',
  'Aﬃ',
  'nitySpace',
  '3',
  '@',
  '-',
  '‐',
  '.',
  ',',
  '\\',
  '_',
  '/',
  '\n',
  '  ',
  ' ',
  ' ',
  ' ',
  ' ',
  ' ',
];

function randomText(seed: number, parts: number): string {
  const random = seededRandom(seed);
  let text = '';
  for (let i = 0; i < parts; i++) text += PARTS[Math.floor(random() * PARTS.length)];
  return text;
}

describe('chains found from the spaces', () => {
  it('are the chains reading every letter run in order finds', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const text = randomText(seed, 60);
      expect(chains(text), JSON.stringify(text)).toEqual(chainsByTokens(text));
    }
  });

  it('keep each kind of link and break: both sides of a glyph, a cut ff, contractions, hyphens, word tails', () => {
    const text =
      "The di ff erent confl ict, o ffi cial staf f, caf feine. isn't stuff isn't; e-commerce fi rst file.fi x 3fi rst most people \\fi x";
    expect(chains(text)).toEqual(chainsByTokens(text));
    expect(chains(text).map((chain) => chain.map((token) => token.text).join(' '))).toEqual([
      'di ff erent',
      'confl ict',
      'o ffi cial staf f',
      'caf feine',
      'commerce fi rst file',
      'rst most people',
    ]);
  });

  it('finds none in an empty text, one without spaces or one of spaces only', () => {
    expect(chains('')).toEqual([]);
    expect(chains('confl')).toEqual([]);
    expect(chains('     ')).toEqual([]);
    expect(chains(' fi ')).toEqual([]);
  });

  it('reads a huge text in one pass (a linear count of chains)', () => {
    const small = chains('confl ict and nothing else. '.repeat(1000));
    const large = chains('confl ict and nothing else. '.repeat(100_000));
    expect(small).toHaveLength(1000);
    expect(large).toHaveLength(100_000);
  });
});

describe('ligatureVocabulary read around ff, fi and fl', () => {
  it('is the vocabulary reading every letter run finds', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const text = randomText(seed, 80);
      expect(ligatureVocabulary(text), JSON.stringify(text)).toEqual(vocabularyByTokens(text));
    }
    const text = 'Official FLUFF: the conflict of fi rst offices, AFFIRM afFIrm, ﬁnal İffi Σffl 𝐀fflx.';
    expect(ligatureVocabulary(text)).toEqual(vocabularyByTokens(text));
  });
});

describe('forEachLetterRun', () => {
  it('visits what /\\p{L}+/gu matches, odd Unicode included', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const text = randomText(seed, 40);
      const runs: [number, number][] = [];
      forEachLetterRun(text, (start, end) => runs.push([start, end]));
      expect(runs).toEqual(tokensOf(text).map((token) => [token.start, token.end]));
    }
  });
});

describe('Usage.occurs', () => {
  it('finds a letter run in any case, also in texts whose lower case does not line up (İ, Σ, astral letters)', () => {
    const words = ['office', 'OFFICE', 'ﬃce', 'σοφία', 'ΣΟΦΊΑΣ', 'σοφίας', 'i̇ffi', 'iffi', '𝐚ffi', 'ffi', 'Offi', 'of'];
    for (const text of [
      'The OFFICE is here.',
      'ΣΟΦΊΑΣ. The office.',
      'İFFI and Office',
      '𝐀ffi 𝐚ffi office',
      'an office',
      '',
    ]) {
      const usage = new Usage(text, []);
      const runs = new Set(tokensOf(text).map((token) => token.text.toLowerCase()));
      for (const word of words) expect(usage.occurs(word), `${word} in ${text}`).toBe(runs.has(word.toLowerCase()));
    }
  });
});
