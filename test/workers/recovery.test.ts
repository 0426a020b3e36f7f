/**
 * Redis out of memory in the middle of a run, then memory freed: enqueueing the same folder
 * again finishes every document, each once. Jobs that failed for good while memory was short
 * keep their ids in BullMQ; without removing them first the new adds would be swallowed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';
import { articleText, readLines, startCli, stopAll, uniquePrefix } from '../support/queue-processes.js';
import { type RunningRedis, startRedisServer } from '../support/redis-server.js';

let redis: RunningRedis | undefined;
afterAll(async () => {
  await stopAll();
  await redis?.stop();
});

async function usedMemory(client: Redis): Promise<number> {
  const info = await client.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1]);
}

describe('recovery after Redis ran out of memory', () => {
  it('finishes every document once when the folder is enqueued again', async () => {
    redis = await startRedisServer();
    const client = new Redis(redis.url);
    const count = 60;
    const input = tempDir();
    const out = tempDir();
    for (let i = 0; i < count; i++) {
      mkdirSync(join(input, `site${i % 6}`), { recursive: true });
      // Some 20 kB each: the jobs alone outgrow the memory limit below.
      writeFileSync(
        join(input, `site${i % 6}/${i}.txt`),
        Array.from({ length: 40 }, (_, j) => articleText(i * 100 + j)).join('\n'),
      );
    }
    const env = {
      REDIS_URL: redis.url,
      CLEANWIRE_PREFIX: uniquePrefix('oom'),
      CLEANWIRE_OUT: out,
      CLEANWIRE_TOPOLOGY: 'fused',
      // Short enough that jobs whose lock could not be renewed while Redis refused writes are taken
      // up again soon; long enough that renewals hold on a loaded machine (at 2 s they came late,
      // jobs stalled past maxStalledCount and failed for no reason of memory).
      CLEANWIRE_LOCK_MS: '10000',
      CLEANWIRE_ATTEMPTS: '2',
      CLEANWIRE_BACKOFF_MS: '100',
      LOG_LEVEL: 'error',
    };
    const worker = startCli(['worker', '--concurrency', '4'], env);
    await worker.waitFor('cleanwire worker ready');
    await client.config('SET', 'maxmemory', String((await usedMemory(client)) + 400_000));
    const starved = await runCli(['enqueue', input, '--wait', '--timeout', '40'], env);
    // Redis refused part of the run: the command says so, or documents failed.
    expect(starved.code).not.toBe(0);
    expect(starved.stderr).toMatch(/out of memory|failed|timed out/);
    const articlesBefore = readLines(join(out, 'articles.jsonl')).length;
    expect(articlesBefore).toBeLessThan(count);

    await client.config('SET', 'maxmemory', '0');
    const again = await runCli(['enqueue', input, '--wait', '--timeout', '120'], env);
    expect(again.stderr).toContain(`${count} document(s): ${count} article(s), 0 rejected, 0 failed`);
    expect(again.code).toBe(0);
    const ids = readLines(join(out, 'articles.jsonl')).map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
    // Any record in rejected.jsonl is a job that failed for good while memory was short.
    const reasons = readLines(join(out, 'rejected.jsonl')).map(
      (line) => (JSON.parse(line) as { reason: string }).reason,
    );
    expect(reasons.filter((r) => r !== 'job-failed')).toEqual([]);
    expect((await worker.stop('SIGTERM')).code).toBe(0);
    await client.quit();
  });
});
