/**
 * The Redis store for a one-shot command (`learn`, `templates`): make sure Redis answers (else
 * exit 2 with a hint, within seconds), and let go of the connection whatever `use` does.
 */
import type { ClusterNode } from '../config/env.js';
import { createRedisClient } from '../queue/connection.js';
import { ensureRedis, isRedisUnavailable, ONE_SHOT_OPTIONS, unavailable } from '../queue/reach.js';
import { createRedisStore } from '../queue/redis-store.js';
import type { CrossDocumentStore } from '../store/store.js';

export async function withRedisStore(
  config: { readonly redisUrl: string; readonly clusterNodes?: readonly ClusterNode[]; readonly prefix: string },
  use: (store: CrossDocumentStore) => Promise<void>,
): Promise<void> {
  const target = { url: config.redisUrl, ...(config.clusterNodes ? { clusterNodes: config.clusterNodes } : {}) };
  await ensureRedis(target);
  const connection = createRedisClient(target, { ...ONE_SHOT_OPTIONS });
  try {
    const store = createRedisStore({ connection, prefix: config.prefix });
    await use(store);
    await store.close();
  } catch (error) {
    throw isRedisUnavailable(error) ? unavailable(target, error) : error;
  } finally {
    connection.disconnect();
  }
}
