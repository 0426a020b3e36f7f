/**
 * The Redis store and the ledger on a real 3-master Redis Cluster: every script and MULTI runs
 * (a key of another slot would fail with CROSSSLOT), the store keeps its contract, hostile source
 * keys stay inside their own slot, and sources spread over the masters.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadEnv } from '../../src/config/env.js';
import {
  closeRedisConnection,
  createRedisClient,
  describeTarget,
  isCluster,
  type RedisClient,
} from '../../src/queue/connection.js';
import { createLedger } from '../../src/queue/ledger.js';
import { createRedisStore } from '../../src/queue/redis-store.js';
import { lines, sig, storeContract } from '../store/contract.js';
import { runCli } from '../support/cli.js';
import { uniquePrefix } from '../support/queue-processes.js';
import { keysPerMaster } from '../support/redis-cluster.js';
import { freePort } from '../support/redis-server.js';

let connection: RedisClient;

beforeAll(() => {
  const config = loadEnv({ REDIS_CLUSTER_NODES: inject('clusterNodes') });
  connection = createRedisClient({ url: config.redisUrl, clusterNodes: config.clusterNodes });
});

afterAll(async () => {
  await closeRedisConnection(connection);
});

storeContract('redis cluster', async (limits) =>
  createRedisStore({ connection, prefix: uniquePrefix('cluster-store'), ...(limits ? { limits } : {}) }),
);

describe('on a 3-master Redis Cluster', () => {
  it('connects as a cluster client and names its seed nodes in startup lines', () => {
    expect(isCluster(connection)).toBe(true);
    expect(describeTarget({ url: 'redis://u:secret@x:1', clusterNodes: [{ host: '::1', port: 7000 }] })).toBe(
      'cluster:[::1]:7000',
    );
  });

  it('learns and reads back hostile source keys, each within its own slot', async () => {
    const prefix = uniquePrefix('cluster-hostile');
    const store = createRedisStore({ connection, prefix });
    const hostile = ['', '{', '}', '{}', '}{x}', '{a}:b', '%7B', 'x'.repeat(4000), 'ünï/cøde:{'];
    for (const [i, sourceKey] of hostile.entries()) {
      const a = sig([i, 1, 2, 3, 4, 5, 6, 7], `a${i}`);
      const b = sig([i, 9, 10, 11, 12, 13, 14, 15], `b${i}`);
      expect(await store.learnSourceDocument(sourceKey, `d${i}a`, a, lines('^head', 'foot'), 7)).toEqual({
        learned: true,
        counted: true,
      });
      await store.learnSourceDocument(sourceKey, `d${i}b`, b, lines('^head', 'foot', 'other'), 7);
      expect(await store.lineEvidence(sourceKey, ['khead', 'kfoot', 'kother'])).toEqual({
        docs: 2,
        counts: [2, 2, 1],
        tops: [2, 0, 0],
      });
      expect((await store.learnedLines(sourceKey)).map((line) => line.key)).toEqual(['kfoot', 'khead']);
    }
    expect((await store.sources()).map((s) => s.sourceKey).sort()).toEqual([...hostile].sort());
  });

  it('spreads sources over the masters', async () => {
    const prefix = uniquePrefix('cluster-spread');
    const store = createRedisStore({ connection, prefix });
    for (let i = 0; i < 30; i++) {
      await store.learnSourceDocument(`site-${i}.example`, `d${i}`, sig([i, 1, 2, 3], `s${i}`), lines('x'), 7);
    }
    const perMaster = await keysPerMaster(inject('clusterPorts'), `${prefix}:store:src:`);
    expect(perMaster.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(perMaster.filter((n) => n > 0)).toHaveLength(3);
  });

  it('spreads the ledger over the masters, each entry with all its keys in one shard', async () => {
    const prefix = uniquePrefix('cluster-ledger-spread');
    const ledger = createLedger(connection, prefix);
    const ids = Array.from({ length: 48 }, (_, i) => `doc${i}`);
    for (const id of ids) {
      // Every script touches several keys of the entry: on one slot each, or CROSSSLOT would fail it.
      await ledger.claimSource(id, `${id}.txt`);
      expect(await ledger.claimWrite(id, 'w', 10_000)).toEqual({ state: 'go' });
      await ledger.markPending(id, 'articles.jsonl', 0);
      await ledger.commit(id, 'article', 'w');
      await ledger.supersede(`site/${id}.txt`, id);
    }
    expect(await ledger.lookup(ids)).toEqual(ids.map(() => ({ outcome: 'article' })));
    const perMaster = await keysPerMaster(inject('clusterPorts'), `${prefix}:ledger-`);
    expect(perMaster.filter((n) => n > 0).length, `ledger keys per master: ${perMaster}`).toBeGreaterThan(1);
    // Trimming goes over every shard.
    expect(await ledger.trim(-60_000)).toBe(ids.length);
    expect(await ledger.lookup(ids)).toEqual(ids.map(() => ({})));
  });

  it('makes one-shot commands say which cluster they cannot reach, without its password, and exit', async () => {
    const port = await freePort();
    const result = await runCli(['templates'], {
      REDIS_URL: 'redis://user:hunter2@127.0.0.1:6379',
      REDIS_CLUSTER_NODES: `127.0.0.1:${port}`,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`is redis-server running at cluster:127.0.0.1:${port}? set REDIS_URL`);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('refuses a malformed REDIS_CLUSTER_NODES, quoting it', async () => {
    const result = await runCli(['templates'], { REDIS_CLUSTER_NODES: '127.0.0.1:7000;rm -rf' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'REDIS_CLUSTER_NODES must be comma-separated host:port pairs, got "127.0.0.1:7000;rm -rf"',
    );
  });

  it('runs every ledger script: claims, leases, pending marks, commits and failures', async () => {
    const ledger = createLedger(connection, uniquePrefix('cluster-ledger'));
    expect(await ledger.claimSource('id1', 'a.txt')).toEqual({ first: 'a.txt' });
    expect(await ledger.claimSource('id1', 'b.txt')).toEqual({ first: 'a.txt' });
    await ledger.markFailed('id1', 'segment-emit', 'EACCES');
    expect(await ledger.claimWrite('id1', 'w1', 10_000)).toEqual({ state: 'go' });
    expect(await ledger.claimWrite('id1', 'w2', 10_000)).toEqual({ state: 'busy', holder: 'w1' });
    await ledger.markPending('id1', 'articles.jsonl', 42);
    await ledger.release('id1', 'w1');
    // A second try marks the other file (its outcome flipped), in the claim's own script.
    expect(await ledger.claimWrite('id1', 'w2', 10_000, { file: 'rejected.jsonl', offset: 7 })).toEqual({
      state: 'go',
      pending: [{ file: 'articles.jsonl', offset: 42 }],
    });
    expect(await ledger.claimWrite('id1', 'w2', 10_000)).toEqual({
      state: 'go',
      pending: [
        { file: 'articles.jsonl', offset: 42 },
        { file: 'rejected.jsonl', offset: 7 },
      ],
    });
    await ledger.commit('id1', 'article', 'w2');
    expect(await ledger.lookup(['id1', 'none'])).toEqual([{ outcome: 'article' }, {}]);
    expect(await ledger.claimWrite('id1', 'w3', 10_000)).toEqual({ state: 'done', outcome: 'article' });
    expect(await connection.exists(ledger.keys.of('id1').claim('id1'))).toBe(0);
  });
});
