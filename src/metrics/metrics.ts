/**
 * Prometheus metrics of one process (prom-client), on a registry of its own so that two in one
 * process (tests) never share counters. What goes in:
 *
 *   cleanwire_documents_total{outcome,reason}       outputs written by this process: `article`, or
 *                                                   `rejected` with its reason code; `failed` for jobs
 *                                                   that failed for good (reason: the queue)
 *   cleanwire_stage_duration_seconds{stage}         per-stage latency of each document (learn + run)
 *   cleanwire_changes_total{stage,rule}             change records made, by stage and rule
 *   cleanwire_queue_jobs{queue,state}               waiting/active/delayed/failed jobs, read from Redis on scrape
 *   cleanwire_redis_up                              1 when the last scrape could read Redis
 *
 * plus prom-client's process metrics (CPU, memory, event loop lag) under `cleanwire_`. Labels only
 * take stage names, rule names, reason codes and queue names: bounded sets written in the code,
 * never document content, so the number of series stays small.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Change, Document } from '../core/document.js';
import type { Outcome, Stage } from '../core/stage.js';

/** Job counts of one queue by state, as BullMQ's getJobCounts gives them. */
export type QueueDepths = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface MetricsOptions {
  /** Reads queue depths on scrape; absent: no queue gauge values. */
  readonly queueDepths?: () => Promise<QueueDepths>;
  /** A scrape waits this long for the queue depths, then answers without them. Default 2000 ms. */
  readonly depthsTimeoutMs?: number;
  /** prom-client's process metrics; default true. */
  readonly processMetrics?: boolean;
}

export interface Metrics {
  readonly registry: Registry;
  /** An output written: an article, or a rejection with its reason code. */
  documentWritten(outcome: 'article' | 'rejected', reason?: string): void;
  /** A job failed for good in `queue`: no output for that document from this try. */
  jobFailed(queue: string): void;
  /** One stage's work on one document: its latency and the change records it added. */
  stageRan(stage: string, seconds: number, changes: readonly Change[]): void;
  /** The Prometheus text exposition of every metric, queue depths read now. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Resolves with the value, or with `fallback` once `ms` have passed (a Redis that does not answer). */
export async function within<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Latency buckets from 0.1 ms to 10 s: text stages take well under a millisecond, store stages a Redis round trip. */
const STAGE_BUCKETS = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'cleanwire_' });
  const documents = new Counter({
    name: 'cleanwire_documents_total',
    help: 'Documents finished by this process, by outcome (article, rejected, failed) and reason.',
    labelNames: ['outcome', 'reason'] as const,
    registers: [registry],
  });
  const stageSeconds = new Histogram({
    name: 'cleanwire_stage_duration_seconds',
    help: 'Time one stage took on one document (learning included for cross-document stages).',
    labelNames: ['stage'] as const,
    buckets: STAGE_BUCKETS,
    registers: [registry],
  });
  const changes = new Counter({
    name: 'cleanwire_changes_total',
    help: 'Change records made, by stage and rule.',
    labelNames: ['stage', 'rule'] as const,
    registers: [registry],
  });
  const redisUp = new Gauge({
    name: 'cleanwire_redis_up',
    help: '1 when the last scrape could read the queue depths from Redis, else 0.',
    registers: [registry],
  });
  const { queueDepths } = options;
  new Gauge({
    name: 'cleanwire_queue_jobs',
    help: 'Jobs in each queue by state, read from Redis at scrape time.',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      if (!queueDepths) return;
      try {
        const depths = await within(queueDepths(), options.depthsTimeoutMs ?? 2000, undefined);
        if (!depths) throw new Error('Redis did not answer');
        this.reset();
        for (const [queue, counts] of Object.entries(depths)) {
          for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
        }
        redisUp.set(1);
      } catch {
        // A scrape must answer while Redis is away: the depths are left out, and redis_up says why.
        this.reset();
        redisUp.set(0);
      }
    },
  });

  return {
    registry,
    documentWritten(outcome, reason = '') {
      documents.inc({ outcome, reason });
    },
    jobFailed(queue) {
      documents.inc({ outcome: 'failed', reason: queue });
    },
    stageRan(stage, seconds, made) {
      stageSeconds.observe({ stage }, seconds);
      // One inc per (stage, rule) and document, not per change: a document can carry hundreds.
      const byRule = new Map<string, { stage: string; rule: string; n: number }>();
      for (const change of made) {
        const key = `${change.stage}\u0000${change.rule}`;
        const seen = byRule.get(key);
        if (seen) seen.n++;
        else byRule.set(key, { stage: change.stage, rule: change.rule, n: 1 });
      }
      for (const { stage: s, rule, n } of byRule.values()) changes.inc({ stage: s, rule }, n);
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/**
 * The stage, timed and counted into `metrics`: the same name, kind and results, so the pipeline
 * runs it as before. A text stage stays synchronous; a throw is timed and passed on unchanged.
 */
export function instrumentStage(stage: Stage, metrics: Metrics): Stage {
  const record = (started: number, before: number, outcome: Outcome) =>
    metrics.stageRan(stage.name, (performance.now() - started) / 1000, outcome.doc.changes.slice(before));
  if (stage.kind === 'text') {
    return {
      ...stage,
      run(doc: Document) {
        const started = performance.now();
        try {
          const outcome = stage.run(doc);
          record(started, doc.changes.length, outcome);
          return outcome;
        } catch (error) {
          metrics.stageRan(stage.name, (performance.now() - started) / 1000, []);
          throw error;
        }
      },
    };
  }
  // learn and run of one document are timed together: started at learn, recorded at run.
  const learning = new WeakMap<object, number>();
  // The stage's own fields first: a split stage's gather/apply (and any other hook) stay as they
  // are, so that a worker still runs apply on the pool (dropped, the ligature repair ran on the
  // event loop); the pool's time for it is recorded by the offload.
  return {
    ...stage,
    // `prepared` passed on: without it each stage computed its `prepare` again, on the event loop.
    async learn(doc, store, prepared) {
      learning.set(doc, performance.now());
      await stage.learn(doc, store, prepared);
    },
    async run(doc, store, prepared) {
      const started = learning.get(doc) ?? performance.now();
      learning.delete(doc);
      const outcome = await stage.run(doc, store, prepared);
      record(started, doc.changes.length, outcome);
      return outcome;
    },
  };
}
