/**
 * A cross stage's `prepare` on the pool (src/core/stage.ts): the value a worker thread computes is
 * the one the calling thread computes, learn and run decide the same with it as without it, a
 * value of the wrong shape is recomputed, and a document whose `prepare` throws is a stage-error
 * drop of that document only.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import type { CrossStage, Gathered } from '../../src/core/stage.js';
import { createPipeline, type StageName } from '../../src/pipeline/pipeline.js';
import { runStages } from '../../src/pipeline/run.js';
import { createPool, type Prepare } from '../../src/pool/pool.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { CrossDocumentStore } from '../../src/store/store.js';
import { makeDocument, seedDocuments } from '../support/document.js';

const seeds = seedDocuments({ sourceKey: 'seeds' });
const BEFORE: StageName[] = ['decode', 'html', 'pages', 'normalize', 'unwrap', 'boilerplate', 'repeats'];
// One site's pages: a line printed on all of them (a template), each with its own article.
const siteDocs = ['river', 'bridge', 'harbour', 'market'].map((topic, i) =>
  makeDocument(
    `Council Votes on the New ${topic} Plan\nThe ${topic} plan passed on ${i + 2} May after a long debate about costs and timing.\nFollow Site News on Google News`,
    { id: `site-${topic}`, sourceKey: 'site' },
  ),
);
const preparing = createPipeline().filter((s): s is CrossStage => s.kind === 'cross' && s.prepare !== undefined);

const prepareOf = (stage: CrossStage): Prepare => ({
  stage: stage.name as StageName,
  fromChanges: stage.preparesFromChanges ?? false,
});

/** Every document learned, then run, against a fresh store; `given` hands each its prepared value. */
async function learnAndRun(stage: CrossStage, docs: readonly Document[], given: (i: number) => Gathered | undefined) {
  const store: CrossDocumentStore = createMemoryStore();
  for (const [i, doc] of docs.entries()) await stage.learn(doc, store, given(i));
  const outcomes = [];
  for (const [i, doc] of docs.entries()) {
    const value = given(i);
    const prepared = value === undefined ? {} : { prepared: { stage: stage.name, value } };
    outcomes.push(await runStages(doc, [stage], { store, learn: false, ...prepared }));
  }
  await store.close();
  return outcomes;
}

describe('prepare on the pool', () => {
  const threaded = createPool({ threads: 2 });
  afterAll(() => threaded.close());

  it('covers the cross stages whose own reading of a document is costly', () => {
    expect(preparing.map((s) => s.name).sort()).toEqual(['headlines', 'ligatures', 'near-duplicates', 'templates']);
  });

  it('gives in a worker thread what prepare gives here, with the stages run in the same task', async () => {
    const plain = await Promise.all(seeds.map((doc) => threaded.run(BEFORE, doc)));
    for (const stage of preparing) {
      const there = await Promise.all(seeds.map((doc) => threaded.run(BEFORE, doc, undefined, prepareOf(stage))));
      expect(there.map((r) => r.outcome)).toEqual(plain.map((r) => r.outcome));
      for (const result of there) {
        expect(result.outcome.action).toBe('keep');
        expect(result.prepared).toEqual(stage.prepare?.(result.outcome.doc));
      }
    }
  });

  it('learns and runs the same with the prepared values as without them', async () => {
    const cleaned = await Promise.all(seeds.map((doc) => threaded.run(BEFORE, doc)));
    const docs = [...cleaned.map((r) => r.outcome.doc), ...siteDocs];
    for (const stage of preparing) {
      const values = await Promise.all(docs.map((doc) => threaded.run([], doc, undefined, prepareOf(stage))));
      // A task with only a prepare hands back the very document it was given.
      values.forEach((v, i) => {
        expect(v.outcome.doc).toBe(docs[i]);
      });
      const without = await learnAndRun(stage, docs, () => undefined);
      const withPrepared = await learnAndRun(stage, docs, (i) => values[i]?.prepared);
      expect(withPrepared).toEqual(without);
    }
    // The documents exercise the stages: templates finds the line the site prints on every page.
    const templates = preparing.find((s) => s.name === 'templates') as CrossStage;
    const outcomes = await learnAndRun(templates, siteDocs, () => undefined);
    expect(outcomes.every((o) => o.doc.changes.some((c) => c.rule === 'source-template'))).toBe(true);
  });

  it('recomputes a prepared value of the wrong shape (hostile or stale): the same decisions', async () => {
    const cleaned = await Promise.all(seeds.map((doc) => threaded.run(BEFORE, doc)));
    const docs = [...cleaned.map((r) => r.outcome.doc), ...siteDocs];
    const hostile: Gathered[] = [
      {},
      [],
      'x',
      42,
      true,
      { lines: 'no', signature: null, keys: [] },
      { keys: [1, 2], lines: [], signature: { minhashes: [1], exact: 'e' } },
      { vocabulary: [1], queries: 'q' },
      { learned: 5, own: null, keys: [], linked: [] },
      { minhashes: ['a'], exact: 3 },
      { minhashes: Array.from({ length: 64 }, () => -1), exact: 'x' },
    ];
    for (const stage of preparing) {
      const without = await learnAndRun(stage, docs, () => undefined);
      for (const value of hostile) {
        expect(await learnAndRun(stage, docs, () => value)).toEqual(without);
      }
      // A value prepared for another document (stale: other lines) is not taken for this one's.
      if (stage.name === 'templates' || stage.name === 'headlines') {
        const other = stage.prepare?.(makeDocument('One line only'));
        expect(await learnAndRun(stage, docs, () => other)).toEqual(without);
      }
    }
  });

  it('turns a prepare that throws into a stage-error drop of that document only', async () => {
    // Hostile: a document whose text is not a string (but has a length) makes every prepare throw.
    const broken = { ...makeDocument('', { id: 'bad' }), text: { length: 1 } } as unknown as Document;
    const good = makeDocument('A plain line about the river.\nAnother line about the bridge over it.', { id: 'ok' });
    for (const stage of preparing) {
      const results = await Promise.all(
        [good, broken, good].map((doc) => threaded.run([], doc, undefined, prepareOf(stage))),
      );
      expect(results[1]?.outcome).toMatchObject({ action: 'drop', reason: 'stage-error', stage: stage.name });
      expect(results[1]?.outcome.action === 'drop' && results[1].outcome.message).toMatch(
        new RegExp(`^${stage.name}: `),
      );
      for (const i of [0, 2]) {
        expect(results[i]?.outcome).toEqual({ action: 'keep', doc: good });
        expect(results[i]?.prepared).toEqual(stage.prepare?.(good));
      }
    }
  });

  it('refuses to prepare for a stage without prepare, for that document only', async () => {
    const doc = makeDocument('Some text.');
    const bad = await threaded.run([], doc, undefined, { stage: 'normalize', fromChanges: false });
    expect(bad.outcome).toMatchObject({ action: 'drop', reason: 'stage-error' });
    const ok = await threaded.run([], doc, undefined, { stage: 'near-duplicates', fromChanges: false });
    expect(ok.outcome.action).toBe('keep');
  });
});
