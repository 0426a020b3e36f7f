import { describe, expect, it } from 'vitest';
import { foldLine, lineKey, MAX_KEYED_LINE } from '../../src/text/line-key.js';

describe('foldLine', () => {
  it('folds case, digits, punctuation and spacing', () => {
    expect(foldLine('© 2024 Harbor Ledger. All rights reserved.')).toBe('0harborledgerallrightsreserved');
    expect(foldLine('ADVERTISEMENT')).toBe('advertisement');
    expect(foldLine('Home » News » World')).toBe('homenewsworld');
  });

  it('folds ligature glyphs, full-width letters and spaces a PDF tool lost or added', () => {
    expect(foldLine('Required ﬁelds are marked *')).toBe(foldLine('Required fi elds are marked *'));
    expect(foldLine('Ｆｏｌｌｏｗ us')).toBe('followus');
    expect(foldLine('Follow\u00a0Gulf Times')).toBe('followgulftimes');
  });

  it('keeps letters of every script', () => {
    expect(foldLine('Читайте также: «Новости»')).toBe('читайтетакженовости');
    expect(foldLine('Ça coûte 15 €')).toBe('çacoûte0');
  });
});

describe('lineKey', () => {
  it('gives lines that differ only in year, case or punctuation the same 16-hex-character key', () => {
    const key = lineKey('© 2024 Harbor Ledger. All rights reserved.');
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(lineKey('© 2019 HARBOR LEDGER — all rights reserved')).toBe(key);
  });

  it('gives different lines different keys', () => {
    expect(lineKey('Follow Gulf Times on Google News')).not.toBe(lineKey('Follow Harbor Ledger on Google News'));
  });

  it('has no key for a line without a letter', () => {
    expect(lineKey('')).toBeUndefined();
    expect(lineKey('   ')).toBeUndefined();
    expect(lineKey('* * *')).toBeUndefined();
    expect(lineKey('5.')).toBeUndefined();
    expect(lineKey('$110')).toBeUndefined();
  });
});

describe('lineKey on huge lines', () => {
  it('gives no key to a line longer than any template line or headline', () => {
    expect(lineKey('a'.repeat(MAX_KEYED_LINE))).toBeDefined();
    expect(lineKey('a'.repeat(MAX_KEYED_LINE + 1))).toBeUndefined();
  });
});
