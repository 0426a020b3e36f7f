/**
 * What a segment's worker does with one job: run the segment's stages on the document, then hand
 * it to the next segment's queue, or, in the last segment, write it out. Failures are sorted:
 * - a stage drops the document: a rejection record (written by the last segment), job completes;
 * - a text stage throws (`stage-error`) or the payload is malformed (`invalid-job`: unknown name,
 *   or not the shape cleanwire enqueues; see validate.ts): deterministic, so a rejection
 *   record and then an UnrecoverableError (the job shows as failed, with the reason, and is not retried);
 * - anything else (Redis, file system, the cross-document store): transient, thrown as is, and
 *   BullMQ retries the job with exponential backoff up to its attempts.
 */
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import type { Document } from '../core/document.js';
import type { Rejection } from '../core/rejection.js';
import type { Gathered, Stage } from '../core/stage.js';
import { rejectionOf } from '../pipeline/batch.js';
import type { StageName } from '../pipeline/pipeline.js';
import { type RunOutcome, runStages } from '../pipeline/run.js';
import type { CrossDocumentStore } from '../store/store.js';
import type { Emitter } from './emitter.js';
import {
  DOCUMENT_JOB,
  parseDocument,
  parseRejectionJob,
  REJECTION_JOB,
  type RejectionJob,
  type RetryOptions,
  rejectionKey,
  retryJobOptions,
} from './jobs.js';
import type { Ledger } from './ledger.js';
import { quote } from './validate.js';

/** The job ended in a rejection record and fails only so that it shows; not a failure to report. */
export class RejectedError extends UnrecoverableError {}

export interface SegmentProcessorOptions {
  /** The queue this processor reads, for messages. */
  readonly queueName: string;
  readonly stages: readonly Stage[];
  readonly store: CrossDocumentStore;
  readonly ledger: Ledger;
  readonly retry: RetryOptions;
  /** The next segment's queue; absent in the last segment. */
  readonly next?: Queue;
  /** The last segment's queue, where rejections go to be written; absent in the last segment. */
  readonly emitQueue?: Queue;
  /** Writes output; present in the last segment only. */
  readonly emitter?: Emitter;
  /** Where text stages run; absent: on this event loop, one stage a turn. */
  readonly offload?: TextRunner;
  /** Where cross stages' `prepare` runs (the same pool); absent: each stage computes it here. */
  readonly prepare?: Preparer;
}

export type SegmentResult =
  | { readonly outcome: 'forwarded'; readonly to: string }
  | { readonly outcome: 'article' | 'already-finished' }
  | { readonly outcome: 'rejected'; readonly reason: string };

/**
 * A cross stage whose `prepare` a pool run should compute on the document it gives
 * (src/pool/pool.ts), and `ahead`: the cross stages right after it whose `prepare` reads the
 * text alone, computed on the same document for as long as the stages before them keep the text.
 */
export interface NextPrepare {
  readonly stage: StageName;
  readonly fromChanges: boolean;
  readonly ahead?: readonly StageName[];
}

/** What a trip computed of `prepare`: the asked stage's value, and the `ahead` stages' by stage. */
export interface Prepared {
  readonly prepared?: Gathered;
  readonly ahead?: Readonly<Record<string, Gathered>>;
}

/**
 * Runs a segment's consecutive text stages on one document somewhere other than this event loop
 * (the worker-thread pool): the loop stays free to renew job locks and to answer SIGTERM however
 * long a stage takes. Rejects when the run was cut short (the worker stopping): that is not the
 * document's fault, so the job must fail transiently, never turn into a rejection.
 * With `next`, the same trip computes that cross stage's `prepare` on the document the stages
 * give (`prepared`; undefined when it threw: the stage then computes it itself), and the
 * `ahead` stages' (`ahead`; one that threw left out).
 */
export type TextRunner = (
  stages: readonly StageName[],
  doc: Document,
  gathered?: Gathered,
  next?: NextPrepare,
) => Promise<{ readonly outcome: RunOutcome } & Prepared>;

/**
 * Computes a cross stage's `prepare` (src/core/stage.ts: the part of its work that reads the
 * document alone: signatures, line keys, words) off this event loop, in a trip of its own, so
 * that what is left here is the store's reads and writes; with `ahead`, those stages' too.
 * No `prepared`: the stage computes it itself.
 */
export type Preparer = (next: NextPrepare, doc: Document) => Promise<Prepared>;

/**
 * The `prepare` request for `stages[at]`, when it is a cross stage that has one, with the cross
 * stages after it that prepare from the text alone as `ahead`.
 */
function preparing(stages: readonly Stage[], at: number): NextPrepare | undefined {
  const stage = stages[at];
  if (stage?.kind !== 'cross' || !stage.prepare) return undefined;
  const ahead: StageName[] = [];
  for (let i = at + 1; ; i++) {
    const later = stages[i];
    if (later?.kind !== 'cross' || !later.prepare || later.preparesFromChanges) break;
    ahead.push(later.name as StageName);
  }
  return {
    stage: stage.name as StageName,
    fromChanges: stage.preparesFromChanges === true,
    ...(ahead.length ? { ahead } : {}),
  };
}

/** `ahead` values and the document they were computed on. */
interface Ahead {
  readonly from: Document;
  readonly values: Readonly<Record<string, Gathered>>;
}

/**
 * `stage`'s value in `ahead`, when `doc` still has the text (and meta) it was computed on: the
 * stages in between changed nothing it reads. Else undefined (the stage's own trip).
 */
function aheadFor(ahead: Ahead | undefined, stage: string, doc: Document): Gathered | undefined {
  if (!ahead || ahead.from.text !== doc.text || ahead.from.meta !== doc.meta) return undefined;
  return Object.hasOwn(ahead.values, stage) ? ahead.values[stage] : undefined;
}

/**
 * The segment's stages in order: runs of text stages go to `offload` when there is one (same
 * runStages in a thread, so the same output), cross-document stages run here, where the store's
 * Redis connection lives. The event loop gets a turn between stages: a cross-document stage's
 * CPU part is synchronous too, and signals and lock renewals should not wait for the whole segment.
 * A split cross stage (gather/apply, src/core/stage.ts) learns and gathers here, then its pure
 * part goes to `offload` with the text stages that follow it: a long document's repair holds a
 * thread, not the loop.
 * A cross stage's `prepare` (its signatures, line keys, words: most of its CPU) is computed on
 * the pool too, whatever the document's length: in the trip before it when there is one (no
 * extra copy), else in a trip of its own. On the event loop it was more than half of a worker's
 * main-thread time (the queue bench), a trip costs about a hundredth of that. The cross stages
 * that follow one another (templates, headlines, near-duplicates) have theirs computed in the
 * same trip, each used while the text is still the one it was computed on (a template or a
 * headline list removed: the next stage takes a trip of its own): one trip where three were.
 */
async function runSegment(
  doc: Document,
  stages: readonly Stage[],
  store: CrossDocumentStore,
  offload: TextRunner | undefined,
  preparer: Preparer | undefined,
): Promise<RunOutcome> {
  let current = doc;
  // What the pool computed for stages[i]'s `prepare` from `current`, when the last trip asked.
  let carried: Gathered | undefined;
  // What a trip computed for the stages after that one, and on which document.
  let ahead: Ahead | undefined;
  for (let i = 0; i < stages.length; ) {
    let end = i + 1;
    const first = stages[i];
    const split = first?.kind === 'cross' && first.gather !== undefined && first.apply !== undefined;
    if (offload && (first?.kind === 'text' || split)) while (stages[end]?.kind === 'text') end++;
    const batch = stages.slice(i, end);
    const names = batch.map((stage) => stage.name as StageName);
    // The cross stage after this trip, if any: its `prepare` rides along.
    const next = offload ? preparing(stages, end) : undefined;
    const own = preparing(stages, i);
    // null is a value (near-duplicates: no signature); only undefined means none.
    let prepared = carried !== undefined ? carried : own ? aheadFor(ahead, own.stage, current) : undefined;
    carried = undefined;
    if (prepared === undefined && own && preparer) {
      const trip = await preparer(own, current);
      prepared = trip.prepared;
      if (trip.ahead) ahead = { from: current, values: trip.ahead };
    }
    let outcome: RunOutcome;
    let trip: Prepared = {};
    if (offload && first?.kind === 'text') ({ outcome, ...trip } = await offload(names, current, undefined, next));
    else if (offload && split) {
      // As runStages does for a cross stage (learn, then read), the read alone: a store failure throws.
      await first.learn(current, store, prepared);
      const gathered = await first.gather(current, store, prepared);
      ({ outcome, ...trip } = await offload(names, current, gathered, next));
    } else {
      const given = prepared === undefined ? {} : { prepared: { stage: first?.name ?? '', value: prepared } };
      outcome = await runStages(current, batch, { store, learn: true, ...given });
    }
    if (outcome.action === 'drop') return outcome;
    current = outcome.doc;
    carried = trip.prepared;
    if (trip.ahead) ahead = { from: current, values: trip.ahead };
    i = end;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { action: 'keep', doc: current };
}

export function createSegmentProcessor(options: SegmentProcessorOptions): (job: Job) => Promise<SegmentResult> {
  const { stages, store, ledger, next, emitQueue, emitter, offload, prepare } = options;

  async function reject(job: RejectionJob): Promise<void> {
    if (emitter) await emitter.rejection(job);
    else await emitQueue?.add(REJECTION_JOB, job, { ...retryJobOptions(options.retry), jobId: job.key });
  }

  async function rejectMalformed(job: Job, why: string): Promise<never> {
    const data = job.data as { source?: unknown; rejection?: { source?: unknown } } | null;
    const given = typeof data === 'object' ? (data?.source ?? data?.rejection?.source) : undefined;
    const rejection: Rejection = {
      source:
        typeof given === 'string' && given !== '' && given.length <= 8192 ? given : `${options.queueName}/${job.id}`,
      reason: 'invalid-job',
      message: `job ${job.id} in ${options.queueName}: ${why}`,
    };
    // Keyed by the job id: that is what the producer waits on.
    await reject({ key: job.id ?? rejectionKey(rejection), rejection });
    throw new RejectedError(rejection.message);
  }

  return async (job) => {
    if (job.name === REJECTION_JOB) {
      const parsed = parseRejectionJob(job.data);
      if (typeof parsed === 'string') return rejectMalformed(job, parsed);
      const { id, reason } = parsed.rejection;
      // Its own record (an article, a stage's rejection) may be out after all: then it is that one.
      const recovered = reason === 'job-failed' && id && emitter ? await emitter.recover(id) : undefined;
      if (recovered === 'article') return { outcome: 'article' };
      if (recovered) return { outcome: 'rejected', reason: recovered.slice('rejected:'.length) };
      await reject(parsed);
      return { outcome: 'rejected', reason: parsed.rejection.reason };
    }
    if (job.name !== DOCUMENT_JOB) return rejectMalformed(job, `unknown job name ${quote(job.name)}`);
    const doc = parseDocument(job.data);
    if (typeof doc === 'string') return rejectMalformed(job, doc);
    // Finished earlier (this is a repeat whose first run got through): running again would only redo work.
    if (await ledger.outcome(doc.id)) return { outcome: 'already-finished' };
    const outcome = await runSegment(doc, stages, store, offload, prepare);
    if (outcome.action === 'drop') {
      await reject({ key: doc.id, rejection: rejectionOf(outcome) });
      if (outcome.reason === 'stage-error') throw new RejectedError(outcome.message);
      return { outcome: 'rejected', reason: outcome.reason };
    }
    if (next) {
      await next.add(DOCUMENT_JOB, outcome.doc, { ...retryJobOptions(options.retry), jobId: doc.id });
      return { outcome: 'forwarded', to: next.name };
    }
    if (!emitter) throw new UnrecoverableError(`${options.queueName} is neither followed by a segment nor emitting`);
    await emitter.article(outcome.doc);
    return { outcome: 'article' };
  };
}
