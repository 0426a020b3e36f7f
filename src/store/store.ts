/**
 * The narrow interface through which cross-document stages keep state. Two implementations:
 * in memory (src/store/memory-store.ts, for the CLI) and Redis (src/queue/redis-store.ts, for
 * workers), both run against the same contract tests.
 *
 * Placeholder: the cross-document stages define the methods they need here.
 */
export interface CrossDocumentStore {
  readonly kind: 'memory' | 'redis';
  close(): Promise<void>;
}
