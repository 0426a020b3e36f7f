/**
 * The streamed batch engine shared by `cleanwire clean` (src/embedded/clean-files.ts) and
 * `cleanwire learn` (src/embedded/learn-files.ts): documents flow through the phases of
 * src/embedded/phases.ts in input order, a window of them at a time, text stages on the worker
 * pool, cross stages in this thread against the store; between phases they wait in a spill
 * (memory up to a budget, then disk), so memory does not grow with the corpus.
 *
 * This thread keeps only the store's reads and writes. What a cross stage reads of a document
 * alone (its `prepare`: signatures, line keys, words) is computed on the pool in the task that
 * ends the phase before it, and travels with the document to its learn and its run; a split
 * cross stage's pure part runs on the pool in one task with the text stages after it. Per
 * document, a phase is then one trip to the pool at most, plus the store's work here.
 */

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Document } from '../core/document.js';
import type { CrossStage, Gathered } from '../core/stage.js';
import { drop } from '../core/stage.js';
import { rejectionOf } from '../pipeline/batch.js';
import type { StageName } from '../pipeline/pipeline.js';
import { type RunOutcome, runStages } from '../pipeline/run.js';
import { emptyStats, type PipelineStats } from '../pipeline/stats.js';
import type { DocumentPool, Prepare } from '../pool/pool.js';
import { createMemoryStore } from '../store/memory-store.js';
import type { CrossDocumentStore } from '../store/store.js';
import type { IngestItem } from './ingest-stream.js';
import { orderedMap } from './ordered.js';
import type { Phase, Step } from './phases.js';
import { createSpill, type SpillBudget } from './spill.js';

/**
 * What travels between phases: a live document, or the rejection a stage turned it into. A live
 * document may carry what the next cross stage's `prepare` computed from it on the pool
 * (src/core/stage.ts), for that stage's learn and run.
 */
export type Item = IngestItem | { readonly doc: Document; readonly prepared?: Prepared };

/** A cross stage's `prepare` value, for the document of its item as it is. */
export interface Prepared {
  readonly stage: string;
  readonly value: Gathered;
}

export interface Engine {
  readonly pool: DocumentPool;
  readonly store: CrossDocumentStore;
  readonly stats: PipelineStats;
  /** Each document learns and runs the cross stages against a store of its own. */
  readonly isolated: boolean;
  /**
   * `reject` (clean): a cross stage that throws rejects its document and the run goes on.
   * `throw` (learn into Redis): a store that fails ends the run, as an unreachable store would.
   */
  readonly crossErrors: 'reject' | 'throw';
}

export function addStats(into: PipelineStats, from: PipelineStats): void {
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

/**
 * What one trip to the pool runs: text stages, led by a split cross stage's `apply` when
 * `gather` is set (its store read happens here first), or nothing but a `prepare`.
 */
type Unit =
  | { readonly kind: 'pool'; readonly gather?: CrossStage; readonly stages: readonly StageName[] }
  | { readonly kind: 'cross'; readonly stage: CrossStage };

/**
 * A phase's steps as trips to the pool and cross stages run here. A split cross stage goes to the
 * pool with the text stages after it, one trip for both; so does the learner's `prepare`, with
 * the phase's last trip, or alone when the phase ends with a cross stage run here.
 */
function unitsOf(steps: readonly Step[], threads: number, prepare: boolean): Unit[] {
  const units: Unit[] = [];
  for (const step of steps) {
    const last = units.at(-1);
    if (step.kind === 'text') {
      const stages = step.stages.map((stage) => stage.name as StageName);
      if (last?.kind === 'pool' && last.gather)
        units[units.length - 1] = { ...last, stages: [...last.stages, ...stages] };
      else units.push({ kind: 'pool', stages });
    } else if (step.stage.gather && step.stage.apply && threads > 1) {
      units.push({ kind: 'pool', gather: step.stage, stages: [step.stage.name as StageName] });
    } else units.push({ kind: 'cross', stage: step.stage });
  }
  if (prepare && units.at(-1)?.kind !== 'pool') units.push({ kind: 'pool', stages: [] });
  return units;
}

/** What every document of a phase runs: its units, and the next learner's `prepare` if any. */
interface PhasePlan {
  readonly units: readonly Unit[];
  readonly prepare: Prepare | undefined;
}

/** Worked out once per phase (the same for each of its documents), not once per document. */
function planOf(phase: Phase, engine: Engine): PhasePlan {
  const { learner } = phase;
  const prepare: Prepare | undefined =
    learner?.prepare && !engine.isolated
      ? { stage: learner.name as StageName, fromChanges: learner.preparesFromChanges ?? false }
      : undefined;
  return { units: unitsOf(phase.steps, engine.pool.threads, prepare !== undefined), prepare };
}

interface UnitResult {
  readonly outcome: RunOutcome;
  readonly prepared?: Gathered;
}

async function runUnit(
  unit: Unit,
  doc: Document,
  engine: Engine,
  store: CrossDocumentStore,
  given: Gathered | undefined,
  prepare: Prepare | undefined,
): Promise<UnitResult> {
  if (unit.kind === 'pool' && !unit.gather) {
    const { outcome, stats, prepared } = await engine.pool.run(unit.stages, doc, undefined, prepare);
    addStats(engine.stats, stats);
    return prepared === undefined ? { outcome } : { outcome, prepared };
  }
  const stage = unit.kind === 'pool' ? (unit.gather as CrossStage) : unit.stage;
  try {
    if (unit.kind === 'pool') {
      // A split cross stage reads the store here and repairs on the pool.
      if (engine.isolated) await stage.learn(doc, store, given);
      const gathered = await stage.gather?.(doc, store, given);
      const { outcome, stats, prepared } = await engine.pool.run(unit.stages, doc, gathered ?? null, prepare);
      addStats(engine.stats, stats);
      return prepared === undefined ? { outcome } : { outcome, prepared };
    }
    const prepared = given === undefined ? {} : { prepared: { stage: stage.name, value: given } };
    return {
      outcome: await runStages(doc, [stage], { store, learn: engine.isolated, stats: engine.stats, ...prepared }),
    };
  } catch (error) {
    if (engine.crossErrors === 'throw') throw error;
    return { outcome: failed(doc, stage.name, error) };
  }
}

async function runSteps(plan: PhasePlan, item: Item, engine: Engine, skip: boolean): Promise<Item> {
  if ('rejection' in item || skip) return item;
  let doc = item.doc;
  // What the previous phase's learner prepared: good for this document as it is, so for the first step.
  let carried = 'prepared' in item ? item.prepared : undefined;
  const { units, prepare } = plan;
  // Isolated: what this document's cross stages learn is thrown away with it (as a batch of one).
  const store = engine.isolated ? createMemoryStore() : engine.store;
  try {
    let prepared: Gathered | undefined;
    for (const [index, unit] of units.entries()) {
      const first = unit.kind === 'cross' ? unit.stage : unit.gather;
      const given = first && carried?.stage === first.name ? carried.value : undefined;
      const last = index === units.length - 1;
      const result = await runUnit(unit, doc, engine, store, given, last ? prepare : undefined);
      carried = undefined;
      if (result.outcome.action === 'drop') return { rejection: rejectionOf(result.outcome) };
      doc = result.outcome.doc;
      prepared = result.prepared;
    }
    return prepare && prepared !== undefined ? { doc, prepared: { stage: prepare.stage, value: prepared } } : { doc };
  } finally {
    if (engine.isolated) await store.close();
  }
}

/** Feeds the next phase's cross stage, in input order; a learn that throws rejects its document. */
async function learn(learner: CrossStage, item: Item, engine: Engine): Promise<Item> {
  if ('rejection' in item) return item;
  try {
    const prepared = 'prepared' in item && item.prepared?.stage === learner.name ? item.prepared.value : undefined;
    await learner.learn(item.doc, engine.store, prepared);
    return item;
  } catch (error) {
    if (engine.crossErrors === 'throw') throw error;
    return { rejection: rejectionOf(failed(item.doc, learner.name, error) as Extract<RunOutcome, { action: 'drop' }>) };
  }
}

/**
 * What an item costs held in memory, roughly: two bytes a character of its strings (text, raw
 * bytes, change records' text), a few words a span entry and per record.
 */
export function weightOf(item: Item): number {
  if ('rejection' in item) return 256 + 2 * item.rejection.message.length;
  const { doc } = item;
  // Raw bytes: base64 text, or the bytes themselves (one byte each).
  const raw = doc.raw === undefined ? 0 : typeof doc.raw === 'string' ? 2 * doc.raw.length : doc.raw.byteLength;
  let bytes = 512 + 2 * doc.text.length + raw + 8 * (doc.spanMap?.length ?? 0);
  for (const change of doc.changes) {
    bytes += 160 + 2 * ((change.removed?.length ?? 0) + (change.inserted?.length ?? 0));
  }
  return 'prepared' in item && item.prepared ? bytes + weightOfValue(item.prepared.value) : bytes;
}

/** A plain value's cost, as `weightOf` counts: two bytes a character, a few words a value. */
function weightOfValue(value: Gathered): number {
  if (typeof value === 'string') return 32 + 2 * value.length;
  if (value === null || typeof value !== 'object') return 16;
  let bytes = 32;
  for (const inner of Array.isArray(value) ? value : Object.values(value)) bytes += weightOfValue(inner as Gathered);
  return bytes;
}

/**
 * Default spill memory: the development corpus (8.5 MB) stays in memory whole; a corpus past a
 * few thousand documents fills it and goes on on disk, so peak memory stops growing with it.
 */
export const DEFAULT_SPILL_MEMORY = 64 * 1024 * 1024;

export interface StreamOptions {
  readonly phases: readonly Phase[];
  readonly engine: Engine;
  /** Documents in flight in a phase: wide enough for the pool to batch (src/pool/pool.ts). */
  readonly window: number;
  /** Folder for the spill files (the caller creates and removes it). */
  readonly spillDir: string;
  readonly spillBudget: SpillBudget;
  /** Items the last phase passes on untouched (`--resume`: already written). */
  readonly skipLast?: (item: Item) => boolean;
  /** Called once per document and phase: progress. */
  readonly onStep?: () => void;
}

/** Runs `source` through every phase; `finish` gets each item out of the last one, in input order. */
export async function streamPhases(
  source: AsyncIterable<Item>,
  options: StreamOptions,
  finish: (item: Item) => Promise<void>,
): Promise<void> {
  const { phases, engine, window, spillDir, spillBudget } = options;
  let input = source;
  for (const [index, phase] of phases.entries()) {
    const last = index === phases.length - 1;
    const spillPath = join(spillDir, `phase-${index}.jsonl`);
    const spill = last ? undefined : createSpill<Item>(spillPath, spillBudget, weightOf);
    const skip = (item: Item) => last && (options.skipLast?.(item) ?? false);
    // Refilled by halves: documents reach the pool in batches, not one per article written.
    const plan = planOf(phase, engine);
    const results = orderedMap(input, (item) => runSteps(plan, item, engine, skip(item)), window, window >> 1);
    for await (const item of results) {
      if (spill) {
        await spill.write(phase.learner ? await learn(phase.learner, item, engine) : item);
      } else await finish(item);
      options.onStep?.();
    }
    if (!spill) break;
    await spill.close();
    // The previous phase's spill has been read through: only one pair is ever on disk.
    if (index > 0) await rm(join(spillDir, `phase-${index - 1}.jsonl`), { force: true });
    input = spill.read();
  }
}
