import { describe, expect, it } from 'vitest';
import type { Change, Document } from '../../src/core/document.js';
import { createHeadlines, type HeadlinesOptions } from '../../src/stages/headlines.js';
import { createTemplates } from '../../src/stages/templates.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { CrossDocumentStore } from '../../src/store/store.js';
import { learnAll, runAll } from '../support/cross.js';
import { makeDocument } from '../support/document.js';

const doc = (id: string, lines: readonly string[], sourceKey = 'harbor'): Document =>
  makeDocument(lines.join('\n'), { id, source: `${sourceKey}/${id}.txt`, sourceKey, output: `${sourceKey}/${id}.txt` });

/**
 * What `cleanwire clean` does with this stage: learn from every document, then run on each. The
 * templates stage, which runs before it, has learned the per-source line counts by then.
 */
async function batch(
  docs: readonly Document[],
  options: HeadlinesOptions = {},
  store: CrossDocumentStore = createMemoryStore(),
): Promise<Document[]> {
  await learnAll(createTemplates(), docs, store);
  const stage = createHeadlines(options);
  await learnAll(stage, docs, store);
  return runAll(stage, docs, store);
}

/** The change record for removing the one line `line` of `lines`. */
const removal = (
  lines: readonly string[],
  line: string,
  rule: string,
  evidence: Record<string, string | number>,
): Change => {
  expect(lines.filter((l) => l === line)).toHaveLength(1);
  const at = lines.indexOf(line);
  return {
    stage: 'headlines',
    rule,
    offset: lines.slice(0, at).reduce((sum, l) => sum + l.length + 1, 0),
    removed: line,
    evidence,
  };
};

const PORT = 'Port fees rise for the third time this year';
const STRIKE = 'Dock workers vote to strike over night shifts';
const FERRY = 'New ferry route links the islands to the mainland';
const MARKET = 'Fish market moves to the old customs house';

const PORT_BODY = [
  'The harbour authority raised berth fees by four percent on Tuesday, citing dredging costs.',
  'Shipping lines said they would pass the increase on to importers within weeks.',
];
const other = (id: string, headline: string): Document =>
  doc(id, [headline, `The ${id} article has a body of its own, and it says so in one sentence.`]);

describe('headlines', () => {
  it('other-headline and headline-list: drops a list of other articles and the heading the site repeats', async () => {
    const lines = [PORT, PORT_BODY[0] as string, PORT_BODY[1] as string, 'Keep reading', STRIKE, FERRY, MARKET];
    const [out] = await batch([
      doc('port', lines),
      doc('strike', [STRIKE, 'Members of the union backed a walkout.', 'Keep reading', PORT, FERRY]),
      other('ferry', FERRY),
      other('market', MARKET),
    ]);
    expect(out?.text).toBe([PORT, ...PORT_BODY].join('\n'));
    expect(out?.changes).toEqual([
      removal(lines, 'Keep reading', 'headline-list', { items: 3, count: 2 }),
      removal(lines, STRIKE, 'other-headline', { of: 'strike' }),
      removal(lines, FERRY, 'other-headline', { of: 'ferry' }),
      removal(lines, MARKET, 'other-headline', { of: 'market' }),
    ]);
  });

  it('finds headlines across sources: the store is global', async () => {
    const lines = [PORT, PORT_BODY[0] as string, STRIKE, FERRY];
    const [out] = await batch([
      doc('port', lines, 'harbor'),
      doc('strike', [STRIKE, 'Body.'], 'elsewhere.example'),
      doc('ferry', [FERRY, 'Body.'], 'third.example'),
    ]);
    expect(out?.changes).toEqual([
      removal(lines, STRIKE, 'other-headline', { of: 'strike' }),
      removal(lines, FERRY, 'other-headline', { of: 'ferry' }),
    ]);
  });

  it('read-also: drops "Label: <another headline>" between paragraphs', async () => {
    const line = `See also: ${FERRY}`;
    const lines = [PORT, PORT_BODY[0] as string, line, PORT_BODY[1] as string];
    const [out] = await batch([doc('port', lines), other('ferry', FERRY)]);
    expect(out?.text).toBe([PORT, ...PORT_BODY].join('\n'));
    expect(out?.changes).toEqual([removal(lines, line, 'read-also', { of: 'ferry', label: 'See also' })]);
  });

  it('read-also: a short title counts behind a generic link label, which is evidence of its own', async () => {
    const SHORT = 'Wedding Planning Tools';
    const line = `Also Read: ${SHORT}`;
    const lines = [PORT, PORT_BODY[0] as string, line, PORT_BODY[1] as string];
    const [out] = await batch([doc('port', lines), other('tools', SHORT)]);
    expect(out?.text).toBe([PORT, ...PORT_BODY].join('\n'));
    expect(out?.changes).toEqual([removal(lines, line, 'read-also', { of: 'tools', label: 'Also Read' })]);
  });

  it('matches a headline whatever its case, spacing and punctuation', async () => {
    const line = 'PORT FEES RISE — FOR THE THIRD TIME THIS YEAR';
    const TITLED_FERRY = 'New Ferry Route Links the Islands to the Mainland';
    const lines = [STRIKE, 'Members of the union backed a walkout.', line, TITLED_FERRY];
    const [out] = await batch([doc('strike', lines), doc('port', [PORT, ...PORT_BODY]), other('ferry', FERRY)]);
    expect(out?.text).toBe(lines.slice(0, 2).join('\n'));
    expect(out?.changes).toEqual([
      removal(lines, line, 'other-headline', { of: 'port' }),
      removal(lines, TITLED_FERRY, 'other-headline', { of: 'ferry' }),
    ]);
  });

  it("headline-list: a list under a list heading goes when one of its titles is another document's headline", async () => {
    const PLEASE = 'Please Vote';
    const lines = [PORT, ...PORT_BODY, 'More to read:', 'Port fees explained', 'Advertisement', STRIKE, PLEASE];
    const [out] = await batch([doc('port', lines), other('strike', STRIKE)]);
    // An ad slot among the titles is the boilerplate stage's; this stage passes over it.
    expect(out?.text).toBe([PORT, ...PORT_BODY, 'Advertisement'].join('\n'));
    const marker = lines.indexOf('More to read:');
    expect(out?.changes).toEqual([
      removal(lines, 'More to read:', 'headline-list', { items: 3, known: 1 }),
      removal(lines, 'Port fees explained', 'headline-list', { marker }),
      removal(lines, STRIKE, 'other-headline', { of: 'strike' }),
      removal(lines, PLEASE, 'headline-list', { marker }),
    ]);
  });

  it('headline-list: leaves a headed list none of whose titles another document carries', async () => {
    const lines = [PORT, ...PORT_BODY, 'More to read:', 'Port fees explained', 'Please Vote'];
    const [out] = await batch([doc('port', lines), other('strike', STRIKE)]);
    expect(out?.changes).toEqual([]);
    // Nor a list without a heading phrase above it, whatever its one known title.
    const plain = [PORT, ...PORT_BODY, 'Port fees explained', STRIKE];
    const [second] = await batch([doc('port', plain), other('strike', STRIKE)]);
    expect(second?.changes).toEqual([]);
  });

  it('keeps a sentence or a long line above a list: it is the article, not a heading', async () => {
    const sentence = 'The port has raised its fees before.';
    const lines = [PORT, PORT_BODY[0] as string, sentence, STRIKE, FERRY];
    const [out] = await batch([doc('port', lines), other('strike', STRIKE), other('ferry', FERRY)]);
    expect(out?.text).toBe([PORT, PORT_BODY[0], sentence].join('\n'));
    expect(out?.changes.map((c) => c.rule)).toEqual(['other-headline', 'other-headline']);
  });

  describe('leaves alone', () => {
    it('a short title behind a label that is no link phrase, and a link to no known headline', async () => {
      // "Step 2: Choose a Domain" names a step; "Choose a Domain" being another article's short
      // title is one piece of evidence, not two. An "Also Read:" line whose title no document
      // carries may be the page's own in-text link.
      const lines = [
        PORT,
        PORT_BODY[0] as string,
        'Step 2: Choose a Domain',
        'Read more: The 7 Best DIY Home Solar Kits',
      ];
      const [out] = await batch([doc('port', lines), other('domain', 'Choose a Domain')]);
      expect(out?.changes).toEqual([]);
      expect(out?.text).toBe(lines.join('\n'));
    });

    it('a line that is a short title alone, though another document has it as its headline', async () => {
      const lines = [PORT, PORT_BODY[0] as string, 'Pros and Cons', 'Wedding Planning Tools', PORT_BODY[1] as string];
      const [out] = await batch([
        doc('port', lines),
        other('pros', 'Pros and Cons'),
        other('tools', 'Wedding Planning Tools'),
      ]);
      expect(out?.changes).toEqual([]);
    });

    it('the first line, even when another document has the same headline', async () => {
      const lines = [PORT, ...PORT_BODY];
      const [out, copy] = await batch([doc('port', lines), doc('port-copy', [PORT, 'Another telling of it.'])]);
      expect(out?.changes).toEqual([]);
      expect(copy?.changes).toEqual([]);
    });

    it("a line equal to this document's own headline, even when another document learned it first", async () => {
      const lines = [PORT, PORT_BODY[0] as string, PORT, `Related: ${PORT}`, PORT_BODY[1] as string];
      const [, out] = await batch([doc('first', [PORT, 'First telling.']), doc('port', lines)]);
      expect(out?.text).toBe(lines.join('\n'));
      expect(out?.changes).toEqual([]);
    });

    it("a lone line that is another document's headline: it may be a subheading", async () => {
      const lines = [PORT, PORT_BODY[0] as string, 'Keep reading', STRIKE, PORT_BODY[1] as string];
      const [out] = await batch([doc('port', lines), other('strike', STRIKE)]);
      expect(out?.changes).toEqual([]);
    });

    it("the line above a list when the site prints it nowhere else: it is the article's last line", async () => {
      const last = 'Tips for successful sourdough bread';
      const lines = [PORT, PORT_BODY[0] as string, last, STRIKE, FERRY];
      const [out] = await batch([doc('port', lines), other('strike', STRIKE), other('ferry', FERRY)]);
      expect(out?.text).toBe([PORT, PORT_BODY[0], last].join('\n'));
      expect(out?.changes.map((c) => c.rule)).toEqual(['other-headline', 'other-headline']);
    });

    it('a short title-case body line that is not a known headline', async () => {
      const lines = [PORT, PORT_BODY[0] as string, 'What Happens Next', PORT_BODY[1] as string];
      const [out] = await batch([doc('port', lines), other('strike', STRIKE)]);
      expect(out?.changes).toEqual([]);
    });

    it('headlines shorter than minWords: a short title may be a subheading elsewhere', async () => {
      const lines = [PORT, PORT_BODY[0] as string, 'Market Moves', PORT_BODY[1] as string];
      const [out] = await batch([doc('port', lines), doc('short', ['Market Moves', 'A body sentence here.'])]);
      expect(out?.changes).toEqual([]);
    });

    it('a first line that is a paragraph, not a headline: it is not learned', async () => {
      const paragraph = PORT_BODY[0] as string;
      const lines = [PORT, paragraph, PORT_BODY[1] as string];
      const [out] = await batch([doc('port', lines), doc('untitled', [paragraph, 'More of it.'])]);
      expect(out?.changes).toEqual([]);
    });

    it('a label longer than labelMaxWords before the headline', async () => {
      const line = `What the port chairman said: ${STRIKE}`;
      const lines = [PORT, PORT_BODY[0] as string, line, PORT_BODY[1] as string];
      const [out] = await batch([doc('port', lines), other('strike', STRIKE)]);
      expect(out?.changes).toEqual([]);
    });

    it('everything when the store knows no headline', async () => {
      const lines = [PORT, PORT_BODY[0] as string, STRIKE];
      const stage = createHeadlines();
      const outcome = await stage.run(doc('port', lines), createMemoryStore());
      expect(outcome).toEqual({ action: 'keep', doc: doc('port', lines) });
    });
  });

  it('is idempotent: learning twice changes nothing, and running on its output removes nothing more', async () => {
    const lines = [PORT, PORT_BODY[0] as string, 'Trending now', STRIKE, FERRY];
    const store = createMemoryStore();
    const docs = [
      doc('port', lines),
      doc('strike', [STRIKE, 'Members of the union backed a walkout.', 'Trending now', FERRY, MARKET]),
      other('ferry', FERRY),
      other('market', MARKET),
    ];
    const stage = createHeadlines();
    for (const d of docs) await stage.learn(d, store);
    const [once] = await batch(docs, {}, store);
    expect(once?.text).toBe([PORT, PORT_BODY[0]].join('\n'));
    expect(once?.changes.map((c) => c.rule)).toEqual(['headline-list', 'other-headline', 'other-headline']);
    const again = await stage.run({ ...(once as Document), changes: [] }, store);
    expect(again.doc.changes).toEqual([]);
    expect(again.doc.text).toBe(once?.text);
  });

  it('forgets the first learned headlines past the store limit', async () => {
    const lines = [PORT, PORT_BODY[0] as string, STRIKE, FERRY, MARKET];
    const docs = [other('strike', STRIKE), doc('port', lines), other('ferry', FERRY), other('market', MARKET)];
    const [, all] = await batch(docs);
    expect(all?.changes.map((c) => c.removed)).toEqual([STRIKE, FERRY, MARKET]);
    // With room for three, the first learned (STRIKE) is forgotten: the list is FERRY and MARKET.
    const [, out] = await batch(docs, {}, createMemoryStore({ maxHeadlines: 3 }));
    expect(out?.changes).toEqual([
      removal(lines, FERRY, 'other-headline', { of: 'ferry' }),
      removal(lines, MARKET, 'other-headline', { of: 'market' }),
    ]);
  });

  it('rejects bad options, quoting the value', () => {
    expect(() => createHeadlines({ minWords: 0 })).toThrow('0');
    expect(() => createHeadlines({ labelMaxWords: 2.5 })).toThrow('2.5');
    expect(() => createHeadlines({ nope: 1 } as HeadlinesOptions)).toThrow('nope');
  });
});
