/**
 * The in-process runner behind `cleanwire clean` and `cleanwire learn`: the same stages as the
 * workers, handed from one to the next in memory. A batch is cleaned in passes so that what is
 * learned across its documents applies to all of them, the first included: consecutive text
 * stages run document by document; each cross-document stage first learns from every document,
 * then runs on every document.
 */
import type { Document } from '../core/document.js';
import type { Rejection } from '../core/rejection.js';
import type { CrossStage, Stage, TextStage } from '../core/stage.js';
import type { CrossDocumentStore } from '../store/store.js';
import { type RunOutcome, runStages } from './run.js';
import type { PipelineStats } from './stats.js';

export interface BatchOptions {
  readonly store: CrossDocumentStore;
  readonly stats?: PipelineStats;
  /** Called once per document per pass, for progress display. */
  readonly onStep?: () => void;
}

export interface BatchResult {
  /** Kept documents, in input order. */
  readonly kept: Document[];
  /** Documents dropped by a stage, as rejections, in input order. */
  readonly dropped: Rejection[];
}

type Pass =
  | { readonly kind: 'text'; readonly stages: TextStage[] }
  | { readonly kind: 'cross'; readonly stage: CrossStage };

export function passesOf(stages: readonly Stage[]): Pass[] {
  const passes: Pass[] = [];
  for (const stage of stages) {
    const last = passes.at(-1);
    if (stage.kind === 'cross') passes.push({ kind: 'cross', stage });
    else if (last?.kind === 'text') last.stages.push(stage);
    else passes.push({ kind: 'text', stages: [stage] });
  }
  return passes;
}

export function rejectionOf(outcome: Extract<RunOutcome, { action: 'drop' }>): Rejection {
  return {
    source: outcome.doc.source,
    reason: outcome.reason,
    message: outcome.message,
    id: outcome.doc.id,
    stage: outcome.stage,
  };
}

export async function runBatch(
  docs: readonly Document[],
  stages: readonly Stage[],
  options: BatchOptions,
): Promise<BatchResult> {
  let alive: (Document | Rejection)[] = [...docs];
  const isDoc = (x: Document | Rejection): x is Document => 'text' in x;
  for (const pass of passesOf(stages)) {
    if (pass.kind === 'cross') {
      for (const doc of alive) if (isDoc(doc)) await pass.stage.learn(doc, options.store);
    }
    const next: (Document | Rejection)[] = [];
    for (const item of alive) {
      if (!isDoc(item)) {
        next.push(item);
        continue;
      }
      const passStages = pass.kind === 'text' ? pass.stages : [pass.stage];
      const outcome = await runStages(item, passStages, {
        store: options.store,
        learn: false,
        ...(options.stats ? { stats: options.stats } : {}),
      });
      next.push(outcome.action === 'keep' ? outcome.doc : rejectionOf(outcome));
      options.onStep?.();
    }
    alive = next;
  }
  return {
    kept: alive.filter(isDoc),
    dropped: alive.filter((x): x is Rejection => !isDoc(x)),
  };
}
