import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { documentFromBytes } from '../../src/ingest/read.js';
import { createRedisConnection } from '../../src/queue/connection.js';
import { createLedger } from '../../src/queue/ledger.js';
import { createProducer } from '../../src/queue/producer.js';
import { waitForOutcomes } from '../../src/queue/wait.js';
import { uniquePrefix } from '../support/queue-processes.js';

let redis: Redis;
beforeAll(() => {
  redis = createRedisConnection({ url: inject('redisUrl') });
});
afterAll(async () => {
  await redis.quit();
});

describe('waitForOutcomes', () => {
  it('counts articles, rejections and recorded failures, and reports progress', async () => {
    const ledger = createLedger(redis, uniquePrefix('wait'));
    await ledger.commit('a', 'article', 't');
    await ledger.commit('b', 'rejected:no-text', 't');
    await ledger.markFailed('c', 'segment-emit', 'EIO (after 5 attempts)');
    const seen: number[] = [];
    const result = await waitForOutcomes(ledger, ['a', 'b', 'c', 'a'], {
      onProgress: (p) => seen.push(p.articles + p.rejected + p.failed),
    });
    expect(result).toEqual({
      total: 3,
      articles: 1,
      rejected: 1,
      failed: 1,
      failures: [{ key: 'c', reason: 'segment-emit: EIO (after 5 attempts)' }],
      unfinished: [],
    });
    expect(seen).toEqual([3]);
  });

  it('gives up at the timeout with what is unfinished', async () => {
    const ledger = createLedger(redis, uniquePrefix('wait'));
    await ledger.commit('a', 'article', 't');
    const result = await waitForOutcomes(ledger, ['a', 'never'], { timeoutMs: 300, pollMs: 50 });
    expect(result).toMatchObject({ articles: 1, failed: 0, unfinished: ['never'] });
  });

  it('finds a job that failed where no worker recorded it, once nothing moves', async () => {
    const prefix = uniquePrefix('probe');
    const producer = await createProducer({
      redisUrl: inject('redisUrl'),
      prefix,
      topology: 'default',
      attempts: 1,
      backoffMs: 0,
    });
    const doc = documentFromBytes(Buffer.from('Headline\nBody.\n'), {
      source: 'a.txt',
      sourceKey: 'x',
      output: 'a.txt',
      format: 'text',
    });
    const submission = await producer.submit({ doc });
    // A bare worker that fails the job and records nothing, like the stalled check does.
    const worker = new Worker(
      'segment-ingest',
      async () => {
        throw new UnrecoverableError('disk on fire');
      },
      { connection: redis, prefix },
    );
    const result = await waitForOutcomes(producer.ledger, [submission.key], {
      pollMs: 50,
      probeAfterMs: 300,
      probe: (keys) => producer.findFailed(keys),
      timeoutMs: 10_000,
    });
    await worker.close();
    await producer.close();
    expect(result.failures).toEqual([{ key: doc.id, reason: 'segment-ingest: disk on fire' }]);
    expect(result.unfinished).toEqual([]);
  });
});
