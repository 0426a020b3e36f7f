import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import { createLanguage, type LanguageOptions } from '../../src/stages/language.js';
import { ROOT } from '../support/cli.js';
import { makeDocument } from '../support/document.js';

const doc = (text: string): Document => makeDocument(text, { meta: { title: 'kept' } });

const run = (text: string, options: LanguageOptions = {}) => {
  const outcome = createLanguage(options).run(doc(text));
  if (outcome.action !== 'keep') throw new Error('language never drops');
  return outcome.doc;
};

const english = readFileSync(join(ROOT, 'seeds/expected/001_74ed7ba2dcea0c03.txt'), 'utf8').trim();
const french = [
  'Le président russe Vladimir Poutine a affirmé jeudi à son homologue américain Donald Trump que la Russie ne renoncerait pas à ses objectifs en Ukraine.',
  'Les deux dirigeants se sont entretenus pendant près d’une heure, selon le Kremlin, qui a qualifié la conversation de franche.',
].join('\n');

describe('language', () => {
  it('records the language and confidence of an English article, and nothing else', () => {
    const out = run(english);
    expect(out.meta).toEqual({ title: 'kept', lang: 'eng', confidence: 1 });
    expect(out.text).toBe(english);
    expect(out.changes).toEqual([]);
  });

  it('records French as French', () => {
    expect(run(french).meta).toEqual({ title: 'kept', lang: 'fra', confidence: 1 });
  });

  it('records und for a text too short to tell', () => {
    expect(run('Leave a Reply').meta).toEqual({ title: 'kept', lang: 'und', confidence: 0 });
    expect(run('').meta).toEqual({ title: 'kept', lang: 'und', confidence: 0 });
  });

  it('takes `minLength`, `only` and `ignore`', () => {
    expect(run('Members of Parliament voted on Thursday', { minLength: 20 }).meta.lang).toBe('eng');
    expect(run(french, { only: ['spa', 'ita'] }).meta.lang).toBe('spa');
    expect(run('That man is the richest whose pleasure are the cheapest.').meta.lang).toBe('eng');
    expect(run('That man is the richest whose pleasure are the cheapest.', { ignore: [] }).meta.lang).toBe('sco');
  });

  it('rejects bad options, quoting the value', () => {
    expect(() => createLanguage({ minLength: 0 })).toThrow(
      'language: option `minLength` must be an integer >= 1, got 0',
    );
    expect(() => createLanguage({ minLength: '50' as unknown as number })).toThrow(
      'language: option `minLength` must be an integer >= 1, got "50"',
    );
    expect(() => createLanguage({ only: ['english'] })).toThrow(
      'language: option `only` must hold ISO 639-3 codes like "eng", got "english"',
    );
    expect(() => createLanguage({ ignore: 'sco' as unknown as string[] })).toThrow(
      'language: option `ignore` must be an array of strings, got "sco"',
    );
    expect(() => createLanguage({ lang: 'eng' } as LanguageOptions)).toThrow(
      'language: unknown option "lang" (known: minLength, only, ignore)',
    );
  });
});
