/**
 * `cleanwire learn` without the terminal: the batch `cleanwire clean` runs, streamed the same way
 * (src/embedded/stream-batch.ts), up to the last cross-document stage and against the given store
 * (Redis), writing nothing. Memory is bounded as in `clean`: a window of documents, the spill
 * budget, what the store keeps. A store that fails ends the run (the error propagates); a
 * document a text stage rejects is counted, not learned.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InputFile, WalkItem } from '../ingest/inputs.js';
import type { ReadOptions } from '../ingest/read.js';
import { createPipeline, learningStages, type PipelineOptions } from '../pipeline/pipeline.js';
import { createPool } from '../pool/pool.js';
import type { CrossDocumentStore } from '../store/store.js';
import { ingestStream } from './ingest-stream.js';
import { phasesOf } from './phases.js';
import { DEFAULT_SPILL_MEMORY, type Engine, streamPhases } from './stream-batch.js';

export interface LearnFilesOptions extends ReadOptions {
  readonly store: CrossDocumentStore;
  readonly pipeline?: PipelineOptions;
  /** How many files are read at once. Default 8. */
  readonly concurrency?: number;
  /** Worker threads for the text stages; 1 runs them in this thread. Default: the number of cores. */
  readonly threads?: number;
  /** Bytes of documents a phase keeps in memory for the next before it spills to disk. Default 64 MiB. */
  readonly spillMemory?: number;
  /** Progress: document steps done (documents × phases) and to do so far. */
  readonly onProgress?: (steps: number, totalSteps: number) => void;
}

export interface LearnFilesSummary {
  /** Documents that reached the store: through every learning stage, or dropped by a cross stage. */
  readonly learned: number;
  /** Documents read (inputs may hold several: JSONL, WARC). */
  readonly docs: number;
}

export async function learnFiles(files: readonly InputFile[], options: LearnFilesOptions): Promise<LearnFilesSummary> {
  const stages = learningStages(createPipeline(options.pipeline));
  const phases = phasesOf(stages);
  const cross = new Set(stages.filter((stage) => stage.kind === 'cross').map((stage) => stage.name));
  const pool = createPool({
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    ...(options.pipeline ? { pipeline: options.pipeline } : {}),
  });
  const engine: Engine = { pool, store: options.store, stats: {}, isolated: false, crossErrors: 'throw' };
  const spillDir = await mkdtemp(join(tmpdir(), '.cleanwire-learn-'));
  const counts = { docs: 0, learned: 0, steps: 0 };
  const walk = (async function* (): AsyncGenerator<WalkItem> {
    for (const file of files) yield { file };
  })();
  const read: ReadOptions = options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes };
  const documents = (async function* () {
    for await (const item of ingestStream(walk, { ...read, concurrency: options.concurrency ?? 8 }, { inputs: 0 })) {
      // An input that cannot be read or repeats another reaches no stage: nothing to learn.
      if ('doc' in item) {
        counts.docs++;
        yield item;
      }
    }
  })();
  try {
    await streamPhases(
      documents,
      {
        phases,
        engine,
        window: Math.max(8, pool.threads * 32),
        spillDir,
        spillBudget: { left: options.spillMemory ?? DEFAULT_SPILL_MEMORY },
        onStep: () => options.onProgress?.(++counts.steps, counts.docs * phases.length),
      },
      async (item) => {
        // A document a text stage dropped never reached the store; one a cross stage dropped did.
        if ('doc' in item || (item.rejection.stage !== undefined && cross.has(item.rejection.stage))) counts.learned++;
      },
    );
  } finally {
    await pool.close();
    await rm(spillDir, { recursive: true, force: true });
  }
  return { learned: counts.learned, docs: counts.docs };
}
