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

/** The ledger's keys for the entries of one shard (see ledgerShards). */
export interface ShardKeys {
  /** Hash: output key -> `article` or `rejected:<reason>`. What has been written, for good. */
  readonly ledger: string;
  /** Hash: output key -> `<file>\t<offset>`: a write began at that offset of that file and may not have finished. */
  readonly pending: string;
  /** Hash: output key -> `<queue>\t<message>`: the job failed for good (transient errors outlasted its attempts). */
  readonly failed: string;
  /** Hash: document id -> the first source seen with that content. */
  readonly sources: string;
  /** Sorted set: output key -> when it was committed (ms), so that old ledger entries can be trimmed. */
  readonly ledgerTimes: string;
  /** Hash: article path (REL.txt) -> id of the document whose article is published there now. */
  readonly published: string;
  /** Hash: article path -> id of the document that was published there before (superseded). */
  readonly superseded: string;
  /** String with a lease: who is writing this output key right now. */
  claim(key: string): string;
}

export interface RedisKeys {
  /** String: the topology the workers run, so that producers do not fill queues nobody reads. */
  readonly topology: string;
  /** String: the absolute output folder of the workers on this prefix (one prefix, one folder). */
  readonly out: string;
  /** The keys of the shard that holds `key` (an output key, a document id or an article path). */
  of(key: string): ShardKeys;
  /** Every shard's keys, for what goes over all entries (trimming). */
  readonly shards: readonly ShardKeys[];
}

function shardKeys(prefix: string): ShardKeys {
  return {
    ledger: `${prefix}:ledger`,
    pending: `${prefix}:pending`,
    failed: `${prefix}:failed`,
    sources: `${prefix}:sources`,
    ledgerTimes: `${prefix}:ledger-times`,
    published: `${prefix}:published`,
    superseded: `${prefix}:superseded`,
    claim: (key) => `${prefix}:claim:${key}`,
  };
}

/**
 * Ledger shards on Redis Cluster: each has a hash tag of its own, so the ledger spreads over the
 * masters (16 slots picked by the prefix: with 3 masters all on one is a (1/3)^15 chance), while
 * every key one script touches for one entry (ledger, pending, failed, sources, times, claim)
 * shares the entry's shard and the scripts stay atomic. One Redis keeps one unsharded set of keys.
 */
export const LEDGER_SHARDS = 16;

/** Which shard holds `key`: FNV-1a of its UTF-16 units, so it costs nothing next to a round trip. */
export function shardOf(key: string, shards = LEDGER_SHARDS): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % shards;
}

export function redisKeys(prefix: string, cluster = false): RedisKeys {
  const global = cluster ? `{${prefix}}` : prefix;
  const shards = cluster
    ? Array.from({ length: LEDGER_SHARDS }, (_, i) => shardKeys(`{${prefix}:ledger-${i}}`))
    : [shardKeys(prefix)];
  return {
    topology: `${global}:topology`,
    out: `${global}:out`,
    of: (key) => shards[shards.length === 1 ? 0 : shardOf(key, shards.length)] as ShardKeys,
    shards,
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
