import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import type { Outcome } from '../../src/core/stage.js';
import {
  createNearDuplicates,
  type NearDuplicatesOptions,
  SIGNATURE_HASHES,
} from '../../src/stages/near-duplicates.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { CrossDocumentStore } from '../../src/store/store.js';
import { agreement, signatureOf } from '../../src/text/minhash.js';
import { makeDocument } from '../support/document.js';

const doc = (id: string, text: string): Document =>
  makeDocument(text, { id, source: `site/${id}.txt`, output: `site/${id}.txt` });

const STORY = [
  'Port fees rise for the third time this year',
  'The harbour authority raised berth fees by four percent on Tuesday, citing the cost of dredging the eastern channel.',
  'Shipping lines said they would pass the increase on to importers within weeks, and warned of longer queues at the gates.',
  'The authority said the money would also pay for a new customs shed and two tugs, both due to arrive before the winter.',
  'Importers of fresh produce, who already pay a surcharge for refrigerated berths, called the rise the last straw.',
  'A spokesman for the port said fees remained below those of rival harbours along the coast.',
].join('\n');

/** The story with a word changed in its last paragraph: a near-copy. */
const EDITED = STORY.replace('rival harbours', 'competing harbours');

const OTHER = [
  'Dock workers vote to strike over night shifts',
  'Members of the dockers union backed a walkout after talks on rotas collapsed late on Friday evening.',
  'The stoppage would begin at midnight on Sunday and last forty-eight hours, organisers said outside the hall.',
  'Managers said cargo already unloaded would be moved by contractors, a plan the union called provocative.',
].join('\n');

const similarityOf = (a: string, b: string): number => {
  const x = signatureOf(a, SIGNATURE_HASHES);
  const y = signatureOf(b, SIGNATURE_HASHES);
  if (!x || !y) throw new Error('no signature');
  return Math.round((agreement(x.minhashes, y.minhashes) / SIGNATURE_HASHES) * 1000) / 1000;
};

/** `cleanwire clean`: learn every document, then run on each. */
async function batch(
  docs: readonly Document[],
  options: NearDuplicatesOptions = {},
  store: CrossDocumentStore = createMemoryStore(),
): Promise<Outcome[]> {
  const stage = createNearDuplicates(options);
  for (const d of docs) await stage.learn(d, store);
  const out: Outcome[] = [];
  for (const d of docs) out.push(await stage.run(d, store));
  return out;
}

describe('near-duplicates', () => {
  it('marks an article that nearly repeats an earlier one, and leaves the earlier one alone', async () => {
    const first = doc('a', STORY);
    const second = doc('b', EDITED);
    const similarity = similarityOf(STORY, EDITED);
    expect(similarity).toBeGreaterThanOrEqual(0.8);
    expect(similarity).toBeLessThan(1);
    const [a, b] = await batch([first, second]);
    expect(a).toEqual({ action: 'keep', doc: first });
    expect(b).toEqual({ action: 'keep', doc: { ...second, meta: { duplicateOf: { id: 'a', similarity } } } });
  });

  it('takes the same text with other case, punctuation and spacing for an exact duplicate', async () => {
    const copy = STORY.toUpperCase().replaceAll(',', ' ;');
    const [, b] = await batch([doc('a', STORY), doc('b', copy)]);
    expect(b?.doc.meta.duplicateOf).toEqual({ id: 'a', similarity: 1 });
  });

  it('rejects a near-duplicate with reason near-duplicate when asked to drop', async () => {
    const similarity = similarityOf(STORY, EDITED);
    const [a, b, c] = await batch([doc('a', STORY), doc('b', EDITED), doc('c', STORY)], { drop: true });
    expect(a?.action).toBe('keep');
    expect(b).toEqual({
      action: 'drop',
      doc: doc('b', EDITED),
      reason: 'near-duplicate',
      message: `a near-duplicate (similarity ${similarity}) of the earlier article a`,
    });
    expect(c).toMatchObject({ action: 'drop', message: 'the same text as the earlier article a' });
  });

  it('leaves alone articles that are not alike, and ones below the threshold', async () => {
    const outcomes = await batch([doc('a', STORY), doc('b', OTHER), doc('c', EDITED)], { threshold: 0.99 });
    expect(outcomes.map((o) => o.doc.meta)).toEqual([{}, {}, {}]);
  });

  it('names the best earlier match: an exact copy first, then the most similar, then the earliest', async () => {
    const outcomes = await batch([doc('a', EDITED), doc('b', STORY), doc('c', STORY), doc('d', STORY)]);
    expect(outcomes.map((o) => o.doc.meta.duplicateOf)).toEqual([
      undefined,
      { id: 'a', similarity: similarityOf(STORY, EDITED) },
      { id: 'b', similarity: 1 },
      { id: 'b', similarity: 1 },
    ]);
  });

  it('takes "earlier" from the learning order, which learning again does not change', async () => {
    const store = createMemoryStore();
    const stage = createNearDuplicates();
    const [a, b] = [doc('a', STORY), doc('b', EDITED)];
    await stage.learn(a, store);
    await stage.learn(b, store);
    await stage.learn(a, store);
    expect((await stage.run(a, store)).doc.meta.duplicateOf).toBeUndefined();
    expect((await stage.run(b, store)).doc.meta.duplicateOf?.id).toBe('a');
  });

  it('marks the second copy when documents are learned and run one at a time, as workers do', async () => {
    const store = createMemoryStore();
    const stage = createNearDuplicates();
    const results: Outcome[] = [];
    for (const d of [doc('a', STORY), doc('b', OTHER), doc('c', EDITED)]) {
      await stage.learn(d, store);
      results.push(await stage.run(d, store));
    }
    expect(results.map((o) => o.doc.meta.duplicateOf?.id)).toEqual([undefined, undefined, 'a']);
  });

  it('compares a document it never learned with everything indexed', async () => {
    const store = createMemoryStore();
    const stage = createNearDuplicates();
    await stage.learn(doc('a', STORY), store);
    expect((await stage.run(doc('z', EDITED), store)).doc.meta.duplicateOf?.id).toBe('a');
  });

  it('leaves a text without words alone', async () => {
    const [, b] = await batch([doc('a', '— …'), doc('b', '— …')]);
    expect(b).toEqual({ action: 'keep', doc: doc('b', '— …') });
  });

  it('rejects bad options, quoting the value', () => {
    expect(() => createNearDuplicates({ threshold: 0.6 })).toThrow(
      'near-duplicates: option `threshold` must be a number >= 0.7 <= 1, got 0.6',
    );
    expect(() => createNearDuplicates({ drop: 'yes' as unknown as boolean })).toThrow(
      'near-duplicates: option `drop` must be a boolean, got "yes"',
    );
    expect(() => createNearDuplicates({ treshold: 0.9 } as NearDuplicatesOptions)).toThrow(
      'near-duplicates: unknown option "treshold"',
    );
  });
});
