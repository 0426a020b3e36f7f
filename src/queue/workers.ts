/**
 * A worker process's queue side: one BullMQ Worker per segment it runs, the queues it hands
 * documents to, the ledger and, when it runs the last segment, the output writer and the
 * `articles` queue. Processes scale by running more of them; any worker can finish any job.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { MetricsTime, type Queue, UnrecoverableError, Worker } from 'bullmq';
import type { EnvConfig } from '../config/env.js';
import { OptionError } from '../core/options.js';
import type { Rejection } from '../core/rejection.js';
import type { Stage } from '../core/stage.js';
import { type Logger, quietly } from '../log.js';
import { createMetrics, instrumentStage, type Metrics } from '../metrics/metrics.js';
import { createOutputWriter } from '../output/writer.js';
import { createPipeline, type PipelineOptions, type StageName } from '../pipeline/pipeline.js';
import { createTopology, type Segment } from '../pipeline/topology.js';
import { closeRedisConnection, createRedisClient, isCluster } from './connection.js';
import { createEmitter, type Emitter } from './emitter.js';
import { countWrites, queueDepthsOf, redisNotReady } from './instrument.js';
import { ARTICLE_JOB, DOCUMENT_JOB, REJECTION_JOB } from './jobs.js';
import { createLedger, type Ledger } from './ledger.js';
import { ARTICLES_QUEUE, queuePrefix, segmentQueueName } from './names.js';
import { createOffload } from './offload.js';
import { createSegmentProcessor, RejectedError, type SegmentResult } from './processor.js';
import { createQueueSet } from './queues.js';
import { isAuthError } from './reach.js';
import { createRedisStore } from './redis-store.js';
import { parseDocument, quote } from './validate.js';

export type WorkerConfig = Pick<
  EnvConfig,
  | 'redisUrl'
  | 'clusterNodes'
  | 'prefix'
  | 'out'
  | 'topology'
  | 'segments'
  | 'concurrency'
  | 'threads'
  | 'attempts'
  | 'backoffMs'
  | 'lockMs'
  | 'keepCompletedAge'
  | 'keepCompletedCount'
  | 'keepFailedAge'
  | 'keepFailedCount'
  | 'articlesQueue'
  | 'articlesQueueMax'
  | 'ledgerDays'
>;

export interface WorkerHooks {
  /** Redis refused the credentials: retrying cannot help, the process should end. */
  readonly onFatal: (error: Error) => void;
  /** Start even if workers on this prefix registered another output folder. */
  readonly forceOut?: boolean;
  /**
   * Stages to run instead of the pipeline's, each in the segment that names it, on this event
   * loop (scripts/bench-queue.ts: a no-op pipeline over the same queues, ledger and output).
   */
  readonly stages?: readonly Stage[];
}

/** States of an `articles` job that no consumer has taken yet. */
const UNCONSUMED = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

/** How often an emitting worker reads the `articles` queue's length (CLEANWIRE_ARTICLES_QUEUE_MAX). */
const COUNT_EVERY_MS = 1000;

/** How often workers trim the ledger. */
const TRIM_EVERY_MS = 3_600_000;

export interface WorkerSet {
  /** The segments this process runs, in pipeline order. */
  readonly segments: readonly Segment[];
  /** Queue names read by this process. */
  readonly queues: readonly string[];
  /** Whether this process writes the output folder (it runs the last segment). */
  readonly emits: boolean;
  /** Jobs finished so far, by outcome. */
  readonly counts: Readonly<Record<string, number>>;
  /** Stops taking jobs and resolves once the running ones have finished. */
  drain(): Promise<void>;
  /** Stops at once: running jobs stall and another worker takes them over. */
  abandon(): Promise<void>;
  /** Closes the queues, the store and the connection (after drain or abandon). */
  close(): Promise<void>;
  /** This process's Prometheus metrics: outputs, stage latencies, rule counts, queue depths. */
  readonly metrics: Metrics;
  /** Why this process cannot take jobs now (Redis away, workers stopped), or undefined when it can. */
  notReady(): Promise<string | undefined>;
}

/** Segments a worker runs: those named, else all of the topology's. */
export function selectSegments(topology: readonly Segment[], names: readonly string[]): Segment[] {
  return names.length === 0 ? [...topology] : topology.filter((segment) => names.includes(segment.name));
}

/**
 * Logs what happens to a worker's jobs, counts outcomes, and records failures for good in the
 * ledger: that is what `enqueue --wait` reports. A RejectedError is not a failure: the document
 * got its rejection record, the job fails only to show up in the dashboard.
 */
function observe(
  worker: Worker<unknown, SegmentResult>,
  queueName: string,
  {
    ledger,
    counts,
    logger,
    onError,
    emitQueue,
    metrics,
  }: {
    ledger: Ledger;
    counts: Record<string, number>;
    logger: Logger;
    onError: (error: Error) => void;
    emitQueue: Queue;
    metrics: Metrics;
  },
): void {
  const count = (outcome: string) => {
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  };
  worker.on('error', onError);
  worker.on('stalled', (jobId) => logger.warn({ queue: queueName, job: jobId }, 'stalled job handed on'));
  worker.on('completed', (job, result) => {
    count(result.outcome);
    logger.debug({ queue: queueName, job: job.id, ...result }, 'job completed');
  });
  worker.on('failed', (job, error) => {
    if (error instanceof RejectedError) {
      count('rejected');
      logger.warn({ queue: queueName, job: job?.id, err: error.message }, 'document rejected');
      return;
    }
    const final = job?.finishedOn !== undefined;
    logger.warn({ queue: queueName, job: job?.id, err: error.message, final }, 'job failed');
    if (!job?.id || !final) return;
    count('failed');
    metrics.jobFailed(queueName);
    const why =
      error instanceof UnrecoverableError ? error.message : `${error.message} (after ${job.attemptsMade} attempts)`;
    ledger
      .markFailed(job.id, queueName, why)
      .catch((e: Error) => logger.error({ err: e.message }, 'could not record a failure'));
    // The document gets a rejection record too (written by the emitting segment, once per
    // document: its key is f-<id>). The ledger keeps no outcome for the document itself, so
    // that enqueueing it again starts it over.
    const doc = job.name === DOCUMENT_JOB ? parseDocument(job.data) : undefined;
    if (doc === undefined || typeof doc === 'string') return;
    const rejection: Rejection = {
      source: doc.source,
      reason: 'job-failed',
      message: `${queueName}: ${why}`,
      id: doc.id,
    };
    const key = `f-${doc.id}`;
    emitQueue
      .add(
        REJECTION_JOB,
        { key, rejection },
        { jobId: key, attempts: 5, backoff: { type: 'exponential', delay: 1000 } },
      )
      .catch((e: Error) => logger.error({ err: e.message }, 'could not record a failure'));
  });
}

export async function startWorkers(
  config: WorkerConfig,
  pipeline: PipelineOptions,
  logger: Logger,
  hooks: WorkerHooks,
): Promise<WorkerSet> {
  const token = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const warn = quietly(logger);
  const onError = (error: Error) => {
    if (isAuthError(error)) hooks.onFatal(error);
    else warn('redis connection error', error.message);
  };
  const connection = createRedisClient({ url: config.redisUrl, clusterNodes: config.clusterNodes, onError });
  const { prefix } = config;
  const ledger = createLedger(connection, prefix);
  const store = createRedisStore({ connection, prefix });
  const topology = createTopology(config.topology);
  const selected = selectSegments(topology, config.segments);
  const queues = createQueueSet(connection, prefix, onError);
  const metrics = createMetrics({
    queueDepths: queueDepthsOf(
      [...topology.map(segmentQueueName), ...(config.articlesQueue !== 'off' ? [ARTICLES_QUEUE] : [])].map((name) =>
        queues.get(name),
      ),
    ),
  });
  const allStages = (hooks.stages ?? createPipeline(pipeline)).map((stage) => instrumentStage(stage, metrics));
  // Only when this process runs a text stage: a worker for cross-document segments needs no threads.
  const offload =
    !hooks.stages &&
    selected.some((segment) =>
      allStages.some((stage) => stage.kind === 'text' && (segment.stages as readonly string[]).includes(stage.name)),
    )
      ? createOffload({ threads: config.threads, pipeline, metrics })
      : undefined;
  const last = topology.at(-1) as Segment;
  const emits = selected.includes(last);
  if (emits) {
    try {
      await registerOut();
    } catch (error) {
      await offload?.close();
      await store.close();
      connection.disconnect();
      throw error;
    }
  }
  const emitter = emits ? await createOutputEmitter() : undefined;

  /** One prefix, one output folder: workers writing to different folders would split the output. */
  async function registerOut(): Promise<void> {
    const out = resolve(config.out);
    const registered = await connection.get(ledger.keys.out);
    if (registered && registered !== out && !hooks.forceOut) {
      throw new OptionError(
        `workers on prefix ${quote(prefix)} write to ${quote(registered)}, not ${quote(out)}: use --out ${registered}, another CLEANWIRE_PREFIX, or --force-out to move the output for good`,
      );
    }
    await connection.set(ledger.keys.out, out);
  }

  async function createOutputEmitter(): Promise<Emitter> {
    const writer = await createOutputWriter(config.out);
    const mode = config.articlesQueue;
    const articles = mode === 'off' ? undefined : queues.get(ARTICLES_QUEUE);
    const keep = {
      removeOnComplete: { age: config.keepCompletedAge, count: config.keepCompletedCount },
      removeOnFail: { age: config.keepFailedAge, count: config.keepFailedCount },
    };
    // The queue's length, read from Redis at most once per COUNT_EVERY_MS and counted up by this
    // process's own adds in between: one script per article fewer. Other workers' adds within
    // that time can take the queue past the bound by what they add in it, no further.
    const counted = { n: 0, at: Number.NEGATIVE_INFINITY };
    const waitingArticles = async (): Promise<number> => {
      if (articles && performance.now() - counted.at >= COUNT_EVERY_MS) {
        counted.n = await articles.count();
        counted.at = performance.now();
      }
      return counted.n;
    };
    const emitter = createEmitter({
      writer,
      ledger,
      token,
      leaseMs: config.lockMs,
      ...(articles
        ? {
            publish: async (full) => {
              // Bounded: with nobody reading the queue, Redis would fill up until it refuses writes.
              if ((await waitingArticles()) >= config.articlesQueueMax) {
                warn('articles queue full: article left out of it (it is in articles.jsonl)', ARTICLES_QUEUE, {
                  max: config.articlesQueueMax,
                });
                return;
              }
              const { changes: _, ...summary } = full;
              await articles.add(ARTICLE_JOB, mode === 'full' ? full : summary, { ...keep, jobId: full.hash });
              counted.n++;
            },
          }
        : {}),
      // Also with the queue off: a worker started earlier with it on may have published the job.
      unpublish: async (id) => {
        const queue = articles ?? queues.get(ARTICLES_QUEUE);
        // Only unconsumed jobs: an active one is locked (remove() leaves it), a finished one was read.
        if (UNCONSUMED.has(await queue.getJobState(id))) await queue.remove(id);
      },
    });
    return countWrites(emitter, metrics);
  }

  const previous = await connection.set(ledger.keys.topology, config.topology, 'GET');
  if (previous && previous !== config.topology) {
    logger.warn({ previous, topology: config.topology }, 'workers on this prefix ran another topology before');
  }

  const counts: Record<string, number> = {};
  const retry = { attempts: config.attempts, backoffMs: config.backoffMs };
  const workers = selected.map((segment) => {
    const index = topology.indexOf(segment);
    const following = topology[index + 1];
    const queueName = segmentQueueName(segment);
    const processor = createSegmentProcessor({
      queueName,
      stages: allStages.filter((stage) => (segment.stages as readonly string[]).includes(stage.name)),
      store,
      ledger,
      retry,
      ...(following
        ? { next: queues.get(segmentQueueName(following)), emitQueue: queues.get(segmentQueueName(last)) }
        : {}),
      ...(following ? {} : emitter ? { emitter } : {}),
      ...(offload ? { offload: offload.run, prepare: offload.prepare } : {}),
    });
    const worker = new Worker<unknown, SegmentResult>(queueName, processor, {
      connection,
      prefix: queuePrefix(prefix, queueName, isCluster(connection)),
      name: token,
      concurrency: config.concurrency,
      lockDuration: config.lockMs,
      stalledInterval: config.lockMs,
      // A job whose worker died is handed on twice at most; a third stall fails it instead of looping.
      maxStalledCount: 2,
      removeOnComplete: { age: config.keepCompletedAge, count: config.keepCompletedCount },
      removeOnFail: { age: config.keepFailedAge, count: config.keepFailedCount },
      // BullMQ's own completed/failed counts per minute, a week of them (the dashboard shows them).
      metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
    });
    observe(worker, queueName, {
      ledger,
      counts,
      logger,
      onError,
      emitQueue: queues.get(segmentQueueName(last)),
      metrics,
    });
    return worker;
  });
  await Promise.all([
    ...workers.map((worker) => worker.waitUntilReady()),
    offload?.warm(
      allStages
        .filter(
          (stage) =>
            (stage.kind === 'text' || stage.apply !== undefined) &&
            selected.some((segment) => (segment.stages as readonly string[]).includes(stage.name)),
        )
        .map((stage) => stage.name as StageName),
    ),
  ]);
  const trimLedger = () =>
    ledger
      .trim(config.ledgerDays * 86_400_000)
      .then((n) => n > 0 && logger.info({ entries: n, days: config.ledgerDays }, 'ledger trimmed'))
      .catch((error: Error) => warn('could not trim the ledger', error.message));
  void trimLedger();
  const trimmer = setInterval(trimLedger, TRIM_EVERY_MS);
  trimmer.unref();

  return {
    segments: selected,
    queues: selected.map(segmentQueueName),
    emits,
    counts,
    async drain() {
      // pause, not close: a close() in progress is what close(true) would return, so once drain
      // had called it, abandon after the grace period would wait for the running jobs all the same.
      await Promise.all(workers.map((worker) => worker.pause()));
    },
    async abandon() {
      await Promise.all(workers.map((worker) => worker.close(true)));
    },
    metrics,
    async notReady() {
      const stopped = workers.find((worker) => !worker.isRunning());
      if (stopped) return `worker for ${stopped.name} is not running`;
      return redisNotReady(connection);
    },
    async close() {
      clearInterval(trimmer);
      // After drain, nothing runs; after abandon, this returns abandon's own close.
      await Promise.all(workers.map((worker) => worker.close()));
      await offload?.close();
      await queues.close();
      await store.close();
      await closeRedisConnection(connection);
    },
  };
}
