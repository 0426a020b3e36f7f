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
 * Documents go to the threads in batches (src/pool/task.ts says why): a call waits in a queue
 * while every thread is busy, and a thread that becomes free takes up to `batch` of the waiting
 * documents at once. With a thread free, a document leaves in the same turn of the event loop, so a lone document is never
 * held back; batches only form when the threads are the bottleneck, which is when they pay.
 *
 * A call may also ask for a cross stage's `prepare` (src/core/stage.ts) on the document the
 * stages give: it comes back as `prepared`. With no stages to run, the document travels without
 * its span map and the caller gets back the very document it sent.
 *
 * A worker that dies (out of memory, a crash in native code) or a batch that fails as a whole
 * fails no document but its own: the batch's documents are run again one a task, and only the
 * one that fails alone becomes a `stage-error` drop. Tinypool starts a new thread; the run goes on.
 */
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import type { Document } from '../core/document.js';
import type { Gathered } from '../core/stage.js';
import { drop } from '../core/stage.js';
import type { PipelineOptions, StageName } from '../pipeline/pipeline.js';
import { createTaskRunner, type PoolOutcome, type PoolTask, rejoin, withoutChanges } from './task.js';

export type { PoolOutcome, PoolTask };

export interface PoolOptions {
  /** Threads; 1 runs in the calling thread. Default: the number of cores. */
  readonly threads?: number;
  readonly pipeline?: PipelineOptions;
  /** Most documents one message to a thread carries. Default 16. */
  readonly batch?: number;
  /**
   * Run even a single thread off the calling thread (queue workers: their event loop renews job
   * locks and answers SIGTERM, so no stage may hold it). Default false: `threads: 1` runs inline.
   */
  readonly offThread?: boolean;
}

export interface DocumentPool {
  readonly threads: number;
  /**
   * Runs the named text stages, in the order given, on one document. Never rejects. The first
   * may be a split cross stage (src/pool/task.ts): `gathered` is what its `gather` read for `doc`.
   */
  run(stages: readonly StageName[], doc: Document, gathered?: Gathered, prepare?: Prepare): Promise<PoolOutcome>;
  close(): Promise<void>;
}

/**
 * The cross stage (one with `prepare`, src/core/stage.ts) that learns next from the document: its
 * `prepare` value comes back with the outcome. `fromChanges`: it reads the change records, so
 * the document travels with them.
 */
export interface Prepare {
  readonly stage: StageName;
  readonly fromChanges: boolean;
  /**
   * Cross stages after `stage` whose `prepare` reads the text alone, computed on the same
   * document too: `ahead` in the outcome (src/pool/task.ts).
   */
  readonly ahead?: readonly StageName[];
}

/** The task fields of a `prepare` request. */
const prepareFields = (prepare: Prepare | undefined) =>
  prepare ? { prepare: prepare.stage, ...(prepare.ahead?.length ? { ahead: prepare.ahead } : {}) } : {};

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

interface Waiting {
  readonly doc: Document;
  readonly gathered: Gathered | undefined;
  readonly resolve: (result: PoolOutcome) => void;
}

export function createPool(options: PoolOptions = {}): DocumentPool {
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1)
    throw new RangeError(`threads must be a positive integer, got ${JSON.stringify(threads)}`);
  const batch = options.batch ?? 16;
  if (!Number.isInteger(batch) || batch < 1)
    throw new RangeError(`batch must be a positive integer, got ${JSON.stringify(batch)}`);
  if (threads === 1 && !options.offThread) {
    const run = createTaskRunner(options.pipeline);
    return {
      threads,
      run: (stages, doc, gathered, prepare) =>
        run({
          stages,
          docs: [doc],
          ...(gathered === undefined ? {} : { gathered: [gathered] }),
          ...prepareFields(prepare),
        }).then(
          (results) => {
            const result = results[0];
            return result ? rejoin(doc, result, stages.length === 0) : crashed(doc, stages, new Error('no result'));
          },
          (error: unknown) => crashed(doc, stages, error),
        ),
      close: async () => {},
    };
  }
  const pool = new Tinypool({
    filename: workerEntry(),
    minThreads: threads,
    maxThreads: threads,
    workerData: { pipeline: options.pipeline ?? {} },
  });
  const send = (stages: readonly StageName[], taken: readonly Waiting[], prepare: Prepare | undefined) => {
    const docs = taken.map((w) => {
      const doc = prepare?.fromChanges ? w.doc : withoutChanges(w.doc);
      // Only a `prepare` to run: the document comes back as it went, so its span map stays here.
      if (stages.length > 0 || doc.spanMap === undefined) return doc;
      const { spanMap: _kept, ...rest } = doc;
      return rest;
    });
    const task: PoolTask = { stages, docs, ...prepareFields(prepare) };
    // A queue holds documents all with or all without gathered values (see its key below).
    const gathered = taken.flatMap((w) => (w.gathered === undefined ? [] : [w.gathered]));
    return pool.run(gathered.length > 0 ? { ...task, gathered } : task) as Promise<PoolOutcome[]>;
  };

  // Documents waiting for a thread, by stage list (a batch runs one list of stages).
  const queues = new Map<string, { stages: readonly StageName[]; prepare: Prepare | undefined; waiting: Waiting[] }>();
  let busy = 0;
  let scheduled = false;
  const dispatch = () => {
    for (const queue of queues.values()) {
      while (busy < threads && queue.waiting.length > 0) {
        const taken = queue.waiting.splice(0, batch);
        busy++;
        void runBatch(queue.stages, queue.prepare, taken).finally(() => {
          busy--;
          dispatch();
        });
      }
    }
  };
  const runBatch = async (stages: readonly StageName[], prepare: Prepare | undefined, taken: readonly Waiting[]) => {
    try {
      const results = await send(stages, taken, prepare);
      taken.forEach((w, i) => {
        const result = results[i];
        w.resolve(result ? rejoin(w.doc, result, stages.length === 0) : crashed(w.doc, stages, new Error('no result')));
      });
    } catch (error) {
      if (taken.length === 1) {
        const [only] = taken;
        if (only) only.resolve(crashed(only.doc, stages, error));
        return;
      }
      // Which document broke the batch is unknown: each runs again alone, so only it fails.
      for (const w of taken) {
        await send(stages, [w], prepare).then(
          (results) => {
            const result = results[0];
            w.resolve(
              result ? rejoin(w.doc, result, stages.length === 0) : crashed(w.doc, stages, new Error('no result')),
            );
          },
          (alone: unknown) => w.resolve(crashed(w.doc, stages, alone)),
        );
      }
    }
  };
  return {
    threads,
    run: (stages, doc, gathered, prepare) =>
      new Promise<PoolOutcome>((resolve) => {
        const prepared = prepare
          ? ` prepare ${prepare.stage}${prepare.fromChanges ? ' changes' : ''}${prepare.ahead?.length ? ` ahead ${prepare.ahead.join(',')}` : ''}`
          : '';
        const key = `${stages.join(',')}${gathered === undefined ? '' : ' gathered'}${prepared}`;
        let queue = queues.get(key);
        if (!queue) {
          queue = { stages: [...stages], prepare, waiting: [] };
          queues.set(key, queue);
        }
        queue.waiting.push({ doc, gathered, resolve });
        // Calls made before the event loop turns join one batch when a thread is free: a caller
        // whose documents each pass a few promises first (a cross stage's store read) would
        // otherwise send them one a task, and a task's fixed cost is that of a short document.
        if (busy < threads && !scheduled) {
          scheduled = true;
          setImmediate(() => {
            scheduled = false;
            dispatch();
          });
        }
      }),
    close: () => pool.destroy(),
  };
}
