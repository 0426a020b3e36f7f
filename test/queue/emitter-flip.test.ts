/**
 * A document whose outcome flips between article and rejection across two tries (the
 * cross-document stages re-run on a retry and can decide otherwise), while the first try's
 * worker died after its append and before its ledger commit. The ledger used to keep one pending
 * mark naming one file, so the retry wrote its record to the other file: two records for one
 * document. Now every try marks the file it appends to, the retry looks in both, and the first
 * try's record is the one committed (the README's contract: one record per document, and a
 * consumer may have read that one already).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import type { Rejection } from '../../src/core/rejection.js';
import { type ArticleRecord, toArticle } from '../../src/output/article.js';
import { createOutputWriter, type OutputWriter } from '../../src/output/writer.js';
import { createRedisConnection } from '../../src/queue/connection.js';
import { createEmitter } from '../../src/queue/emitter.js';
import type { RejectionJob } from '../../src/queue/jobs.js';
import { createLedger, type Ledger } from '../../src/queue/ledger.js';
import { tempDir } from '../support/cli.js';
import { eventually, PATIENCE_MS, readLines, startProcess, stopAll, uniquePrefix } from '../support/queue-processes.js';

let redis: Redis;
let ledger: Ledger;
let prefix: string;
let writer: OutputWriter;
let out: string;

/**
 * A worker process that emits one output and stops for good at its first ledger call after the
 * append (the supersede step of an article, the commit of a rejection), so that the test can
 * SIGKILL it exactly between the append and the commit. Its lease (5 s) then runs out.
 */
const DOOMED = `
import { createOutputWriter } from './src/output/writer.ts';
import { createRedisConnection } from './src/queue/connection.ts';
import { createEmitter } from './src/queue/emitter.ts';
import { createLedger } from './src/queue/ledger.ts';
const [url, prefix, out, kind, payload] = process.argv.slice(-5);
const real = createLedger(createRedisConnection({ url }), prefix);
const stop = async () => {
  process.stdout.write('appended, not committed\\n');
  setInterval(() => {}, 60_000);
  await new Promise(() => {});
};
const ledger = { ...real, supersede: stop, commit: stop };
const emitter = createEmitter({ writer: await createOutputWriter(out), ledger, token: 'doomed', leaseMs: 5000 });
const data = JSON.parse(payload);
await (kind === 'article' ? emitter.article(data) : emitter.rejection(data));
`;

async function killedAfterAppend(kind: 'article' | 'rejection', payload: Document | RejectionJob): Promise<void> {
  const worker = startProcess(process.execPath, [
    '--import',
    'tsx',
    '--input-type=module',
    '-e',
    DOOMED,
    inject('redisUrl'),
    prefix,
    out,
    kind,
    JSON.stringify(payload),
  ]);
  await worker.waitFor('appended, not committed');
  expect((await worker.stop('SIGKILL')).signal).toBe('SIGKILL');
  const id = kind === 'article' ? (payload as Document).id : (payload as RejectionJob).key;
  // Waited for, not slept: the dead worker's lease runs out in Redis, not on this clock.
  await eventually(
    async () => (await redis.exists(ledger.keys.of(id).claim(id))) === 0,
    PATIENCE_MS,
    "the dead worker's lease to run out",
  );
}

const doc = (n: number, output = `site/${n}.txt`): Document => ({
  id: n.toString(16).padStart(32, '0'),
  source: output,
  sourceKey: 'site',
  output,
  format: 'text',
  text: `Headline ${n}\nThe first paragraph of article ${n}.`,
  meta: { title: `Headline ${n}`, lang: 'eng', confidence: 1 },
  changes: [],
});

/** What a cross-document stage's drop of `d` gives (src/pipeline/batch.ts rejectionOf). */
const dropped = (d: Document): RejectionJob => ({
  key: d.id,
  rejection: {
    source: d.source,
    reason: 'near-duplicate',
    message: `near duplicate of another article`,
    id: d.id,
    stage: 'near-duplicates',
  },
});

const articles = () => readLines(join(out, 'articles.jsonl')).map((l) => JSON.parse(l) as ArticleRecord);
const rejections = () => readLines(join(out, 'rejected.jsonl')).map((l) => JSON.parse(l) as Rejection);

function emitterFor(token: string, published: string[] = []) {
  return createEmitter({
    writer,
    ledger,
    token,
    leaseMs: 10_000,
    publish: async (record) => {
      published.push(record.hash);
    },
  });
}

/** An earlier try, in this process, that claimed `key`, marked `file`, maybe wrote, and died. */
async function deadTry(key: string, file: string, write?: () => Promise<void>, output?: string): Promise<void> {
  await ledger.claimWrite(key, 'dead', 100);
  const path = join(out, file);
  await ledger.markPending(key, file, existsSync(path) ? readFileSync(path).length : 0, output);
  await write?.();
  await eventually(async () => (await redis.exists(ledger.keys.of(key).claim(key))) === 0);
}

beforeAll(() => {
  redis = createRedisConnection({ url: inject('redisUrl') });
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(async () => {
  prefix = uniquePrefix('flip');
  ledger = createLedger(redis, prefix);
  out = tempDir();
  writer = await createOutputWriter(out);
});
afterEach(async () => {
  await stopAll();
});

describe('a document whose outcome flips between tries', () => {
  it('article, worker killed before its commit, then a rejection: the article stays the one record', async () => {
    // An earlier version of the same file is published: the article's try died before it
    // superseded it, so the retry must do that too.
    const before = doc(1, 'site/story.txt');
    const flipped = doc(2, 'site/story.txt');
    expect(await emitterFor('w0').article(before)).toBe('written');
    await killedAfterAppend('article', flipped);
    expect(articles().map((a) => a.hash)).toEqual([before.id, flipped.id]);

    const published: string[] = [];
    expect(await emitterFor('retry', published).rejection(dropped(flipped))).toBe('already-written');
    expect(await ledger.outcome(flipped.id)).toBe('article');
    expect(articles().map((a) => a.hash)).toEqual([before.id, flipped.id]);
    // No rejection of its own; the version it replaced is marked superseded, as its own try would have.
    expect(rejections()).toEqual([
      expect.objectContaining({ reason: 'superseded', id: before.id, source: flipped.source }),
    ]);
    // Published as the line in articles.jsonl says (the queue and the file hold the same record).
    expect(published).toEqual([flipped.id]);
    expect(readFileSync(join(out, 'site/story.txt'), 'utf8')).toBe(`${flipped.text}\n`);
    // Settled for good: later tries of either outcome write nothing.
    expect(await emitterFor('late').article(flipped)).toBe('already-written');
    expect(await emitterFor('late').rejection(dropped(flipped))).toBe('already-written');
    expect(readLines(join(out, 'articles.jsonl'))).toHaveLength(2);
    expect(readLines(join(out, 'rejected.jsonl'))).toHaveLength(1);
  });

  it('rejection, worker killed before its commit, then an article: the rejection stays, no article file', async () => {
    const d = doc(3);
    await killedAfterAppend('rejection', dropped(d));
    expect(rejections().map((r) => r.id)).toEqual([d.id]);

    const published: string[] = [];
    expect(await emitterFor('retry', published).article(d)).toBe('already-written');
    expect(await ledger.outcome(d.id)).toBe('rejected:near-duplicate');
    expect(articles()).toEqual([]);
    expect(existsSync(join(out, d.output))).toBe(false);
    expect(published).toEqual([]);
    expect(rejections()).toEqual([dropped(d).rejection]);
  });

  it('three tries: one died before its append, the next after; the third finds the line in the other file', async () => {
    const d = doc(4);
    // Try 1 (article): marked articles.jsonl, wrote REL.txt, died before the append.
    await writer.writeArticle(doc(40));
    await deadTry(d.id, 'articles.jsonl', undefined, d.output);
    // Try 2 (rejection): nothing of try 1 in articles.jsonl, so it appended; died before the commit.
    await deadTry(d.id, 'rejected.jsonl', () => writer.writeRejection(dropped(d).rejection));
    // Try 3 (article again): its mark in articles.jsonl is try 1's, but the line is try 2's.
    expect(await emitterFor('third').article(d)).toBe('already-written');
    expect(await ledger.outcome(d.id)).toBe('rejected:near-duplicate');
    expect(articles().map((a) => a.hash)).toEqual([doc(40).id]);
    expect(rejections()).toEqual([dropped(d).rejection]);
  });

  it('two rejections with different reasons: the first is the record', async () => {
    const d = doc(5);
    await deadTry(d.id, 'rejected.jsonl', () => writer.writeRejection(dropped(d).rejection));
    const other: RejectionJob = {
      key: d.id,
      rejection: { source: d.source, reason: 'no-text', message: 'nothing left', id: d.id, stage: 'gate' },
    };
    expect(await emitterFor('retry').rejection(other)).toBe('already-written');
    expect(await ledger.outcome(d.id)).toBe('rejected:near-duplicate');
    expect(rejections()).toEqual([dropped(d).rejection]);
  });

  it("does not take another key's record that carries the document's id for the document's own", async () => {
    // A duplicate-input record (key r-…) and a superseded one (key s-…) name the id, but no stage.
    const d = doc(6);
    await deadTry(d.id, 'rejected.jsonl', async () => {
      await writer.writeRejection({ source: 'copy.txt', reason: 'duplicate-input', message: 'same', id: d.id });
      await writer.writeRejection({ source: d.source, reason: 'superseded', message: 'rewritten', id: d.id });
    });
    expect(await emitterFor('retry').article(d)).toBe('written');
    expect(await ledger.outcome(d.id)).toBe('article');
    expect(articles().map((a) => a.hash)).toEqual([d.id]);
  });

  it('knows an article line again by its hash when the input record had an id of its own', async () => {
    const d: Document = { ...doc(7), recordId: 'record-7' };
    await deadTry(d.id, 'articles.jsonl', () => writer.writeArticle(d), d.output);
    expect(articles().map((a) => [a.id, a.hash])).toEqual([['record-7', d.id]]);
    expect(await emitterFor('retry').article(d)).toBe('already-written');
    expect(await emitterFor('retry').rejection(dropped(d))).toBe('already-written');
    expect(readLines(join(out, 'articles.jsonl'))).toEqual([JSON.stringify(toArticle(d))]);
    expect(rejections()).toEqual([]);
  });

  it("a failed job's recovery commits the stage's rejection it finds, so no job-failed record follows", async () => {
    const d = doc(8);
    await deadTry(d.id, 'rejected.jsonl', () => writer.writeRejection(dropped(d).rejection));
    expect(await emitterFor('next').recover(d.id)).toBe('rejected:near-duplicate');
    expect(await ledger.outcome(d.id)).toBe('rejected:near-duplicate');
    expect(await emitterFor('next').recover(d.id)).toBe('rejected:near-duplicate');
    expect(await emitterFor('next').recover(doc(9).id)).toBeUndefined();
  });

  it('survives hostile pending marks in Redis: unknown files, bad offsets, unsafe article paths', async () => {
    const d = doc(10);
    await writer.writeArticle(d);
    writeFileSync(join(out, 'passwd'), `${JSON.stringify({ hash: d.id })}\n`);
    await redis.hset(
      ledger.keys.of(d.id).pending,
      d.id,
      `../passwd\t0\npasswd\t0\narticles.jsonl\tnot-a-number\t../../escape.txt\nrejected.jsonl\t-5\n\t\t\t`,
    );
    const published: string[] = [];
    // The line is found from offset 0 (a bad offset reads as the whole file), never in `passwd`.
    expect(await emitterFor('w', published).rejection(dropped(d))).toBe('already-written');
    expect(await ledger.outcome(d.id)).toBe('article');
    expect(published).toEqual([d.id]);
    expect(existsSync(join(out, '..', 'escape.txt'))).toBe(false);
    expect(rejections()).toEqual([]);
  });
});
