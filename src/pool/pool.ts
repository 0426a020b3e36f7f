/**
 * A pool of worker threads for the per-document CPU work (the text stages), behind one small
 * interface so that the CLI batch and, later, queue workers share it:
 *
 *   const pool = createPool({ threads: 2, pipeline });
 *   const { outcome, stats } = await pool.run(['normalize', 'unwrap'], doc);
 *   await pool.close();
 *
 * `threads: 1` runs in the calling thread (no worker, no copy). Documents cross the thread
 * boundary as plain JSON values; results come back in whatever order threads finish, so callers
 * that need input order keep it themselves (src/embedded/ordered.ts).
 *
 * A worker that dies (out of memory, a crash in native code) fails only its task: the outcome
 * is a `stage-error` drop, Tinypool starts a new thread, and the run goes on.
 */
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import type { Document } from '../core/document.js';
import { drop } from '../core/stage.js';
import type { PipelineOptions, StageName } from '../pipeline/pipeline.js';
import { createTaskRunner, type PoolOutcome, type PoolTask } from './task.js';

export type { PoolOutcome, PoolTask };

export interface PoolOptions {
  /** Threads; 1 runs in the calling thread. Default: the number of cores. */
  readonly threads?: number;
  readonly pipeline?: PipelineOptions;
  /**
   * Run even a single thread off the calling thread (queue workers: their event loop renews job
   * locks and answers SIGTERM, so no stage may hold it). Default false: `threads: 1` runs inline.
   */
  readonly offThread?: boolean;
}

export interface DocumentPool {
  readonly threads: number;
  /** Runs the named text stages, in the order given, on one document. Never rejects. */
  run(stages: readonly StageName[], doc: Document): Promise<PoolOutcome>;
  close(): Promise<void>;
}

export function defaultThreads(): number {
  return availableParallelism();
}

/**
 * The worker file beside this module, with this module's own extension: `.ts` under tsx or
 * vitest (loaded through a bootstrap that registers tsx in the thread), `.js` once compiled.
 */
function workerEntry(): string {
  const self = import.meta.url;
  return self.endsWith('.ts') ? new URL('./tsx-worker.mjs', self).href : new URL('./worker.js', self).href;
}

function crashed(doc: Document, stages: readonly StageName[], error: unknown): PoolOutcome {
  const message = error instanceof Error ? error.message : String(error);
  const outcome = drop(doc, 'stage-error', `worker: ${message}`);
  return { outcome: { ...outcome, stage: stages.join(',') } as PoolOutcome['outcome'], stats: {} };
}

export function createPool(options: PoolOptions = {}): DocumentPool {
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1)
    throw new RangeError(`threads must be a positive integer, got ${JSON.stringify(threads)}`);
  if (threads === 1 && !options.offThread) {
    const run = createTaskRunner(options.pipeline);
    return {
      threads,
      run: (stages, doc) => run({ stages, doc }).catch((error: unknown) => crashed(doc, stages, error)),
      close: async () => {},
    };
  }
  const pool = new Tinypool({
    filename: workerEntry(),
    minThreads: threads,
    maxThreads: threads,
    workerData: { pipeline: options.pipeline ?? {} },
  });
  return {
    threads,
    run: (stages, doc) =>
      (pool.run({ stages, doc } satisfies PoolTask) as Promise<PoolOutcome>).catch((error: unknown) =>
        crashed(doc, stages, error),
      ),
    close: () => pool.destroy(),
  };
}
