import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { francAll as reference } from 'franc';
import { data } from 'franc/data.js';
import { describe, expect, it } from 'vitest';
import { type FrancOptions, francAll } from '../../src/text/trigram-models.js';
import { ROOT } from '../support/cli.js';

const OPTIONS: FrancOptions[] = [
  {},
  { minLength: 50, ignore: ['sco'] },
  { only: ['eng', 'fra', 'deu', 'spa'] },
  { only: ['rus', 'ukr'] },
  { ignore: ['eng', 'sco', 'cmn'] },
  { only: ['tha'] },
];

function same(text: string): void {
  for (const options of OPTIONS) {
    // franc's options are mutable arrays; hand it copies.
    const copy = {
      ...(options.minLength === undefined ? {} : { minLength: options.minLength }),
      ...(options.only ? { only: [...options.only] } : {}),
      ...(options.ignore ? { ignore: [...options.ignore] } : {}),
    };
    expect(francAll(text, options), `${JSON.stringify(text.slice(0, 60))} ${JSON.stringify(options)}`).toEqual(
      reference(text, copy),
    );
  }
}

/** Every seed, input and expected, cut at many places and lengths. */
function seedSamples(): string[] {
  const samples: string[] = [];
  for (const folder of ['seeds/input', 'seeds/expected']) {
    for (const name of readdirSync(join(ROOT, folder))) {
      const text = readFileSync(join(ROOT, folder, name), 'utf8');
      for (let start = 0; start < text.length; start += 613) {
        for (const length of [12, 250, 512, 2100]) samples.push(text.slice(start, start + length));
      }
    }
  }
  return samples;
}

describe('francAll from the sparse trigram models', () => {
  it('ranks and scores every seed sample exactly as franc does', () => {
    const samples = seedSamples();
    expect(samples.length).toBeGreaterThan(200);
    for (const sample of samples) same(sample);
  });

  it('ranks text in every language franc models exactly as franc does', () => {
    let languages = 0;
    for (const [script, models] of Object.entries(data)) {
      for (const model of Object.values(models)) {
        languages++;
        const trigrams = model.split('|');
        // The model's own trigrams as words, then a shuffled-looking mix with another language's.
        same(trigrams.filter((_, i) => i % 3 === 1).join(''));
        const other = Object.values(models)[0] ?? '';
        same(`${trigrams.slice(0, 40).join(' ')} ${other.split('|').slice(0, 40).join(' ')} ${script}`);
      }
    }
    expect(languages).toBeGreaterThan(150);
  });

  it('agrees on scripts with one language, digits, punctuation, mixed scripts and short texts', () => {
    for (const text of [
      '',
      'short',
      '1234567890 1234567890 1234567890',
      '!!!???...,,,;;;:::---',
      'สวัสดีครับ ยินดีต้อนรับสู่ประเทศไทย วันนี้อากาศดีมาก',
      '안녕하세요 반갑습니다 오늘 날씨가 좋네요 감사합니다',
      'これは日本語の文章です。ひらがなとカタカナとカンジ。',
      '这是一个中文句子，没有空格，但是有很多汉字在里面。',
      'Ελληνικά κείμενα για τον έλεγχο της γλώσσας και των τριγράμμων',
      'Привет мир, это русский текст для проверки языка и триграмм',
      'English and Русский and 日本語 mixed together in one line of text',
      '𝐁𝐨𝐥𝐝 𝐦𝐚𝐭𝐡 𝐥𝐞𝐭𝐭𝐞𝐫𝐬 😀😀😀 with astral code points 𠀀𠀁𠀂',
      'İSTANBUL ŞEHRİ İÇİN ÖNEMLİ BİR GÜN OLDU DİYE YAZDI',
    ]) {
      same(text);
    }
  });

  it('agrees with franc on arbitrary strings', () => {
    const alphabet = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz  éèüößçñ.,!?1аблдж日本語ก한ΑΒ𝐁'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { minLength: 0, maxLength: 300 }), (chars) => {
        same(chars.join(''));
      }),
      { numRuns: 300 },
    );
  });
});
