/**
 * The batch's passes regrouped for streaming. A cross-document stage must learn from every
 * document before it runs on any, so the batch is cut before each one: a phase runs one cross
 * stage (none in the first phase) and the text stages after it, then feeds what comes out to the
 * next phase's cross stage to learn, in input order, and to a spill file the next phase streams.
 * The last phase writes the output. With today's pipeline:
 *
 *   phase 0: decode … unwrap             -> ligatures learns   -> spill
 *   phase 1: ligatures … repeats         -> templates learns   -> spill
 *   phase 2: templates                   -> headlines learns   -> spill
 *   phase 3: headlines                   -> near-dups learns   -> spill
 *   phase 4: near-duplicates, language, gate                   -> output
 */
import type { CrossStage, Stage, TextStage } from '../core/stage.js';
import { passesOf } from '../pipeline/batch.js';

/**
 * One step of a phase: a cross stage's run (main thread; a split one's `apply` on the pool) or a
 * run of text stages (the pool).
 */
export type Step =
  | { readonly kind: 'cross'; readonly stage: CrossStage }
  | { readonly kind: 'text'; readonly stages: TextStage[] };

export interface Phase {
  readonly steps: Step[];
  /** The cross stage that learns from this phase's output, if another phase follows. */
  readonly learner?: CrossStage;
}

export function phasesOf(stages: readonly Stage[]): Phase[] {
  const groups: Step[][] = [[]];
  for (const pass of passesOf(stages)) {
    if (pass.kind === 'cross') groups.push([{ kind: 'cross', stage: pass.stage }]);
    else groups.at(-1)?.push({ kind: 'text', stages: pass.stages });
  }
  // A pipeline that starts with a cross stage keeps an empty first phase: it only feeds the learn.
  return groups.map((steps, index) => {
    const next = groups[index + 1]?.[0];
    return next?.kind === 'cross' ? { steps, learner: next.stage } : { steps };
  });
}
