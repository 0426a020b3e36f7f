import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import type { Rejection } from '../../src/core/rejection.js';
import { type ArticleRecord, toArticle } from '../../src/output/article.js';
import { createOutputWriter, type OutputWriter } from '../../src/output/writer.js';
import { createRedisConnection } from '../../src/queue/connection.js';
import { createEmitter, WriteBusyError } from '../../src/queue/emitter.js';
import { createLedger, type Ledger } from '../../src/queue/ledger.js';
import { tempDir } from '../support/cli.js';
import { eventually, PATIENCE_MS, readLines, uniquePrefix } from '../support/queue-processes.js';

let redis: Redis;
let ledger: Ledger;
let writer: OutputWriter;
let out: string;

const doc = (n: number): Document => ({
  id: n.toString(16).padStart(32, '0'),
  source: `site/${n}.txt`,
  sourceKey: 'site',
  output: `site/${n}.txt`,
  format: 'text',
  text: `Headline ${n}\nThe first paragraph of article ${n}.`,
  meta: { title: `Headline ${n}`, lang: 'eng', confidence: 1 },
  changes: [],
});

const emitterFor = (token: string, leaseMs = 10_000, publish?: (r: ArticleRecord) => Promise<void>) =>
  createEmitter({ writer, ledger, token, leaseMs, ...(publish ? { publish } : {}) });

beforeAll(() => {
  redis = createRedisConnection({ url: inject('redisUrl') });
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(async () => {
  ledger = createLedger(redis, uniquePrefix('emit'));
  out = tempDir();
  writer = await createOutputWriter(out);
});

describe('emitter', () => {
  it('writes REL.txt and one articles.jsonl line, publishes, and marks the ledger; a repeat writes nothing', async () => {
    const published: string[] = [];
    const emitter = emitterFor('w1', 10_000, async (r) => {
      published.push(r.hash);
    });
    expect(await emitter.article(doc(1))).toBe('written');
    expect(await emitter.article(doc(1))).toBe('already-written');
    expect(readFileSync(join(out, 'site/1.txt'), 'utf8')).toBe('Headline 1\nThe first paragraph of article 1.\n');
    expect(readLines(join(out, 'articles.jsonl'))).toEqual([JSON.stringify(toArticle(doc(1)))]);
    expect(published).toEqual([doc(1).id]);
    expect(await ledger.outcome(doc(1).id)).toBe('article');
  });

  it('does not write the line again when a worker died after writing it and before marking the ledger', async () => {
    // The dead worker: claimed with a short lease, marked pending, wrote, never committed.
    expect(await ledger.claimWrite(doc(2).id, 'dead', 100)).toEqual({ state: 'go' });
    await writer.writeArticle(doc(1));
    await ledger.markPending(doc(2).id, 'articles.jsonl', readFileSync(join(out, 'articles.jsonl')).length);
    await writer.writeArticle(doc(2));
    await writer.writeArticle(doc(3));
    await new Promise((r) => setTimeout(r, 150));
    const published: string[] = [];
    const emitter = emitterFor('alive', 10_000, async (r) => {
      published.push(r.hash);
    });
    expect(await emitter.article(doc(2))).toBe('already-written');
    expect(readLines(join(out, 'articles.jsonl')).map((l) => JSON.parse(l).id)).toEqual([
      doc(1).id,
      doc(2).id,
      doc(3).id,
    ]);
    // The dead worker may not have reached the output queue: it is published (idempotently) now.
    expect(published).toEqual([doc(2).id]);
    expect(await ledger.outcome(doc(2).id)).toBe('article');
    expect(await redis.hexists(ledger.keys.of(doc(2).id).pending, doc(2).id)).toBe(0);
  });

  it('writes the line when a worker died after marking pending and before writing', async () => {
    await ledger.claimWrite(doc(4).id, 'dead', 100);
    await writer.writeArticle(doc(1));
    await ledger.markPending(doc(4).id, 'articles.jsonl', readFileSync(join(out, 'articles.jsonl')).length);
    await new Promise((r) => setTimeout(r, 150));
    expect(await emitterFor('alive').article(doc(4))).toBe('written');
    expect(readLines(join(out, 'articles.jsonl')).map((l) => JSON.parse(l).id)).toEqual([doc(1).id, doc(4).id]);
  });

  it('refuses, as a transient error, while another live worker holds the write', async () => {
    await ledger.claimWrite(doc(5).id, 'other', 10_000);
    await expect(emitterFor('me').article(doc(5))).rejects.toThrow(
      new WriteBusyError(`${doc(5).id} is being written by other`),
    );
    expect(readLines(join(out, 'articles.jsonl'))).toEqual([]);
  });

  it('writes one line when several workers emit the same document at once', async () => {
    const emitters = ['a', 'b', 'c', 'd'].map((token) => emitterFor(token));
    const results = await Promise.allSettled(emitters.map((e) => e.article(doc(6))));
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === 'written')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(WriteBusyError);
    // The ones that were refused retry, and find the work done.
    for (const e of emitters) expect(await e.article(doc(6))).toBe('already-written');
    expect(readLines(join(out, 'articles.jsonl'))).toHaveLength(1);
  });

  it('retries publishing without writing twice when the output queue failed', async () => {
    let fail = true;
    const emitter = emitterFor('w', 10_000, async () => {
      if (fail) throw new Error('READONLY You cannot write against a read only replica.');
    });
    await expect(emitter.article(doc(7))).rejects.toThrow('READONLY');
    expect(await ledger.outcome(doc(7).id)).toBeUndefined();
    fail = false;
    expect(await emitter.article(doc(7))).toBe('already-written');
    expect(readLines(join(out, 'articles.jsonl'))).toHaveLength(1);
    expect(await ledger.outcome(doc(7).id)).toBe('article');
  });

  it('writes a rejection once, recognising its own line after a crash', async () => {
    const rejection: Rejection = { source: 'site/x.pdf', reason: 'unsupported-type', message: '".pdf" is not .txt' };
    // A live writer's lease outlasts its write even on a busy machine; only the dead one's is short.
    const emitter = emitterFor('w');
    expect(await emitter.rejection({ key: 'r-1', rejection })).toBe('written');
    expect(await emitter.rejection({ key: 'r-1', rejection })).toBe('already-written');
    // A crash after writing the line of another rejection:
    const other: Rejection = { ...rejection, source: 'site/y.pdf' };
    await ledger.claimWrite('r-2', 'dead', 100);
    await ledger.markPending('r-2', 'rejected.jsonl', readFileSync(join(out, 'rejected.jsonl')).length);
    await writer.writeRejection(other);
    await new Promise((r) => setTimeout(r, 150));
    expect(await emitter.rejection({ key: 'r-2', rejection: other })).toBe('already-written');
    expect(readLines(join(out, 'rejected.jsonl'))).toEqual([JSON.stringify(rejection), JSON.stringify(other)]);
    expect(await ledger.outcome('r-2')).toBe('rejected:unsupported-type');
  });

  it('propagates a write failure and leaves no ledger mark, so the job retries', async () => {
    mkdirSync(join(out, 'site'), { recursive: true });
    writeFileSync(join(out, 'blocked'), 'a file where a folder is needed');
    const blocked = { ...doc(8), output: 'blocked/8.txt' };
    await expect(emitterFor('w').article(blocked)).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(await ledger.outcome(blocked.id)).toBeUndefined();
    expect(await redis.exists(ledger.keys.of(blocked.id).claim(blocked.id))).toBe(0);
  });

  it('fences off a writer that stalled past its lease: it does not write after another took over', async () => {
    let resume = () => {};
    const paused = new Promise<void>((r) => {
      resume = r;
    });
    // A writer whose preparation stalls (as a process busy with a CPU-bound job would).
    let preparing = false;
    const stalling: OutputWriter = {
      ...writer,
      async prepareArticle(d) {
        const append = await writer.prepareArticle(d);
        preparing = true;
        await paused;
        return append;
      },
    };
    const slow = createEmitter({ writer: stalling, ledger, token: 'slow', leaseMs: 300 });
    const attempt = slow.article(doc(9));
    // Stalled while holding the claim, until the claim's lease has run out (waited for, not slept:
    // a busy machine may take longer than the lease just to get there).
    await eventually(() => preparing, PATIENCE_MS, 'the slow writer to hold its claim');
    await eventually(
      async () => (await redis.exists(ledger.keys.of(doc(9).id).claim(doc(9).id))) === 0,
      PATIENCE_MS,
      'the lease to run out',
    );
    expect(await emitterFor('fast').article(doc(9))).toBe('written');
    resume();
    await expect(attempt).rejects.toBeInstanceOf(WriteBusyError);
    expect(readLines(join(out, 'articles.jsonl')).map((l) => JSON.parse(l).id)).toEqual([doc(9).id]);
    expect(await ledger.outcome(doc(9).id)).toBe('article');
  });

  it('writes one line when two runs of one job in the same process emit at once (a stalled job handed back)', async () => {
    // BullMQ hands a stalled job on while its first run goes on, here to the same process: both
    // runs reach the emitter, which shares one process token. The first is held right before its
    // append, after its file check, until the second has either passed its own check too (no
    // exclusion: both append) or been refused.
    let prepared = 0;
    let letGo = () => {};
    const held = new Promise<void>((r) => {
      letGo = r;
    });
    const holding: OutputWriter = {
      ...writer,
      async prepareArticle(d, record) {
        const append = await writer.prepareArticle(d, record);
        prepared++;
        await held;
        return append;
      },
    };
    const emitter = createEmitter({ writer: holding, ledger, token: 'host:1:abc', leaseMs: 10_000 });
    const first = emitter.article(doc(12));
    await eventually(() => prepared === 1, PATIENCE_MS, 'the first run to be ready to append');
    const second = emitter.article(doc(12));
    const settled = second.then(
      () => true,
      () => true,
    );
    await Promise.race([settled, eventually(() => prepared === 2, PATIENCE_MS, 'the second run')]);
    letGo();
    const [a, b] = await Promise.allSettled([first, second]);
    expect(readLines(join(out, 'articles.jsonl'))).toHaveLength(1);
    expect(a).toEqual({ status: 'fulfilled', value: 'written' });
    expect(b.status === 'rejected' && b.reason).toBeInstanceOf(WriteBusyError);
    // The refused run retries and finds the work done.
    expect(await emitter.article(doc(12))).toBe('already-written');
    expect(readLines(join(out, 'articles.jsonl'))).toHaveLength(1);
  });

  it('does not append on a renewal whose answer came after the lease could have run out', async () => {
    // The renewal is granted in Redis, but its answer reaches the writer late (an event loop
    // busy for a whole lease): meanwhile the lease ran out and another writer wrote the line.
    const d = doc(13);
    const claimKey = ledger.keys.of(d.id).claim(d.id);
    let late = true;
    const lateLedger: Ledger = {
      ...ledger,
      async renew(key, token, leaseMs) {
        const granted = await ledger.renew(key, token, leaseMs);
        if (late) {
          late = false;
          await eventually(async () => (await redis.exists(claimKey)) === 0, PATIENCE_MS, 'the lease to run out');
          expect(await emitterFor('fast').article(d)).toBe('written');
        }
        return granted;
      },
    };
    const slow = createEmitter({ writer, ledger: lateLedger, token: 'slow', leaseMs: 300 });
    await expect(slow.article(d)).rejects.toBeInstanceOf(WriteBusyError);
    expect(readLines(join(out, 'articles.jsonl')).map((l) => JSON.parse(l).id)).toEqual([d.id]);
    expect(await ledger.outcome(d.id)).toBe('article');
  });

  it('writes no second line when the ledger commit failed after the append (Redis out of memory)', async () => {
    const d = doc(14);
    let refuse = true;
    const refusing: Ledger = {
      ...ledger,
      async commit(key, outcome, token) {
        if (refuse) throw new Error("OOM command not allowed when used memory > 'maxmemory'.");
        await ledger.commit(key, outcome, token);
      },
    };
    const emitter = createEmitter({ writer, ledger: refusing, token: 'w', leaseMs: 10_000 });
    await expect(emitter.article(d)).rejects.toThrow('OOM');
    expect(await ledger.outcome(d.id)).toBeUndefined();
    expect(readLines(join(out, 'articles.jsonl'))).toHaveLength(1);
    refuse = false;
    // The job's retry (the same process, or another: the lease was released) finds its line.
    expect(await emitter.article(d)).toBe('already-written');
    expect(await emitterFor('other').article(d)).toBe('already-written');
    expect(readLines(join(out, 'articles.jsonl'))).toHaveLength(1);
    expect(await ledger.outcome(d.id)).toBe('article');
  });

  it('commits an article whose line is out but whose commit failed, instead of calling it failed', async () => {
    const d = doc(10);
    await ledger.claimWrite(d.id, 'dead', 10_000);
    await ledger.markPending(d.id, 'articles.jsonl', 0);
    await writer.writeArticle(d);
    await ledger.release(d.id, 'dead');
    expect(await emitterFor('next').recover(d.id)).toBe('article');
    expect(await ledger.outcome(d.id)).toBe('article');
    expect(await emitterFor('next').recover(doc(11).id)).toBeUndefined();
    expect(readLines(join(out, 'articles.jsonl'))).toHaveLength(1);
  });
});
