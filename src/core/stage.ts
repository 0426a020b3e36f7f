import type { CrossDocumentStore } from '../store/store.js';
import type { Change, Document, DocumentMeta } from './document.js';
import type { ReasonCode } from './reasons.js';

/** A stage's decision on one document. */
export type Outcome =
  | { readonly action: 'keep'; readonly doc: Document }
  | { readonly action: 'drop'; readonly doc: Document; readonly reason: ReasonCode; readonly message: string };

/**
 * A pure, synchronous transform of one document. Same input, same output: no clock, no I/O,
 * no randomness, no state kept between calls.
 */
export interface TextStage {
  readonly name: string;
  readonly kind: 'text';
  run(doc: Document): Outcome;
}

/**
 * A stage that needs what was seen in other documents (per-source templates, near-duplicates).
 * Its state lives behind a narrow store: in memory for the CLI, in Redis for workers.
 * `learn` records the document's evidence (idempotent per document id); `run` applies what the
 * store knows. The CLI learns over a whole batch before it runs; workers learn then run.
 */
export interface CrossStage {
  readonly name: string;
  readonly kind: 'cross';
  learn(doc: Document, store: CrossDocumentStore, prepared?: Gathered): Promise<void>;
  run(doc: Document, store: CrossDocumentStore, prepared?: Gathered): Promise<Outcome>;
  /**
   * Optional: the part of `learn` and `run` (or `gather`) that reads the document alone (its
   * MinHash signature, its line keys, its words), pure like a text stage's `run`, so that a
   * caller can compute it where the text stages run (the worker-thread pool) and hand it to
   * `learn`, `run` and `gather` as `prepared`. With or without it they decide the same: when
   * `prepared` is absent or not of the expected shape, they compute it themselves. It is only
   * valid for the document (text, changes, meta) it was computed from.
   */
  readonly prepare?: (doc: Document) => Gathered;
  /** `prepare` also reads `doc.changes` (the records of earlier stages), not only the text. */
  readonly preparesFromChanges?: boolean;
  /**
   * Optional split of `run` into its store read and its pure part, so that the pure part can run
   * off the event loop (the worker-thread pool) while the read stays where the store lives. A
   * stage that has them has `run(doc, store)` equal to `apply(doc, await gather(doc, store))`.
   * `gather` reads only (never learns); `apply` is pure like a text stage's `run`.
   */
  readonly gather?: (doc: Document, store: CrossDocumentStore, prepared?: Gathered) => Promise<Gathered>;
  readonly apply?: (doc: Document, gathered: Gathered) => Outcome;
}

/** What a split cross stage's `gather` hands its `apply`: plain JSON, to cross a thread boundary. */
export type Gathered = null | boolean | number | string | readonly Gathered[] | { readonly [key: string]: Gathered };

/**
 * The fields of a value that should be an object: a `prepare` or `gather` value may have crossed a
 * thread boundary (or come from a stale run), so its shape is checked before use. Undefined for
 * anything else.
 */
export function gatheredFields(value: Gathered | undefined): { readonly [key: string]: Gathered } | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as { readonly [key: string]: Gathered })
    : undefined;
}

/** A line key as `prepare` hands it over: a string, or null for a line without one. */
export const isKeyOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

export type Stage = TextStage | CrossStage;

/** Keeps the document with new text, the stage's change records appended, and meta merged. */
export function keep(
  doc: Document,
  update: { text?: string; changes?: readonly Change[]; meta?: DocumentMeta } = {},
): Outcome {
  return {
    action: 'keep',
    doc: {
      ...doc,
      text: update.text ?? doc.text,
      meta: update.meta ? { ...doc.meta, ...update.meta } : doc.meta,
      changes: update.changes?.length ? [...doc.changes, ...update.changes] : doc.changes,
    },
  };
}

export function drop(doc: Document, reason: ReasonCode, message: string, changes: readonly Change[] = []): Outcome {
  return {
    action: 'drop',
    doc: changes.length ? { ...doc, changes: [...doc.changes, ...changes] } : doc,
    reason,
    message,
  };
}
