/**
 * `cleanwire clean` without the terminal: inputs in, output folder written. The embedded mode:
 * no Redis, cross-document state in memory, the whole input treated as one batch.
 */
import type { Document } from '../core/document.js';
import { collectInputs } from '../ingest/inputs.js';
import { checkOut } from '../ingest/out-guard.js';
import type { ReadOptions } from '../ingest/read.js';
import { type Compression, createRunWriter } from '../output/run-writer.js';
import { passesOf, runBatch } from '../pipeline/batch.js';
import { createPipeline, type PipelineOptions } from '../pipeline/pipeline.js';
import type { PipelineStats } from '../pipeline/stats.js';
import { createMemoryStore } from '../store/memory-store.js';
import { ingestFiles } from './ingest-files.js';

export interface CleanFilesOptions extends ReadOptions {
  /** Output folder, or `-` for JSONL on stdout. */
  readonly out: string;
  /** `gz`: articles.jsonl.gz (or gzipped stdout). */
  readonly compress?: Compression;
  /** `out` may lie inside an input folder: it is left out of the walk. */
  readonly allowOutInside?: boolean;
  /** How many files are read at once. Default 8. */
  readonly concurrency?: number;
  readonly pipeline?: PipelineOptions;
  /** Progress, as documents move through the passes. */
  readonly onProgress?: (progress: CleanProgress) => void;
}

export interface CleanProgress {
  /** Document steps done and to do (documents × passes): the work. */
  readonly steps: number;
  readonly totalSteps: number;
  /** Documents through every pass, of all documents read. */
  readonly docs: number;
  readonly totalDocs: number;
  /** Input bytes of the documents done, of all documents read. */
  readonly bytes: number;
  readonly totalBytes: number;
}

/** The input bytes a document came from: its raw bytes, or its record's text. */
const bytesOf = (doc: Document): number =>
  doc.raw ? Buffer.byteLength(doc.raw, 'base64') : Buffer.byteLength(doc.text);

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
  await checkOut(paths, options.out, { allowInside: options.allowOutInside ?? false });
  const files = await collectInputs(paths, [options.out]);
  const { out, compress, allowOutInside, concurrency, pipeline, onProgress, ...read } = options;
  const { docs, rejections } = await ingestFiles(files, { ...read, concurrency: concurrency ?? 8 });
  const store = createMemoryStore();
  const stats: PipelineStats = {};
  const passes = passesOf(stages).length;
  const totalSteps = docs.length * passes;
  // Bytes of the first N documents: the last pass finishes documents in input order.
  const bytesBefore = [0];
  for (const doc of docs) bytesBefore.push((bytesBefore.at(-1) ?? 0) + bytesOf(doc));
  let steps = 0;
  const { kept, dropped } = await runBatch(docs, stages, {
    store,
    stats,
    onStep: () => {
      steps++;
      if (!options.onProgress) return;
      const finished = Math.max(0, steps - (passes - 1) * docs.length);
      options.onProgress({
        steps,
        totalSteps,
        docs: finished,
        totalDocs: docs.length,
        bytes: bytesBefore[finished] ?? 0,
        totalBytes: bytesBefore.at(-1) ?? 0,
      });
    },
  });
  await store.close();
  const writer = await createRunWriter(out, compress ? { compress } : {});
  // One at a time, in input order: articles.jsonl comes out the same on every run.
  for (const doc of kept) await writer.writeArticle(doc);
  for (const rejection of [...rejections, ...dropped]) await writer.writeRejection(rejection);
  await writer.close();
  return {
    inputs: files.length,
    articles: kept.length,
    rejected: rejections.length + dropped.length,
    stats,
    ms: performance.now() - started,
  };
}
