import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import { type CrossStage, drop, keep, type Stage, type TextStage } from '../../src/core/stage.js';
import { createOutputWriter } from '../../src/output/writer.js';
import { createRedisConnection } from '../../src/queue/connection.js';
import { createEmitter } from '../../src/queue/emitter.js';
import { DOCUMENT_JOB, retryJobOptions } from '../../src/queue/jobs.js';
import { createLedger, type Ledger } from '../../src/queue/ledger.js';
import { createSegmentProcessor, type NextPrepare, RejectedError } from '../../src/queue/processor.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { tempDir } from '../support/cli.js';
import { readLines, uniquePrefix } from '../support/queue-processes.js';

let redis: Redis;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(() => {
  redis = createRedisConnection({ url: inject('redisUrl') });
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
afterAll(async () => {
  await redis.quit();
});

const doc: Document = {
  id: 'ab'.repeat(16),
  source: 'site/a.txt',
  sourceKey: 'site',
  output: 'site/a.txt',
  format: 'text',
  text: 'Headline\nBody paragraph.',
  meta: {},
  changes: [],
};

const retry = { attempts: 3, backoffMs: 10 };

interface Harness {
  readonly ledger: Ledger;
  readonly out: string;
  readonly input: Queue;
  readonly emitQueue: Queue;
  /** Runs one job through a worker of `stages` and resolves once it completed or failed for good. */
  run(data: unknown, jobId: string, name?: string): Promise<{ state: string; result?: unknown; job: Job }>;
}

/** A segment queue with a worker running `stages`; `last` makes it the emitting segment. */
async function harness(stages: Stage[], last: boolean): Promise<Harness> {
  const prefix = uniquePrefix('proc');
  const ledger = createLedger(redis, prefix);
  const out = tempDir();
  const input = new Queue('segment-under-test', { connection: redis, prefix });
  const emitQueue = new Queue('segment-emit', { connection: redis, prefix });
  const store = createMemoryStore();
  const emitter = createEmitter({ writer: await createOutputWriter(out), ledger, token: 't', leaseMs: 5000 });
  const processor = createSegmentProcessor({
    queueName: 'segment-under-test',
    stages,
    store,
    ledger,
    retry,
    ...(last ? { emitter } : { next: emitQueue, emitQueue }),
  });
  const settled = new Map<string, (r: { state: string; result?: unknown; job: Job }) => void>();
  const worker = new Worker('segment-under-test', processor, { connection: redis, prefix });
  worker.on('completed', (job, result) => settled.get(job.id ?? '')?.({ state: 'completed', result, job }));
  worker.on('failed', (job, error) => {
    if (job?.finishedOn !== undefined) settled.get(job.id ?? '')?.({ state: 'failed', result: error, job });
  });
  closers.push(
    () => worker.close(),
    () => input.close(),
    () => emitQueue.close(),
  );
  return {
    ledger,
    out,
    input,
    emitQueue,
    run(data, jobId, name = DOCUMENT_JOB) {
      const done = new Promise<{ state: string; result?: unknown; job: Job }>((resolve) => settled.set(jobId, resolve));
      return input.add(name, data, { ...retryJobOptions(retry), jobId }).then(() => done);
    },
  };
}

const passing: TextStage = { name: 'pass', kind: 'text', run: (d) => keep(d) };

describe('segment processor', () => {
  it('hands a kept document to the next segment under the same job id', async () => {
    const h = await harness([passing], false);
    const { state, result } = await h.run(doc, doc.id);
    expect(state).toBe('completed');
    expect(result).toEqual({ outcome: 'forwarded', to: 'segment-emit' });
    const next = await h.emitQueue.getJob(doc.id);
    expect(next?.name).toBe('document');
    expect(next?.data).toEqual(doc);
  });

  it('writes the article in the last segment', async () => {
    const h = await harness([passing], true);
    expect((await h.run(doc, doc.id)).result).toEqual({ outcome: 'article' });
    expect(readLines(join(h.out, 'articles.jsonl')).map((l) => JSON.parse(l).id)).toEqual([doc.id]);
    expect(await h.ledger.outcome(doc.id)).toBe('article');
  });

  it('sends a dropped document to the emitting segment as a rejection; the job completes', async () => {
    const dropping: TextStage = { name: 'gate', kind: 'text', run: (d) => drop(d, 'no-text', 'nothing left') };
    const h = await harness([dropping], false);
    expect((await h.run(doc, doc.id)).result).toEqual({ outcome: 'rejected', reason: 'no-text' });
    const rejection = await h.emitQueue.getJob(doc.id);
    expect(rejection?.name).toBe('rejection');
    expect(rejection?.data).toEqual({
      key: doc.id,
      rejection: { source: 'site/a.txt', reason: 'no-text', message: 'nothing left', id: doc.id, stage: 'gate' },
    });
  });

  it('rejects a document whose text stage throws, once, and fails the job without retrying', async () => {
    const throwing: TextStage = {
      name: 'unwrap',
      kind: 'text',
      run: () => {
        throw new RangeError('offset out of range');
      },
    };
    const h = await harness([throwing], true);
    const { state, result, job } = await h.run(doc, doc.id);
    expect(state).toBe('failed');
    expect(result).toBeInstanceOf(RejectedError);
    expect((result as Error).message).toBe('unwrap: offset out of range');
    expect(job.attemptsMade).toBe(1);
    expect(readLines(join(h.out, 'rejected.jsonl')).map((l) => JSON.parse(l))).toEqual([
      {
        source: 'site/a.txt',
        reason: 'stage-error',
        message: 'unwrap: offset out of range',
        id: doc.id,
        stage: 'unwrap',
      },
    ]);
    expect(await h.ledger.outcome(doc.id)).toBe('rejected:stage-error');
  });

  it('retries a failing cross-document stage (the store: transient) with backoff, then fails the job', async () => {
    let calls = 0;
    const flaky: CrossStage = {
      name: 'templates',
      kind: 'cross',
      learn: async () => {
        calls++;
        throw new Error('Connection is closed.');
      },
      run: async (d) => keep(d),
    };
    const h = await harness([flaky], true);
    const { state, job } = await h.run(doc, doc.id);
    expect(state).toBe('failed');
    expect(calls).toBe(3);
    expect(job.attemptsMade).toBe(3);
    expect(job.failedReason).toBe('Connection is closed.');
    expect(readLines(join(h.out, 'rejected.jsonl'))).toEqual([]);
    expect(await h.ledger.outcome(doc.id)).toBeUndefined();
  });

  it('rejects a malformed payload as invalid-job under its job id, without retrying', async () => {
    const h = await harness([passing], true);
    const { state, job } = await h.run({ ...doc, output: '../../etc/cron.d/x.txt' }, doc.id);
    expect(state).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(readLines(join(h.out, 'rejected.jsonl')).map((l) => JSON.parse(l))).toEqual([
      {
        source: 'site/a.txt',
        reason: 'invalid-job',
        message: `job ${doc.id} in segment-under-test: the document \`output\` is not a relative .txt path inside the output folder ("../../etc/cron.d/x.txt")`,
      },
    ]);
    expect(await h.ledger.outcome(doc.id)).toBe('rejected:invalid-job');
  });

  it.each([
    ['articles.jsonl as output', 'document', { ...doc, output: 'articles.jsonl' }],
    ['rejected.jsonl as output', 'document', { ...doc, output: 'rejected.jsonl' }],
    ['an absolute output', 'document', { ...doc, output: '/tmp/evil.txt' }],
    ['a hidden output', 'document', { ...doc, output: 'site/.profile.txt' }],
    ['a non-.txt output', 'document', { ...doc, output: 'site/a.sh' }],
    ['an unknown field', 'document', { ...doc, extra: 1 }],
    ['a bad change', 'document', { ...doc, changes: [{ stage: 'x', rule: 'y', offset: -1 }] }],
    ['a bad id', 'document', { ...doc, id: 'not-a-hash' }],
    ['an unknown job name', 'obliterate', doc],
    ['a bad rejection job', 'rejection', { key: 'r-x', rejection: { source: 'a', reason: 'nope', message: '' } }],
    ['a string payload', 'document', 'hello'],
  ])('refuses %s: one invalid-job record, no retry, nothing else written', async (_, name, data) => {
    const h = await harness([passing], true);
    const { state, job } = await h.run(data, doc.id, name);
    expect(state).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    const lines = readLines(join(h.out, 'rejected.jsonl')).map((l) => JSON.parse(l) as { reason: string });
    expect(lines.map((l) => l.reason)).toEqual(['invalid-job']);
    expect(readdirSync(h.out)).toEqual(['rejected.jsonl']);
  });

  it('does not run the stages again for a document the ledger has finished', async () => {
    let runs = 0;
    const counting: TextStage = {
      name: 'count',
      kind: 'text',
      run: (d) => {
        runs++;
        return keep(d);
      },
    };
    const h = await harness([counting], true);
    await h.run(doc, doc.id);
    await h.input.remove(doc.id);
    expect((await h.run(doc, doc.id)).result).toEqual({ outcome: 'already-finished' });
    expect(runs).toBe(1);
    expect(readLines(join(h.out, 'articles.jsonl'))).toHaveLength(1);
  });
});

describe("segment processor: cross stages' prepare", () => {
  /**
   * A text stage then three cross stages, the pool's contract played in this thread: each trip
   * gives the stages' outcome, `next`'s prepare of it and the `ahead` stages'. `changes` names
   * the cross stages whose run changes the text (adds a "!").
   */
  async function runWith(changes: readonly string[]) {
    const prefix = uniquePrefix('prep');
    const next = new Queue('segment-next', { connection: redis, prefix });
    closers.push(() => next.close());
    const upper: TextStage = { name: 'normalize', kind: 'text', run: (d) => keep(d, { text: d.text.toUpperCase() }) };
    const seen: { stage: string; step: string; prepared: unknown; text: string }[] = [];
    const cross = (name: string): CrossStage => ({
      name,
      kind: 'cross',
      prepare: (d) => `${name} of ${d.text}`,
      learn: async (d, _store, prepared) => {
        seen.push({ stage: name, step: 'learn', prepared, text: d.text });
      },
      run: async (d, _store, prepared) => {
        seen.push({ stage: name, step: 'run', prepared, text: d.text });
        return changes.includes(name) ? keep(d, { text: `${d.text}!` }) : keep(d);
      },
    });
    const values = (want: NextPrepare | undefined, text: string) =>
      want
        ? {
            prepared: `${want.stage} of ${text}`,
            ...(want.ahead ? { ahead: Object.fromEntries(want.ahead.map((s) => [s, `${s} of ${text}`])) } : {}),
          }
        : {};
    const trips: { stages: readonly string[]; next?: string; ahead?: readonly string[] }[] = [];
    const prepares: { stage: string; ahead?: readonly string[] }[] = [];
    const processor = createSegmentProcessor({
      queueName: 'segment-under-test',
      stages: [upper, cross('templates'), cross('headlines'), cross('near-duplicates')],
      store: createMemoryStore(),
      ledger: createLedger(redis, prefix),
      retry,
      next,
      emitQueue: next,
      offload: async (stages, d, _gathered, want) => {
        trips.push({ stages, ...(want ? { next: want.stage, ahead: want.ahead } : {}) });
        const outcome = { action: 'keep' as const, doc: upper.run(d).doc };
        return { outcome, ...values(want, outcome.doc.text) };
      },
      prepare: async (want, d) => {
        prepares.push({ stage: want.stage, ...(want.ahead ? { ahead: want.ahead } : {}) });
        return values(want, d.text);
      },
    });
    const result = await processor({ name: DOCUMENT_JOB, data: doc, id: doc.id } as Job);
    expect(result).toEqual({ outcome: 'forwarded', to: 'segment-next' });
    return { trips, prepares, seen };
  }

  it('rides with the trip before the stage, with the stages after it, and reaches learn and run', async () => {
    const { trips, prepares, seen } = await runWith([]);
    // One trip for all: the text stage, templates' prepare and, ahead, the two after it.
    expect(trips).toEqual([{ stages: ['normalize'], next: 'templates', ahead: ['headlines', 'near-duplicates'] }]);
    expect(prepares).toEqual([]);
    const text = doc.text.toUpperCase();
    expect(seen).toEqual(
      ['templates', 'headlines', 'near-duplicates'].flatMap((stage) => [
        { stage, step: 'learn', prepared: `${stage} of ${text}`, text },
        { stage, step: 'run', prepared: `${stage} of ${text}`, text },
      ]),
    );
  });

  it('goes in a trip of its own once a stage before it changed the text, never with a stale value', async () => {
    const { trips, prepares, seen } = await runWith(['templates']);
    expect(trips).toEqual([{ stages: ['normalize'], next: 'templates', ahead: ['headlines', 'near-duplicates'] }]);
    // Headlines' own trip brings near-duplicates' value for the text it saw, which headlines keeps.
    expect(prepares).toEqual([{ stage: 'headlines', ahead: ['near-duplicates'] }]);
    // Each stage got the value computed from the document as it saw it, in learn and in run.
    const text = doc.text.toUpperCase();
    expect(seen).toEqual([
      { stage: 'templates', step: 'learn', prepared: `templates of ${text}`, text },
      { stage: 'templates', step: 'run', prepared: `templates of ${text}`, text },
      { stage: 'headlines', step: 'learn', prepared: `headlines of ${text}!`, text: `${text}!` },
      { stage: 'headlines', step: 'run', prepared: `headlines of ${text}!`, text: `${text}!` },
      { stage: 'near-duplicates', step: 'learn', prepared: `near-duplicates of ${text}!`, text: `${text}!` },
      { stage: 'near-duplicates', step: 'run', prepared: `near-duplicates of ${text}!`, text: `${text}!` },
    ]);
  });

  it('takes a trip for each stage whose text changed before it', async () => {
    const { prepares, seen } = await runWith(['templates', 'headlines']);
    expect(prepares).toEqual([{ stage: 'headlines', ahead: ['near-duplicates'] }, { stage: 'near-duplicates' }]);
    const text = `${doc.text.toUpperCase()}!!`;
    expect(seen.filter((s) => s.stage === 'near-duplicates')).toEqual([
      { stage: 'near-duplicates', step: 'learn', prepared: `near-duplicates of ${text}`, text },
      { stage: 'near-duplicates', step: 'run', prepared: `near-duplicates of ${text}`, text },
    ]);
  });
});
