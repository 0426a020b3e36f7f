import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import { countWords, createGate, enoughWords, type GateOptions } from '../../src/stages/gate.js';
import { ROOT } from '../support/cli.js';
import { makeDocument } from '../support/document.js';

const doc = (text: string): Document => makeDocument(text, { meta: { lang: 'eng' } });

const run = (text: string, options: GateOptions = {}) => createGate(options).run(doc(text));

const article = [
  'Putin tells Trump he will not back down from Ukraine goals',
  'Russian leader Vladimir Putin told US President Donald Trump by telephone that Moscow will not give up on its aims.',
  'The Kremlin said the call lasted almost an hour.',
].join('\n');

describe('gate', () => {
  it('keeps an article, sets the title and changes nothing else', () => {
    const outcome = run(article);
    expect(outcome.action).toBe('keep');
    expect(outcome.doc).toEqual({
      ...doc(article),
      meta: { lang: 'eng', title: 'Putin tells Trump he will not back down from Ukraine goals' },
    });
  });

  it('keeps every seed article', () => {
    const dir = join(ROOT, 'seeds/expected');
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), 'utf8').trimEnd();
      expect(run(text).action, name).toBe('keep');
    }
  });

  it('drops blank lines and trims lines, recording each fix', () => {
    const text = `\n  ${article.replace('\n', '\n \n')}\t\n`;
    const outcome = run(text);
    expect(outcome.doc.text).toBe(article);
    expect(outcome.doc.changes).toEqual([
      { stage: 'gate', rule: 'blank-line', offset: 0, removed: '\n' },
      { stage: 'gate', rule: 'untrimmed-line', offset: 1, removed: '  ' },
      { stage: 'gate', rule: 'blank-line', offset: 62, removed: ' \n' },
      { stage: 'gate', rule: 'untrimmed-line', offset: 228, removed: '\t' },
      { stage: 'gate', rule: 'blank-line', offset: 229, removed: '\n' },
    ]);
    for (const change of outcome.doc.changes) {
      expect(text.slice(change.offset, change.offset + (change.removed?.length ?? 0))).toBe(change.removed);
    }
  });

  it.each([
    ['an empty document', '', 'no words are left after cleaning (an article has at least 12)'],
    ['white space only', '  \n\t\n \n', 'no words are left after cleaning (an article has at least 12)'],
    [
      'a comment form',
      'Leave a Reply\nYour email address will not be published.',
      'only 10 words are left after cleaning (an article has at least 12)',
    ],
    [
      'a comment form with its required-fields note',
      'Leave a Reply\nYour email address will not be published. Required fields are marked *\nComment\nName\nEmail',
      'no paragraph reads as a sentence: none of 8 words or more ends in . ! ? or …',
    ],
    ['a single word', 'Advertisement', 'only 1 word is left after cleaning (an article has at least 12)'],
    [
      'a list of headlines',
      [
        'You may also like',
        'Women and children: war victims no one talks about',
        'OCI cards to be given to 6th generation of Indians in Trinidad and Tobago: PM Modi',
        'Woman torched Land Rover of evil badger man in mistaken bid for revenge over dead cat',
        'Katy Perry and Orlando Bloom reps break silence on split after nine-year romance',
      ].join('\n'),
      'no paragraph reads as a sentence: none of 8 words or more ends in . ! ? or …',
    ],
  ])('rejects %s as no-text', (_name, text, message) => {
    expect(run(text)).toEqual({ action: 'drop', doc: doc(text), reason: 'no-text', message });
  });

  it('keeps a news brief of a headline and one sentence', () => {
    const brief = 'Kremlin confirms call\nPutin and Trump spoke by telephone for almost an hour on Thursday.';
    expect(run(brief)).toMatchObject({
      action: 'keep',
      doc: { text: brief, meta: { title: 'Kremlin confirms call' } },
    });
  });

  it('counts words of scripts written without spaces one a character', () => {
    const chinese =
      '普京告诉特朗普不会放弃乌克兰目标\n俄罗斯总统普京周四在电话中告诉美国总统特朗普，俄罗斯不会放弃在乌克兰的目标。';
    expect(run(chinese).action).toBe('keep');
  });

  it('takes `minWords` and `minSentenceWords`', () => {
    const headlines = [
      'Women and children: war victims no one talks about',
      'OCI cards to be given to 6th generation of Indians in Trinidad and Tobago: PM Modi',
      'Woman torched Land Rover of evil badger man in mistaken bid for revenge over dead cat',
    ].join('\n');
    expect(run(headlines, { minSentenceWords: 0 }).action).toBe('keep');
    expect(run(article, { minWords: 50 })).toMatchObject({
      action: 'drop',
      reason: 'no-text',
      message: 'only 40 words are left after cleaning (an article has at least 50)',
    });
    expect(run(article, { minSentenceWords: 25 })).toMatchObject({
      action: 'drop',
      reason: 'no-text',
      message: 'no paragraph reads as a sentence: none of 25 words or more ends in . ! ? or …',
    });
  });

  it('rejects bad options, quoting the value', () => {
    expect(() => createGate({ minWords: 0 })).toThrow('gate: option `minWords` must be an integer >= 1, got 0');
    expect(() => createGate({ minWords: 2.5 })).toThrow('gate: option `minWords` must be an integer >= 1, got 2.5');
    expect(() => createGate({ minSentenceWords: -1 })).toThrow(
      'gate: option `minSentenceWords` must be an integer >= 0, got -1',
    );
    expect(() => createGate({ minSentenceWords: '8' as unknown as number })).toThrow(
      'gate: option `minSentenceWords` must be an integer >= 0, got "8"',
    );
    expect(() => createGate({ minParagraphs: 2 } as GateOptions)).toThrow(
      'gate: unknown option "minParagraphs" (known: minWords, minSentenceWords)',
    );
  });
});

describe('countWords', () => {
  const WORD =
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]|[\p{L}\p{N}\p{M}]+/gu;

  it('counts what the word expression matches, on any text', () => {
    const chars = fc.constantFrom(...'ab Z9 .,\n-漢字かカไทย฿é\u0301\u200b𝐁𠀀\ud800\udc00'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 80 }), (list) => {
        const text = list.join('');
        expect(countWords(text)).toBe(text.match(WORD)?.length ?? 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('countWords with a cap', () => {
  it('stops one word past the cap, and counts exactly below it', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '漢', 'é', '.', '\u0301') }), fc.nat(20), (text, cap) => {
        expect(countWords(text, cap)).toBe(Math.min(countWords(text), cap + 1));
      }),
      { numRuns: 500 },
    );
  });
});

describe('enoughWords', () => {
  /** The verdict as counting every word of every line gives it. */
  const counted = (lines: string[], sentenceWords: number) => {
    const counts = lines.map((line) => countWords(line));
    const words = counts.reduce((sum, count) => sum + count, 0);
    const sentence =
      sentenceWords === 0 || lines.some((line, at) => /[.!?…]$/u.test(line) && (counts[at] ?? 0) >= sentenceWords);
    return { words, sentence };
  };

  it('gives the verdict of counting everything: the exact count below minWords', () => {
    const line = fc.array(fc.constantFrom('word', 'two words', '漢字', 'Ünïcode', '', ' ', '.', '!'), {
      maxLength: 12,
    });
    fc.assert(
      fc.property(
        fc.array(
          line.map((parts) => parts.join(' ')),
          { maxLength: 8 },
        ),
        fc.nat(15),
        fc.nat(10),
        (lines, minWords, sentenceWords) => {
          const full = counted(lines, sentenceWords);
          const { words, sentence } = enoughWords(lines, minWords, sentenceWords);
          expect(words < minWords).toBe(full.words < minWords);
          if (full.words < minWords) expect(words).toBe(full.words);
          expect(sentence).toBe(full.sentence);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('finds the sentence in the last line, after enough words', () => {
    const lines = ['a b c d e f g h i j k l m n', 'No', 'One two three four five six seven eight.'];
    expect(enoughWords(lines, 12, 8).sentence).toBe(true);
    expect(enoughWords(lines, 12, 9).sentence).toBe(false);
    expect(enoughWords(lines, 12, 8).words).toBeGreaterThanOrEqual(12);
  });

  it('handles no lines and empty lines', () => {
    expect(enoughWords([], 12, 8)).toEqual({ words: 0, sentence: false });
    expect(enoughWords(['', ''], 1, 0)).toEqual({ words: 0, sentence: true });
  });

  it('counts a huge line only as far as it needs: 13 of its two million words', () => {
    const huge = `${'word '.repeat(2_000_000)}end.`;
    expect(enoughWords([huge], 12, 8)).toEqual({ words: 13, sentence: true });
    expect(createGate().run(doc(huge)).action).toBe('keep');
  });
});

describe('gate on many lines', () => {
  it('takes 200,000 short sentence lines without overflowing the stack', () => {
    const text = Array.from({ length: 200_000 }, (_, i) => `Line ${i} says a few words here.`).join('\n');
    const outcome = createGate({ minSentenceWords: 6 }).run(doc(text));
    expect(outcome.action).toBe('keep');
  });
});
