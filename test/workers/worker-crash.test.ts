/**
 * A worker killed with SIGKILL in the middle of a run: the jobs it held stall, another worker's
 * stalled check hands them on, and every document still comes out exactly once: on one Redis and
 * on a 3-master Redis Cluster.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadEnv } from '../../src/config/env.js';
import { createTopology } from '../../src/pipeline/topology.js';
import { closeRedisConnection, createRedisClient } from '../../src/queue/connection.js';
import { segmentQueueName } from '../../src/queue/names.js';
import { createQueueSet } from '../../src/queue/queues.js';
import { runCli, tempDir } from '../support/cli.js';
import {
  articleText,
  eventually,
  PATIENCE_MS,
  readLines,
  startCli,
  stopAll,
  uniquePrefix,
} from '../support/queue-processes.js';

afterAll(stopAll);

const BACKENDS: { name: string; redis: () => Record<string, string> }[] = [
  { name: 'one Redis', redis: () => ({ REDIS_URL: inject('redisUrl') }) },
  { name: 'a 3-master Redis Cluster', redis: () => ({ REDIS_CLUSTER_NODES: inject('clusterNodes') }) },
];

describe.each(BACKENDS)('a worker killed with SIGKILL mid-run on $name', ({ redis }) => {
  it('loses nothing: its stalled jobs finish on another worker, once', async () => {
    const count = 240;
    const input = tempDir();
    const out = tempDir();
    mkdirSync(join(input, 'site'));
    for (let i = 0; i < count; i++) writeFileSync(join(input, `site/${i}.txt`), articleText(1000 + i));
    const prefix = uniquePrefix('crash');
    // A shorter lock than the default 30 s: a dead worker's jobs are found stalled within seconds.
    // Not 2 s: on a loaded machine a live worker's renewals (every half lock) come late, its jobs
    // stall and, past maxStalledCount, fail, which is not what this test is about.
    const env = {
      ...redis(),
      CLEANWIRE_PREFIX: prefix,
      CLEANWIRE_OUT: out,
      CLEANWIRE_LOCK_MS: '10000',
      LOG_LEVEL: 'error',
    };
    const doomed = startCli(['worker', '--concurrency', '4'], env);
    await doomed.waitFor('cleanwire worker ready');
    expect((await runCli(['enqueue', input], env)).code).toBe(0);
    const articles = () => readLines(join(out, 'articles.jsonl'));
    await eventually(() => articles().length >= 20, PATIENCE_MS, 'the first articles');
    await doomed.stop('SIGKILL');

    // The connection as a worker makes it, from the same environment.
    const config = loadEnv({ ...env });
    const connection = createRedisClient({ url: config.redisUrl, clusterNodes: config.clusterNodes });
    const queueSet = createQueueSet(connection, prefix, () => {});
    const queues = createTopology('default').map((s) => queueSet.get(segmentQueueName(s)));
    const active = (await Promise.all(queues.map((q) => q.getActiveCount()))).reduce((a, b) => a + b, 0);
    await queueSet.close();
    await closeRedisConnection(connection);
    // The test means something only if the worker died holding jobs.
    expect(active).toBeGreaterThan(0);
    expect(articles().length).toBeLessThan(count);

    const survivor = startCli(['worker', '--concurrency', '4'], { ...env, LOG_LEVEL: 'warn' });
    await survivor.waitFor('cleanwire worker ready');
    const wait = await runCli(['enqueue', input, '--wait', '--timeout', '200'], env);
    expect(wait.stderr).toMatch(new RegExp(`${count} document\\(s\\): ${count} article\\(s\\), 0 rejected, 0 failed`));
    expect(wait.code).toBe(0);
    const ids = articles().map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
    expect(readLines(join(out, 'rejected.jsonl'))).toEqual([]);
    expect(survivor.output()).toContain('"msg":"stalled job handed on"');
    expect((await survivor.stop('SIGTERM')).code).toBe(0);
  });
});
