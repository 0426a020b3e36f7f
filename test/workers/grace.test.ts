/**
 * SIGTERM while a long document runs its text stages: they run on the worker-thread pool, so the
 * event loop answers the signal, the grace period ends the worker by itself (no watchdog kill),
 * before the document's article is written, and its job is left to another worker, which writes
 * the article once. Ordering and counts only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createRedisConnection } from '../../src/queue/connection.js';
import { runCli, tempDir } from '../support/cli.js';
import {
  bigArticle,
  eventually,
  lifecycle,
  PATIENCE_MS,
  readLines,
  startCli,
  stopAll,
  uniquePrefix,
} from '../support/queue-processes.js';

afterAll(stopAll);

describe('the grace period under a long document', () => {
  it('ends the worker on its own before the document is done; another worker finishes it once', async () => {
    const input = tempDir();
    const out = tempDir();
    mkdirSync(join(input, 'site'));
    writeFileSync(join(input, 'site/huge.txt'), bigArticle(77, 6_000_000));
    const prefix = uniquePrefix('grace');
    const env = {
      REDIS_URL: inject('redisUrl'),
      CLEANWIRE_PREFIX: prefix,
      CLEANWIRE_OUT: out,
      CLEANWIRE_TOPOLOGY: 'fused',
      CLEANWIRE_LOCK_MS: '4000',
      CLEANWIRE_GRACE_MS: '1000',
      CLEANWIRE_THREADS: '1',
      LOG_LEVEL: 'error',
    };
    const worker = startCli(['worker', '--concurrency', '1'], env);
    await worker.waitFor('cleanwire worker ready');
    expect((await runCli(['enqueue', input], env)).code).toBe(0);
    const connection = createRedisConnection({ url: inject('redisUrl') });
    const queue = new Queue('segment-all', { connection, prefix });
    await eventually(async () => (await queue.getActiveCount()) === 1, PATIENCE_MS, 'the job to start');
    const stopped = await worker.stop('SIGTERM', 300_000);
    // Ended by itself after the grace period, not by the watchdog, and before the article was written.
    expect(stopped.signal, worker.output()).toBeNull();
    expect(stopped.code, worker.output()).toBe(0);
    expect(worker.output()).not.toContain('grace period over while a job kept the event loop busy');
    expect(lifecycle(worker.output(), 'worker', 'stopped')?.unfinished).toBe('left to other workers');
    expect(readLines(join(out, 'articles.jsonl'))).toEqual([]);
    expect(readLines(join(out, 'rejected.jsonl')), 'a stop is not the document’s fault').toEqual([]);

    // The abandoned job stalls once its lock (4 s, the first worker's) runs out and the next worker
    // takes it over. The next worker keeps the default 30 s lock: in the fused topology it runs the
    // cross-document stages of 6 MB on its event loop, which on a loaded machine can outlast a 4 s
    // lock and hand the job on again.
    const next = startCli(['worker', '--concurrency', '1'], {
      ...env,
      CLEANWIRE_LOCK_MS: '30000',
      CLEANWIRE_GRACE_MS: '25000',
    });
    await next.waitFor('cleanwire worker ready');
    await eventually(() => readLines(join(out, 'articles.jsonl')).length === 1, 600_000, 'the article');
    expect((await next.stop('SIGTERM', 120_000)).code).toBe(0);
    expect(readLines(join(out, 'articles.jsonl'))).toHaveLength(1);
    expect(readLines(join(out, 'rejected.jsonl'))).toEqual([]);
    await queue.close();
    await connection.quit();
  }, 900_000);
});
