/**
 * Redis connections for BullMQ and the Redis store. BullMQ's blocking workers need
 * `maxRetriesPerRequest: null` (a command must wait for Redis to come back instead of failing
 * after N retries), and every connection gets an 'error' listener so that a lost connection is
 * logged instead of crashing the process with an unhandled 'error' event.
 */
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { ClusterNode } from '../config/env.js';

export interface ConnectionOptions {
  /** redis:// or rediss:// (TLS) URL, with optional user:password and /db. */
  readonly url: string;
  /** Called on connection errors; default: ignore (ioredis reconnects on its own). */
  readonly onError?: (error: Error) => void;
}

export function createRedisConnection(options: ConnectionOptions, extra: RedisOptions = {}): Redis {
  // The cast: ioredis 6's option types do not hold under exactOptionalPropertyTypes.
  const settings = { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra } as RedisOptions & {
    replyMapping?: never;
  };
  const connection = new Redis(options.url, settings);
  connection.on('error', options.onError ?? (() => {}));
  return connection;
}

/** The URL without its password, for startup lines and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid REDIS_URL>';
  }
}

/** Closes a connection, politely if Redis answers, at once if it does not. */
export async function closeRedisConnection(connection: RedisClient): Promise<void> {
  await connection.quit().catch(() => connection.disconnect());
}

/** One Redis server or a Redis Cluster: both take the same commands, keyed by slot on a cluster. */
export type RedisClient = Redis | Cluster;

/** Where the queue layer's Redis is: REDIS_URL, or the seed nodes of REDIS_CLUSTER_NODES when there are any. */
export interface RedisTarget {
  readonly url: string;
  readonly clusterNodes?: readonly ClusterNode[];
}

/**
 * Whether commands go to a Redis Cluster, where every key a command or Lua script uses together
 * must share one hash tag (see names.ts).
 */
export function isCluster(client: RedisClient): client is Cluster {
  return client.isCluster;
}

/** What REDIS_URL lends to cluster nodes: user, password and TLS, never its host. */
export function credentialsOf(url: string): RedisOptions {
  try {
    const u = new URL(url);
    return {
      ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
      ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
      ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * A connection to the target: a Cluster client when seed nodes are given (it discovers the other
 * masters and follows slot moves), else one Redis as createRedisConnection makes it. `extra`
 * applies to every node; its retryStrategy becomes the cluster's reconnection strategy.
 */
export function createRedisClient(target: RedisTarget & ConnectionOptions, extra: RedisOptions = {}): RedisClient {
  const nodes = target.clusterNodes ?? [];
  if (nodes.length === 0) return createRedisConnection(target, extra);
  const { retryStrategy, ...perNode } = extra;
  // The cast: as above, ioredis 6's option types do not hold under exactOptionalPropertyTypes.
  const cluster = new Cluster(
    nodes.map(({ host, port }) => ({ host, port })),
    {
      redisOptions: { maxRetriesPerRequest: null, ...credentialsOf(target.url), ...perNode },
      enableReadyCheck: true,
      ...(retryStrategy ? { clusterRetryStrategy: retryStrategy } : {}),
    } as ConstructorParameters<typeof Cluster>[1] & { replyMapping?: never },
  );
  cluster.on('error', target.onError ?? (() => {}));
  return cluster;
}

/** The target for startup lines and messages: the cluster's seed nodes, or the URL without its password. */
export function describeTarget(target: RedisTarget): string {
  const nodes = target.clusterNodes ?? [];
  if (nodes.length === 0) return redactUrl(target.url);
  return `cluster:${nodes.map(({ host, port }) => `${host.includes(':') ? `[${host}]` : host}:${port}`).join(',')}`;
}
