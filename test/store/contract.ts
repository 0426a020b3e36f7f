/**
 * The contract every CrossDocumentStore meets, run against the in-memory store
 * (test/store/memory-store.test.ts) and the Redis store (test/queue/redis-store.test.ts). The
 * same calls must give the same answers in both: that is what makes worker output after
 * `cleanwire learn` equal to `cleanwire clean` output.
 */
import { describe, expect, it } from 'vitest';
import type { CrossDocumentStore, LineObservation, Signature, StoreLimits } from '../../src/store/store.js';

export type StoreFactory = (limits?: Partial<StoreLimits>) => Promise<CrossDocumentStore>;

/** A signature of two LSH bands (4 values each); `text` names its normalised text. */
export const sig = (values: readonly number[], text: string): Signature => ({
  minhashes: values,
  exact: Buffer.from(text).toString('hex').padStart(16, '0'),
});

/** Lines with keys `k<name>` and text `Line <name>`; names starting with `^` are top lines. */
export const lines = (...names: string[]): LineObservation[] =>
  names.map((name) => {
    const top = name.startsWith('^');
    const bare = top ? name.slice(1) : name;
    return { key: `k${bare}`, text: `Line ${bare}`, top };
  });

const A = sig([1, 2, 3, 4, 5, 6, 7, 8], 'a');
const B = sig([11, 12, 13, 14, 15, 16, 17, 18], 'b');
const C = sig([21, 22, 23, 24, 25, 26, 27, 28], 'c');
const D = sig([31, 32, 33, 34, 35, 36, 37, 38], 'd');
/** Agrees with A in the first band only: 4 of 8 positions. */
const A_HALF = sig([1, 2, 3, 4, 95, 96, 97, 98], 'ah');
/** Agrees with A in 7 of 8 positions. */
const A_NEAR = sig([1, 2, 3, 4, 5, 6, 7, 99], 'an');
/** Shares no value with A but has A's normalised text. */
const A_TEXT = sig([41, 42, 43, 44, 45, 46, 47, 48], 'a');

export function storeContract(name: string, make: StoreFactory): void {
  describe(`${name} store: per-source line counts`, () => {
    it('counts each line once per document and reports docs, counts and top counts', async () => {
      const store = await make();
      expect(await store.learnSourceDocument('site', 'd1', A, lines('^head', 'x', 'foot'), 7)).toEqual({
        learned: true,
        counted: true,
      });
      await store.learnSourceDocument('site', 'd2', B, lines('^head', 'y', 'foot'), 7);
      await store.learnSourceDocument('site', 'd3', C, lines('^z', 'head', 'foot'), 7);
      expect(await store.lineEvidence('site', ['khead', 'kfoot', 'kx', 'knever'])).toEqual({
        docs: 3,
        counts: [3, 3, 1, 0],
        tops: [2, 0, 0, 0],
      });
      expect(await store.lineEvidence('other-site', ['khead'])).toEqual({ docs: 0, counts: [0], tops: [0] });
      expect(await store.lineEvidence('site', [])).toEqual({ docs: 3, counts: [], tops: [] });
      await store.close();
    });

    it('keeps sources apart', async () => {
      const store = await make();
      await store.learnSourceDocument('a.example', 'd1', A, lines('x'), 7);
      await store.learnSourceDocument('b.example', 'd2', B, lines('x'), 7);
      await store.learnSourceDocument('b.example', 'd3', C, lines('x'), 7);
      expect(await store.lineEvidence('a.example', ['kx'])).toEqual({ docs: 1, counts: [1], tops: [0] });
      expect(await store.lineEvidence('b.example', ['kx'])).toEqual({ docs: 2, counts: [2], tops: [0] });
      await store.close();
    });

    it('does not let a source key reach into another source key', async () => {
      const store = await make();
      await store.learnSourceDocument('x', 'd1', A, lines('one'), 7);
      await store.learnSourceDocument('x:dup', 'd2', B, lines('two'), 7);
      await store.learnSourceDocument('x:dup', 'd1', C, lines('three'), 7);
      expect(await store.lineEvidence('x', ['kone', 'ktwo'])).toEqual({ docs: 1, counts: [1, 0], tops: [0, 0] });
      expect(await store.lineEvidence('x:dup', ['kthree'])).toEqual({ docs: 2, counts: [1], tops: [0] });
      await store.close();
    });

    it('changes nothing when the same document is learned again', async () => {
      const store = await make();
      await store.learnSourceDocument('site', 'd1', A, lines('x'), 7);
      expect(await store.learnSourceDocument('site', 'd1', A, lines('x', 'y'), 7)).toEqual({
        learned: false,
        counted: false,
      });
      expect(await store.lineEvidence('site', ['kx', 'ky'])).toEqual({ docs: 1, counts: [1, 0], tops: [0, 0] });
      await store.close();
    });

    it('indexes but does not count a near-copy of a document already learned for the source', async () => {
      const store = await make();
      await store.learnSourceDocument('site', 'd1', A, lines('x', 'foot'), 7);
      expect(await store.learnSourceDocument('site', 'd2', A_NEAR, lines('x', 'foot'), 7)).toEqual({
        learned: true,
        counted: false,
      });
      // A third document nearly repeating the uncounted copy is a copy too.
      expect(
        await store.learnSourceDocument('site', 'd3', sig([1, 2, 3, 4, 5, 6, 77, 99], 'a3'), lines('x'), 7),
      ).toEqual({ learned: true, counted: false });
      expect(await store.lineEvidence('site', ['kx', 'kfoot'])).toEqual({ docs: 1, counts: [1, 1], tops: [0, 0] });
      await store.close();
    });

    it('counts a document that shares a band with another but not enough positions', async () => {
      const store = await make();
      await store.learnSourceDocument('site', 'd1', A, lines('x'), 7);
      expect(await store.learnSourceDocument('site', 'd2', A_HALF, lines('x'), 7)).toEqual({
        learned: true,
        counted: true,
      });
      expect(await store.lineEvidence('site', ['kx'])).toEqual({ docs: 2, counts: [2], tops: [0] });
      await store.close();
    });

    it('takes the same normalised text for a copy whatever the signature says', async () => {
      const store = await make();
      await store.learnSourceDocument('site', 'd1', A, lines('x'), 8);
      expect(await store.learnSourceDocument('site', 'd2', A_TEXT, lines('x'), 8)).toEqual({
        learned: true,
        counted: false,
      });
      await store.close();
    });

    it('looks for copies only within the source', async () => {
      const store = await make();
      await store.learnSourceDocument('a.example', 'd1', A, lines('x'), 7);
      expect(await store.learnSourceDocument('b.example', 'd2', A, lines('x'), 7)).toEqual({
        learned: true,
        counted: true,
      });
      await store.close();
    });

    it('keeps at most maxLines lines per source, forgetting the lowest counts first', async () => {
      const store = await make({ maxLines: 3 });
      await store.learnSourceDocument('site', 'd1', A, lines('a', 'b', 'c'), 7);
      await store.learnSourceDocument('site', 'd2', B, lines('a', 'b', 'd'), 7);
      // a:2 b:2 c:1 d:1 -> c (lower key than d) goes.
      expect(await store.lineEvidence('site', ['ka', 'kb', 'kc', 'kd'])).toEqual({
        docs: 2,
        counts: [2, 2, 0, 1],
        tops: [0, 0, 0, 0],
      });
      await store.close();
    });

    it('forgets the least recently seen of equal counts first', async () => {
      const store = await make({ maxLines: 2 });
      await store.learnSourceDocument('site', 'd1', A, lines('z'), 7);
      await store.learnSourceDocument('site', 'd2', B, lines('a'), 7);
      await store.learnSourceDocument('site', 'd3', C, lines('b'), 7);
      expect(await store.lineEvidence('site', ['kz', 'ka', 'kb'])).toEqual({
        docs: 3,
        counts: [0, 1, 1],
        tops: [0, 0, 0],
      });
      await store.close();
    });

    it('keeps a line seen again over lines seen once, and restarts the count of a forgotten line', async () => {
      const store = await make({ maxLines: 3 });
      await store.learnSourceDocument('site', 'd1', A, lines('t', 'x1', 'x2'), 7);
      await store.learnSourceDocument('site', 'd2', B, lines('t', 'y1'), 7);
      await store.learnSourceDocument('site', 'd3', C, lines('t', 'x1', 'y2'), 7);
      // d2 made room for y1 by forgetting x1; d3 for x1 and y2 by forgetting x2 and then y1.
      expect(await store.lineEvidence('site', ['kt', 'kx1', 'kx2', 'ky1', 'ky2'])).toEqual({
        docs: 3,
        counts: [3, 1, 0, 0, 1],
        tops: [0, 0, 0, 0, 0],
      });
      await store.close();
    });

    it('takes at most maxNewLines new lines from a document, nearest its edges first', async () => {
      const store = await make({ maxNewLines: 3 });
      await store.learnSourceDocument('site', 'd1', A, lines('a', 'b', 'c', 'd', 'e'), 7);
      await store.learnSourceDocument('site', 'd2', B, lines('a', 'x', 'y', 'z', 'b', 'c'), 7);
      // d1: a and e (the edges), then b. d2 counts a and b, and takes x, c, then y.
      expect(await store.lineEvidence('site', ['ka', 'kb', 'kc', 'kd', 'ke', 'kx', 'ky', 'kz'])).toEqual({
        docs: 2,
        counts: [2, 2, 1, 0, 1, 1, 1, 0],
        tops: [0, 0, 0, 0, 0, 0, 0, 0],
      });
      await store.close();
    });

    it('takes no more new lines than maxLines, edges first, top lines alike', async () => {
      const store = await make({ maxLines: 2 });
      await store.learnSourceDocument('site', 'd1', A, lines('^a', '^b', '^c'), 7);
      expect(await store.lineEvidence('site', ['ka', 'kb', 'kc'])).toEqual({
        docs: 1,
        counts: [1, 0, 1],
        tops: [1, 0, 1],
      });
      await store.close();
    });

    it('halves every count of a source when it reaches ageAfter documents, forgetting what falls to 0', async () => {
      const store = await make({ ageAfter: 4 });
      const signatures = [A, B, C, D];
      for (const [i, signature] of signatures.entries()) {
        const names = i === 3 ? ['^t', 'x', 'once'] : ['^t', 'x'];
        await store.learnSourceDocument('site', `d${i}`, signature, lines(...names), 7);
        if (i === 2) {
          expect(await store.lineEvidence('site', ['kt', 'kx'])).toEqual({ docs: 3, counts: [3, 3], tops: [3, 0] });
        }
      }
      expect(await store.lineEvidence('site', ['kt', 'kx', 'konce'])).toEqual({
        docs: 2,
        counts: [2, 2, 0],
        tops: [2, 0, 0],
      });
      await store.close();
    });

    it('forgets the oldest documents of a source past maxSourceDocs, so they count again when learned again', async () => {
      const store = await make({ maxSourceDocs: 2 });
      await store.learnSourceDocument('site', 'd1', A, lines('x'), 7);
      await store.learnSourceDocument('site', 'd2', B, lines('x'), 7);
      await store.learnSourceDocument('site', 'd3', C, lines('x'), 7);
      // d1 is forgotten: learned again, it is new; a copy of it is no longer recognised either.
      expect(await store.learnSourceDocument('site', 'd1', A, lines('x'), 7)).toEqual({ learned: true, counted: true });
      expect(await store.learnSourceDocument('site', 'd2', B, lines('x'), 7)).toEqual({ learned: true, counted: true });
      expect(await store.learnSourceDocument('site', 'd4', A_NEAR, lines('x'), 7)).toEqual({
        learned: true,
        counted: false,
      });
      expect(await store.lineEvidence('site', ['kx'])).toEqual({ docs: 5, counts: [5], tops: [0] });
      await store.close();
    });

    it('lists sources with counted documents, and the lines they repeat with an example text', async () => {
      const store = await make();
      await store.learnSourceDocument('b.example', 'd1', A, lines('^label', 'body one', 'foot'), 7);
      await store.learnSourceDocument('b.example', 'd2', B, lines('^label', 'body two', 'foot', 'ad'), 7);
      await store.learnSourceDocument('b.example', 'd3', C, lines('label', 'body three', 'foot', 'ad'), 7);
      await store.learnSourceDocument('a.example', 'd4', D, lines('x'), 7);
      expect(await store.sources()).toEqual([
        { sourceKey: 'a.example', docs: 1 },
        { sourceKey: 'b.example', docs: 3 },
      ]);
      expect(await store.learnedLines('b.example')).toEqual([
        { key: 'kfoot', text: 'Line foot', count: 3, top: 0 },
        { key: 'klabel', text: 'Line label', count: 3, top: 2 },
        { key: 'kad', text: 'Line ad', count: 2, top: 0 },
      ]);
      expect(await store.learnedLines('a.example')).toEqual([]);
      expect(await store.learnedLines('nowhere.example')).toEqual([]);
      await store.close();
    });
  });

  describe(`${name} store: known headlines`, () => {
    it('records the first document learned with each headline key, globally', async () => {
      const store = await make();
      expect(await store.learnHeadline('d1', 'h1')).toBe(true);
      expect(await store.learnHeadline('d2', 'h2')).toBe(true);
      // Another document with the same headline: the first keeps it.
      expect(await store.learnHeadline('d3', 'h1')).toBe(false);
      expect(await store.headlineOwners(['h1', 'h2', 'h3'])).toEqual(['d1', 'd2', undefined]);
      expect(await store.headlineOwners([])).toEqual([]);
      await store.close();
    });

    it('changes nothing when the same document is learned again', async () => {
      const store = await make({ maxHeadlines: 2 });
      await store.learnHeadline('d1', 'h1');
      await store.learnHeadline('d2', 'h2');
      expect(await store.learnHeadline('d1', 'h1')).toBe(false);
      expect(await store.learnHeadline('d2', 'h2')).toBe(false);
      expect(await store.headlineOwners(['h1', 'h2'])).toEqual(['d1', 'd2']);
      await store.close();
    });

    it('keeps at most maxHeadlines keys, forgetting the first learned first; a forgotten key is new again', async () => {
      const store = await make({ maxHeadlines: 2 });
      await store.learnHeadline('d1', 'h1');
      await store.learnHeadline('d2', 'h2');
      // h1 learned again by another document keeps its place: it is still the first to go.
      await store.learnHeadline('d9', 'h1');
      await store.learnHeadline('d3', 'h3');
      expect(await store.headlineOwners(['h1', 'h2', 'h3'])).toEqual([undefined, 'd2', 'd3']);
      expect(await store.learnHeadline('d4', 'h1')).toBe(true);
      expect(await store.headlineOwners(['h1', 'h2', 'h3'])).toEqual(['d4', undefined, 'd3']);
      await store.close();
    });

    it('keeps headlines apart from the per-source lines and the near-duplicate index', async () => {
      const store = await make();
      await store.learnHeadline('d1', 'kx');
      expect(await store.lineEvidence('d1', ['kx'])).toEqual({ docs: 0, counts: [0], tops: [0] });
      expect(await store.sequenceOf('d1')).toBeUndefined();
      await store.learnSourceDocument('site', 'd2', A, lines('y'), 7);
      expect(await store.headlineOwners(['ky'])).toEqual([undefined]);
      await store.close();
    });
  });

  describe(`${name} store: word vocabulary`, () => {
    it('records the first document learned with each word, globally, and changes nothing on a second learn', async () => {
      const store = await make();
      await store.learnWords('d1', ['offset', 'conflict']);
      await store.learnWords('d2', ['conflict', 'workflow']);
      await store.learnWords('d1', ['offset', 'conflict']);
      await store.learnWords('d3', []);
      expect(await store.wordOwners(['offset', 'conflict', 'workflow', 'office'])).toEqual([
        'd1',
        'd1',
        'd2',
        undefined,
      ]);
      expect(await store.wordOwners([])).toEqual([]);
      await store.close();
    });

    it('keeps at most maxWords words, forgetting the first learned first, apart from the headlines', async () => {
      const store = await make({ maxWords: 3 });
      await store.learnWords('d1', ['w1', 'w2']);
      await store.learnWords('d2', ['w2', 'w3', 'w4']);
      expect(await store.wordOwners(['w1', 'w2', 'w3', 'w4'])).toEqual([undefined, 'd1', 'd2', 'd2']);
      expect(await store.headlineOwners(['w2'])).toEqual([undefined]);
      await store.learnWords('d3', ['w1']);
      expect(await store.wordOwners(['w1', 'w2'])).toEqual(['d3', undefined]);
      await store.close();
    });
  });

  describe(`${name} store: near-duplicate index`, () => {
    it('gives sequence numbers in indexing order and keeps them when a document is indexed again', async () => {
      const store = await make();
      expect(await store.indexDocument('d1', A)).toBe(1);
      expect(await store.indexDocument('d2', B)).toBe(2);
      expect(await store.indexDocument('d1', A)).toBe(1);
      expect(await store.indexDocument('d3', C)).toBe(3);
      expect(await store.sequenceOf('d2')).toBe(2);
      expect(await store.sequenceOf('nope')).toBeUndefined();
      await store.close();
    });

    it('finds documents that share a band and agree in enough positions, with their agreement', async () => {
      const store = await make();
      await store.indexDocument('d1', A);
      await store.indexDocument('d2', A_HALF);
      await store.indexDocument('d3', B);
      await store.indexDocument('d4', A_NEAR);
      const query = sig([1, 2, 3, 4, 5, 6, 7, 8], 'q');
      const byId = (found: { id: string }[]) => [...found].sort((x, y) => (x.id < y.id ? -1 : 1));
      expect(byId(await store.findSimilar(query, { minAgreement: 4 }))).toEqual([
        { id: 'd1', seq: 1, agreement: 8, exact: false },
        { id: 'd2', seq: 2, agreement: 4, exact: false },
        { id: 'd4', seq: 4, agreement: 7, exact: false },
      ]);
      expect(byId(await store.findSimilar(query, { minAgreement: 7 }))).toEqual([
        { id: 'd1', seq: 1, agreement: 8, exact: false },
        { id: 'd4', seq: 4, agreement: 7, exact: false },
      ]);
      expect(byId(await store.findSimilar(query, { minAgreement: 4, before: 4 }))).toEqual([
        { id: 'd1', seq: 1, agreement: 8, exact: false },
        { id: 'd2', seq: 2, agreement: 4, exact: false },
      ]);
      expect(await store.findSimilar(query, { minAgreement: 4, before: 1 })).toEqual([]);
      // beforeOf: the bound is the named document's sequence number, none when it is not indexed.
      expect(byId(await store.findSimilar(query, { minAgreement: 4, beforeOf: 'd4' }))).toEqual([
        { id: 'd1', seq: 1, agreement: 8, exact: false },
        { id: 'd2', seq: 2, agreement: 4, exact: false },
      ]);
      expect(await store.findSimilar(query, { minAgreement: 4, beforeOf: 'd1' })).toEqual([]);
      expect(byId(await store.findSimilar(query, { minAgreement: 7, beforeOf: 'not indexed' }))).toEqual([
        { id: 'd1', seq: 1, agreement: 8, exact: false },
        { id: 'd4', seq: 4, agreement: 7, exact: false },
      ]);
      // A given `before` wins.
      expect(byId(await store.findSimilar(query, { minAgreement: 7, before: 4, beforeOf: 'd1' }))).toEqual([
        { id: 'd1', seq: 1, agreement: 8, exact: false },
      ]);
      await store.close();
    });

    it('finds a document with the same normalised text even when no band matches', async () => {
      const store = await make();
      await store.indexDocument('d1', A);
      expect(await store.findSimilar(A_TEXT, { minAgreement: 8 })).toEqual([
        { id: 'd1', seq: 1, agreement: 0, exact: true },
      ]);
      expect(await store.findSimilar(C, { minAgreement: 1 })).toEqual([]);
      await store.close();
    });

    it('keeps the earliest bucketSize documents per bucket', async () => {
      const store = await make({ bucketSize: 2 });
      for (const id of ['d1', 'd2', 'd3']) await store.indexDocument(id, sig([1, 2, 3, 4, 5, 6, 7, 8], id));
      const found = await store.findSimilar(sig([1, 2, 3, 4, 5, 6, 7, 8], 'q'), { minAgreement: 8 });
      expect(found.map((f) => f.id).sort()).toEqual(['d1', 'd2']);
      // The exact-text hash still finds the third.
      expect(await store.findSimilar(sig([9, 9, 9, 9, 9, 9, 9, 9], 'd3'), { minAgreement: 8 })).toEqual([
        { id: 'd3', seq: 3, agreement: 0, exact: true },
      ]);
      await store.close();
    });

    it('forgets the oldest documents past maxDocs, freeing their bucket places', async () => {
      const store = await make({ maxDocs: 2, bucketSize: 2 });
      await store.indexDocument('d1', A);
      await store.indexDocument('d2', A_NEAR);
      await store.indexDocument('d3', B);
      expect(await store.sequenceOf('d1')).toBeUndefined();
      expect(await store.findSimilar(A, { minAgreement: 4 })).toEqual([
        { id: 'd2', seq: 2, agreement: 7, exact: false },
      ]);
      expect(await store.indexDocument('d4', A)).toBe(4);
      expect(await store.indexDocument('d1', A)).toBe(5);
      expect(await store.sequenceOf('d2')).toBeUndefined();
      const found = await store.findSimilar(A, { minAgreement: 4 });
      expect(found.map((f) => [f.id, f.seq, f.exact]).sort()).toEqual([
        ['d1', 5, true],
        ['d4', 4, true],
      ]);
      await store.close();
    });

    it('keeps the per-source indexes apart from the near-duplicate index', async () => {
      const store = await make();
      await store.learnSourceDocument('site', 'd1', A, lines('x'), 7);
      expect(await store.sequenceOf('d1')).toBeUndefined();
      expect(await store.findSimilar(A, { minAgreement: 1 })).toEqual([]);
      expect(await store.indexDocument('d1', A)).toBe(1);
      await store.close();
    });
  });
}
