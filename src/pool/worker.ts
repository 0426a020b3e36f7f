/**
 * The pool's worker entry: one per thread. Tinypool imports it and calls the default export once
 * per task (a batch of documents); the pipeline options come in the pool's `workerData`, so every
 * thread builds the same stages. Tinypool hands a thread `[its own data, ours]` as node's
 * `workerData` and exposes ours as `Tinypool.workerData`: reading node's directly gave every thread
 * the default options, so `--config` was ignored whenever `--threads` was above 1.
 */
import Tinypool from 'tinypool';
import type { PipelineOptions } from '../pipeline/pipeline.js';
import { createTaskRunner, type PoolOutcome, type PoolTask } from './task.js';

const run = createTaskRunner((Tinypool.workerData as { pipeline?: PipelineOptions } | undefined)?.pipeline ?? {});

export default function runTask(task: PoolTask): Promise<PoolOutcome[]> {
  return run(task);
}
