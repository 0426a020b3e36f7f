import { describe, expect, it } from 'vitest';
import type { Change, Document } from '../../src/core/document.js';
import { createTemplates, linesSeen, observeLines, type TemplatesOptions } from '../../src/stages/templates.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { CrossDocumentStore } from '../../src/store/store.js';
import { lineKey } from '../../src/text/line-key.js';
import { learnAll, runAll } from '../support/cross.js';
import { makeDocument } from '../support/document.js';

const doc = (id: string, text: string, sourceKey = 'harbor', changes: Change[] = []): Document =>
  makeDocument(text, { id, source: `${sourceKey}/${id}.txt`, sourceKey, output: `${sourceKey}/${id}.txt`, changes });

/** What `cleanwire clean` does with one cross stage: learn from every document, then run on each. */
async function batch(
  docs: readonly Document[],
  options: TemplatesOptions = {},
  store: CrossDocumentStore = createMemoryStore(),
): Promise<Document[]> {
  const stage = createTemplates(options);
  await learnAll(stage, docs, store);
  return runAll(stage, docs, store);
}

/** The change record for removing the whole line `line` of `text`. */
const removal = (text: string, line: string, count: number, share: number): Change => {
  const lines = text.split('\n');
  expect(lines.filter((l) => l === line)).toHaveLength(1);
  return {
    stage: 'templates',
    rule: 'source-template',
    offset: lines.slice(0, lines.indexOf(line)).reduce((sum, l) => sum + l.length + 1, 0),
    removed: line,
    evidence: { count, share },
  };
};

const ARTICLES = [
  [
    'Port fees rise for the third time this year',
    'The harbour authority raised berth fees by four percent on Tuesday, citing dredging costs.',
    'Shipping lines said they would pass the increase on to importers within weeks.',
  ],
  [
    'Dock workers vote to strike over night shifts',
    'Members of the dockers union backed a walkout after talks on rotas collapsed late on Friday.',
    'The stoppage would begin at midnight and last forty-eight hours, organisers said.',
  ],
  [
    'New ferry route links the islands to the mainland',
    'A daily crossing starts next month, cutting the journey from three hours to seventy minutes.',
    'Islanders had campaigned for a faster service since the old pier closed in the storm.',
  ],
  [
    'Fish market moves to the old customs house',
    'Traders will open their stalls in the restored building from the first week of spring.',
    'The council expects visitor numbers to double once the quay is pedestrianised.',
  ],
];

/** An article of the Harbor Ledger: label above the headline, copyright and follow lines below. */
const page = (i: number, year: number): string =>
  [
    'World News',
    ...(ARTICLES[i] ?? []),
    `© ${year} Harbor Ledger. All rights reserved.`,
    'Follow Harbor Ledger on Google News',
  ].join('\n');

describe('templates', () => {
  it("removes a source's own lines from every document of the batch, the first included", async () => {
    const docs = [page(0, 2024), page(1, 2025), page(2, 2024)].map((text, i) => doc(`d${i}`, text));
    const [first, , third] = await batch(docs);
    const text = docs[0]?.text ?? '';
    expect(first?.text).toBe(ARTICLES[0]?.join('\n'));
    expect(first?.changes).toEqual([
      removal(text, 'World News', 3, 1),
      removal(text, '© 2024 Harbor Ledger. All rights reserved.', 3, 1),
      removal(text, 'Follow Harbor Ledger on Google News', 3, 1),
    ]);
    expect(third?.text).toBe(ARTICLES[2]?.join('\n'));
  });

  it('removes a line in the middle that most documents carry (an ad marker)', async () => {
    const docs = [0, 1, 2, 3].map((i) => {
      const [headline, ...body] = ARTICLES[i] ?? [];
      return doc(`d${i}`, [headline, body[0], i < 3 ? 'ADVERTISEMENT' : 'Advertisement', body[1]].join('\n'));
    });
    const out = await batch(docs);
    expect(out[3]?.text).toBe(ARTICLES[3]?.join('\n'));
    expect(out[3]?.changes).toEqual([removal(docs[3]?.text ?? '', 'Advertisement', 4, 1)]);
  });

  it('leaves alone a line that recurs in fewer than minShare of the documents', async () => {
    const docs = [0, 1, 2, 3, 0, 1, 2].map((a, i) => {
      const lines = [...(ARTICLES[a] ?? [])].map((l) => `${l} (${i})`);
      // "Conclusion" in 3 of 7 documents: a subheading some articles have, not a template.
      if (i % 2 === 0 && i < 6) lines.splice(2, 0, 'Conclusion');
      return doc(`d${i}`, lines.join('\n'));
    });
    const out = await batch(docs);
    expect(out.map((d) => d.text)).toEqual(docs.map((d) => d.text));
    expect(out.flatMap((d) => d.changes)).toEqual([]);
  });

  it('leaves alone lines seen in fewer than minDocs documents, even in all of them', async () => {
    const docs = [page(0, 2024), page(1, 2024)].map((text, i) => doc(`d${i}`, text));
    const out = await batch(docs);
    expect(out.flatMap((d) => d.changes)).toEqual([]);
  });

  it('uses minDocs and minShare as given', async () => {
    const docs = [page(0, 2024), page(1, 2024)].map((text, i) => doc(`d${i}`, text));
    const [first] = await batch(docs, { minDocs: 2, minShare: 1 });
    expect(first?.text).toBe(ARTICLES[0]?.join('\n'));
  });

  it('keeps a headline that other pages of the source list under "Most read"', async () => {
    const popular = ARTICLES[0]?.[0] ?? '';
    const docs = [0, 1, 2, 3].map((i) => doc(`d${i}`, [...(ARTICLES[i] ?? []), 'Most read', popular].join('\n')));
    const out = await batch(docs);
    // The popular article keeps its headline; the lines below it in the others go.
    expect(out[0]?.text).toBe([...(ARTICLES[0] ?? [])].join('\n'));
    expect(out[0]?.changes).toEqual([
      removal(docs[0]?.text ?? '', 'Most read', 4, 1),
      {
        ...removal(docs[0]?.text ?? '', 'Most read', 4, 1),
        offset: (docs[0]?.text ?? '').lastIndexOf(popular),
        removed: popular,
      },
    ]);
    expect(out[1]?.text).toBe(ARTICLES[1]?.join('\n'));
  });

  it('keeps a line above the headline that is not at the top of most documents', async () => {
    // "Sponsored" tops only one page; it is taken for that page's headline and stays.
    const docs = [0, 1, 2, 3].map((i) =>
      doc(`d${i}`, [...(i === 0 ? ['Sponsored'] : []), ...(ARTICLES[i] ?? []), 'Sponsored'].join('\n')),
    );
    const out = await batch(docs);
    expect(out[0]?.text).toBe(['Sponsored', ...(ARTICLES[0] ?? [])].join('\n'));
    expect(out[1]?.text).toBe(ARTICLES[1]?.join('\n'));
  });

  it('does not count the same article scraped again, so its paragraphs are not taken for template', async () => {
    const copies = ['a', 'b', 'c'].map((id) => doc(id, page(0, 2024)));
    const other = doc('d', page(1, 2024));
    // Three copies and one other article: without the copy check, the copied paragraphs would be
    // in 3 of 4 documents.
    const out = await batch([...copies, other], { minDocs: 2 });
    expect(out[0]?.text).toBe(ARTICLES[0]?.join('\n'));
    expect(out[0]?.changes.map((c) => c.evidence)).toEqual([
      { count: 2, share: 1 },
      { count: 2, share: 1 },
      { count: 2, share: 1 },
    ]);
  });

  it('learns each document once however often it is learned', async () => {
    const docs = [page(0, 2024), page(1, 2024), page(2, 2024)].map((text, i) => doc(`d${i}`, text));
    const store = createMemoryStore();
    const stage = createTemplates();
    for (const d of docs) await stage.learn(d, store);
    for (const d of docs) await stage.learn(d, store);
    const keys = ['World News', 'Port fees rise for the third time this year'].map((l) => lineKey(l) ?? '');
    expect(await store.lineEvidence('harbor', keys)).toEqual({ docs: 3, counts: [3, 1], tops: [3, 1] });
  });

  it('keeps sources apart', async () => {
    const docs = [page(0, 2024), page(1, 2024), page(2, 2024)].map((text, i) => doc(`d${i}`, text, `site${i}`));
    const out = await batch(docs);
    expect(out.flatMap((d) => d.changes)).toEqual([]);
  });

  it('counts lines an earlier stage already removed, so the documents where it left them are cleaned too', async () => {
    const docs = [0, 1, 2].map((i) => {
      if (i === 0) return doc('d0', page(0, 2024));
      // An earlier stage took the label and the copyright line out of these two.
      const text = [...(ARTICLES[i] ?? []), 'Follow Harbor Ledger on Google News'].join('\n');
      const tail = (ARTICLES[i] ?? []).join('\n').length + 1;
      return doc(`d${i}`, text, 'harbor', [
        { stage: 'boilerplate', rule: 'section-label', offset: 0, removed: 'World News' },
        {
          stage: 'boilerplate',
          rule: 'copyright',
          offset: 11 + tail,
          removed: '© 2024 Harbor Ledger. All rights reserved.',
        },
      ]);
    });
    const [first] = await batch(docs);
    expect(first?.text).toBe(ARTICLES[0]?.join('\n'));
    expect(first?.changes.map((c) => c.removed)).toEqual([
      'World News',
      '© 2024 Harbor Ledger. All rights reserved.',
      'Follow Harbor Ledger on Google News',
    ]);
  });

  it('leaves blank lines and lines without letters alone', async () => {
    const docs = [0, 1, 2].map((i) => doc(`d${i}`, [...(ARTICLES[i] ?? []), '', '* * *', '2024'].join('\n')));
    const out = await batch(docs);
    expect(out.map((d) => d.text)).toEqual(docs.map((d) => d.text));
  });

  it('leaves a document of a source it knows nothing about alone', async () => {
    const store = createMemoryStore();
    const d = doc('d0', page(0, 2024));
    const outcome = await createTemplates().run(d, store);
    expect(outcome).toEqual({ action: 'keep', doc: d });
  });

  it("keeps headlines that differ from the source's other headlines only in their digits", async () => {
    const draws = [2301, 2302, 2303, 2304];
    const pages = draws.map((draw, i) =>
      [
        'World News',
        `Lotto Results for Draw ${draw} Announced Tonight`,
        ...(ARTICLES[i] ?? []).slice(1),
        '© 2024 Harbor Ledger. All rights reserved.',
      ].join('\n'),
    );
    const out = await batch(pages.map((text, i) => doc(`d${i}`, text)));
    out.forEach((result, i) => {
      expect(result.text.split('\n')[0]).toBe(`Lotto Results for Draw ${draws[i]} Announced Tonight`);
      expect(result.changes.map((c) => c.removed)).toEqual([
        'World News',
        '© 2024 Harbor Ledger. All rights reserved.',
      ]);
    });
  });

  it('still removes leading lines whose digits vary but that read as stamps, and numbered labels repeated as they are', async () => {
    const pages = [0, 1, 2, 3].map((i) =>
      [
        `Edition ${100 + i} | Harbor Ledger`,
        `Monday, May ${i + 5}, 2024`,
        'Top 10 Stories From the Harbor Ledger Today',
        ...(ARTICLES[i] ?? []),
      ].join('\n'),
    );
    const out = await batch(pages.map((text, i) => doc(`d${i}`, text)));
    out.forEach((result, i) => {
      // Edition and date fold alike in every document and neither reads as a headline; the top-10 label
      // carries the same digits everywhere: all three go.
      expect(result.text).toBe(ARTICLES[i]?.join('\n'));
      expect(result.changes).toHaveLength(3);
    });
  });

  it('rejects bad options, quoting the value', () => {
    expect(() => createTemplates({ minDocs: 1 })).toThrow('templates: option `minDocs` must be an integer >= 2, got 1');
    expect(() => createTemplates({ minShare: 1.5 })).toThrow(
      'templates: option `minShare` must be a number >= 0 <= 1, got 1.5',
    );
    expect(() => createTemplates({ topLines: 0 })).toThrow('got 0');
    expect(() => createTemplates({ duplicateThreshold: 0.2 })).toThrow('got 0.2');
    expect(() => createTemplates({ minshare: 0.5 } as TemplatesOptions)).toThrow(
      'templates: unknown option "minshare"',
    );
  });
});

describe('linesSeen', () => {
  it('puts lines removed by earlier stages back where they stood', () => {
    const text = 'Headline\nBody one\nBody two';
    expect(
      linesSeen({
        text,
        changes: [
          { stage: 'boilerplate', rule: 'section-label', offset: 0, removed: 'World News' },
          { stage: 'boilerplate', rule: 'share-block', offset: 47, removed: 'Share this:' },
          { stage: 'repeats', rule: 'repeated-paragraph', offset: 27, removed: 'Body one' },
        ],
      }),
    ).toEqual(['World News', 'Headline', 'Body one', 'Body two', 'Body one', 'Share this:']);
  });

  it('ignores edits inside lines and removals of white space or line breaks', () => {
    const text = 'Headline\nBody';
    expect(
      linesSeen({
        text,
        changes: [
          { stage: 'normalize', rule: 'repeated-space', offset: 3, removed: '  ', inserted: ' ' },
          { stage: 'unwrap', rule: 'hyphen', offset: 5, removed: '-\n' },
          { stage: 'boilerplate', rule: 'syndication-stamp', offset: 9, removed: '(MENAFN- X) ' },
          { stage: 'ligatures', rule: 'split-ligature', offset: 12, removed: ' ' },
        ],
      }),
    ).toEqual(['Headline', 'Body']);
  });
});

describe('observeLines', () => {
  it('gives each distinct line once, top when any copy is among the first lines', () => {
    const seen = observeLines(['Label', '', 'Headline', 'Body', 'Label', '—', 'Body'], 2);
    expect(seen).toEqual([
      { key: lineKey('Label'), text: 'Label', top: true },
      { key: lineKey('Headline'), text: 'Headline', top: true },
      { key: lineKey('Body'), text: 'Body', top: false },
    ]);
  });
});
