/**
 * A worker killed with SIGKILL in the middle of a run: the jobs it held stall, another worker's
 * stalled check hands them on, and every document still comes out exactly once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTopology } from '../../src/pipeline/topology.js';
import { createRedisConnection } from '../../src/queue/connection.js';
import { segmentQueueName } from '../../src/queue/names.js';
import { runCli, tempDir } from '../support/cli.js';
import { articleText, eventually, readLines, startCli, stopAll, uniquePrefix } from '../support/queue-processes.js';

afterAll(stopAll);

describe('a worker killed with SIGKILL mid-run', () => {
  it('loses nothing: its stalled jobs finish on another worker, once', async () => {
    const count = 240;
    const input = tempDir();
    const out = tempDir();
    mkdirSync(join(input, 'site'));
    for (let i = 0; i < count; i++) writeFileSync(join(input, `site/${i}.txt`), articleText(1000 + i));
    const prefix = uniquePrefix('crash');
    // A short lock: a dead worker's jobs are found stalled after ~2 s instead of 30.
    const env = {
      REDIS_URL: inject('redisUrl'),
      CLEANWIRE_PREFIX: prefix,
      CLEANWIRE_OUT: out,
      CLEANWIRE_LOCK_MS: '2000',
      LOG_LEVEL: 'error',
    };
    const doomed = startCli(['worker', '--concurrency', '4'], env);
    await doomed.waitFor('cleanwire worker ready');
    expect((await runCli(['enqueue', input], env)).code).toBe(0);
    const articles = () => readLines(join(out, 'articles.jsonl'));
    await eventually(() => articles().length >= 20, 60_000, 'the first articles');
    await doomed.stop('SIGKILL');

    const connection = createRedisConnection({ url: inject('redisUrl') });
    const queues = createTopology('default').map((s) => new Queue(segmentQueueName(s), { connection, prefix }));
    const active = (await Promise.all(queues.map((q) => q.getActiveCount()))).reduce((a, b) => a + b, 0);
    await Promise.all(queues.map((q) => q.close()));
    await connection.quit();
    // The test means something only if the worker died holding jobs.
    expect(active).toBeGreaterThan(0);
    expect(articles().length).toBeLessThan(count);

    const survivor = startCli(['worker', '--concurrency', '4'], { ...env, LOG_LEVEL: 'warn' });
    await survivor.waitFor('cleanwire worker ready');
    const wait = await runCli(['enqueue', input, '--wait', '--timeout', '90'], env);
    expect(wait.stderr).toMatch(new RegExp(`${count} document\\(s\\): ${count} article\\(s\\), 0 rejected, 0 failed`));
    expect(wait.code).toBe(0);
    const ids = articles().map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
    expect(readLines(join(out, 'rejected.jsonl'))).toEqual([]);
    expect(survivor.output()).toContain('"msg":"stalled job handed on"');
    expect((await survivor.stop('SIGTERM')).code).toBe(0);
  }, 150_000);
});
