/**
 * Text repairs grow linearly with their input: each stage on a pattern repeated to two sizes, the
 * time ratio measured in one run (see test/support/growth.ts). In a file of its own so that no
 * other test's heap and garbage collection weigh on one size and not the other.
 */
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import { createBoilerplate } from '../../src/stages/boilerplate.js';
import { createDecode } from '../../src/stages/decode.js';
import { repairLigatures } from '../../src/stages/ligatures.js';
import { createNormalize } from '../../src/stages/normalize.js';
import { createRepeats } from '../../src/stages/repeats.js';
import { createUnwrap } from '../../src/stages/unwrap.js';
import { growthRatio } from '../support/growth.js';

const P = [
  'Russian President Vladimir Putin told Donald Trump on Thursday that Moscow would pursue its aims in Ukraine, the Kremlin said.',
  'The two leaders spoke for almost an hour, their sixth known call since January, according to the Kremlin adviser Yuri Ushakov.',
];

describe('ligatures', () => {
  it('grows linearly on long runs of split pieces', () => {
    for (const pattern of ['di ff erent o ffset ', 'a fi ', 'the first flight ', 'confl ict offi cial\n']) {
      // Linear work gives about 8 (up to 32 seen on a busy machine); quadratic work about 64.
      expect(
        growthRatio({ name: 'ligatures', kind: 'text', run: (doc) => repairLigatures(doc) }, pattern, 20_000, 8, {
          meta: { lang: 'eng' },
        }),
        pattern,
      ).toBeLessThan(40);
    }
  });
});

describe('repeats', () => {
  it('grows linearly on a line printed thousands of times and on a body printed many times', () => {
    for (const pattern of ['the same line again and again\n', `${P[0]}\n${P[1]}\n`, '0 1 2 3 4\n']) {
      // Linear work gives about 6; quadratic work (the old walk back to the nearest kept line) about 64.
      expect(growthRatio(createRepeats(), pattern, 50_000, 8), pattern).toBeLessThan(40);
    }
  });
});

describe('repeats: lines printed once per item', () => {
  it('grows linearly when every line of a long text is a slot template to read', () => {
    // A copy near the top makes the stage read every line's slot templates (src/text/slot-lines.ts).
    const copy = `${P[0]}\n${P[1]}\n${P[0]}\n`;
    const repeats = createRepeats();
    const stage = { ...repeats, run: (doc: Document) => repeats.run({ ...doc, text: copy + doc.text }) };
    for (const pattern of [
      "Shop Men's at hoka.com Shop Women's at hoka.com for running shoes\n",
      'a b c d e f g h i j k l m n o p q r s t u v w\n',
    ]) {
      // Linear work gives about 8 (up to 32 seen on a busy machine); quadratic work about 64.
      expect(growthRatio(stage, pattern, 50_000, 8), pattern).toBeLessThan(40);
    }
  });
});

describe("boilerplate: lists on the article's subject", () => {
  it('grows linearly on thousands of list headings over titles on the subject', () => {
    const body = 'Startup founders learn startup lessons at every startup conference.\n';
    const pattern = 'More to read:\nStartup lessons for founders\nThe startup way\n';
    const boilerplate = createBoilerplate();
    const stage = {
      ...boilerplate,
      run: (doc: Document) => boilerplate.run({ ...doc, text: `Startup lessons learned\n${body}${doc.text}` }),
    };
    expect(growthRatio(stage, pattern, 50_000, 8)).toBeLessThan(40);
  });
});

describe('unwrap', () => {
  it('grows linearly on many short lines and on a run of split words', () => {
    // A run of "negotia-" lines once took 1.4 s for 12.5 KB and over 150 s for 1 MB.
    for (const pattern of ['line of a long list that goes on\n', 'negotia-\n', 'multi-\ncue\n']) {
      // Linear work gives about 8 (up to 32 seen on a busy machine); quadratic work about 64.
      const ratio = growthRatio(createUnwrap(), pattern, 50_000, 8);
      expect(ratio, pattern).toBeLessThan(40);
    }
  });
});

describe('normalize and decode', () => {
  it('grow linearly on control characters, spaces and mojibake', () => {
    for (const pattern of ['ab\u0000', '  \u00a0word ', 'caf\u00c3\u00a9 ', '\n\n\n']) {
      // Linear work gives about 8 (up to 32 seen on a busy machine); quadratic work about 64.
      expect(growthRatio(createNormalize(), pattern, 20_000, 8), pattern).toBeLessThan(40);
    }
    const decode = createDecode();
    const fromText = {
      run: (doc: Parameters<typeof decode.run>[0]) =>
        decode.run({ ...doc, raw: Buffer.from(doc.text).toString('base64') }),
    };
    for (const pattern of ['ab\u0000cd ', 'word\r\n']) {
      expect(growthRatio({ ...decode, ...fromText }, pattern, 20_000, 8), pattern).toBeLessThan(40);
    }
  });
});
