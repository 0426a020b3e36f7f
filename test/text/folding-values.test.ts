import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digitKey, foldLine, lineKey, MAX_KEYED_LINE } from '../../src/text/line-key.js';
import { signatureOf } from '../../src/text/minhash.js';
import {
  referenceDigitKey,
  referenceFoldLine,
  referenceLineKey,
  referenceSignature,
} from '../support/reference-folding.js';

// Keys and signatures are stored (Redis, spill files): the fast scans must give the values of the
// plain definitions, on every kind of text.

/** Characters that folding treats each its own way: case, compatibility forms, digits of other scripts, CJK, astral, lone surrogates, combining marks. */
const ODD = [
  ..."aZ09 ,.-\t!?#'’_",
  ...'ΣσςΑΟΔ', // Greek, final sigma decided by context
  'İ', // lower-cases to two code units
  'ß',
  'ǅ',
  'ﬁ', // NFKC: fi
  'Ｆ', // fullwidth
  '①',
  '½',
  'Ⅻ',
  '٢', // Arabic-Indic digit
  '漢',
  'か',
  '한',
  '\u0301', // combining acute
  '\u0338',
  '\u00a0',
  '\ufdfa', // NFKC: 18 characters
  '𝐁', // astral letter
  '𝟙', // astral digit
  '😀', // astral symbol
  '\ud800', // lone high surrogate
  '\udc00', // lone low surrogate
  '\u0000',
  '\uffff',
];
const oddText = fc.array(fc.constantFrom(...ODD), { maxLength: 80 }).map((chars) => chars.join(''));
const anyText = fc.oneof(oddText, fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ maxLength: 60 }));

describe('line keys, against their definitions', () => {
  it('fold, key and digit-key any line as the regular expressions do', () => {
    fc.assert(
      fc.property(anyText, (line) => {
        expect(foldLine(line)).toBe(referenceFoldLine(line));
        expect(lineKey(line)).toBe(referenceLineKey(line));
        expect(digitKey(line)).toBe(referenceDigitKey(line));
      }),
      { numRuns: 2000 },
    );
  });

  it('keep the values stored so far', () => {
    expect(lineKey('© 2024 Harbor Ledger. All rights reserved.')).toBe('07beac22b1188f45');
    expect(lineKey('Читайте также: «Новости» 2024')).toBe('d728676f7684b550');
    expect(digitKey('Lotto Results for Draw 2301')).toBe('0ee30ddb53214224');
    expect(digitKey('Ｆｏｌｌｏｗ ① 漢字 ٢٣')).toBe('35048f5e36ea2219');
  });

  it('agree on empty, blank and huge lines', () => {
    for (const line of ['', ' ', '\u00a0', '12', 'x'.repeat(MAX_KEYED_LINE), `${'Aé1 '.repeat(25_000)}`]) {
      expect(lineKey(line)).toBe(referenceLineKey(line));
      expect(digitKey(line)).toBe(referenceDigitKey(line));
    }
    // NFKC grows this line eighteenfold: the folding buffer must grow with it.
    const growing = '\ufdfa'.repeat(MAX_KEYED_LINE);
    expect(lineKey(growing)).toBe(referenceLineKey(growing));
    expect(foldLine('Ab1'.repeat(10))).toBe(referenceFoldLine('Ab1'.repeat(10)));
  });
});

describe('signatureOf, against its definition', () => {
  it('gives the signature of the plain definition on any text', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(4, 16, 64, 128), (text, hashes) => {
        expect(signatureOf(text, hashes)).toEqual(referenceSignature(text, hashes));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the values stored so far', () => {
    expect(signatureOf('Stocks fell sharply on Monday, traders said.', 16)).toEqual({
      minhashes: [
        1902904059, 1365708925, 892543248, 2496992652, 2577330645, 287963646, 333064803, 368426432, 1931404970,
        2234008499, 7902303, 765869107, 561191002, 123915294, 213387264, 194011079,
      ],
      exact: 'ca1cbbdf44278699',
    });
    expect(signatureOf('東京 株価 は 月曜日 に 急落 した と 市場 関係者 が 述べた ΟΔΟΣ', 8)).toEqual({
      minhashes: [6026213, 1026720376, 111464444, 737834451, 823167671, 445506810, 1210288228, 71053707],
      exact: '8dfbfa91a41f40e5',
    });
  });

  it('agrees on empty and huge texts, across fold pieces', () => {
    for (const text of ['', ' \n ', 'one', 'a b c d e f g']) {
      expect(signatureOf(text, 64)).toEqual(referenceSignature(text, 64));
    }
    // Several fold pieces (64 KB each), CJK and astral words among ASCII ones.
    const kinds = ['w', 'Σ', '漢字', '𝐁x', 'İ'];
    const huge = Array.from({ length: 40_000 }, (_, i) => `${kinds[i % 5]}${i % 997}${i % 7 === 0 ? '\n' : ' '}`).join(
      '',
    );
    expect(signatureOf(huge, 128)).toEqual(referenceSignature(huge, 128));
  });
});
