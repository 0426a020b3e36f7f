/**
 * SIGTERM while a CPU-bound document holds the worker's event loop: the grace period still ends
 * the process (before the document's article is written); its job stalls and is handed on.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createRedisConnection } from '../../src/queue/connection.js';
import { runCli, tempDir } from '../support/cli.js';
import { bigArticle, eventually, readLines, startCli, stopAll, uniquePrefix } from '../support/queue-processes.js';

afterAll(stopAll);

describe('the grace period under a CPU-bound document', () => {
  it('ends the worker before the document is done', async () => {
    const input = tempDir();
    const out = tempDir();
    mkdirSync(join(input, 'site'));
    writeFileSync(join(input, 'site/huge.txt'), bigArticle(77, 12_000_000));
    const prefix = uniquePrefix('grace');
    const env = {
      REDIS_URL: inject('redisUrl'),
      CLEANWIRE_PREFIX: prefix,
      CLEANWIRE_OUT: out,
      CLEANWIRE_TOPOLOGY: 'fused',
      CLEANWIRE_LOCK_MS: '60000',
      CLEANWIRE_GRACE_MS: '1000',
      LOG_LEVEL: 'error',
    };
    const worker = startCli(['worker', '--concurrency', '1'], env);
    await worker.waitFor('cleanwire worker ready');
    expect((await runCli(['enqueue', input], env)).code).toBe(0);
    const connection = createRedisConnection({ url: inject('redisUrl') });
    const queue = new Queue('segment-all', { connection, prefix });
    await eventually(async () => (await queue.getActiveCount()) === 1, 60_000, 'the job to start');
    const stopped = await worker.stop('SIGTERM', 120_000);
    // Ended by the watchdog, before the article was written: the grace period held.
    expect(stopped.signal, worker.output()).toBe('SIGKILL');
    expect(worker.output()).toContain('grace period over while a job kept the event loop busy');
    expect(readLines(join(out, 'articles.jsonl'))).toEqual([]);
    await queue.close();
    await connection.quit();
  }, 180_000);
});
