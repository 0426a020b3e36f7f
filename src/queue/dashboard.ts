/**
 * The Bull Board dashboard over cleanwire's queues: the segment queues of the topology and the
 * `articles` output queue. Access control is dashboard-guard.ts's job. Bull Board's adapter checks queues against the CommonJS build of
 * BullMQ it requires itself, so the queues are made from that same build.
 */
import type { RequestListener } from 'node:http';
import { createRequire } from 'node:module';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue as QueueType } from 'bullmq';
import type { ClusterNode } from '../config/env.js';
import type { QueueDepths } from '../metrics/metrics.js';
import type { TopologyName } from '../pipeline/topology.js';
import { createTopology } from '../pipeline/topology.js';
import { closeRedisConnection, createRedisClient, isCluster } from './connection.js';
import { queueDepthsOf, redisNotReady } from './instrument.js';
import { ARTICLES_QUEUE, queuePrefix, segmentQueueName } from './names.js';

const { Queue } = createRequire(import.meta.url)('bullmq') as { Queue: typeof QueueType };

export interface DashboardOptions {
  readonly redisUrl: string;
  /** Seed nodes of a Redis Cluster; none: one Redis at redisUrl. */
  readonly clusterNodes?: readonly ClusterNode[];
  readonly prefix: string;
  readonly topology: TopologyName;
  /** No retrying, removing or adding jobs from the board (its buttons are hidden too). */
  readonly readOnly: boolean;
  readonly onError?: (error: Error) => void;
}

export interface Dashboard {
  /** The Bull Board app (an Express app, which is a plain request listener). */
  readonly handler: RequestListener;
  readonly queues: readonly string[];
  /** Job counts of the queues by state, read now (for /metrics). */
  depths(): Promise<QueueDepths>;
  /** Why the dashboard cannot show the queues now (Redis away), or undefined (for /readyz). */
  notReady(): Promise<string | undefined>;
  close(): Promise<void>;
}

export function createDashboard(options: DashboardOptions): Dashboard {
  const connection = createRedisClient({
    url: options.redisUrl,
    ...(options.clusterNodes ? { clusterNodes: options.clusterNodes } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  const names = [...createTopology(options.topology).map(segmentQueueName), ARTICLES_QUEUE];
  const queues = names.map(
    (name) => new Queue(name, { connection, prefix: queuePrefix(options.prefix, name, isCluster(connection)) }),
  );
  for (const queue of queues) queue.on('error', options.onError ?? (() => {}));
  const adapterOptions = { readOnlyMode: options.readOnly, allowRetries: !options.readOnly };
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath('/');
  // The cast: @bull-board/express 9.10.1 declares its own copy of @bull-board/api's types (9.10.2 here).
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, adapterOptions)),
    serverAdapter: serverAdapter as never,
  });
  return {
    handler: serverAdapter.getRouter() as RequestListener,
    queues: names,
    depths: queueDepthsOf(queues),
    notReady: () => redisNotReady(connection),
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
      await closeRedisConnection(connection);
    },
  };
}
