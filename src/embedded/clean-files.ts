/**
 * `cleanwire clean` without the terminal: inputs in, output folder written. The embedded mode:
 * no Redis, cross-document state in memory, the whole input treated as one batch, streamed.
 *
 * Memory does not grow with the corpus: documents flow through the phases of src/embedded/
 * phases.ts in input order, a small window of them at a time, and wait between phases in the
 * spill (64 MiB in memory, then files in a hidden folder of the output folder, removed at the
 * end). What grows is bounded by the store's limits and by the inputs duplicate detection
 * remembers (src/embedded/ingest-stream.ts).
 *
 * Output is what the in-memory batch (src/pipeline/batch.ts) writes, byte for byte: articles in
 * input order; rejections of inputs first (read failures, duplicates), then those of stages, in
 * input order. Articles appear as the last phase finishes each one, so an interrupted run keeps
 * them, and `resume` skips what is already written.
 *
 * Nothing about one input stops the run: a stage that throws (stack overflow included), a worker
 * that dies or a file that cannot be written becomes that document's rejection.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document } from '../core/document.js';
import { OptionError } from '../core/options.js';
import type { Rejection } from '../core/rejection.js';
import { streamInputs } from '../ingest/inputs.js';
import { checkOut } from '../ingest/out-guard.js';
import type { ReadOptions } from '../ingest/read.js';
import { type Compression, createRunWriter, STDOUT } from '../output/run-writer.js';
import { ATOMIC_TMP } from '../output/writer.js';
import { createPipeline, type PipelineOptions } from '../pipeline/pipeline.js';
import type { PipelineStats } from '../pipeline/stats.js';
import { createPool } from '../pool/pool.js';
import { createMemoryStore } from '../store/memory-store.js';
import { ingestStream } from './ingest-stream.js';
import { phasesOf } from './phases.js';
import { readWritten, rejectionKey, type Written } from './resume.js';
import type { SpillBudget } from './spill.js';
import { DEFAULT_SPILL_MEMORY, type Engine, type Item, streamPhases } from './stream-batch.js';

export interface CleanFilesOptions extends ReadOptions {
  /** Output folder, or `-` for JSONL on stdout. */
  readonly out: string;
  /** `gz`: articles.jsonl.gz (or gzipped stdout). */
  readonly compress?: Compression;
  /** `out` may lie inside an input folder: it is left out of the walk. */
  readonly allowOutInside?: boolean;
  /** How many files are read at once. Default 8. */
  readonly concurrency?: number;
  /** Worker threads for the text stages; 1 runs them in this thread. Default: the number of cores. */
  readonly threads?: number;
  /** Keep what an earlier run wrote to `out` and skip its documents. Default false. */
  readonly resume?: boolean;
  readonly pipeline?: PipelineOptions;
  /** Each document is its own batch: nothing learned from one document applies to another. Default false. */
  readonly isolated?: boolean;
  /** Bytes of documents a phase keeps in memory for the next before it spills to disk. Default 64 MiB. */
  readonly spillMemory?: number;
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
  doc.raw === undefined
    ? Buffer.byteLength(doc.text)
    : typeof doc.raw === 'string'
      ? Buffer.byteLength(doc.raw, 'base64')
      : doc.raw.byteLength;

export interface CleanFilesSummary {
  readonly inputs: number;
  readonly articles: number;
  readonly rejected: number;
  /** Records an earlier run had written (with `resume`), included in `articles` and `rejected`. */
  readonly resumed: number;
  readonly stats: PipelineStats;
  readonly ms: number;
}

export async function cleanFiles(paths: readonly string[], options: CleanFilesOptions): Promise<CleanFilesSummary> {
  const started = performance.now();
  const batchPhases = phasesOf(createPipeline(options.pipeline));
  // Isolated, no document waits for the others: every step runs in one phase, learning as it goes.
  const phases = options.isolated ? [{ steps: batchPhases.flatMap((phase) => phase.steps) }] : batchPhases;
  const toStdout = options.out === STDOUT;
  if (toStdout && options.resume) throw new OptionError('--resume needs an output folder, not --out -');
  await checkOut(paths, options.out, { allowInside: options.allowOutInside ?? false });
  const inputs = streamInputs(paths, toStdout ? [] : [options.out]);
  // Checks the named paths (a usage error) before anything is created or replaced.
  const first = await inputs.next();
  const written: Written = options.resume
    ? await readWritten(options.out)
    : { articles: new Set(), rejections: new Set() };
  const writer = await createRunWriter(options.out, {
    ...(options.compress ? { compress: options.compress } : {}),
    replace: !options.resume,
  });
  // Spill files beside the output (same disk, removed at the end); in the temp folder for stdout.
  const spillRoot = toStdout ? tmpdir() : options.out;
  if (!toStdout) await removeStaleSpills(spillRoot);
  // A run killed while writing an article left its temporary file: no reader may take it for one.
  if (options.resume) await removeAtomicLeftovers(options.out);
  const spillDir = await mkdtemp(join(spillRoot, SPILL_PREFIX));
  const spillBudget: SpillBudget = { left: options.spillMemory ?? DEFAULT_SPILL_MEMORY };
  const pool = createPool({
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    ...(options.pipeline ? { pipeline: options.pipeline } : {}),
  });
  const store = createMemoryStore();
  const engine: Engine = { pool, store, stats: {}, isolated: options.isolated ?? false, crossErrors: 'reject' };
  const counts = { inputs: 0, articles: 0, rejected: 0, resumed: 0, docs: 0, done: 0, finished: 0 };
  const bytes = { read: 0, finished: 0 };
  // Input bytes of the documents read and not yet finished, in input order (the order the last
  // phase finishes them in): what a document weighed when read, not what is left of it.
  let sizes: number[] = [];
  let nextSize = 0;
  const finishedSize = () => {
    const size = sizes[nextSize++] ?? 0;
    if (nextSize > 4096) {
      sizes = sizes.slice(nextSize);
      nextSize = 0;
    }
    return size;
  };
  // Wide enough for the pool to batch (src/pool/pool.ts): documents wait in batches, not one by one.
  const window = Math.max(8, pool.threads * 32);
  // Steps (documents × phases) measure the work; documents and bytes count what went all the way.
  const progress = () => {
    counts.done++;
    options.onProgress?.({
      steps: counts.done,
      totalSteps: counts.docs * phases.length,
      docs: counts.finished,
      totalDocs: counts.docs,
      bytes: bytes.finished,
      totalBytes: bytes.read,
    });
  };

  const reject = async (rejection: Rejection) => {
    counts.rejected++;
    if (written.rejections.has(rejectionKey(rejection))) counts.resumed++;
    else await writer.writeRejection(rejection);
  };
  // With --resume: a document whose article or rejection is already written skips the last phase.
  const wasWritten = (doc: Document) => written.articles.has(doc.id) || written.rejections.has(rejectionKey(doc));
  const emit = async (item: Item) => {
    counts.finished++;
    bytes.finished += finishedSize();
    if ('rejection' in item) return reject(item.rejection);
    if (wasWritten(item.doc)) {
      counts.resumed++;
      if (written.articles.has(item.doc.id)) counts.articles++;
      else counts.rejected++;
      return;
    }
    counts.articles++;
    try {
      await writer.writeArticle(item.doc);
    } catch (error) {
      counts.articles--;
      await reject({
        source: item.doc.source,
        reason: 'unwritable',
        message: (error as Error).message,
        id: item.doc.id,
      });
    }
  };

  try {
    // Phase 0's source: the inputs, whose own rejections are written at once (they come first).
    const fromInputs = async function* (): AsyncGenerator<Item> {
      const all = (async function* () {
        if (!first.done) yield first.value;
        yield* inputs;
      })();
      const {
        out,
        compress,
        allowOutInside,
        concurrency,
        threads,
        resume,
        pipeline,
        isolated,
        spillMemory,
        onProgress,
        ...read
      } = options;
      for await (const item of ingestStream(all, { ...read, concurrency: concurrency ?? 8 }, counts)) {
        if ('rejection' in item) await reject(item.rejection);
        else {
          counts.docs++;
          const size = bytesOf(item.doc);
          bytes.read += size;
          sizes.push(size);
          yield item;
        }
      }
    };
    await streamPhases(
      fromInputs(),
      {
        phases,
        engine,
        window,
        spillDir,
        spillBudget,
        skipLast: (item) => 'doc' in item && wasWritten(item.doc),
        onStep: progress,
      },
      emit,
    );
  } finally {
    await writer.close();
    await pool.close();
    await store.close();
    await rm(spillDir, { recursive: true, force: true });
  }
  return {
    inputs: counts.inputs,
    articles: counts.articles,
    rejected: counts.rejected,
    resumed: counts.resumed,
    stats: engine.stats,
    ms: performance.now() - started,
  };
}

const SPILL_PREFIX = '.cleanwire-spill-';

/** Temporary article files a killed run left behind (`writeFileAtomic`'s names), anywhere under `out`. */
async function removeAtomicLeftovers(out: string): Promise<void> {
  for (const entry of await readdir(out, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && ATOMIC_TMP.test(entry.name)) await rm(join(entry.parentPath, entry.name), { force: true });
  }
}

/** Spill folders a killed run left behind (a crash cannot clean up): never read, only removed. */
async function removeStaleSpills(out: string): Promise<void> {
  for (const name of await readdir(out)) {
    if (name.startsWith(SPILL_PREFIX)) await rm(join(out, name), { recursive: true, force: true });
  }
}
