/**
 * What crosses the thread boundary between the pool and its workers: plain JSON (a document, a
 * list of stage names, per-stage counters), so the same messages could travel as queue payloads.
 */
import type { Document } from '../core/document.js';
import { createPipeline, type PipelineOptions, type StageName } from '../pipeline/pipeline.js';
import { type RunOutcome, runStages } from '../pipeline/run.js';
import type { PipelineStats } from '../pipeline/stats.js';
import { createMemoryStore } from '../store/memory-store.js';

export interface PoolTask {
  readonly stages: readonly StageName[];
  readonly doc: Document;
}

export interface PoolOutcome {
  readonly outcome: RunOutcome;
  /** Counters and times of this document's stages only: the caller adds them up. */
  readonly stats: PipelineStats;
}

/**
 * Runs text stages by name on one document. Built once per thread: stage factories validate
 * their options and load their models (franc, word lists) once, not per document.
 */
export function createTaskRunner(options: PipelineOptions = {}): (task: PoolTask) => Promise<PoolOutcome> {
  const byName = new Map(createPipeline(options).map((stage) => [stage.name, stage]));
  // Text stages never touch the store; runStages wants one all the same.
  const store = createMemoryStore();
  return async ({ stages: names, doc }) => {
    const stages = names.map((name) => {
      const stage = byName.get(name);
      if (stage?.kind !== 'text') throw new Error(`not a text stage: ${JSON.stringify(name)}`);
      return stage;
    });
    const stats: PipelineStats = {};
    const outcome = await runStages(doc, stages, { store, learn: false, stats });
    return { outcome, stats };
  };
}
