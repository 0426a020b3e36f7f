/**
 * A long document in a worker: its text stages run on the worker-thread pool, so the event loop
 * keeps renewing the job's lock (the job never stalls, runs once, writes one article) and other
 * jobs on the same worker go through beside it. Counts only: no figure of time is asserted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createRedisConnection } from '../../src/queue/connection.js';
import { runCli, tempDir } from '../support/cli.js';
import {
  articleText,
  bigArticle,
  eventually,
  PATIENCE_MS,
  readLines,
  startCli,
  stopAll,
  uniquePrefix,
} from '../support/queue-processes.js';

afterAll(stopAll);

// Renewed every 3 s. The text stages of the 16 MB document take more than half the lock, so it is
// renewed while they run (about 5 s on an idle machine: at 10 MB, once the stages got faster, they
// ended before the first renewal); run on the event loop they would delay each renewal, and on a loaded
// machine hold the loop past the lock, and the job would stall (the stall count below). What the
// event loop still does for the job itself (parse and write its payload, hand the text to a
// thread; a document this long stays out of the ligature vocabulary's scan) stays under the lock,
// with two CPU-bound processes beside the suite.
const LOCK_MS = 6000;

describe('a long document on a worker', () => {
  it('keeps its lock through the text stages while small documents on the same worker go through', async () => {
    const big = tempDir();
    const small = tempDir();
    const out = tempDir();
    mkdirSync(join(big, 'huge-site'));
    // Seconds of text stages on the pool: longer than the lock (the renewals are counted below).
    // What the worker's event loop still does for it (parse and write the job, the ligature
    // vocabulary's store reads) is a fraction of a second at this size.
    writeFileSync(join(big, 'huge-site/huge.txt'), bigArticle(91, 16_000_000));
    for (let i = 0; i < 3; i++) {
      mkdirSync(join(small, `site${i}`));
      writeFileSync(join(small, `site${i}/story.txt`), articleText(500 + i));
    }
    const prefix = uniquePrefix('long-stage');
    const env = {
      REDIS_URL: inject('redisUrl'),
      CLEANWIRE_PREFIX: prefix,
      CLEANWIRE_OUT: out,
      CLEANWIRE_LOCK_MS: String(LOCK_MS),
      CLEANWIRE_THREADS: '2',
      LOG_LEVEL: 'warn',
    };
    // The text segments on one worker process with a short lock: whatever text stages run are
    // run by it, and its own stall check (on its free event loop) would hand a job whose lock ran
    // out back to the queue. The cross-document stages run on the event loop (a second or more on
    // 6 MB on a loaded machine): they get a worker of their own with the default 30 s lock.
    const worker = startCli(['worker', '--concurrency', '2', '--segments', 'ingest,clean'], env);
    const back = startCli(['worker', '--segments', 'cross-document,emit'], { ...env, CLEANWIRE_LOCK_MS: '30000' });
    await Promise.all([worker.waitFor('cleanwire worker ready'), back.waitFor('cleanwire worker ready')]);
    const connection = createRedisConnection({ url: inject('redisUrl') });
    const clean = new Queue('segment-clean', { connection, prefix });
    expect((await runCli(['enqueue', big], env)).code).toBe(0);
    await eventually(async () => (await clean.getActiveCount()) === 1, 120_000, 'the long document in clean');
    const [active] = await clean.getActive();
    const bigId = active?.id as string;
    const lockKey = `${prefix}:segment-clean:${bigId}:lock`;

    // Renewals: the lock's remaining time going up again while the job runs.
    let renewals = 0;
    let last = Number.POSITIVE_INFINITY;
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const ttl = await connection.pttl(lockKey);
        if (ttl > last) renewals++;
        if (ttl > 0) last = ttl;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    const enqueued = await runCli(['enqueue', small, '--wait', '--timeout', '300'], env);
    expect(enqueued.code, enqueued.stderr).toBe(0);
    const afterSmall = readLines(join(out, 'articles.jsonl')).map((l) => JSON.parse(l).source as string);
    // The small documents, enqueued once the long one was in clean, went through all four
    // segments: the worker (concurrency 2) ran their ingest and clean beside it. (Whether the long
    // one has finished by then depends on the machine's load: not asserted.)
    expect(afterSmall.filter((source) => source !== 'huge-site/huge.txt').sort()).toEqual([
      'site0/story.txt',
      'site1/story.txt',
      'site2/story.txt',
    ]);

    await eventually(() => readLines(join(out, 'articles.jsonl')).length === 4, 600_000, 'the long article');
    polling = false;
    await poller;
    const sources = readLines(join(out, 'articles.jsonl')).map((l) => JSON.parse(l).source as string);
    expect(sources.filter((s) => s === 'huge-site/huge.txt')).toHaveLength(1);
    // Renewed while it ran, and kept the lock.
    expect(renewals, `lock renewals seen: ${renewals}`).toBeGreaterThanOrEqual(1);
    const job = await clean.getJob(bigId);
    expect(job?.stalledCounter ?? 0, 'stalls of the long job').toBe(0);
    expect(job?.attemptsMade, 'tries of the long job').toBe(1);
    expect(worker.output()).not.toContain('stalled job handed on');
    expect((await worker.stop('SIGTERM', PATIENCE_MS)).code).toBe(0);
    expect((await back.stop('SIGTERM', PATIENCE_MS)).code).toBe(0);
    await clean.close();
    await connection.quit();
  }, 900_000);
});
