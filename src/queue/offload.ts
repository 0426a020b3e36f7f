/**
 * Text stages of queue workers run on the worker-thread pool (src/pool/, the one `clean
 * --threads` uses), so that the event loop that renews BullMQ job locks, answers SIGTERM and
 * serves /metrics never runs a stage: a long document holds one thread, not the process.
 *
 * Why the pool and not BullMQ's sandboxed processors: a segment mixes text stages with
 * cross-document stages that read and write the Redis store, and its last step goes through the
 * ledger; a sandboxed processor would need its own Redis connections, store and ledger in every
 * child, and a copy of the job each way. The pool moves only the pure part (document in,
 * outcome out), built once per thread, and everything with a connection stays here.
 */
import type { Document } from '../core/document.js';
import type { Metrics } from '../metrics/metrics.js';
import type { PipelineOptions, StageName } from '../pipeline/pipeline.js';
import { createPool } from '../pool/pool.js';
import type { Prepared, Preparer, TextRunner } from './processor.js';

/**
 * Runs once on every thread before the worker says it is ready: stage models and word lists load
 * lazily, and the first real documents should not wait for them (nor a benchmark count them).
 */
const WARM_UP =
  'Warm-up line\nThe council said on Monday that the new bridge over the river would open next summer, ' +
  'after two years of work and a final inspection by the regional office.\n';

export interface Offload {
  readonly threads: number;
  /** Runs `stages` on a small document on every thread, so that each has loaded what they need. */
  warm(stages: readonly StageName[]): Promise<void>;
  readonly run: TextRunner;
  readonly prepare: Preparer;
  /** Ends the threads; a run cut short by this rejects (the job stalls and is handed on). */
  close(): Promise<void>;
}

export function createOffload(options: {
  readonly threads: number;
  readonly pipeline: PipelineOptions;
  readonly metrics: Metrics;
}): Offload {
  const pool = createPool({ threads: options.threads, pipeline: options.pipeline, offThread: true });
  let closed = false;
  return {
    threads: pool.threads,
    async run(stages, doc: Document, gathered, next) {
      if (closed) throw new Error('worker stopping: text stages not started');
      const before = doc.changes.length;
      const { outcome, stats, prepared, ahead } = await pool.run(stages, doc, gathered, next);
      // The pool turns a thread that ended into a stage-error drop; when this process ended it,
      // the document is not at fault and must not get a rejection record.
      if (closed) throw new Error('worker stopped while the text stages ran: the job is left to another worker');
      const made = outcome.doc.changes.slice(before);
      for (const [stage, s] of Object.entries(stats)) {
        // The next stage's `prepare` is timed with that stage where it runs (instrumentStage).
        if (!(stages as readonly string[]).includes(stage)) continue;
        options.metrics.stageRan(
          stage,
          s.ms / 1000,
          made.filter((change) => change.stage === stage),
        );
      }
      // A `prepare` that threw comes back as that stage's drop of the document the text stages
      // kept (unchanged by it): keep the document, and the stage computes its part itself, as
      // it would after `prepare` below; what happens there decides.
      if (next && outcome.action === 'drop' && outcome.stage === next.stage && !stages.includes(next.stage)) {
        return { outcome: { action: 'keep', doc: outcome.doc } };
      }
      return { outcome, ...(prepared === undefined ? {} : { prepared }), ...(ahead ? { ahead } : {}) };
    },
    async prepare(next, doc): Promise<Prepared> {
      if (closed) throw new Error('worker stopping: prepare not started');
      const { outcome, prepared, ahead } = await pool.run([], doc, undefined, next);
      if (closed) throw new Error('worker stopped while a stage prepared: the job is left to another worker');
      // A prepare that threw comes back as a drop: the stage then computes its part itself, and
      // what happens there decides (a cross stage that throws is retried as transient).
      return outcome.action === 'keep'
        ? { ...(prepared === undefined ? {} : { prepared }), ...(ahead ? { ahead } : {}) }
        : {};
    },
    async warm(stages) {
      if (stages.length === 0) return;
      const doc: Document = {
        id: 'warm-up',
        source: 'warm-up.txt',
        sourceKey: 'warm-up',
        output: 'warm-up.txt',
        format: 'text',
        raw: Buffer.from(WARM_UP).toString('base64'),
        text: '',
        meta: {},
        changes: [],
      };
      // As many at once as there are threads: the pool hands each to an idle thread.
      await Promise.all(Array.from({ length: pool.threads }, () => pool.run(stages, doc)));
    },
    async close() {
      closed = true;
      await pool.close();
    },
  };
}
