import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedisConnection } from '../../src/queue/connection.js';
import { createLedger, type Ledger } from '../../src/queue/ledger.js';
import { uniquePrefix } from '../support/queue-processes.js';

let redis: Redis;
let ledger: Ledger;

beforeAll(() => {
  redis = createRedisConnection({ url: inject('redisUrl') });
  ledger = createLedger(redis, uniquePrefix('ledger'));
});
afterAll(async () => {
  await redis.quit();
});

describe('ledger', () => {
  it('claims a source: the first source of a content stays the first', async () => {
    expect(await ledger.claimSource('id1', 'a/x.txt')).toEqual({ first: 'a/x.txt' });
    expect(await ledger.claimSource('id1', 'b/y.txt')).toEqual({ first: 'a/x.txt' });
    expect(await ledger.claimSource('id1', 'a/x.txt')).toEqual({ first: 'a/x.txt' });
  });

  it('reports the outcome and a failure with the source claim', async () => {
    await ledger.claimSource('id2', 'a.txt');
    await ledger.markFailed('id2', 'segment-emit', 'EACCES (after 5 attempts)');
    expect(await ledger.claimSource('id2', 'a.txt')).toEqual({
      first: 'a.txt',
      failed: 'segment-emit\tEACCES (after 5 attempts)',
    });
    const claim = await ledger.claimWrite('id2', 'me', 10_000);
    expect(claim).toEqual({ state: 'go' });
    await ledger.commit('id2', 'article', 'me');
    // A commit clears the failure: a later retry succeeded.
    expect(await ledger.claimSource('id2', 'a.txt')).toEqual({ first: 'a.txt', outcome: 'article' });
    expect(await ledger.lookup(['id2', 'nothing'])).toEqual([{ outcome: 'article' }, {}]);
  });

  it('leases a write to one holder; the holder may claim again; a commit ends it for good', async () => {
    expect(await ledger.claimWrite('k1', 'w1', 10_000)).toEqual({ state: 'go' });
    expect(await ledger.claimWrite('k1', 'w2', 10_000)).toEqual({ state: 'busy', holder: 'w1' });
    expect(await ledger.claimWrite('k1', 'w1', 10_000)).toEqual({ state: 'go' });
    await ledger.markPending('k1', 'articles.jsonl', 120);
    await ledger.markPending('k1', 'articles.jsonl', 560);
    await ledger.release('k1', 'w2');
    expect(await ledger.claimWrite('k1', 'w2', 10_000)).toEqual({ state: 'busy', holder: 'w1' });
    await ledger.release('k1', 'w1');
    // The earliest pending offset stays: a later look must cover every interrupted try.
    expect(await ledger.claimWrite('k1', 'w2', 10_000)).toEqual({
      state: 'go',
      pending: [{ file: 'articles.jsonl', offset: 120 }],
    });
    await ledger.commit('k1', 'rejected:no-text', 'w2');
    expect(await ledger.claimWrite('k1', 'w3', 10_000)).toEqual({ state: 'done', outcome: 'rejected:no-text' });
    expect(await redis.exists(ledger.keys.of('k1').claim('k1'))).toBe(0);
    expect(await redis.hexists(ledger.keys.of('k1').pending, 'k1')).toBe(0);
  });

  it("marks a granted claim pending in the same script, keeping an earlier try's mark and answering it", async () => {
    const at = (offset: number) => ({ file: 'articles.jsonl', offset });
    expect(await ledger.claimWrite('k3', 'w1', 10_000, at(300))).toEqual({ state: 'go' });
    // Refused: no mark made by the refused writer.
    expect(await ledger.claimWrite('k3', 'w2', 10_000, at(10))).toEqual({ state: 'busy', holder: 'w1' });
    await ledger.release('k3', 'w1');
    // The next try sees the first try's mark, and its own later offset does not replace it.
    expect(await ledger.claimWrite('k3', 'w2', 10_000, at(900))).toEqual({ state: 'go', pending: [at(300)] });
    expect(await ledger.claimWrite('k3', 'w2', 10_000, at(950))).toEqual({ state: 'go', pending: [at(300)] });
    await ledger.commit('k3', 'article', 'w2');
    expect(await ledger.claimWrite('k3', 'w3', 10_000, at(1000))).toEqual({ state: 'done', outcome: 'article' });
    expect(await redis.hexists(ledger.keys.of('k3').pending, 'k3')).toBe(0);
  });

  it('keeps one mark per file: a try whose outcome flipped adds its own, an article carries its path', async () => {
    const articles = { file: 'articles.jsonl', offset: 300, output: 'site/a.txt' };
    expect(await ledger.claimWrite('k4', 'w1', 10_000, articles)).toEqual({ state: 'go' });
    await ledger.release('k4', 'w1');
    const rejected = { file: 'rejected.jsonl', offset: 80 };
    expect(await ledger.claimWrite('k4', 'w2', 10_000, rejected)).toEqual({ state: 'go', pending: [articles] });
    await ledger.release('k4', 'w2');
    // Later tries of either kind leave both earliest marks as they are.
    await ledger.markPending('k4', 'rejected.jsonl', 90);
    expect(await ledger.claimWrite('k4', 'w3', 10_000, { ...articles, offset: 900 })).toEqual({
      state: 'go',
      pending: [articles, rejected],
    });
    await ledger.commit('k4', 'article', 'w3');
    expect(await redis.hexists(ledger.keys.of('k4').pending, 'k4')).toBe(0);
  });

  it('reads back a mark written in the one-file form of earlier versions, and garbage without failing', async () => {
    await redis.hset(ledger.keys.of('k5').pending, 'k5', 'articles.jsonl\t120');
    expect(await ledger.claimWrite('k5', 'w', 10_000)).toEqual({
      state: 'go',
      pending: [{ file: 'articles.jsonl', offset: 120 }],
    });
    await redis.hset(ledger.keys.of('k6').pending, 'k6', 'x\n\narticles.jsonl\t-4\nrejected.jsonl\t1e400');
    // A size that is not one reads as 0: the whole file is looked through rather than part of it.
    expect(await ledger.claimWrite('k6', 'w', 10_000)).toEqual({
      state: 'go',
      pending: [
        { file: 'x', offset: 0 },
        { file: 'articles.jsonl', offset: 0 },
        { file: 'rejected.jsonl', offset: 0 },
      ],
    });
  });

  it('lets a lease run out when its holder died', async () => {
    expect(await ledger.claimWrite('k2', 'dead', 100)).toEqual({ state: 'go' });
    await new Promise((r) => setTimeout(r, 150));
    expect(await ledger.claimWrite('k2', 'alive', 100)).toEqual({ state: 'go' });
  });

  it('records which version an article path publishes, and answers a retried swap the same', async () => {
    expect(await ledger.supersede('site/a.txt', 'v1')).toBeUndefined();
    expect(await ledger.supersede('site/a.txt', 'v1')).toBeUndefined();
    expect(await ledger.supersede('site/a.txt', 'v2')).toBe('v1');
    // A retry of v2's write (it crashed after the swap, before its record) still learns of v1.
    expect(await ledger.supersede('site/a.txt', 'v2')).toBe('v1');
    expect(await ledger.supersede('site/a.txt', 'v3')).toBe('v2');
    expect(await ledger.supersede('site/other.txt', 'v3')).toBeUndefined();
  });

  it('trims entries committed longer ago than the window, and only those', async () => {
    const own = createLedger(redis, uniquePrefix('trim'));
    for (const key of ['old1', 'old2', 'new1']) {
      await own.claimSource(key, `${key}.txt`);
      await own.claimWrite(key, 'w', 10_000);
      await own.commit(key, 'article', 'w');
    }
    // Back-date two commits by a day (as if they were made then).
    const dayAgo = Date.now() - 86_400_000;
    await redis.zadd(own.keys.of('old1').ledgerTimes, dayAgo, 'old1', dayAgo, 'old2');
    expect(await own.trim(3_600_000)).toBe(2);
    expect(await own.lookup(['old1', 'old2', 'new1'])).toEqual([{}, {}, { outcome: 'article' }]);
    // The first-source claim goes with it: the same input later is new again.
    expect(await own.claimSource('old1', 'elsewhere.txt')).toEqual({ first: 'elsewhere.txt' });
    expect(await redis.zcard(own.keys.of('old1').ledgerTimes)).toBe(1);
    expect(await own.trim(3_600_000)).toBe(0);
  });
});
