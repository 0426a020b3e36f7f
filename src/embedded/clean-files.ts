/**
 * `cleanwire clean` without the terminal: inputs in, output folder written. The embedded mode:
 * no Redis, cross-document state in memory, the whole input treated as one batch, streamed.
 *
 * Memory does not grow with the corpus: documents flow through the phases of src/embedded/
 * phases.ts in input order, a small window of them at a time, and wait between phases in spill
 * files on disk (in a hidden folder of the output folder, removed at the end). What grows is
 * bounded by the store's limits, plus an id per input for duplicate detection.
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
import { join } from 'node:path';
import type { Document } from '../core/document.js';
import type { Rejection } from '../core/rejection.js';
import type { CrossStage } from '../core/stage.js';
import { drop } from '../core/stage.js';
import { streamInputs } from '../ingest/inputs.js';
import type { ReadOptions } from '../ingest/read.js';
import { createOutputWriter } from '../output/writer.js';
import { rejectionOf } from '../pipeline/batch.js';
import { createPipeline, type PipelineOptions, type StageName } from '../pipeline/pipeline.js';
import { type RunOutcome, runStages } from '../pipeline/run.js';
import { emptyStats, type PipelineStats } from '../pipeline/stats.js';
import { createPool, type DocumentPool } from '../pool/pool.js';
import { createMemoryStore } from '../store/memory-store.js';
import type { CrossDocumentStore } from '../store/store.js';
import { type IngestItem, ingestStream } from './ingest-stream.js';
import { orderedMap } from './ordered.js';
import { phasesOf, type Step } from './phases.js';
import { readWritten, rejectionKey, type Written } from './resume.js';
import { createSpillWriter, readSpill } from './spill.js';

export interface CleanFilesOptions extends ReadOptions {
  readonly out: string;
  /** How many files are read at once. Default 8. */
  readonly concurrency?: number;
  /** Worker threads for the text stages; 1 runs them in this thread. Default: the number of cores. */
  readonly threads?: number;
  /** Keep what an earlier run wrote to `out` and skip its documents. Default false. */
  readonly resume?: boolean;
  readonly pipeline?: PipelineOptions;
  /** Each document is its own batch: nothing learned from one document applies to another. Default false. */
  readonly isolated?: boolean;
  /** Progress: called with (done, total) steps as documents move through the phases; total grows while inputs are found. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface CleanFilesSummary {
  readonly inputs: number;
  readonly articles: number;
  readonly rejected: number;
  /** Records an earlier run had written (with `resume`), included in `articles` and `rejected`. */
  readonly resumed: number;
  readonly stats: PipelineStats;
  readonly ms: number;
}

/** What travels between phases: a live document, or the rejection a stage turned it into. */
type Item = IngestItem;

function addStats(into: PipelineStats, from: PipelineStats): void {
  for (const [name, s] of Object.entries(from)) {
    const t = into[name] ?? emptyStats();
    into[name] = t;
    t.seen += s.seen;
    t.dropped += s.dropped;
    t.changed += s.changed;
    t.changes += s.changes;
    t.ms += s.ms;
  }
}

function failed(doc: Document, stage: string, error: unknown): RunOutcome {
  const message = `${stage}: ${error instanceof Error ? error.message : String(error)}`;
  return { ...(drop(doc, 'stage-error', message) as Extract<RunOutcome, { action: 'drop' }>), stage };
}

interface Engine {
  readonly pool: DocumentPool;
  readonly store: CrossDocumentStore;
  readonly stats: PipelineStats;
  /** Each document learns and runs the cross stages against a store of its own. */
  readonly isolated: boolean;
}

async function runStep(step: Step, doc: Document, engine: Engine, store: CrossDocumentStore): Promise<RunOutcome> {
  if (step.kind === 'text') {
    const names = step.stages.map((stage) => stage.name as StageName);
    const { outcome, stats } = await engine.pool.run(names, doc);
    addStats(engine.stats, stats);
    return outcome;
  }
  try {
    return await runStages(doc, [step.stage], { store, learn: engine.isolated, stats: engine.stats });
  } catch (error) {
    return failed(doc, step.stage.name, error);
  }
}

async function runSteps(steps: readonly Step[], item: Item, engine: Engine, skip: boolean): Promise<Item> {
  if ('rejection' in item || skip) return item;
  let doc = item.doc;
  // Isolated: what this document's cross stages learn is thrown away with it (as a batch of one).
  const store = engine.isolated ? createMemoryStore() : engine.store;
  try {
    for (const step of steps) {
      const outcome = await runStep(step, doc, engine, store);
      if (outcome.action === 'drop') return { rejection: rejectionOf(outcome) };
      doc = outcome.doc;
    }
    return { doc };
  } finally {
    if (engine.isolated) await store.close();
  }
}

export async function cleanFiles(paths: readonly string[], options: CleanFilesOptions): Promise<CleanFilesSummary> {
  const started = performance.now();
  const batchPhases = phasesOf(createPipeline(options.pipeline));
  // Isolated, no document waits for the others: every step runs in one phase, learning as it goes.
  const phases = options.isolated ? [{ steps: batchPhases.flatMap((phase) => phase.steps) }] : batchPhases;
  const inputs = streamInputs(paths, [options.out]);
  // Checks the named paths (a usage error) before anything is created or replaced.
  const first = await inputs.next();
  const written: Written = options.resume
    ? await readWritten(options.out)
    : { articles: new Set(), rejections: new Set() };
  const writer = await createOutputWriter(options.out, { replace: !options.resume });
  await removeStaleSpills(options.out);
  const spillDir = await mkdtemp(join(options.out, SPILL_PREFIX));
  const pool = createPool({
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    ...(options.pipeline ? { pipeline: options.pipeline } : {}),
  });
  const store = createMemoryStore();
  const engine: Engine = { pool, store, stats: {}, isolated: options.isolated ?? false };
  const counts = { inputs: 0, articles: 0, rejected: 0, resumed: 0, docs: 0, done: 0 };
  const window = Math.max(8, pool.threads * 4);
  const progress = () => options.onProgress?.(++counts.done, counts.docs * phases.length);

  const reject = async (rejection: Rejection) => {
    counts.rejected++;
    if (written.rejections.has(rejectionKey(rejection))) counts.resumed++;
    else await writer.writeRejection(rejection);
  };
  // With --resume: a document whose article or rejection is already written skips the last phase.
  const wasWritten = (doc: Document) => written.articles.has(doc.id) || written.rejections.has(rejectionKey(doc));
  const emit = async (item: Item) => {
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
      const read = {
        concurrency: options.concurrency ?? 8,
        ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
      };
      for await (const item of ingestStream(all, read, counts)) {
        if ('rejection' in item) await reject(item.rejection);
        else {
          counts.docs++;
          yield item;
        }
      }
    };
    let source: AsyncIterable<Item> = fromInputs();
    for (const [index, phase] of phases.entries()) {
      const last = index === phases.length - 1;
      const spillPath = join(spillDir, `phase-${index}.jsonl`);
      const spill = last ? undefined : createSpillWriter(spillPath);
      const skip = (item: Item) => last && 'doc' in item && wasWritten(item.doc);
      const results = orderedMap(source, (item) => runSteps(phase.steps, item, engine, skip(item)), window);
      for await (const item of results) {
        progress();
        if (spill) {
          await spill.write(phase.learner ? await learn(phase.learner, item, engine) : item);
        } else await emit(item);
      }
      if (!spill) break;
      await spill.close();
      // The previous phase's spill has been read through: only one pair is ever on disk.
      if (index > 0) await rm(join(spillDir, `phase-${index - 1}.jsonl`), { force: true });
      source = readSpill<Item>(spillPath);
    }
  } finally {
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

/** Spill folders a killed run left behind (a crash cannot clean up): never read, only removed. */
async function removeStaleSpills(out: string): Promise<void> {
  for (const name of await readdir(out)) {
    if (name.startsWith(SPILL_PREFIX)) await rm(join(out, name), { recursive: true, force: true });
  }
}

/** Feeds the next phase's cross stage, in input order; a learn that throws rejects its document. */
async function learn(learner: CrossStage, item: Item, engine: Engine): Promise<Item> {
  if ('rejection' in item) return item;
  try {
    await learner.learn(item.doc, engine.store);
    return item;
  } catch (error) {
    return { rejection: rejectionOf(failed(item.doc, learner.name, error) as Extract<RunOutcome, { action: 'drop' }>) };
  }
}
