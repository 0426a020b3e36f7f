/**
 * `cleanwire clean` without the terminal: inputs in, output folder written. The embedded mode:
 * no Redis, cross-document state in memory, the whole input treated as one batch.
 */
import type { Document } from '../core/document.js';
import type { Rejection } from '../core/rejection.js';
import { collectInputs } from '../ingest/inputs.js';
import type { ReadOptions } from '../ingest/read.js';
import { createOutputWriter } from '../output/writer.js';
import { passesOf, runBatch } from '../pipeline/batch.js';
import { createPipeline, type PipelineOptions } from '../pipeline/pipeline.js';
import type { PipelineStats } from '../pipeline/stats.js';
import { createMemoryStore } from '../store/memory-store.js';
import { ingestFiles } from './ingest-files.js';

export interface CleanFilesOptions extends ReadOptions {
  readonly out: string;
  /** How many files are read at once. Default 8. */
  readonly concurrency?: number;
  readonly pipeline?: PipelineOptions;
  /** Each document is its own batch: nothing learned from one document applies to another. */
  readonly isolated?: boolean;
  /** Progress: called with (done, total) as documents move through the passes. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface CleanFilesSummary {
  readonly inputs: number;
  readonly articles: number;
  readonly rejected: number;
  readonly stats: PipelineStats;
  readonly ms: number;
}

export async function cleanFiles(paths: readonly string[], options: CleanFilesOptions): Promise<CleanFilesSummary> {
  const started = performance.now();
  const stages = createPipeline(options.pipeline);
  const files = await collectInputs(paths, [options.out]);
  const { docs, rejections } = await ingestFiles(files, {
    concurrency: options.concurrency ?? 8,
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
  });
  const stats: PipelineStats = {};
  const total = docs.length * passesOf(stages).length;
  let done = 0;
  const onStep = () => options.onProgress?.(++done, total);
  const kept: Document[] = [];
  const dropped: Rejection[] = [];
  for (const batch of options.isolated ? docs.map((doc) => [doc]) : [docs]) {
    const store = createMemoryStore();
    const result = await runBatch(batch, stages, { store, stats, onStep });
    await store.close();
    kept.push(...result.kept);
    dropped.push(...result.dropped);
  }
  const writer = await createOutputWriter(options.out, { replace: true });
  // One at a time, in input order: articles.jsonl comes out the same on every run.
  for (const doc of kept) await writer.writeArticle(doc);
  for (const rejection of [...rejections, ...dropped]) await writer.writeRejection(rejection);
  return {
    inputs: files.length,
    articles: kept.length,
    rejected: rejections.length + dropped.length,
    stats,
    ms: performance.now() - started,
  };
}
