/**
 * The Redis store for a one-shot command (`learn`, `templates`): connect, say so and exit 1 when
 * Redis does not answer, and let go of the connection whatever `use` does.
 */
import type { ClusterNode } from '../config/env.js';
import { connectClientForCommand } from '../queue/connection.js';
import { createRedisStore } from '../queue/redis-store.js';
import type { CrossDocumentStore } from '../store/store.js';

export async function withRedisStore(
  config: { readonly redisUrl: string; readonly clusterNodes?: readonly ClusterNode[]; readonly prefix: string },
  use: (store: CrossDocumentStore) => Promise<void>,
): Promise<void> {
  const connected = await connectClientForCommand({
    url: config.redisUrl,
    ...(config.clusterNodes ? { clusterNodes: config.clusterNodes } : {}),
  });
  if ('error' in connected) {
    process.stderr.write(`cleanwire: ${connected.error}\n`);
    process.exitCode = 1;
    return;
  }
  try {
    const store = createRedisStore({ connection: connected.connection, prefix: config.prefix });
    await use(store);
    await store.close();
  } finally {
    connected.connection.disconnect();
  }
}
