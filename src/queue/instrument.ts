/**
 * What the metrics and health endpoints (src/metrics/) need from the queue layer: outputs counted
 * where they are written, queue depths and whether Redis answers.
 */
import type { Queue } from 'bullmq';
import type { Metrics, QueueDepths } from '../metrics/metrics.js';
import type { RedisClient } from './connection.js';
import type { Emitter } from './emitter.js';

/** The job states a depth gauge shows: work to do, work in progress, work that needs a look. */
export const DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * The emitter, counting what it writes: an article or a rejection counts once, when its line is
 * written, never when a repeat finds it already written. So the counters of all emitting
 * workers add up to the lines of articles.jsonl and rejected.jsonl.
 */
export function countWrites(emitter: Emitter, metrics: Metrics): Emitter {
  return {
    ...emitter,
    async article(doc) {
      const result = await emitter.article(doc);
      if (result === 'written') metrics.documentWritten('article');
      return result;
    },
    async rejection(job) {
      const result = await emitter.rejection(job);
      if (result === 'written') metrics.documentWritten('rejected', job.rejection.reason);
      return result;
    },
  };
}

/** Reads the depth of each queue (one Redis script per queue). */
export function queueDepthsOf(queues: readonly Queue[]): () => Promise<QueueDepths> {
  return async () => {
    const counts = await Promise.all(queues.map((queue) => queue.getJobCounts(...DEPTH_STATES)));
    return Object.fromEntries(queues.map((queue, i) => [queue.name, counts[i] ?? {}]));
  };
}

/** Why Redis cannot be used now, or undefined when it answers a PING within `timeoutMs`. */
export async function redisNotReady(connection: RedisClient, timeoutMs = 2000): Promise<string | undefined> {
  // With maxRetriesPerRequest null a command waits for Redis for ever: the status answers at once.
  if (connection.status !== 'ready') return `redis connection is ${connection.status}`;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`redis did not answer PING within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([connection.ping().then(() => undefined), late]);
  } catch (error) {
    return `redis: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}
