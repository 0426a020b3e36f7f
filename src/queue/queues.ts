/**
 * The queues one process writes to, made once each on a shared connection and closed together.
 */
import { Queue } from 'bullmq';
import { isCluster, type RedisClient } from './connection.js';
import { queuePrefix } from './names.js';

export interface QueueSet {
  get(name: string): Queue;
  close(): Promise<void>;
}

/**
 * `onError` hears every queue's errors: a Queue with no 'error' listener has BullMQ print each
 * one with console.error, as a raw stack with the failed command's arguments (AUTH among them).
 */
export function createQueueSet(connection: RedisClient, prefix: string, onError: (error: Error) => void): QueueSet {
  const queues = new Map<string, Queue>();
  return {
    get(name) {
      let queue = queues.get(name);
      if (!queue) {
        queue = new Queue(name, { connection, prefix: queuePrefix(prefix, name, isCluster(connection)) });
        queue.on('error', onError);
        queues.set(name, queue);
      }
      return queue;
    },
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}
