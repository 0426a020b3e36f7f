/**
 * A file rewritten after its first version was published: the new version's article replaces
 * REL.txt and gets its line, and the first version's line does not stay published unmarked: a
 * `superseded` record with its id goes to rejected.jsonl, once, whatever is enqueued again, and
 * its job leaves the `articles` queue while no consumer has taken it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createRedisConnection } from '../../src/queue/connection.js';
import { runCli, tempDir } from '../support/cli.js';
import { articleText, readLines, startCli, stopAll, uniquePrefix } from '../support/queue-processes.js';

afterAll(stopAll);

describe('a rewritten input', () => {
  it('marks the version it replaces superseded, once', async () => {
    const input = tempDir();
    const out = tempDir();
    mkdirSync(join(input, 'site'));
    const file = join(input, 'site/story.txt');
    const prefix = uniquePrefix('superseded');
    const env = {
      REDIS_URL: inject('redisUrl'),
      CLEANWIRE_PREFIX: prefix,
      CLEANWIRE_OUT: out,
      LOG_LEVEL: 'error',
    };
    const worker = startCli(['worker'], env);
    await worker.waitFor('cleanwire worker ready');
    const enqueue = async () => {
      const result = await runCli(['enqueue', input, '--wait', '--timeout', '120'], env);
      expect(result.code, result.stderr).toBe(0);
    };
    writeFileSync(file, articleText(41));
    await enqueue();
    const [first] = readLines(join(out, 'articles.jsonl')).map((l) => JSON.parse(l) as { id: string; hash: string });
    expect(readLines(join(out, 'rejected.jsonl'))).toEqual([]);
    const connection = createRedisConnection({ url: inject('redisUrl') });
    const queue = new Queue('articles', { connection, prefix });
    const waiting = async () => (await queue.getJobs(['waiting', 'delayed'])).map((job) => job.id);
    // Nobody consumes the queue here: the first version's article waits in it.
    expect(await waiting()).toEqual([first?.hash]);

    writeFileSync(file, articleText(42));
    await enqueue();
    // Enqueued again, unchanged: nothing new anywhere.
    await enqueue();
    expect((await worker.stop('SIGTERM')).code).toBe(0);
    const left = await waiting();
    await queue.close();
    await connection.quit();

    const articles = readLines(join(out, 'articles.jsonl')).map(
      (l) => JSON.parse(l) as { source: string; hash: string },
    );
    expect(articles.map((a) => a.source)).toEqual(['site/story.txt', 'site/story.txt']);
    const [, second] = articles;
    expect(second?.hash).not.toBe(first?.hash);
    const rejected = readLines(join(out, 'rejected.jsonl')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ source: 'site/story.txt', reason: 'superseded', id: first?.hash });
    expect(readFileSync(join(out, 'site/story.txt'), 'utf8')).toContain('(42)');
    expect(readFileSync(join(out, 'site/story.txt'), 'utf8')).not.toContain('(41)');
    // The superseded version's job is gone from the articles queue; the new one waits there.
    expect(left).toEqual([second?.hash]);
  });
});
