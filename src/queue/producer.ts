/**
 * Puts documents and read rejections on the queues (for `cleanwire enqueue` and the watcher).
 * Idempotent: a document's job id is its content hash, and the ledger and source claims in Redis
 * make a second submission of the same input a no-op even after BullMQ removed the first job.
 * The same content from another source becomes a `duplicate-input` rejection, as in the CLI.
 */
import type { Queue } from 'bullmq';
import type { EnvConfig } from '../config/env.js';
import type { Document } from '../core/document.js';
import { OptionError } from '../core/options.js';
import type { Rejection } from '../core/rejection.js';
import type { Ingested } from '../ingest/read.js';
import { createTopology } from '../pipeline/topology.js';
import { closeRedisConnection, createRedisClient, type RedisClient } from './connection.js';
import { DOCUMENT_JOB, REJECTION_JOB, rejectionKey, retryJobOptions } from './jobs.js';
import { createLedger, type Ledger } from './ledger.js';
import { segmentQueueName } from './names.js';
import { createQueueSet } from './queues.js';
import { ONE_SHOT_OPTIONS } from './reach.js';

export type ProducerConfig = Pick<EnvConfig, 'redisUrl' | 'prefix' | 'topology' | 'attempts' | 'backoffMs'> &
  Partial<Pick<EnvConfig, 'clusterNodes'>>;

export interface Submission {
  /** The ledger key to wait on. */
  readonly key: string;
  readonly source: string;
  /** `queued`: a job will produce the outcome; `finished`: the ledger already has it. */
  readonly state: 'queued' | 'finished';
}

export interface Producer {
  readonly ledger: Ledger;
  /** Submits one ingested item; call in input order, one at a time, for CLI-like duplicate handling. */
  submit(item: Ingested): Promise<Submission>;
  /** The keys whose job sits failed in one of the segment queues, with the queue and reason. */
  findFailed(keys: readonly string[]): Promise<{ key: string; reason: string }[]>;
  /** The segment queues no worker is connected to right now. */
  unattended(): Promise<string[]>;
  close(): Promise<void>;
}

export interface ProducerOptions {
  /** Called on connection and queue errors. */
  readonly onError?: (error: Error) => void;
  /** A one-shot command: Redis commands fail after a few seconds of outage instead of waiting. */
  readonly oneShot?: boolean;
}

/** Job states in which a job is still on its way: adding it again must leave it be. */
const TERMINAL = new Set(['completed', 'failed', 'unknown']);

export async function createProducer(config: ProducerConfig, options: ProducerOptions = {}): Promise<Producer> {
  const onError = options.onError ?? (() => {});
  const connection: RedisClient = createRedisClient(
    {
      url: config.redisUrl,
      ...(config.clusterNodes ? { clusterNodes: config.clusterNodes } : {}),
      onError,
    },
    options.oneShot ? { ...ONE_SHOT_OPTIONS } : {},
  );
  const ledger = createLedger(connection, config.prefix);
  const running = await connection.get(ledger.keys.topology);
  if (running && running !== config.topology) {
    await closeRedisConnection(connection);
    throw new OptionError(
      `the workers on prefix ${JSON.stringify(config.prefix)} run the ${JSON.stringify(running)} topology, not ${JSON.stringify(config.topology)}: set CLEANWIRE_TOPOLOGY=${running} (or --topology ${running})`,
    );
  }
  const topology = createTopology(config.topology);
  const queues = createQueueSet(connection, config.prefix, onError);
  const segmentQueues = topology.map((segment) => queues.get(segmentQueueName(segment)));
  // Every topology has at least one segment.
  const first = segmentQueues[0] as Queue;
  const last = segmentQueues.at(-1) as Queue;
  const jobOptions = retryJobOptions(config);

  /**
   * Adds the job unless the ledger has its outcome. A job keeps its id in its queue after it
   * completed or failed, and adding a job with that id again does nothing: a document whose
   * earlier try ended without an outcome (failed for good, or its writes refused by a Redis out
   * of memory) would never run again. So such leftover jobs are removed first, from every
   * segment queue, and submitting the input again starts it over; a job still waiting or running
   * somewhere is left to finish.
   */
  async function addOnce(
    queue: Queue,
    name: string,
    data: unknown,
    key: string,
    source: string,
    known: { outcome?: string; failed?: string },
  ): Promise<Submission> {
    if (known.outcome) return { key, source, state: 'finished' };
    const states = await Promise.all(segmentQueues.map((q) => q.getJobState(key)));
    if (states.some((state) => !TERMINAL.has(state))) return { key, source, state: 'queued' };
    await Promise.all(
      segmentQueues.map((q, i) => (states[i] === 'unknown' ? undefined : q.remove(key, { removeChildren: true }))),
    );
    if (known.failed) await ledger.clearFailed(key);
    await queue.add(name, data, { ...jobOptions, jobId: key });
    return { key, source, state: 'queued' };
  }

  async function submitRejection(rejection: Rejection): Promise<Submission> {
    const key = rejectionKey(rejection);
    const [known = {}] = await ledger.lookup([key]);
    return addOnce(last, REJECTION_JOB, { key, rejection }, key, rejection.source, known);
  }

  async function submitDocument(doc: Document): Promise<Submission> {
    const claim = await ledger.claimSource(doc.id, doc.source);
    if (claim.first !== doc.source) {
      return submitRejection({
        source: doc.source,
        reason: 'duplicate-input',
        message: `same content as ${claim.first}`,
        id: doc.id,
      });
    }
    return addOnce(first, DOCUMENT_JOB, doc, doc.id, doc.source, claim);
  }

  async function failedIn(key: string): Promise<{ key: string; reason: string } | undefined> {
    for (const queue of segmentQueues) {
      if ((await queue.getJobState(key)) !== 'failed') continue;
      const job = await queue.getJob(key);
      return { key, reason: `${queue.name}: ${job?.failedReason ?? 'failed'}` };
    }
    return undefined;
  }

  return {
    ledger,
    submit: (item) => ('doc' in item ? submitDocument(item.doc) : submitRejection(item.rejection)),
    async unattended() {
      const counts = await Promise.all(segmentQueues.map((q) => q.getWorkersCount()));
      return segmentQueues.filter((_, i) => counts[i] === 0).map((q) => q.name);
    },
    async findFailed(keys) {
      const found = await Promise.all(keys.map(failedIn));
      return found.filter((f) => f !== undefined);
    },
    async close() {
      await queues.close();
      await closeRedisConnection(connection);
    },
  };
}
