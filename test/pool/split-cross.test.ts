/**
 * A split cross stage on the pool: the store read (`gather`) in this thread, the pure part
 * (`apply`) in a worker thread, with the outcome, counters and stage-error drops `run` gives here.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import { runStages } from '../../src/pipeline/run.js';
import { createPool } from '../../src/pool/pool.js';
import { createLigatures } from '../../src/stages/ligatures.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { makeDocument } from '../support/document.js';

// Words with a ligature split by extraction, and other documents that spell them unbroken.
const teachers = [
  makeDocument('The conflict over the offshore wind farm was settled after a long inquiry.', { id: 't1' }),
  makeDocument('Officials said the different proposals were difficult to compare.', { id: 't2' }),
];
const damaged = [
  makeDocument('The confl ict over the offshore wind farm went on. Officials said it was di fferent.', { id: 'd1' }),
  makeDocument('A diffi cult year: the offi cials said “no” and the confl ict stayed.', { id: 'd2' }),
  makeDocument('Nothing to repair in this one, a plain line of text about the river.', { id: 'd3' }),
];

describe('a split cross stage on the pool', () => {
  const threaded = createPool({ threads: 2 });
  afterAll(() => threaded.close());
  const stage = createLigatures();

  async function learned() {
    const store = createMemoryStore();
    for (const doc of [...teachers, ...damaged]) await stage.learn(doc, store);
    return store;
  }

  it('gives in a worker thread what run gives in this one, from what gather read', async () => {
    const store = await learned();
    const gather = stage.gather;
    if (!gather) throw new Error('ligatures is not split');
    const gathered = await Promise.all(damaged.map((doc) => gather(doc, store)));
    const here = await Promise.all(damaged.map((doc) => runStages(doc, [stage], { store, learn: false })));
    // All in one turn: the documents go to the threads as batches, each with its own value.
    const there = await Promise.all(damaged.map((doc, i) => threaded.run(['ligatures'], doc, gathered[i] ?? null)));
    expect(there.map((r) => r.outcome)).toEqual(here);
    // The store's evidence was used: a join other documents vouch for.
    expect(gathered[0]).toContain('conflict');
    const changes = there.flatMap((r) => r.outcome.doc.changes);
    expect(changes.some((c) => c.rule === 'split-ligature')).toBe(true);
    expect(there.every((r) => r.stats.ligatures?.seen === 1)).toBe(true);
  });

  it('turns an apply that throws into a stage-error drop of that document only', async () => {
    // Hostile: a document whose text is not a string makes the repair throw.
    const broken = { ...makeDocument('', { id: 'bad' }), text: 42 } as unknown as Document;
    const docs = [damaged[0], broken, damaged[1]] as Document[];
    const there = await Promise.all(docs.map((doc) => threaded.run(['ligatures'], doc, [])));
    expect(there[1]?.outcome).toMatchObject({ action: 'drop', reason: 'stage-error', stage: 'ligatures' });
    expect(there[1]?.outcome.action === 'drop' && there[1].outcome.message).toMatch(/^ligatures: /);
    expect(there[1]?.stats.ligatures).toMatchObject({ seen: 1, dropped: 1 });
    for (const i of [0, 2]) {
      const doc = docs[i] as Document;
      // Nothing gathered: what run gives against a store no other document taught.
      expect(there[i]?.outcome).toEqual(await runStages(doc, [stage], { store: createMemoryStore(), learn: false }));
      expect(there[i]?.outcome.action).toBe('keep');
    }
  });

  it('refuses gathered values when the first stage is not a split cross stage, for that document only', async () => {
    const doc = damaged[2] as Document;
    const bad = await threaded.run(['normalize', 'ligatures'], doc, []);
    expect(bad.outcome).toMatchObject({ action: 'drop', reason: 'stage-error' });
    const good = await threaded.run(['ligatures', 'normalize'], doc, []);
    expect(good.outcome.action).toBe('keep');
  });
});
