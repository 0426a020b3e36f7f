/**
 * The Redis store for a one-shot command (`learn`, `templates`): make sure Redis answers (else
 * exit 2 with a hint, within seconds), and let go of the connection whatever `use` does.
 */
import { createRedisConnection } from '../queue/connection.js';
import { ensureRedis, isRedisUnavailable, ONE_SHOT_OPTIONS, unavailable } from '../queue/reach.js';
import { createRedisStore } from '../queue/redis-store.js';
import type { CrossDocumentStore } from '../store/store.js';

export async function withRedisStore(
  config: { readonly redisUrl: string; readonly prefix: string },
  use: (store: CrossDocumentStore) => Promise<void>,
): Promise<void> {
  await ensureRedis(config.redisUrl);
  const connection = createRedisConnection({ url: config.redisUrl }, { ...ONE_SHOT_OPTIONS });
  try {
    const store = createRedisStore({ connection, prefix: config.prefix });
    await use(store);
    await store.close();
  } catch (error) {
    throw isRedisUnavailable(error) ? unavailable(config.redisUrl, error) : error;
  } finally {
    connection.disconnect();
  }
}
