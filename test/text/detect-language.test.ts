import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECT_OPTIONS, detectLanguage, guessLanguage, looksEnglish } from '../../src/text/detect-language.js';
import { ROOT } from '../support/cli.js';

const seed = (name: string) => readFileSync(join(ROOT, 'seeds/expected', name), 'utf8');
const english = seed('000_91262211253a423d.txt');
const french =
  'Le président russe Vladimir Poutine a déclaré jeudi à son homologue américain que la Russie ne renoncerait pas à ses objectifs en Ukraine. ';

describe('guessLanguage', () => {
  it('names the language of a text', () => {
    expect(guessLanguage(english)).toBe('eng');
    expect(guessLanguage(french.repeat(3))).toBe('fra');
    expect(guessLanguage('Der Bundestag hat am Donnerstag ein neues Gesetz zum Klimaschutz beschlossen.')).toBe('deu');
  });

  it('is und for a text shorter than minLength', () => {
    expect(guessLanguage('')).toBe('und');
    expect(guessLanguage('Leave a Reply')).toBe('und');
    const hansard = 'Members of Parliament voted on Thursday';
    expect(guessLanguage(hansard)).toBe('und');
    expect(guessLanguage(hansard, { ...DEFAULT_DETECT_OPTIONS, minLength: 20 })).toBe('eng');
  });

  it('never answers Scots unless asked to', () => {
    const text = 'That man is the richest whose pleasure are the cheapest.';
    expect(guessLanguage(text)).toBe('eng');
    expect(guessLanguage(text, { ...DEFAULT_DETECT_OPTIONS, ignore: [] })).toBe('sco');
  });

  it('chooses among `only`', () => {
    expect(guessLanguage(french.repeat(3), { ...DEFAULT_DETECT_OPTIONS, only: ['spa', 'ita'] })).toBe('spa');
  });
});

describe('detectLanguage', () => {
  it('is fully confident in a long text in one language', () => {
    expect(detectLanguage(english)).toEqual({ lang: 'eng', confidence: 1 });
  });

  it('is less confident in a short text', () => {
    const text = english.slice(0, 125).trim();
    expect(detectLanguage(text)).toEqual({ lang: 'eng', confidence: Math.round((text.length / 250) * 1000) / 1000 });
  });

  it('is less confident when the end of the text is in another language', () => {
    const text = `${english}\n${french.repeat(10)}`;
    expect(text.length).toBeGreaterThan(2048 + 1024);
    expect(detectLanguage(text)).toEqual({ lang: 'eng', confidence: 0.667 });
  });

  it('has no confidence in an undetermined text', () => {
    expect(detectLanguage('   ')).toEqual({ lang: 'und', confidence: 0 });
  });
});

describe('looksEnglish', () => {
  it('takes English prose for English', () => {
    expect(
      looksEnglish(
        'Russian leader Vladimir Putin told US President Donald Trump by telephone that Moscow will not give up on its aims in Ukraine.',
      ),
    ).toBe(true);
  });

  it('leaves French, German and Spanish prose alone', () => {
    expect(
      looksEnglish('Le président russe a déclaré jeudi que la Russie ne renoncerait pas à ses objectifs en Ukraine.'),
    ).toBe(false);
    expect(looksEnglish('Der Bundestag hat am Donnerstag ein neues Gesetz zum Klimaschutz beschlossen.')).toBe(false);
    expect(looksEnglish('El presidente ruso dijo el jueves que Rusia no renunciará a sus objetivos en Ucrania.')).toBe(
      false,
    );
  });

  it('does not decide on fewer than five words', () => {
    expect(looksEnglish('the of and')).toBe(false);
  });
});
