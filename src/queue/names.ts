/**
 * Names of everything cleanwire keeps in Redis. BullMQ puts each queue under `<prefix>:<queue>:`;
 * cleanwire's own keys sit beside them under the same prefix, so one prefix is one deployment.
 */
import type { Segment } from '../pipeline/topology.js';

/** The output queue: one job per article, for downstream NLP consumers. */
export const ARTICLES_QUEUE = 'articles';

export function segmentQueueName(segment: Segment): string {
  return `segment-${segment.name}`;
}

export interface RedisKeys {
  /** Hash: output key -> `article` or `rejected:<reason>`. What has been written, for good. */
  readonly ledger: string;
  /** Hash: output key -> `<file>\t<offset>`: a write began at that offset of that file and may not have finished. */
  readonly pending: string;
  /** Hash: output key -> `<queue>\t<message>`: the job failed for good (transient errors outlasted its attempts). */
  readonly failed: string;
  /** Hash: document id -> the first source seen with that content. */
  readonly sources: string;
  /** String: the topology the workers run, so that producers do not fill queues nobody reads. */
  readonly topology: string;
  /** Sorted set: output key -> when it was committed (ms), so that old ledger entries can be trimmed. */
  readonly ledgerTimes: string;
  /** String: the absolute output folder of the workers on this prefix (one prefix, one folder). */
  readonly out: string;
  /** String with a lease: who is writing this output key right now. */
  claim(key: string): string;
}

export function redisKeys(prefix: string): RedisKeys {
  return {
    ledger: `${prefix}:ledger`,
    pending: `${prefix}:pending`,
    failed: `${prefix}:failed`,
    sources: `${prefix}:sources`,
    topology: `${prefix}:topology`,
    ledgerTimes: `${prefix}:ledger-times`,
    out: `${prefix}:out`,
    claim: (key) => `${prefix}:claim:${key}`,
  };
}

/**
 * BullMQ's key prefix for a queue. On Redis Cluster each queue gets its own hash tag: every key
 * of one queue (BullMQ's Lua scripts take many at once) lands in one slot, and different queues
 * land on different masters. One Redis keeps the plain prefix, so existing keys stay where they are.
 */
export function queuePrefix(prefix: string, queue: string, cluster: boolean): string {
  return cluster ? `{${prefix}:${queue}}` : prefix;
}

/**
 * The prefix of the ledger's keys (redisKeys). On Redis Cluster they share one hash tag: the
 * ledger's scripts read and write the ledger, pending, failed, sources and claim keys together.
 */
export function ledgerPrefix(prefix: string, cluster: boolean): string {
  return cluster ? `{${prefix}}` : prefix;
}
