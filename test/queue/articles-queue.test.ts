/**
 * The `articles` output queue, read the way a downstream NLP job reads it: the consumer below is
 * the one the README shows, run as its own process.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createRedisConnection } from '../../src/queue/connection.js';
import { ROOT, runCli, tempDir } from '../support/cli.js';
import {
  articleText,
  PATIENCE_MS,
  readLines,
  startCli,
  startProcess,
  stopAll,
  uniquePrefix,
} from '../support/queue-processes.js';

const CONSUMER = `// consume.mjs: clean articles from cleanwire's \`articles\` queue (npm install bullmq ioredis)
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const prefix = process.env.CLEANWIRE_PREFIX ?? 'cleanwire';

const worker = new Worker(
  'articles',
  async (job) => {
    const article = job.data; // { id, source, sourceKey, title, text, lang, counts, url?, duplicateOf?, changes? }
    console.log(\`\${article.id} \${article.lang} \${article.counts.words} words: \${article.title}\`);
    // Hand article.text to the NLP job here; throwing makes BullMQ retry the job.
  },
  { connection, prefix, concurrency: 8, removeOnComplete: { age: 3600, count: 1000 } },
);
worker.on('error', (error) => console.error(error.message));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => worker.close().then(() => connection.quit()));
`;

const made: string[] = [];
afterAll(async () => {
  await stopAll();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('the articles queue', () => {
  it('carries every article record, read by the README consumer', async () => {
    expect(CONSUMER.trimEnd().split('\n').length).toBeLessThanOrEqual(20);
    const out = tempDir();
    const env = {
      REDIS_URL: inject('redisUrl'),
      CLEANWIRE_PREFIX: uniquePrefix('articles'),
      CLEANWIRE_OUT: out,
      LOG_LEVEL: 'error',
    };
    const worker = startCli(['worker', '--topology', 'fused'], { ...env, CLEANWIRE_TOPOLOGY: 'fused' });
    const input = tempDir();
    for (let i = 0; i < 3; i++) writeFileSync(join(input, `${i}.txt`), articleText(40 + i));
    await worker.waitFor('cleanwire worker ready');
    const enqueued = await runCli(['enqueue', input, '--wait'], { ...env, CLEANWIRE_TOPOLOGY: 'fused' });
    expect(enqueued.code).toBe(0);

    // Inside the repository, so that `bullmq` resolves as it does for a user's project.
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, '.tmp/consumer-'));
    made.push(dir);
    const file = join(dir, 'consume.mjs');
    writeFileSync(file, CONSUMER);
    const consumer = startProcess(process.execPath, [file], env);
    const expected = readLines(join(out, 'articles.jsonl'))
      .map((line) => JSON.parse(line) as { id: string; lang: string; title: string; counts: { words: number } })
      .map((a) => `${a.id} ${a.lang} ${a.counts.words} words: ${a.title}`);
    expect(expected).toHaveLength(3);
    for (const line of expected) await consumer.waitFor(line, PATIENCE_MS);
    const stopped = await consumer.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    expect(consumer.output().trim().split('\n').sort()).toEqual(expected.sort());
  });

  it.each([
    ['summary', '2', 2, false],
    ['full', '100', 5, true],
    ['off', '100', 0, false],
  ])(
    'CLEANWIRE_ARTICLES_QUEUE=%s, at most %s waiting: %i jobs, changes included: %s',
    async (mode, max, jobs, withChanges) => {
      const out = tempDir();
      const prefix = uniquePrefix(`articles-${mode}`);
      const env = {
        REDIS_URL: inject('redisUrl'),
        CLEANWIRE_PREFIX: prefix,
        CLEANWIRE_OUT: out,
        CLEANWIRE_TOPOLOGY: 'fused',
        CLEANWIRE_ARTICLES_QUEUE: mode,
        CLEANWIRE_ARTICLES_QUEUE_MAX: max,
        LOG_LEVEL: 'warn',
      };
      const worker = startCli(['worker', '--concurrency', '1'], env);
      const input = tempDir();
      for (let i = 0; i < 5; i++) writeFileSync(join(input, `${i}.txt`), articleText(60 + i));
      await worker.waitFor('cleanwire worker ready');
      expect((await runCli(['enqueue', input, '--wait'], env)).code).toBe(0);
      expect(readLines(join(out, 'articles.jsonl'))).toHaveLength(5);
      const connection = createRedisConnection({ url: inject('redisUrl') });
      const queue = new Queue('articles', { connection, prefix });
      const waiting = await queue.getJobs(['waiting']);
      await queue.close();
      await connection.quit();
      expect(waiting).toHaveLength(jobs);
      for (const job of waiting) {
        expect('changes' in job.data).toBe(withChanges);
        expect(job.data).toMatchObject({ id: job.id, counts: { words: expect.any(Number) } });
      }
      if (mode === 'summary') expect(worker.output()).toContain('articles queue full');
      expect((await worker.stop('SIGTERM')).code).toBe(0);
    },
  );
});
