import type { Document } from '../core/document.js';
import type { Gathered, Outcome, Stage } from '../core/stage.js';
import { drop } from '../core/stage.js';
import type { CrossDocumentStore } from '../store/store.js';
import { trackSpans } from './spans.js';
import { emptyStats, type PipelineStats } from './stats.js';

export interface RunOptions {
  readonly store: CrossDocumentStore;
  /** Call `learn` before `run` on cross-document stages (workers); the CLI learns in a batch pass. */
  readonly learn: boolean;
  readonly stats?: PipelineStats;
  /**
   * What the named cross stage's `prepare` (src/core/stage.ts) computed from `doc` as given: handed
   * to that stage when it is the first to see the document.
   */
  readonly prepared?: { readonly stage: string; readonly value: Gathered };
}

/** What a run ends in: the document kept, or dropped with the name of the stage that dropped it. */
export type RunOutcome =
  | Extract<Outcome, { action: 'keep' }>
  | (Extract<Outcome, { action: 'drop' }> & { readonly stage: string });

/**
 * Runs the stages in order on one document until one drops it. A text stage that throws has hit
 * a bug or input it cannot handle: that is deterministic, so the document is dropped with
 * `stage-error` instead of being retried. A cross-document stage that throws is most likely a
 * store (I/O) failure, which is transient, so the error propagates.
 */
export async function runStages(doc: Document, stages: readonly Stage[], options: RunOptions): Promise<RunOutcome> {
  let current = doc;
  for (const stage of stages) {
    const started = performance.now();
    const before = current.changes.length;
    let outcome: Outcome;
    if (stage.kind === 'text') {
      try {
        outcome = stage.run(current);
      } catch (error) {
        outcome = drop(
          current,
          'stage-error',
          `${stage.name}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    } else {
      const { prepared } = options;
      const given = prepared && prepared.stage === stage.name && current === doc ? prepared.value : undefined;
      if (options.learn) await stage.learn(current, options.store, given);
      outcome = await stage.run(current, options.store, given);
    }
    if (options.stats) {
      const s = options.stats[stage.name] ?? emptyStats();
      options.stats[stage.name] = s;
      const added = outcome.doc.changes.length - before;
      s.seen++;
      s.ms += performance.now() - started;
      s.changes += added;
      if (added > 0) s.changed++;
      if (outcome.action === 'drop') s.dropped++;
    }
    // Most stages change nothing in most documents: then trackSpans hands back the document as
    // it was, and the outcome need not be copied around it.
    const tracked = trackSpans(stage.name, current, outcome.doc);
    if (tracked !== outcome.doc) outcome = { ...outcome, doc: tracked };
    if (outcome.action === 'drop') return { ...outcome, stage: stage.name };
    current = outcome.doc;
  }
  return { action: 'keep', doc: current };
}
