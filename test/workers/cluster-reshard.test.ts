/**
 * Slots move between the masters of a Redis Cluster while workers run (as `redis-cli --cluster
 * reshard` moves them): queues, the ledger and the store follow their slots through ASK, TRYAGAIN
 * and MOVED replies, and every document still comes out exactly once. A cluster of its own, so that moving slots
 * cannot disturb other test files.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopology } from '../../src/pipeline/topology.js';
import { segmentQueueName, shardOf } from '../../src/queue/names.js';
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
import { migrateSlotOf, type RunningCluster, startRedisCluster } from '../support/redis-cluster.js';

let cluster: RunningCluster;

beforeAll(async () => {
  cluster = await startRedisCluster();
});

afterAll(async () => {
  await stopAll();
  await cluster?.stop();
});

describe('the slots of a run moved to other masters mid-run', () => {
  it('loses and duplicates nothing', async () => {
    const count = 300;
    const input = tempDir();
    const out = tempDir();
    mkdirSync(join(input, 'site'));
    for (let i = 0; i < count; i++) writeFileSync(join(input, `site/${i}.txt`), articleText(5000 + i));
    const env = {
      REDIS_CLUSTER_NODES: cluster.nodes,
      CLEANWIRE_PREFIX: uniquePrefix('reshard'),
      CLEANWIRE_OUT: out,
      LOG_LEVEL: 'error',
    };
    const worker = startCli(['worker', '--concurrency', '1'], env);
    await worker.waitFor('cleanwire worker ready');
    expect((await runCli(['enqueue', input], env)).code).toBe(0);

    const articles = () => readLines(join(out, 'articles.jsonl')).length;
    await eventually(() => articles() >= 10, PATIENCE_MS, 'the first articles');
    // Every slot this run uses moves to another master while jobs read and write it: the ledger,
    // each queue, the source's store keys.
    const prefix = env.CLEANWIRE_PREFIX;
    const source = createHash('sha1').update('site').digest('hex').slice(0, 16);
    // The ledger is sharded: the shard of an article already written, and a few more.
    const firstId = (JSON.parse(readLines(join(out, 'articles.jsonl'))[0] as string) as { hash: string }).hash;
    const shards = [...new Set([shardOf(firstId), 0, 1, 2, 3])];
    const tags = [
      ...shards.map((n) => `{${prefix}:ledger-${n}}`),
      `{${prefix}}`,
      ...createTopology('default').map((segment) => `{${prefix}:${segmentQueueName(segment)}}`),
      `{${prefix}:articles}`,
      `{${prefix}:${source}}`,
    ];
    const before = articles();
    const movedTo: number[] = [];
    for (const tag of tags) movedTo.push(await migrateSlotOf(cluster.ports[0] as number, `${tag}:x`));
    // The keys went with their slots: the ledger, and the source's counted documents.
    expect(await cluster.cli(movedTo[0] as number, 'hexists', `{${prefix}:ledger-${shards[0]}}:ledger`, firstId)).toBe(
      '1\n',
    );
    expect(
      await cluster.cli(movedTo.at(-1) as number, 'exists', `${prefix}:store:src:{${prefix}:${source}}:site:docs`),
    ).toBe('1\n');
    // The test means something only if the slots moved mid-run.
    expect(before).toBeLessThan(count);

    const wait = await runCli(['enqueue', input, '--wait', '--timeout', '120'], env);
    expect(wait.stderr).toMatch(new RegExp(`${count} document\\(s\\): ${count} article\\(s\\), 0 rejected, 0 failed`));
    const written = readLines(join(out, 'articles.jsonl')).map((line) => (JSON.parse(line) as { id: string }).id);
    expect(written).toHaveLength(count);
    expect(new Set(written).size).toBe(count);
    expect(readLines(join(out, 'rejected.jsonl'))).toEqual([]);
    expect((await worker.stop('SIGTERM')).code).toBe(0);
  });
});
