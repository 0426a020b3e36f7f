import type { CrossDocumentStore } from './store.js';

/** In-memory store for the CLI: one process, one batch. */
export function createMemoryStore(): CrossDocumentStore {
  return {
    kind: 'memory',
    async close() {},
  };
}
