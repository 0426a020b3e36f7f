import type { Redis } from 'ioredis';
import type { CrossDocumentStore } from '../store/store.js';

export interface RedisStoreOptions {
  readonly connection: Redis;
  /** Key prefix, shared with the queues (default `cleanwire`). */
  readonly prefix: string;
}

/** Placeholder: the cross-document stages define the store contract. */
export function createRedisStore(options: RedisStoreOptions): CrossDocumentStore {
  return {
    kind: 'redis',
    async close() {
      void options;
    },
  };
}
