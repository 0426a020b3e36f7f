/**
 * The worker-thread pool: real threads loading the TypeScript worker through its tsx bootstrap,
 * the same answers as the calling thread, and one bad task failing alone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { keep, type TextStage } from '../../src/core/stage.js';
import { createPipeline, profileStages } from '../../src/pipeline/pipeline.js';
import { runStages } from '../../src/pipeline/run.js';
import { createPool } from '../../src/pool/pool.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { makeDocument, seedDocuments } from '../support/document.js';

const seeds = seedDocuments();
// The pool runs text stages only; a store-backed stage of a profile (ligatures) stays in the main thread.
const text = new Set(createPipeline().flatMap((stage) => (stage.kind === 'text' ? [stage.name] : [])));
const stages = [...profileStages('ingest'), ...profileStages('clean'), ...profileStages('emit')].filter((name) =>
  text.has(name),
);

describe('createPool', () => {
  const threaded = createPool({ threads: 2 });
  const inline = createPool({ threads: 1 });
  afterAll(async () => {
    await threaded.close();
    await inline.close();
  });

  it('gives in worker threads what the calling thread gives, whatever order tasks finish in', async () => {
    const [a, b] = await Promise.all([
      Promise.all(seeds.map((doc) => threaded.run(stages, doc))),
      Promise.all(seeds.map((doc) => inline.run(stages, doc))),
    ]);
    expect(a.map((r) => r.outcome)).toEqual(b.map((r) => r.outcome));
    expect(a.every((r) => r.outcome.action === 'keep')).toBe(true);
    expect(a[0]?.stats.normalize?.seen).toBe(1);
  });

  it('turns a task it cannot run into a stage-error for that document only', async () => {
    const doc = seeds[0];
    if (!doc) throw new Error('no seed');
    const bad = await threaded.run(['templates' as never], doc);
    expect(bad.outcome).toMatchObject({ action: 'drop', reason: 'stage-error' });
    const good = await threaded.run(stages, doc);
    expect(good.outcome.action).toBe('keep');
  });

  it('turns a stack overflow in a stage into a stage-error, not a crash', async () => {
    const recurse = (n: number): number => recurse(n + 1) + 1;
    const overflowing: TextStage = {
      name: 'overflow',
      kind: 'text',
      run: (doc) => keep(doc, { text: String(recurse(0)) }),
    };
    const outcome = await runStages(makeDocument('text'), [overflowing], { store: createMemoryStore(), learn: false });
    expect(outcome).toMatchObject({ action: 'drop', reason: 'stage-error', stage: 'overflow' });
    expect(outcome.action === 'drop' && outcome.message).toContain('Maximum call stack size exceeded');
  });

  it('builds the stages in every thread with the options it was given, as the calling thread does', async () => {
    // A gate no seed passes: with the options lost on the way into the threads every seed was kept.
    const pipeline = { gate: { minWords: 100_000 } };
    const strictThreaded = createPool({ threads: 2, pipeline });
    const strictInline = createPool({ threads: 1, pipeline });
    try {
      const [a, b] = await Promise.all([
        Promise.all(seeds.map((doc) => strictThreaded.run(stages, doc))),
        Promise.all(seeds.map((doc) => strictInline.run(stages, doc))),
      ]);
      expect(a.map((r) => r.outcome)).toEqual(b.map((r) => r.outcome));
      expect(a.length).toBeGreaterThan(0);
      expect(a.every((r) => r.outcome.action === 'drop' && r.outcome.reason === 'no-text')).toBe(true);
    } finally {
      await strictThreaded.close();
      await strictInline.close();
    }
  });

  it('refuses a thread count that is not a positive integer, quoting it', () => {
    expect(() => createPool({ threads: 0 })).toThrow('got 0');
    expect(() => createPool({ threads: 1.5 })).toThrow('got 1.5');
  });
});
