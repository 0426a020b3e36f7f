import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change, Document } from '../../src/core/document.js';
import { createBoilerplate } from '../../src/stages/boilerplate.js';
import { createRepeats, type RepeatsOptions } from '../../src/stages/repeats.js';
import { ROOT } from '../support/cli.js';
import { makeDocument } from '../support/document.js';
import { seedParagraphs } from '../support/seeds.js';

const seed = seedParagraphs;

const doc = (text: string): Document =>
  makeDocument(text, { id: 'test', source: 'site/test.txt', output: 'site/test.txt' });

const clean = (text: string, options?: RepeatsOptions): { text: string; changes: readonly Change[] } => {
  const outcome = createRepeats(options).run(doc(text));
  expect(outcome.action).toBe('keep');
  return { text: outcome.doc.text, changes: outcome.doc.changes };
};

/** Offset of the `nth` line (0-based) of the text. */
const lineOffset = (text: string, nth: number): number =>
  text
    .split('\n')
    .slice(0, nth)
    .reduce((sum, l) => sum + l.length + 1, 0);

const removal = (text: string, rule: string, nth: number, firstAt: number, similarity = 1): Change => ({
  stage: 'repeats',
  rule,
  offset: lineOffset(text, nth),
  removed: text.split('\n')[nth] as string,
  evidence: { firstAt, similarity },
});

const HEADLINE = 'Putin tells Trump he will not back down on Ukraine goals';
const P = [
  'Russian President Vladimir Putin told Donald Trump on Thursday that Moscow would pursue its aims in Ukraine, the Kremlin said.',
  'The two leaders spoke for almost an hour, their sixth known call since January, according to the Kremlin adviser Yuri Ushakov.',
  'Trump told reporters afterwards that he had made no progress at all with the Russian leader on a ceasefire.',
  'Washington has paused some weapons shipments to Kyiv, citing concerns about its own dwindling stockpiles of munitions.',
];
const SUBHEADING = "'We haven't fully stopped supply': Trump";

describe('repeats on the seeds', () => {
  it('001: drops the second copy of the body, subheadings included, and keeps the first', () => {
    const text = seed('001_74ed7ba2dcea0c03.txt');
    const boilerplate = createBoilerplate().run(doc(text)).doc;
    const outcome = createRepeats().run(boilerplate);
    expect(`${outcome.doc.text}\n`).toBe(readFileSync(join(ROOT, 'seeds/expected/001_74ed7ba2dcea0c03.txt'), 'utf8'));
    const input = boilerplate.text;
    const lines = input.split('\n');
    expect(lines).toHaveLength(31);
    const changes = outcome.doc.changes.filter((c) => c.stage === 'repeats');
    // Lines 16..30 repeat lines 1..15; the lede (line 0) was printed once.
    expect(changes).toEqual(Array.from({ length: 15 }, (_, i) => removal(input, 'repeated-body', 16 + i, 1 + i)));
    expect(changes.map((c) => c.removed)).toContain("Russia will 'not back down' to solve conflict's 'root causes'");
    expect(changes.map((c) => c.removed)).toContain(SUBHEADING);
  });

  it('004: drops the last paragraph printed twice', () => {
    const text = seed('004_533c8462d5d224a2.txt');
    const result = clean(text);
    expect(result.text).toBe(text.split('\n').slice(0, 3).join('\n'));
    expect(result.changes).toEqual([removal(text, 'repeated-paragraph', 3, 2)]);
  });

  it.each(['000_91262211253a423d.txt', '002_ce49ac1db8a694aa.txt', '003_49a37f2202a876ff.txt'])(
    'leaves seed %s, which repeats nothing, alone',
    (name) => {
      const text = seed(name);
      expect(clean(text)).toEqual({ text, changes: [] });
    },
  );
});

describe('repeated-body', () => {
  it('drops a whole body printed twice, short lines of the copy included', () => {
    const body = [P[0], SUBHEADING, P[1], P[2]] as string[];
    const text = [HEADLINE, ...body, ...body].join('\n');
    const result = clean(text);
    expect(result.text).toBe([HEADLINE, ...body].join('\n'));
    expect(result.changes).toEqual([5, 6, 7, 8].map((nth) => removal(text, 'repeated-body', nth, nth - 4)));
  });

  it('matches copies that differ in quotes, case and spacing only, with similarity 1', () => {
    const copy = [P[0], "'We haven’t fully stopped  supply': TRUMP", P[1], P[2]] as string[];
    const text = [HEADLINE, P[0], SUBHEADING, P[1], P[2], ...copy].join('\n');
    expect(clean(text).changes.map((c) => [c.rule, c.evidence])).toEqual(
      [1, 2, 3, 4].map((firstAt) => ['repeated-body', { firstAt, similarity: 1 }]),
    );
  });

  it('takes a nearly equal paragraph inside the copy along, with its similarity', () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`);
    const long = `${words.join(' ')}.`;
    const edited = `${[...words.slice(0, 39), 'changed'].join(' ')}.`;
    const text = [HEADLINE, P[0], long, P[1], P[0], edited, P[1]].join('\n');
    const result = clean(text);
    expect(result.text).toBe([HEADLINE, P[0], long, P[1]].join('\n'));
    // 39 word pairs each, 38 shared: 38 / 40.
    expect(result.changes).toEqual([
      removal(text, 'repeated-body', 4, 1),
      removal(text, 'repeated-body', 5, 2, 0.95),
      removal(text, 'repeated-body', 6, 3),
    ]);
  });

  it('takes the first paragraph along when only the earlier copy carries a stamp', () => {
    const first = `Moscow ${P[0]} ${P[3]}`;
    const text = [HEADLINE, `(Wire) ${first}`, P[1], P[2], first, P[1], P[2]].join('\n');
    const result = clean(text);
    expect(result.text).toBe([HEADLINE, `(Wire) ${first}`, P[1], P[2]].join('\n'));
    expect(result.changes.map((c) => [c.removed, c.evidence?.firstAt])).toEqual([
      [first, 1],
      [P[1], 2],
      [P[2], 3],
    ]);
    expect(result.changes[0]?.evidence?.similarity).toBeGreaterThanOrEqual(0.9);
    expect(result.changes[0]?.evidence?.similarity).toBeLessThan(1);
  });

  it('steps over a line present in one copy only; one in the later copy stays', () => {
    const text = [HEADLINE, P[0], 'Advertisement', P[1], P[2], P[0], P[1], 'Live updates', P[2]].join('\n');
    const result = clean(text);
    expect(result.text).toBe([HEADLINE, P[0], 'Advertisement', P[1], P[2], 'Live updates'].join('\n'));
    expect(result.changes).toEqual([
      removal(text, 'repeated-body', 5, 1),
      removal(text, 'repeated-body', 6, 3),
      removal(text, 'repeated-body', 8, 4),
    ]);
  });

  it('leaves alone a repeated run of short lines (a list printed twice in a review)', () => {
    const list = ['Pros', '- Fast and quiet', '- Cheap to run', 'Cons', '- Heavy'];
    const text = [HEADLINE, P[0], ...list, P[1], ...list].join('\n');
    expect(clean(text)).toEqual({ text, changes: [] });
  });
});

describe('repeated-paragraph', () => {
  it('drops a paragraph repeated further down, wherever it stands', () => {
    const text = [HEADLINE, P[0], P[1], P[2], P[0], P[3]].join('\n');
    const result = clean(text);
    expect(result.text).toBe([HEADLINE, P[0], P[1], P[2], P[3]].join('\n'));
    expect(result.changes).toEqual([removal(text, 'repeated-paragraph', 4, 1)]);
  });

  it('works on text that still has blank lines, giving line indexes of the received text', () => {
    const text = `${HEADLINE}\n\n${P[0]}\n\n${P[1]}\n\n${P[0]}\n`;
    const result = clean(text);
    expect(result.text).toBe(`${HEADLINE}\n\n${P[0]}\n\n${P[1]}\n\n`);
    expect(result.changes).toEqual([removal(text, 'repeated-paragraph', 6, 2)]);
  });

  it.each([
    ['a short quote line', '"We will not give up."'],
    ['a subheading', SUBHEADING],
    ['a list item', '- Weapons shipments paused'],
  ])('leaves alone %s printed twice', (_name, short) => {
    const text = [HEADLINE, P[0], short, P[1], short, P[2]].join('\n');
    expect(clean(text)).toEqual({ text, changes: [] });
  });

  it('drops a short line printed twice in a row (a stutter)', () => {
    const text = [HEADLINE, P[0], SUBHEADING, SUBHEADING, P[1], '- Git documentation', '- Git documentation'].join(
      '\n',
    );
    const result = clean(text);
    expect(result.text).toBe([HEADLINE, P[0], SUBHEADING, P[1], '- Git documentation'].join('\n'));
    expect(result.changes).toEqual([
      removal(text, 'repeated-paragraph', 3, 2),
      removal(text, 'repeated-paragraph', 6, 5),
    ]);
  });

  it('keeps one copy of a line printed three times in a row', () => {
    const text = [HEADLINE, P[0], 'Key takeaways', 'Key takeaways', 'Key takeaways', P[1]].join('\n');
    const result = clean(text);
    expect(result.text).toBe([HEADLINE, P[0], 'Key takeaways', P[1]].join('\n'));
    expect(result.changes).toEqual([
      removal(text, 'repeated-paragraph', 3, 2),
      removal(text, 'repeated-paragraph', 4, 2),
    ]);
  });

  it('leaves alone one-word lines in a row (a flattened table) unless asked', () => {
    const text = [HEADLINE, P[0], 'Yes', 'Yes', 'No', P[1]].join('\n');
    expect(clean(text)).toEqual({ text, changes: [] });
    expect(clean(text, { adjacentMinWords: 1 }).changes).toEqual([removal(text, 'repeated-paragraph', 3, 2)]);
  });

  it('leaves alone a paragraph that differs inside (templated text per country)', () => {
    const us =
      'Receive 20% off your purchase of three to five qualifying products and a free cleanser with orders of $40 or more in the US.';
    const uk =
      'Receive 20% off your purchase of three to five qualifying products and a free cleanser with orders of £40 GBP or more in the US.';
    const text = [HEADLINE, 'US', us, 'UK', uk].join('\n');
    expect(clean(text)).toEqual({ text, changes: [] });
  });

  it('leaves alone a paragraph printed layoutCopies times or more', () => {
    const cta = 'Buy: check the price at Amazon UK, check the price at Amazon US';
    const text = [HEADLINE, P[0], cta, P[1], cta, P[2], cta].join('\n');
    expect(clean(text)).toEqual({ text, changes: [] });
    expect(clean(text, { layoutCopies: 4 }).changes.map((c) => c.evidence)).toEqual([
      { firstAt: 2, similarity: 1 },
      { firstAt: 2, similarity: 1 },
    ]);
  });

  it('leaves alone the headline printed again as the first line', () => {
    const headline = 'How to replace brake pads, from an experienced and certified mechanic';
    const text = [headline, headline, P[0], P[1]].join('\n');
    expect(clean(text)).toEqual({ text, changes: [] });
  });

  it('leaves alone paraphrases', () => {
    const text = [
      HEADLINE,
      'Our president said that Russia will pursue its goals and will not back down from these objectives, Ushakov said.',
      'Ushakov stated that their president reaffirmed Russia’s determination to accomplish its established objectives.',
    ].join('\n');
    expect(clean(text)).toEqual({ text, changes: [] });
  });

  it('minWords: shorter paragraphs count when asked', () => {
    const text = [HEADLINE, P[0], '"We will not give up."', P[1], '"We will not give up."'].join('\n');
    expect(clean(text, { minWords: 5 }).changes).toEqual([removal(text, 'repeated-paragraph', 4, 2)]);
  });
});

describe('robustness', () => {
  it('leaves empty, blank and wordless texts alone', () => {
    for (const text of ['', '\n\n', '• • •\n• • •\n• • •', HEADLINE]) {
      expect(clean(text)).toEqual({ text, changes: [] });
    }
  });

  it('copes with a page of hundreds of identical lines, keeping one', () => {
    const line = 'Click here to read the full terms and conditions of this offer today';
    const text = [HEADLINE, ...Array.from({ length: 600 }, () => line)].join('\n');
    const result = clean(text);
    expect(result.text).toBe([HEADLINE, line].join('\n'));
    expect(result.changes).toHaveLength(599);
    expect(result.changes.at(-1)).toEqual(removal(text, 'repeated-paragraph', 600, 1));
  });
});

describe('options', () => {
  it('rejects unknown options', () => {
    expect(() => createRepeats({ minword: 3 } as RepeatsOptions)).toThrow('repeats: unknown option "minword"');
  });

  it.each([
    [{ minWords: 0 }, 'option `minWords` must be an integer >= 1 <= 100000, got 0'],
    [{ minWords: '8' }, 'option `minWords` must be an integer >= 1 <= 100000, got "8"'],
    [{ similarity: 1.5 }, 'option `similarity` must be a number >= 0.5 <= 1, got 1.5'],
    [{ nearMinWords: 2.5 }, 'option `nearMinWords` must be an integer >= 1 <= 100000, got 2.5'],
    [{ minBodyLines: -3 }, 'option `minBodyLines` must be an integer >= 1 <= 100000, got -3'],
    [{ layoutCopies: true }, 'option `layoutCopies` must be an integer >= 1 <= 100000, got true'],
    [{ adjacentMinWords: [2] }, 'option `adjacentMinWords` must be an integer >= 1 <= 100000, got [2]'],
  ])('rejects %j with the bad value quoted', (options, message) => {
    expect(() => createRepeats(options as unknown as RepeatsOptions)).toThrow(message);
  });

  it('minBodyLines: a longer run is needed when asked', () => {
    const body = [P[0], P[1], P[2]] as string[];
    const text = [HEADLINE, ...body, ...body].join('\n');
    expect(clean(text).changes.map((c) => c.rule)).toEqual(['repeated-body', 'repeated-body', 'repeated-body']);
    expect(clean(text, { minBodyLines: 4 }).changes.map((c) => c.rule)).toEqual([
      'repeated-paragraph',
      'repeated-paragraph',
      'repeated-paragraph',
    ]);
  });
});

describe('idempotence', () => {
  it.each([
    ['a body printed twice', [HEADLINE, P[0], SUBHEADING, P[1], P[0], SUBHEADING, P[1], P[2]].join('\n')],
    ['a paragraph printed again', [HEADLINE, P[0], P[1], P[0], P[2], P[1]].join('\n')],
    ['a stutter around a removed copy', [HEADLINE, P[0], 'Key takeaways', P[0], 'Key takeaways', P[1]].join('\n')],
    ['seed 004', seed('004_533c8462d5d224a2.txt')],
  ])('cleaning %s twice changes nothing the second time', (_name, text) => {
    const once = clean(text);
    expect(once.changes.length).toBeGreaterThan(0);
    expect(clean(once.text)).toEqual({ text: once.text, changes: [] });
  });
});

describe('repeats that are content', () => {
  it('keeps a caption the text prints again', () => {
    const caption = 'Figure 3: Word F1 of each extractor before and after cleaning, over all twelve papers.';
    const text = [HEADLINE, P[0], caption, P[1], caption, P[2]].join('\n');
    expect(clean(text).changes).toEqual([]);
  });

  it('keeps the repeated lines of a code listing', () => {
    const text = [
      HEADLINE,
      P[0],
      'for (const item of items) {',
      '  total = total + item.price * item.count;',
      '}',
      'if (total > limit) {',
      '  total = total + item.price * item.count;',
      '}',
      P[1],
    ].join('\n');
    expect(clean(text).changes).toEqual([]);
  });

  it('keeps section headings that a table of contents lists first', () => {
    const headings = [
      'Why the talks in Geneva stalled after the second round of meetings',
      'What the Kremlin wants from a ceasefire along the current front line',
      'How Washington paused some of its weapons shipments this summer',
    ];
    const text = [HEADLINE, ...headings, headings[0], P[0], headings[1], P[1], headings[2], P[2]].join('\n');
    expect(clean(text).changes).toEqual([]);
  });

  it('keeps a section heading that a list names, when only other entries of the list recur too', () => {
    // The entries beside it name no section; one further down the list does.
    const list = [
      'Best EV overall: the Ford Mustang Mach-E in its Rally trim',
      'Best affordable EV - the Nissan Leaf and the Chevrolet Bolt',
      'Best luxury EV - the Genesis GV60 with its new battery',
      'Best supercar with a plug: the McLaren Artura Spider PHEV',
    ];
    const text = [HEADLINE, P[0], ...list, P[1], list[0], P[2], list[3], P[3]].join('\n');
    expect(clean(text).changes).toEqual([]);
  });

  it('still removes a list entry copied once, when the list recurs only as lines printed again and again', () => {
    const entry = 'Our favourite more sustainable clothing brands from the USA';
    const text = [
      HEADLINE,
      P[0],
      entry,
      'Proclaim',
      'Rated: Good',
      P[1],
      'Svala',
      'Rated: Good',
      P[2],
      'Katla',
      'Rated: Good',
      entry,
      P[3],
    ].join('\n');
    expect(clean(text).changes.map((c) => [c.rule, c.removed])).toEqual([['repeated-paragraph', entry]]);
  });

  it('keeps a record the text prints once per item, with other lines between its copies', () => {
    const record = [
      'This webcam image is provided courtesy of the park conservancy, which asks for a credit.',
      'You can support the webcams and the park by making a gift to the park conservancy today.',
      'View webcam.',
    ];
    const text = [
      HEADLINE,
      P[0],
      'Half Dome',
      ...record,
      P[1],
      'El Capitan',
      ...record,
      P[2],
      P[3],
      'Glacier Point',
      (P[0] as string).replace('Thursday', 'Friday'),
    ].join('\n');
    expect(clean(text).changes).toEqual([]);
  });

  it('removes a post a reply quotes further down: long prose lines are no per-item record', () => {
    const post = [
      'Hello everyone, I am preparing a course for the staff of a car rental company and I cannot decide on a title for it, so I would be glad of any advice you can give me here.',
      'The two titles I have in mind are both short, but my colleagues say one of them sounds wrong to a native speaker and they cannot tell me which one or why that would be so.',
      'If any of you has taught such a course before, or has a better idea for what to call it, please write to me here or send me a message, and thank you all in advance for your help.',
    ];
    const text = [HEADLINE, ...post, 'Thanks, Tomas', 'Reply from Anna', ...post, P[0], P[1]].join('\n');
    const result = clean(text);
    expect(result.changes.map((c) => c.rule)).toEqual(['repeated-body', 'repeated-body', 'repeated-body']);
    expect(result.text).toBe([HEADLINE, ...post, 'Thanks, Tomas', 'Reply from Anna', P[0], P[1]].join('\n'));
  });

  it('still removes a body printed twice with other lines between its copies', () => {
    const body = [P[0], P[1], P[2]] as string[];
    const text = [HEADLINE, ...body, 'Most read', 'Storm closes the coastal highway for days', ...body].join('\n');
    const result = clean(text);
    expect(result.changes.map((c) => c.rule)).toEqual(['repeated-body', 'repeated-body', 'repeated-body']);
    expect(result.text).toBe([HEADLINE, ...body, 'Most read', 'Storm closes the coastal highway for days'].join('\n'));
  });

  it('still removes a heading-shaped paragraph printed twice side by side with its neighbours', () => {
    const line = 'What the Kremlin wants from a ceasefire along the current front line';
    const text = [HEADLINE, P[0], line, P[1], P[2], line].join('\n');
    expect(clean(text).changes.map((c) => c.rule)).toEqual(['repeated-paragraph']);
  });
});

describe('repeats in scripts without spaces', () => {
  const JA = [
    '東京都は十五日、新しい防災計画を発表し、首都直下地震に備えた避難所の数を大幅に増やす方針を明らかにした。',
    '計画では、高齢者や障害のある人が安心して避難できるよう、福祉避難所を二倍に拡充するとしている。',
    '都の担当者は「住民一人ひとりが日頃から備えることが何より大切だ」と話し、防災訓練への参加を呼びかけた。',
  ];

  it('removes a Japanese article printed twice', () => {
    const text = ['首都直下地震に備え新防災計画', ...JA, ...JA].join('\n');
    const out = clean(text);
    expect(out.text).toBe(['首都直下地震に備え新防災計画', ...JA].join('\n'));
    expect(out.changes.map((c) => c.rule)).toEqual(['repeated-body', 'repeated-body', 'repeated-body']);
  });

  it('removes a Japanese paragraph printed again, and keeps a short repeated Japanese line', () => {
    const text = ['首都直下地震に備え新防災計画', JA[0], '関連記事', JA[1], JA[0], '関連記事', JA[2]].join('\n');
    expect(clean(text).changes.map((c) => c.removed)).toEqual([JA[0]]);
  });
});

describe('repeats: not code', () => {
  it('removes a stutter of lines that end in a bracket', () => {
    const line = 'Pricing: $950 to $1,300 (estimate from previous years)';
    const text = [HEADLINE, P[0], line, line, P[1]].join('\n');
    expect(clean(text).changes.map((c) => c.rule)).toEqual(['repeated-paragraph']);
  });
});

describe('repeats: a line printed once per item with one word changed', () => {
  const shop = (brand: string) => `Shop Men's at ${brand}.com Shop Women's at ${brand}.com`;
  const review = (shoe: string) =>
    `The ${shoe} is a cushioned daily trainer that held up over two hundred miles of road running this spring.`;
  const guide = (brands: readonly string[]) =>
    [HEADLINE, ...brands.flatMap((brand, i) => [review(`Model ${i + 1}`), shop(brand)])].join('\n');

  it('keeps every copy when the line recurs with layoutCopies different words in its slot, several of them twice', () => {
    const text = guide(['adidas', 'Hoka', 'asics', 'hoka', 'Puma', 'Adidas']);
    expect(clean(text).changes).toEqual([]);
  });

  it('still removes the one line a scraper copied out of a list of like lines', () => {
    // Only one filler recurs: a page that repeats its per-item line does so for several items.
    const prefix = (name: string) => `@prefix ${name}: <http://www.w3.org/ns/${name}#> .`;
    const lines = [HEADLINE, ...['adms', 'dcat', 'prov', 'org', 'time'].map(prefix), P[0] as string, prefix('prov')];
    expect(clean(lines.join('\n')).changes.map((c) => c.removed)).toEqual([prefix('prov')]);
  });

  it('still removes the copy when fewer than layoutCopies words fill the slot', () => {
    const text = guide(['adidas', 'hoka', 'Hoka']);
    expect(clean(text).changes.map((c) => c.removed)).toEqual([shop('Hoka')]);
  });

  it('still removes a long paragraph copied once, though its template recurs', () => {
    // Prose beyond SLOT_MAX_WORDS words takes no part: a body paragraph is no call to action.
    const long = (city: string) =>
      `Residents of ${city} were told on Thursday to boil their water for at least three days after tests found bacteria in the supply, the council said in a statement.`;
    const text = [HEADLINE, long('Leeds'), long('York'), long('Hull'), long('Leeds')].join('\n');
    expect(clean(text).changes.map((c) => c.rule)).toEqual(['repeated-paragraph']);
  });
});
