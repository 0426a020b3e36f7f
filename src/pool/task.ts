/**
 * What crosses the thread boundary between the pool and its workers: plain JSON (documents, a
 * list of stage names, per-stage counters), so the same messages could travel as queue payloads.
 *
 * A task carries a batch of documents: one message each way per batch, not per document, since
 * a message's fixed cost (posting, waking the thread, the worker's bookkeeping) is of the order
 * of a short document's cleaning. Documents travel without the change records they already have
 * (text stages never read earlier records, only append): the worker sends back the records its
 * stages added, and the pool puts the two lists back together (`rejoin`).
 */
import type { Document } from '../core/document.js';
import { createPipeline, type PipelineOptions, type StageName } from '../pipeline/pipeline.js';
import { type RunOutcome, runStages } from '../pipeline/run.js';
import type { PipelineStats } from '../pipeline/stats.js';
import { createMemoryStore } from '../store/memory-store.js';

export interface PoolTask {
  readonly stages: readonly StageName[];
  readonly docs: readonly Document[];
}

export interface PoolOutcome {
  readonly outcome: RunOutcome;
  /** Counters and times of this document's stages only: the caller adds them up. */
  readonly stats: PipelineStats;
}

/** The document as it travels to a worker: its change records stay behind. */
export const withoutChanges = (doc: Document): Document => (doc.changes.length ? { ...doc, changes: [] } : doc);

/** A worker's outcome for `sent`, with the records `sent` had put back before the new ones. */
export function rejoin(sent: Document, result: PoolOutcome): PoolOutcome {
  if (sent.changes.length === 0) return result;
  const { outcome } = result;
  const changes = [...sent.changes, ...outcome.doc.changes];
  return { ...result, outcome: { ...outcome, doc: { ...outcome.doc, changes } } };
}

/**
 * Runs text stages by name on a batch of documents. Built once per thread: stage factories
 * validate their options and load their models (franc, word lists) once, not per document.
 */
export function createTaskRunner(options: PipelineOptions = {}): (task: PoolTask) => Promise<PoolOutcome[]> {
  const byName = new Map(createPipeline(options).map((stage) => [stage.name, stage]));
  // Text stages never touch the store; runStages wants one all the same.
  const store = createMemoryStore();
  return async ({ stages: names, docs }) => {
    const stages = names.map((name) => {
      const stage = byName.get(name);
      if (stage?.kind !== 'text') throw new Error(`not a text stage: ${JSON.stringify(name)}`);
      return stage;
    });
    const results: PoolOutcome[] = [];
    for (const doc of docs) {
      const stats: PipelineStats = {};
      const outcome = await runStages(doc, stages, { store, learn: false, stats });
      results.push({ outcome, stats });
    }
    return results;
  };
}
