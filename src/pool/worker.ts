/**
 * The pool's worker entry: one per thread. Tinypool imports it and calls the default export once
 * per task (a batch of documents); the pipeline options come in `workerData`, so every thread
 * builds the same stages.
 */
import { workerData } from 'node:worker_threads';
import type { PipelineOptions } from '../pipeline/pipeline.js';
import { createTaskRunner, type PoolOutcome, type PoolTask } from './task.js';

const run = createTaskRunner((workerData as { pipeline?: PipelineOptions } | null)?.pipeline ?? {});

export default function runTask(task: PoolTask): Promise<PoolOutcome[]> {
  return run(task);
}
