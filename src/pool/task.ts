/**
 * What crosses the thread boundary between the pool and its workers: plain JSON (documents, a
 * list of stage names, per-stage counters), so the same messages could travel as queue payloads.
 *
 * A task carries a batch of documents: one message each way per batch, not per document, since
 * a message's fixed cost (posting, waking the thread, the worker's bookkeeping) is of the order
 * of a short document's cleaning. Documents travel without the change records they already have
 * (text stages never read earlier records, only append): the worker sends back the records its
 * stages added, and the pool puts the two lists back together (`rejoin`).
 *
 * A task may also run one split cross stage (one with `gather`/`apply`, src/core/stage.ts): its
 * store read happens where the store lives, and `gathered` carries each document's result here,
 * where `apply`, the pure and costly part, runs as a text stage would.
 */
import type { Document } from '../core/document.js';
import type { CrossStage, Gathered, Stage, TextStage } from '../core/stage.js';
import { drop } from '../core/stage.js';
import { createPipeline, type PipelineOptions, type StageName } from '../pipeline/pipeline.js';
import { type RunOutcome, runStages } from '../pipeline/run.js';
import { emptyStats, type PipelineStats } from '../pipeline/stats.js';
import { createMemoryStore } from '../store/memory-store.js';

export interface PoolTask {
  readonly stages: readonly StageName[];
  readonly docs: readonly Document[];
  /**
   * One a document, in `docs` order: what the first stage, a split cross stage, gathered for it.
   * Absent: a split cross stage gathers from an empty store, that is from no other document.
   */
  readonly gathered?: readonly Gathered[];
  /**
   * A cross stage with `prepare` (src/core/stage.ts), the next to learn from these documents:
   * each document kept gets its `prepare` value computed here, from the document the stages gave.
   */
  readonly prepare?: StageName;
  /**
   * Cross stages after `prepare` (reading the text alone: no `preparesFromChanges`) whose
   * `prepare` is computed on the same document too, for a caller to use while the stages before
   * them leave the text as it is: one trip where each would take its own (src/queue/processor.ts).
   */
  readonly ahead?: readonly StageName[];
}

export interface PoolOutcome {
  readonly outcome: RunOutcome;
  /** Counters and times of this document's stages only: the caller adds them up. */
  readonly stats: PipelineStats;
  /** The task's `prepare` stage's value for the kept document. */
  readonly prepared?: Gathered;
  /** The `ahead` stages' values for the same document, by stage; one that threw is left out. */
  readonly ahead?: Readonly<Record<string, Gathered>>;
}

/**
 * The document as it travels to a worker: its change records stay behind, unless what the task
 * prepares reads them. Either way the worker sends back only the records its stages added.
 */
export const withoutChanges = (doc: Document): Document => (doc.changes.length ? { ...doc, changes: [] } : doc);

/**
 * A worker's outcome for `sent`, with the records `sent` had put back before the new ones; after
 * a task without stages, `sent` itself.
 */
export function rejoin(sent: Document, result: PoolOutcome, prepareOnly = false): PoolOutcome {
  // No stages, only a `prepare`: the document is the one sent (which may have travelled slimmed).
  if (prepareOnly) return { ...result, outcome: { ...result.outcome, doc: sent } };
  if (sent.changes.length === 0) return result;
  const { outcome } = result;
  const changes = [...sent.changes, ...outcome.doc.changes];
  return { ...result, outcome: { ...outcome, doc: { ...outcome.doc, changes } } };
}

/**
 * Runs text stages by name on a batch of documents. Built once per thread: stage factories
 * validate their options and load their models (franc, word lists) once, not per document.
 */
export function createTaskRunner(options: PipelineOptions = {}): (task: PoolTask) => Promise<PoolOutcome[]> {
  const byName = new Map(createPipeline(options).map((stage) => [stage.name, stage]));
  // Text stages never touch the store; a split cross stage sent without gathered values reads this
  // one, which nothing ever learns into (learn: false): no other document's evidence.
  const store = createMemoryStore();
  const preparing = (name: StageName | undefined): CrossStage | undefined => {
    if (name === undefined) return undefined;
    const stage = byName.get(name);
    if (stage?.kind === 'cross' && stage.prepare) return stage;
    throw new Error(`not a cross stage with prepare: ${JSON.stringify(name)}`);
  };
  return async ({ stages: names, docs, gathered, prepare, ahead: aheadNames = [] }) => {
    const next = preparing(prepare);
    const later = aheadNames.map((name) => preparing(name)).filter((stage) => stage?.preparesFromChanges !== true);
    const stages = names.map((name): Stage => {
      const stage = byName.get(name);
      if (stage?.kind === 'text' || stage?.apply) return stage;
      throw new Error(`not a text stage nor a split cross stage: ${JSON.stringify(name)}`);
    });
    if (stages.filter((stage) => stage.kind === 'cross').length > 1)
      throw new Error('more than one cross stage in a task');
    const first = stages[0];
    if (gathered && (first?.kind !== 'cross' || gathered.length !== docs.length))
      throw new Error('gathered values need a split cross stage first and one value a document');
    const results: PoolOutcome[] = [];
    for (const [i, doc] of docs.entries()) {
      const value = gathered?.[i];
      // Run as a text stage: the same counters, times and stage-error drop as runStages gives one.
      const run =
        first?.kind === 'cross' && value !== undefined ? [applying(first, value), ...stages.slice(1)] : stages;
      const stats: PipelineStats = {};
      const outcome = await runStages(doc, run, { store, learn: false, stats });
      let result = next && outcome.action === 'keep' ? prepared(next, outcome.doc, stats) : { outcome };
      if (later.length > 0 && result.outcome.action === 'keep')
        result = { ...result, ahead: aheadOf(later, result.outcome.doc, stats) };
      const back =
        names.length === 0 ? withoutText(result.outcome) : newChangesOnly(result.outcome, doc.changes.length);
      results.push({ ...result, outcome: back, stats });
    }
    return results;
  };
}

/**
 * A `prepare`-only task's outcome without the document's text and records: the caller puts back
 * the document it sent (`rejoin`), so copying them back across threads was wasted work.
 */
function withoutText(outcome: RunOutcome): RunOutcome {
  const { raw: _raw, spanMap: _spanMap, ...doc } = outcome.doc;
  return { ...outcome, doc: { ...doc, text: '', changes: [] } };
}

/** The outcome with only the change records added after the first `sent`: the caller has those. */
function newChangesOnly(outcome: RunOutcome, sent: number): RunOutcome {
  return sent === 0 ? outcome : { ...outcome, doc: { ...outcome.doc, changes: outcome.doc.changes.slice(sent) } };
}

/**
 * `stage.prepare` on a kept document, its time counted to the stage; one that throws is a bug or
 * input it cannot handle, like a text stage's: the document is dropped with `stage-error`.
 */
function prepared(stage: CrossStage, doc: Document, stats: PipelineStats): Omit<PoolOutcome, 'stats'> {
  const started = performance.now();
  const s = stats[stage.name] ?? emptyStats();
  stats[stage.name] = s;
  try {
    const value = stage.prepare?.(doc) ?? null;
    s.ms += performance.now() - started;
    return { outcome: { action: 'keep', doc }, prepared: value };
  } catch (error) {
    s.ms += performance.now() - started;
    s.seen++;
    s.dropped++;
    const message = `${stage.name}: ${error instanceof Error ? error.message : String(error)}`;
    const outcome = drop(doc, 'stage-error', message) as Extract<RunOutcome, { action: 'drop' }>;
    return { outcome: { ...outcome, stage: stage.name } };
  }
}

/**
 * The `ahead` stages' `prepare` values for `doc`, each timed to its stage. One that throws is
 * left out, not a drop: the stage is not reached yet, and computes its part itself when it is.
 */
function aheadOf(
  stages: readonly (CrossStage | undefined)[],
  doc: Document,
  stats: PipelineStats,
): Record<string, Gathered> {
  const values: Record<string, Gathered> = {};
  for (const stage of stages) {
    if (!stage?.prepare) continue;
    const started = performance.now();
    try {
      values[stage.name] = stage.prepare(doc);
    } catch {
      // Left out: see above.
    }
    const s = stats[stage.name] ?? emptyStats();
    stats[stage.name] = s;
    s.ms += performance.now() - started;
  }
  return values;
}

/** A split cross stage's pure part on one document's gathered value, as a text stage. */
function applying(stage: CrossStage, gathered: Gathered): TextStage {
  const { apply } = stage;
  if (!apply) throw new Error(`not a split cross stage: ${JSON.stringify(stage.name)}`);
  return { name: stage.name, kind: 'text', run: (doc) => apply(doc, gathered) };
}
