import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change, Document } from '../../src/core/document.js';
import { type BoilerplateOptions, createBoilerplate } from '../../src/stages/boilerplate.js';
import { ROOT } from '../support/cli.js';
import { makeDocument } from '../support/document.js';
import { seedParagraphs } from '../support/seeds.js';

const seed = seedParagraphs;

const expected = (name: string): string => readFileSync(join(ROOT, 'seeds/expected', name), 'utf8').replace(/\n$/, '');

const doc = (text: string): Document =>
  makeDocument(text, { id: 'test', source: 'site/test.txt', output: 'site/test.txt' });

const clean = (text: string, options?: BoilerplateOptions): { text: string; changes: readonly Change[] } => {
  const outcome = createBoilerplate(options).run(doc(text));
  expect(outcome.action).toBe('keep');
  return { text: outcome.doc.text, changes: outcome.doc.changes };
};

/** Offset of the one line equal to `line` (it must occur once). */
const offsetOf = (text: string, line: string): number => {
  const lines = text.split('\n');
  expect(lines.filter((l) => l === line)).toHaveLength(1);
  return lines.slice(0, lines.indexOf(line)).reduce((sum, l) => sum + l.length + 1, 0);
};
const indexOf = (text: string, line: string): number => text.split('\n').indexOf(line);

/** The change record for removing the whole line `line` of `text`. */
const removal = (text: string, rule: string, line: string, evidence?: Record<string, string | number>): Change => ({
  stage: 'boilerplate',
  rule,
  offset: offsetOf(text, line),
  removed: line,
  ...(evidence ? { evidence } : {}),
});

const without = (text: string, ...lines: string[]): string =>
  text
    .split('\n')
    .filter((l) => !lines.includes(l))
    .join('\n');

const HEADLINE = 'Putin tells Trump he will not back down on Ukraine goals';
const BODY: [string, string, string] = [
  'Russian President Vladimir Putin told Donald Trump on Thursday that Moscow would pursue its aims in Ukraine, the Kremlin said.',
  'The two leaders spoke for almost an hour, their sixth known call since January, according to the Kremlin adviser Yuri Ushakov.',
  'Trump told reporters afterwards that he had made no progress at all with the Russian leader.',
];
const article = (...extra: { before?: string[]; after?: string[]; body?: string[] }[]): string => {
  const before = extra.flatMap((e) => e.before ?? []);
  const after = extra.flatMap((e) => e.after ?? []);
  const body = extra.find((e) => e.body)?.body ?? BODY;
  return [...before, HEADLINE, ...body, ...after].join('\n');
};

describe('boilerplate on the seeds', () => {
  it('000: drops "Related Sources:" and the source list below it', () => {
    const text = seed('000_91262211253a423d.txt');
    const result = clean(text);
    expect(result.text).toBe(expected('000_91262211253a423d.txt'));
    expect(result.changes).toEqual([
      removal(text, 'source-credit', 'Related Sources:'),
      removal(text, 'end-trailer', '• Source 1 • Source 2', { marker: indexOf(text, 'Related Sources:') }),
    ]);
  });

  it('001: drops "You may also like" and its five headlines, keeps both subheadings', () => {
    const text = seed('001_74ed7ba2dcea0c03.txt');
    const headlines = [
      'Women & children: War victims no one talks about',
      'OCI cards to be given to 6th generation of Indians in Trinidad & Tobago: PM Modi',
      "Woman torched Land Rover of 'evil badger man' in mistaken bid for revenge over dead cat",
      'Katy Perry and Orlando Bloom reps break silence on split after nine-year romance',
      '5 Advocates Made HC Judges In MP',
    ];
    const result = clean(text);
    expect(result.text).toBe(without(text, 'You may also like', ...headlines));
    const marker = indexOf(text, 'You may also like');
    expect(result.changes).toEqual([
      removal(text, 'headline-list', 'You may also like'),
      ...headlines.map((h) => removal(text, 'headline-list', h, { marker })),
    ]);
    const lines = result.text.split('\n');
    expect(lines.filter((l) => l === "Russia will 'not back down' to solve conflict's 'root causes'")).toHaveLength(2);
    expect(lines.filter((l) => l === "'We haven't fully stopped supply': Trump")).toHaveLength(2);
  });

  it('002: drops "Source link" and the comment form', () => {
    const text = seed('002_ce49ac1db8a694aa.txt');
    const result = clean(text);
    expect(result.text).toBe(expected('002_ce49ac1db8a694aa.txt'));
    expect(result.changes).toEqual([
      removal(text, 'source-credit', 'Source link'),
      removal(text, 'comment-form', 'Leave a Reply'),
      removal(text, 'comment-form', 'Your email address will not be published. Required fields are marked *'),
    ]);
  });

  it('003: drops the section label, the comment block and "Related Posts"; keeps the subheading', () => {
    const text = seed('003_49a37f2202a876ff.txt');
    const result = clean(text);
    expect(result.text).toBe(expected('003_49a37f2202a876ff.txt'));
    expect(result.changes).toEqual([
      removal(text, 'section-label', 'World News', { position: 'above-headline', shape: 'section' }),
      removal(text, 'comment-form', 'Leave A Reply'),
      removal(text, 'comment-form', 'Your email address will not be published. Required fields are marked *'),
      removal(text, 'headline-list', 'Related Posts'),
    ]);
    expect(result.text.split('\n')).toContain('Ukraine, Iran, Syria, etc.');
  });

  it('004: drops the MENAFN stamp and keeps its paragraph', () => {
    const text = seed('004_533c8462d5d224a2.txt');
    const [headline, first, ...rest] = text.split('\n');
    const result = clean(text);
    expect(result.text).toBe([headline, first?.replace('(MENAFN- Gulf Times) ', ''), ...rest].join('\n'));
    expect(result.changes).toEqual([
      {
        stage: 'boilerplate',
        rule: 'syndication-stamp',
        offset: (headline?.length ?? 0) + 1,
        removed: '(MENAFN- Gulf Times) ',
      },
    ]);
  });
});

describe('section-label', () => {
  it('drops navigation and a breadcrumb above the headline', () => {
    const text = article({ before: ['Skip to content', 'Home » News » World'] });
    const result = clean(text);
    expect(result.text).toBe(article());
    expect(result.changes).toEqual([
      removal(text, 'section-label', 'Skip to content', { position: 'above-headline', shape: 'navigation' }),
      removal(text, 'section-label', 'Home » News » World', { position: 'above-headline', shape: 'breadcrumb' }),
    ]);
  });

  it('drops a short Title Case label that shares no word with the article', () => {
    const text = article({ before: ['Morning Briefing'] });
    expect(clean(text).changes).toEqual([
      removal(text, 'section-label', 'Morning Briefing', { position: 'above-headline', shape: 'label' }),
    ]);
  });

  it('drops a site line and generic copyright and follow lines above the headline', () => {
    const lines = [
      'Harbor Ledger | Independent journalism since 1998',
      '© 2024 Harbor Ledger. All rights reserved.',
      'Follow Harbor Ledger on Google News',
    ];
    const text = article({ before: lines });
    const result = clean(text);
    expect(result.text).toBe(article());
    expect(result.changes).toEqual([
      removal(text, 'section-label', lines[0] as string, { position: 'above-headline', shape: 'breadcrumb' }),
      removal(text, 'copyright', lines[1] as string, { position: 'above-headline', shape: 'phrase' }),
      removal(text, 'share-block', lines[2] as string, { position: 'above-headline', shape: 'phrase' }),
    ]);
  });

  it('finds a short title below section names when no headline-like line follows', () => {
    const text = ['World News', 'Europe', 'Climate Change', 'Effective beginning 6/2/2025:', ...BODY].join('\n');
    const result = clean(text);
    expect(result.text).toBe(without(text, 'World News', 'Europe'));
    expect(result.changes.map((c) => c.removed)).toEqual(['World News', 'Europe']);
  });

  it('takes a stamped line for the first paragraph, so the short title above it stays', () => {
    const text = [
      'Top Stories',
      'Europe',
      'Graphic Design Courses',
      '(Global Bulletin) -- Adobe Photoshop Elements',
      'IN PERSON',
      'You love your photos! Learn to use Photoshop Elements to show them off and fix your photos.',
    ].join('\n');
    const result = clean(text);
    expect(result.text).toBe(without(text, 'Top Stories', 'Europe').replace('(Global Bulletin) -- Adobe', 'Adobe'));
    expect(result.changes.map((c) => [c.rule, c.removed])).toEqual([
      ['section-label', 'Top Stories'],
      ['section-label', 'Europe'],
      ['syndication-stamp', '(Global Bulletin) -- '],
    ]);
  });

  it('does not take a site line for the title because the stamp below names the site', () => {
    const site = 'Northern Dispatch | Independent journalism since 1998';
    const text = [
      site,
      'ACTUARIAL CONSULTING VS. INSURANCE',
      '(Northern Dispatch) -- A career in actuarial consulting is a topic discussed at length by many.',
    ].join('\n');
    expect(clean(text).changes.map((c) => [c.rule, c.removed])).toEqual([
      ['section-label', site],
      ['syndication-stamp', '(Northern Dispatch) -- '],
    ]);
  });

  it('takes any end-of-article phrase at the top for page furniture, never for the title', () => {
    const text = ['Middle East', 'Navigation', 'Report a correction', 'What is Cloud Computing?', ...BODY].join('\n');
    const result = clean(text);
    expect(result.text).toBe(['What is Cloud Computing?', ...BODY].join('\n'));
    expect(result.changes.map((c) => [c.rule, c.evidence?.shape])).toEqual([
      ['section-label', 'section'],
      ['section-label', 'navigation'],
      ['comment-form', 'phrase'],
    ]);
  });

  it('looks for a short title only below the last navigation line', () => {
    const text = ['Politics', 'Menu', ...BODY].join('\n');
    expect(clean(text).text).toBe(BODY.join('\n'));
  });

  it('leaves alone a short title whose words the subtitle repeats', () => {
    const text = ['Wine Regions', 'An Intro to Wine Regions of the World', ...BODY].join('\n');
    expect(clean(text)).toEqual({ text, changes: [] });
  });

  it('leaves alone a short title above a subtitle that shares its topic with the body', () => {
    const text = ['Book Reviews', 'What this handout is about', 'This handout will help you write a book review.'].join(
      '\n',
    );
    expect(clean(text)).toEqual({ text, changes: [] });
  });

  it('leaves alone short Title Case lines that are as long as the title below them', () => {
    const text = [
      'Graphic Design Courses',
      'Adobe Photoshop Elements',
      'IN PERSON',
      'You love your photos! Learn to use Photoshop Elements to show them off and fix your photos.',
    ].join('\n');
    expect(clean(text)).toEqual({ text, changes: [] });
  });

  it('never removes the headline, even when it is a section name or a label', () => {
    for (const text of [
      ['Technology', ...BODY].join('\n'),
      ['Politics', 'Business'].join('\n'),
      ['Menu', 'Search', 'Home'].join('\n'),
    ]) {
      const result = clean(text);
      expect(result.text.split('\n').at(-1)).toBe(text.split('\n').at(-1));
      expect(result.text.split('\n')[0]).not.toBe('');
    }
    expect(clean(['Technology', ...BODY].join('\n')).changes).toEqual([]);
  });

  it('leaves alone short lines below the headline', () => {
    const text = [HEADLINE, 'World News', 'By Jane Smith', ...BODY].join('\n');
    expect(clean(text)).toEqual({ text, changes: [] });
  });
});

describe('syndication-stamp', () => {
  it('drops a "(Publisher) -- " stamp and keeps the paragraph', () => {
    const text = [HEADLINE, `(Gulf Times) -- ${BODY[0]}`, BODY[1]].join('\n');
    const result = clean(text);
    expect(result.text).toBe([HEADLINE, BODY[0], BODY[1]].join('\n'));
    expect(result.changes).toEqual([
      { stage: 'boilerplate', rule: 'syndication-stamp', offset: HEADLINE.length + 1, removed: '(Gulf Times) -- ' },
    ]);
  });

  it('gives the stamp its offset in the received text when lines above it go', () => {
    const text = ['Politics', HEADLINE, `(MENAFN- Gulf Times) ${BODY[0]}`, BODY[1]].join('\n');
    const result = clean(text);
    expect(result.text).toBe([HEADLINE, BODY[0], BODY[1]].join('\n'));
    expect(result.changes).toEqual([
      removal(text, 'section-label', 'Politics', { position: 'above-headline', shape: 'section' }),
      {
        stage: 'boilerplate',
        rule: 'syndication-stamp',
        offset: 'Politics'.length + 1 + HEADLINE.length + 1,
        removed: '(MENAFN- Gulf Times) ',
      },
    ]);
  });

  it.each([
    '(Reuters) — Russian President Vladimir Putin told Donald Trump that Moscow would not back down.',
    'WASHINGTON (AP) — Russian President Vladimir Putin told Donald Trump that Moscow would not back down.',
    '(Reuters) - Russian President Vladimir Putin told Donald Trump that Moscow would not back down.',
    '(Updated at 5 pm) Russian President Vladimir Putin told Donald Trump that Moscow would not back down.',
  ])('leaves alone a wire dateline or an aside: %j', (first) => {
    const text = [HEADLINE, first, BODY[1]].join('\n');
    expect(clean(text)).toEqual({ text, changes: [] });
  });

  it('leaves alone a stamp-like prefix deeper in the body', () => {
    const text = [HEADLINE, BODY[0], BODY[1], `(Gulf Times) -- ${BODY[2]}`].join('\n');
    expect(clean(text)).toEqual({ text, changes: [] });
  });
});

describe('syndication-stamp: a self-stamp that names the publisher of the source key', () => {
  const cleanFrom = (sourceKey: string, text: string) => {
    const outcome = createBoilerplate().run(makeDocument(text, { sourceKey }));
    expect(outcome.action).toBe('keep');
    return { text: outcome.doc.text, changes: outcome.doc.changes };
  };
  const stamped = (stamp: string) => [HEADLINE, `${stamp}${BODY[0]}`, BODY[1]].join('\n');
  const stampChange = (stamp: string, offset = HEADLINE.length + 1): Change => ({
    stage: 'boilerplate',
    rule: 'syndication-stamp',
    offset,
    removed: stamp,
  });

  it.each([
    ['lakeshore-tribune-30', '(Lakeshore Tribune 30 Staff) '],
    ['lakeshore-tribune-30', '[Lakeshore Tribune] '],
    ['granite-state-ledger-12', 'Granite State Ledger 12 Wire Service -- '],
    ['granite-state-ledger-12', 'By Granite State Ledger Staff -- '],
    ['granite-state-ledger-12', 'Granite State Ledger | '],
    ['the-evening-beacon', '(Evening Beacon News Service) '],
    ['www.lakeshoretribune.com', '(Lakeshore Tribune Staff) '],
    ['news.granitestateledger.co.uk:8080', 'Granite State Ledger Wire Service -- '],
  ])('source %j: drops %j and keeps the paragraph', (sourceKey, stamp) => {
    expect(cleanFrom(sourceKey, stamped(stamp))).toEqual({
      text: [HEADLINE, BODY[0], BODY[1]].join('\n'),
      changes: [stampChange(stamp)],
    });
  });

  it('finds the stamp one line further down when a site line above the title was taken for it', () => {
    const siteLine = 'Tips? Write to the Lakeshore Tribune 30 newsroom';
    const text = [siteLine, HEADLINE, `(Lakeshore Tribune 30 Staff) ${BODY[0]}`, BODY[1]].join('\n');
    expect(cleanFrom('lakeshore-tribune-30', text)).toEqual({
      text: [siteLine, HEADLINE, BODY[0], BODY[1]].join('\n'),
      changes: [stampChange('(Lakeshore Tribune 30 Staff) ', siteLine.length + 1 + HEADLINE.length + 1)],
    });
  });

  it.each([
    ['reuters.com', '(Reuters) — Russian President Vladimir Putin told Donald Trump that Moscow would not back down.'],
    ['reuters.com', '(Reuters) - Russian President Vladimir Putin told Donald Trump that Moscow would not back down.'],
    ['reuters.com', 'MOSCOW (Reuters) — Russian President Vladimir Putin told Donald Trump he would not back down.'],
    ['apnews.com', 'WASHINGTON (AP) — Russian President Vladimir Putin told Donald Trump he would not back down.'],
    ['lakeshore-tribune-30', '(Granite State Ledger Staff) Russian President Vladimir Putin told Donald Trump so.'],
    ['lakeshore-tribune-30', 'Lakeshore Tribune editor Jane Doe: Putin told Trump he would not back down on Ukraine.'],
    ['lakeshore-tribune-30', 'Lakeshore Tribune reporters spent three months on the story -- and found nothing.'],
    ['lakeshore-tribune-30', '(Lakeshore Tribune reported on Tuesday that the talks had failed) Putin told Trump so.'],
    [
      'lakeshore-tribune-30',
      '(Lakeshore Tribune) — Russian President Vladimir Putin told Donald Trump so on Thursday.',
    ],
    ['ap.org', '(AP Staff) Russian President Vladimir Putin told Donald Trump on Thursday that he would not.'],
  ])('source %j: leaves alone %j', (sourceKey, first) => {
    const text = [HEADLINE, first, BODY[1]].join('\n');
    expect(cleanFrom(sourceKey, text)).toEqual({ text, changes: [] });
  });

  it('is idempotent: the cleaned text has no stamp left', () => {
    const once = cleanFrom('lakeshore-tribune-30', stamped('(Lakeshore Tribune 30 Staff) '));
    expect(cleanFrom('lakeshore-tribune-30', once.text)).toEqual({ text: once.text, changes: [] });
  });
});

describe('trailer rules', () => {
  const trailer = (lines: string[]) => {
    const text = article({ after: lines });
    return { text, result: clean(text) };
  };

  it('comment-form: drops the form, its fields and its sentences', () => {
    const form = [
      'Leave a Comment',
      'Comment',
      'Name *',
      'Email *',
      'Website',
      'Save my name, email, and website in this browser for the next time I comment.',
      'Post Comment',
    ];
    const { text, result } = trailer(form);
    const marker = indexOf(text, 'Leave a Comment');
    expect(result.text).toBe(article());
    expect(result.changes).toEqual([
      removal(text, 'comment-form', 'Leave a Comment'),
      ...form.slice(1, 5).map((line) => removal(text, 'comment-form', line, { marker })),
      removal(text, 'comment-form', form[5] as string),
      removal(text, 'comment-form', 'Post Comment', { marker: indexOf(text, form[5] as string) }),
    ]);
  });

  it('share-block: drops a share bar and its bare network names', () => {
    const bar = ['Share this:', 'Facebook', 'Twitter', 'WhatsApp', 'Like this:', 'Like Loading...'];
    const { text, result } = trailer(bar);
    expect(result.text).toBe(article());
    expect(result.changes).toEqual([
      removal(text, 'share-block', 'Share this:'),
      ...['Facebook', 'Twitter', 'WhatsApp'].map((line) =>
        removal(text, 'share-block', line, { marker: indexOf(text, 'Share this:') }),
      ),
      removal(text, 'share-block', 'Like this:'),
      removal(text, 'share-block', 'Like Loading...', { marker: indexOf(text, 'Like this:') }),
    ]);
  });

  it('newsletter, tags, source-credit, copyright and end-trailer: drops a mixed footer', () => {
    const footer = [
      'Subscribe to our newsletter',
      'Get the latest news delivered to your inbox every morning.',
      'Tags: news, world, politics',
      'Filed under: World',
      'Source: Harbor Ledger',
      'Harbor Ledger | Independent journalism since 1998',
      '© 2024 Harbor Ledger. All rights reserved.',
    ];
    const { text, result } = trailer(footer);
    expect(result.text).toBe(article());
    expect(result.changes).toEqual([
      removal(text, 'newsletter', footer[0] as string),
      removal(text, 'newsletter', footer[1] as string),
      removal(text, 'tags', footer[2] as string),
      removal(text, 'tags', footer[3] as string),
      removal(text, 'source-credit', footer[4] as string),
      removal(text, 'end-trailer', footer[5] as string, { marker: indexOf(text, footer[4] as string) }),
      removal(text, 'copyright', footer[6] as string),
    ]);
  });

  it('headline-list: drops a list heading and headlines, questions and full stops inside them included', () => {
    const list = [
      'Related Articles',
      "I Ran My Own Newsletter Through My AI Analysis Tool. Here's What I Found (And Why It Hurt)",
      'Have an App Idea? Affordable Software Development is Finally Accessible',
      'Top 10 U.S. Manufacturers of Household Appliances',
      'Share on Facebook',
    ];
    const { text, result } = trailer(list);
    const marker = indexOf(text, 'Related Articles');
    expect(result.text).toBe(article());
    expect(result.changes).toEqual([
      removal(text, 'headline-list', 'Related Articles'),
      ...list.slice(1, 4).map((line) => removal(text, 'headline-list', line, { marker })),
      removal(text, 'share-block', 'Share on Facebook'),
    ]);
  });

  it('headline-list: takes titles ending in initials or a Title Case full stop for headlines', () => {
    const list = [
      'You may also like',
      'The Hottest Real Estate Markets in the U.S.',
      'Things to Know Before Travelling to Japan for the First Time.',
    ];
    const { text, result } = trailer(list);
    expect(result.text).toBe(article());
    expect(result.changes.map((c) => c.rule)).toEqual(['headline-list', 'headline-list', 'headline-list']);
    expect(result.changes.at(-1)?.evidence).toEqual({ marker: indexOf(text, 'You may also like') });
  });

  it('keeps the credit of a table the article reproduces, and the trailer below it still goes', () => {
    const table = ['Rank Company Premiums', '1 State Farm 82,473,001', '2 Progressive 61,231,774'];
    const credit = '© A. Agency, Inc. — used by permission';
    const footer = ['You may also like', 'The Hottest Real Estate Markets in the U.S.', 'Markets Fall After the Call'];
    const text = article({ after: [...table, credit, ...footer] });
    const result = clean(text);
    expect(result.text).toBe(article({ after: [...table, credit] }));
    expect(result.changes.map((c) => c.rule)).toEqual(['headline-list', 'headline-list', 'headline-list']);
  });

  it("headline-list: leaves a list whose titles are on the article's own subject to the headlines stage", () => {
    // The headline's topic words among the body's commonest ("Trump") make the subject; half
    // the titles or more naming it make the list the article's own (an author's series).
    const own = [
      'More to read:',
      'Trump and Putin: a timeline of their calls',
      'What Trump wants from Moscow',
      'Please Vote',
    ];
    const text = article({ after: [...own, 'Source link'] });
    const result = clean(text);
    expect(result.text).toBe(article({ after: own }));
    expect(result.changes.map((c) => c.rule)).toEqual(['source-credit']);
    // A list of whatever else the site publishes goes, as before.
    const widget = ['More to read:', 'Fish market moves to the old customs house', 'Ferry Route Links the Islands'];
    expect(clean(article({ after: widget })).text).toBe(article());
    // One title on the subject is not a list on it.
    const once = [
      'More to read:',
      'What Trump wants from Moscow',
      'Fish market moves to the old customs house',
      'New ferry route',
      'Dock strike',
    ];
    expect(clean(article({ after: once })).text).toBe(article());
  });

  it('drops post navigation and legal links', () => {
    const footer = ['Post navigation', 'Previous article', 'Privacy Policy | Terms of Use | Contact Us'];
    const { result } = trailer(footer);
    expect(result.text).toBe(article());
    expect(result.changes.map((c) => c.rule)).toEqual(['headline-list', 'headline-list', 'copyright']);
  });

  it('keeps a lone sentence inside the trailer and removes the trailer lines around it', () => {
    const footer = [
      'Newsletter',
      'The best of the Ledger, delivered daily.',
      'Topics: Ukraine, Russia',
      'Riverside Tribune is part of Example Media Ltd.',
    ];
    const { text, result } = trailer(footer);
    expect(result.text).toBe(article({ after: [footer[1] as string, footer[3] as string] }));
    expect(result.changes).toEqual([
      removal(text, 'newsletter', 'Newsletter'),
      removal(text, 'tags', 'Topics: Ukraine, Russia'),
    ]);
  });

  it('stops the trailer at two sentences in a row: they and the lines above them stay', () => {
    const kept = ['Share this:', 'Facebook', 'The minister said talks would resume.', 'Kyiv did not comment.'];
    const { text, result } = trailer([...kept, 'Leave a Reply', 'Name *']);
    expect(result.text).toBe(article({ after: kept }));
    expect(result.changes).toEqual([
      removal(text, 'comment-form', 'Leave a Reply'),
      removal(text, 'comment-form', 'Name *', { marker: indexOf(text, 'Leave a Reply') }),
    ]);
  });

  it('gives a bare button the family of the marker above it', () => {
    const { text, result } = trailer(['Share this article', 'Email', 'Print', 'Leave a Reply', 'Email *']);
    expect(result.changes.map((c) => [c.removed, c.rule])).toEqual([
      ['Share this article', 'share-block'],
      ['Email', 'share-block'],
      ['Print', 'share-block'],
      ['Leave a Reply', 'comment-form'],
      ['Email *', 'comment-form'],
    ]);
    expect(result.text).toBe(article());
    expect(text).not.toBe(result.text);
  });

  it('keeps a one-sentence closing paragraph below a list of links, which goes', () => {
    const body = [...BODY, 'Related Articles', 'Markets fall after the call', 'Trump said he would call Putin again.'];
    const text = article({ body });
    const result = clean(text);
    expect(result.text).toBe(article({ body: [...BODY, 'Trump said he would call Putin again.'] }));
    expect(result.changes.map((c) => [c.rule, c.removed])).toEqual([
      ['headline-list', 'Related Articles'],
      ['headline-list', 'Markets fall after the call'],
    ]);
  });

  it('handles the trailers in other languages', () => {
    const footer = [
      'Deja una respuesta',
      'Tu dirección de correo electrónico no será publicada. Los campos obligatorios están marcados con *',
      'Articoli correlati',
      'Il governo approva la manovra',
    ];
    const { result } = trailer(footer);
    expect(result.text).toBe(article());
    expect(result.changes.map((c) => c.rule)).toEqual([
      'comment-form',
      'comment-form',
      'headline-list',
      'headline-list',
    ]);
  });

  it('leaves alone short closing lines of the article above the first marker', () => {
    const body = [...BODY, 'What happens next:', '- A second call in August', '- Talks in Istanbul'];
    const text = article({ body, after: ['Share this:', 'Facebook'] });
    const result = clean(text);
    expect(result.text).toBe(article({ body }));
    expect(result.changes.map((c) => c.removed)).toEqual(['Share this:', 'Facebook']);
  });

  it('leaves alone an article that ends in a list and has no marker', () => {
    const body = [...BODY, 'Key dates', '- Facebook', '- Twitter', '- Website'];
    const text = article({ body });
    expect(clean(text)).toEqual({ text, changes: [] });
  });

  it.each([
    'Readers can leave a reply below the article, the editor said.',
    'Shares of defence companies rose 3% on Monday.',
    'The newsletter, which has 10,000 subscribers, was launched in 2019.',
    'According to a source close to the talks, no deal was reached.',
    'Tags were attached to the weapons shipments, officials said.',
    'Copyright law in the EU changed in 2019, the court said.',
    'The advertisement ran in twelve newspapers last spring.',
  ])('leaves alone a closing body sentence that mentions a trailer word: %j', (last) => {
    const text = article({ body: [...BODY, last] });
    expect(clean(text)).toEqual({ text, changes: [] });
  });

  it('leaves alone trailer phrases between body paragraphs', () => {
    const body = [
      BODY[0],
      'Share this:',
      BODY[1],
      'Comments',
      BODY[2],
      'Kyiv did not comment on the call.',
      'The Kremlin said the call lasted an hour.',
    ];
    const text = article({ body });
    expect(clean(text)).toEqual({ text, changes: [] });
  });

  it('passes over two lone sentences at most when looking for the trailer', () => {
    const body = [BODY[0], 'Share this:', BODY[1], 'Facebook', BODY[2], 'Twitter', 'Kyiv did not comment.'];
    const text = article({ body });
    expect(clean(text)).toEqual({ text, changes: [] });
  });
});

describe('body inserts', () => {
  it('inline-ad: drops ad slots between paragraphs', () => {
    const body = [BODY[0], 'Advertisement', BODY[1], 'Story continues below advertisement', BODY[2], 'ADVERTISEMENT'];
    const text = article({ body: body as string[] });
    const result = clean(text);
    expect(result.text).toBe(article());
    expect(result.changes).toEqual([
      removal(text, 'inline-ad', 'Advertisement'),
      removal(text, 'inline-ad', 'Story continues below advertisement'),
      removal(text, 'inline-ad', 'ADVERTISEMENT'),
    ]);
  });

  it('leaves "Also Read:" links between paragraphs to the headlines stage: the phrase alone is no evidence', () => {
    // A page's own in-text links are text to its readers; only another document's headline after
    // the label (the headlines stage) shows a link was inserted.
    const links = [
      'Also Read: Markets fall after the call',
      'READ MORE: Have an App Idea? Affordable Software Is Here',
    ];
    const text = article({ body: [BODY[0], links[0], BODY[1], links[1], BODY[2]] as string[] });
    expect(clean(text)).toEqual({ text, changes: [] });
  });

  it('leaves alone a closing "Read more:" line and sentences that say "read"', () => {
    const body = [BODY[0], 'Also read the full report, the ministry said.', BODY[1], 'Read more: The Kremlin readout'];
    const text = article({ body: body as string[] });
    expect(clean(text)).toEqual({ text, changes: [] });
  });

  it('headline-list: drops a list of links between paragraphs', () => {
    const list = ['You may also like', 'Markets fall after the call', 'Zelensky to speak with Trump on Friday'];
    const text = article({ body: [BODY[0], ...list, BODY[1], BODY[2]] as string[] });
    const result = clean(text);
    expect(result.text).toBe(article());
    const marker = indexOf(text, 'You may also like');
    expect(result.changes).toEqual([
      removal(text, 'headline-list', list[0] as string),
      removal(text, 'headline-list', list[1] as string, { marker }),
      removal(text, 'headline-list', list[2] as string, { marker }),
    ]);
  });

  it('headline-list: leaves alone a heading between paragraphs with fewer than minListItems headlines', () => {
    const text = article({ body: [BODY[0], 'Read More', 'What the Kremlin said', BODY[1], BODY[2]] as string[] });
    expect(clean(text)).toEqual({ text, changes: [] });
    expect(clean(text, { minListItems: 1 }).changes.map((c) => c.removed)).toEqual([
      'Read More',
      'What the Kremlin said',
    ]);
  });

  it('newsletter: drops a newsletter sign-up between paragraphs', () => {
    const text = article({ body: [BODY[0], 'Sign up for our free newsletter', BODY[1], BODY[2]] as string[] });
    expect(clean(text).changes).toEqual([removal(text, 'newsletter', 'Sign up for our free newsletter')]);
  });

  it('leaves alone body subheadings and short quoted lines', () => {
    const body = [
      BODY[0],
      "Russia will 'not back down' to solve conflict's 'root causes'",
      BODY[1],
      'Ukraine, Iran, Syria, etc.',
      '"We will not give up."',
      BODY[2],
    ];
    const text = article({ body: body as string[] });
    expect(clean(text)).toEqual({ text, changes: [] });
  });
});

describe('robustness', () => {
  it('works on text that still has blank lines and surrounding spaces', () => {
    const text = `World News\n\n${HEADLINE}\n\n${BODY[0]}\n \n  Leave a Reply  \n`;
    const result = clean(text);
    // Blank lines are normalize's and unwrap's business: they stay where they were.
    expect(result.text).toBe(`\n${HEADLINE}\n\n${BODY[0]}\n \n`);
    expect(result.changes).toEqual([
      {
        stage: 'boilerplate',
        rule: 'section-label',
        offset: 0,
        removed: 'World News',
        evidence: { position: 'above-headline', shape: 'section' },
      },
      { stage: 'boilerplate', rule: 'comment-form', offset: text.indexOf('  Leave'), removed: '  Leave a Reply  ' },
    ]);
  });

  it('leaves empty, blank and one-line texts alone', () => {
    for (const text of ['', '\n\n', '   ', 'Leave a Reply', 'Advertisement\n']) {
      expect(clean(text)).toEqual({ text, changes: [] });
    }
  });

  it('does not trip over mojibake or control characters', () => {
    const text = [HEADLINE, 'Trumpâ€™s call â€” â€œno progressâ€\u009d, he said.', 'Donâ€™t miss', '\u0000'].join('\n');
    expect(clean(text).text.split('\n')[0]).toBe(HEADLINE);
  });
});

describe('options', () => {
  it('rejects unknown options', () => {
    expect(() => createBoilerplate({ maxLeading: 2 } as BoilerplateOptions)).toThrow(
      'boilerplate: unknown option "maxLeading"',
    );
  });

  it.each([
    [{ maxLeadingLines: -1 }, 'option `maxLeadingLines` must be an integer >= 0 <= 1000, got -1'],
    [{ labelMaxWords: 'four' }, 'option `labelMaxWords` must be an integer >= 1 <= 1000, got "four"'],
    [{ headlineMaxWords: 2.5 }, 'option `headlineMaxWords` must be an integer >= 1 <= 1000, got 2.5'],
    [{ trailerMaxWords: 0 }, 'option `trailerMaxWords` must be an integer >= 1 <= 1000, got 0'],
    [{ minListItems: null }, 'option `minListItems` must be an integer >= 1 <= 1000, got null'],
    [{ disable: 'comment-form' }, 'option `disable` must be an array of strings, got "comment-form"'],
    [{ disable: ['comments'] }, 'option `disable` must be one of "section-label"'],
    [{ disable: ['comments'] }, 'got "comments"'],
  ])('rejects %j with the bad value quoted', (options, message) => {
    expect(() => createBoilerplate(options as unknown as BoilerplateOptions)).toThrow(message);
  });

  it('disable: a switched-off rule removes nothing and its phrases open no trailer', () => {
    const text = article({ after: ['Leave a Reply', 'Name *', 'Harbor Ledger | Independent journalism since 1998'] });
    expect(clean(text, { disable: ['comment-form'] })).toEqual({ text, changes: [] });
    expect(clean(text, { disable: ['end-trailer'] }).changes.map((c) => c.rule)).toEqual([
      'comment-form',
      'comment-form',
    ]);
  });

  it('maxLeadingLines: 0 keeps every line above the headline', () => {
    const text = article({ before: ['World News'] });
    expect(clean(text, { maxLeadingLines: 0 })).toEqual({ text, changes: [] });
  });
});

describe('idempotence', () => {
  const noisy = article({
    before: ['Skip to content', 'Politics'],
    body: [`(MENAFN- Gulf Times) ${BODY[0]}`, 'Advertisement', BODY[1], BODY[2]],
    after: ['You may also like', 'Markets fall after the call', 'Leave a Reply', 'Name *', '© 2024 Gulf Times'],
  });

  it.each([
    ['a noisy article', noisy],
    ...['000', '001', '002', '003', '004'].map((n) => {
      const name = {
        '000': '000_91262211253a423d.txt',
        '001': '001_74ed7ba2dcea0c03.txt',
        '002': '002_ce49ac1db8a694aa.txt',
        '003': '003_49a37f2202a876ff.txt',
        '004': '004_533c8462d5d224a2.txt',
      }[n] as string;
      return [`seed ${n}`, seed(name)];
    }),
  ])('cleaning %s twice changes nothing the second time', (_name, text) => {
    const once = clean(text);
    expect(once.changes.length).toBeGreaterThan(0);
    expect(clean(once.text)).toEqual({ text: once.text, changes: [] });
  });

  it('cleans the noisy article to the plain article', () => {
    expect(clean(noisy).text).toBe(article());
  });
});
