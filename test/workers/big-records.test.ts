/**
 * Three worker processes writing 1 MB articles into one output folder: every line of
 * articles.jsonl parses, and every document is there once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';
import {
  bigArticle,
  lifecycle,
  PATIENCE_MS,
  readLines,
  startCli,
  stopAll,
  uniquePrefix,
} from '../support/queue-processes.js';

afterAll(stopAll);

describe('1 MB records from three workers', () => {
  it('come out as whole JSONL lines, each document once', async () => {
    const count = 9;
    const input = tempDir();
    const out = tempDir();
    // One site each: a site's documents teach each other its boilerplate, and these share generated lines.
    for (let i = 0; i < count; i++) {
      mkdirSync(join(input, `site${i}`));
      writeFileSync(join(input, `site${i}/${i}.txt`), bigArticle(i, 1_100_000));
    }
    const env = {
      REDIS_URL: inject('redisUrl'),
      CLEANWIRE_PREFIX: uniquePrefix('big'),
      CLEANWIRE_OUT: out,
      CLEANWIRE_TOPOLOGY: 'fused',
      LOG_LEVEL: 'error',
    };
    const workers = [0, 1, 2].map(() => startCli(['worker', '--concurrency', '3'], env));
    await Promise.all(workers.map((w) => w.waitFor('cleanwire worker ready', PATIENCE_MS)));
    const run = await runCli(['enqueue', input, '--wait', '--timeout', '200'], env);
    expect(run.stderr).toContain(`${count} document(s): ${count} article(s), 0 rejected, 0 failed`);
    const lines = readLines(join(out, 'articles.jsonl'));
    const records = lines.map((line) => JSON.parse(line) as { id: string; text: string });
    expect(records).toHaveLength(count);
    expect(new Set(records.map((r) => r.id)).size).toBe(count);
    for (const r of records) expect(r.text.length).toBeGreaterThan(1_000_000);
    // More than one worker wrote: the lines could have met.
    const busy = await Promise.all(workers.map(async (w) => (await w.stop('SIGTERM', PATIENCE_MS)).code));
    expect(busy).toEqual([0, 0, 0]);
    const writers = workers.filter((w) => /article:\d+/.test(String(lifecycle(w.output(), 'worker', 'stopped')?.jobs)));
    expect(writers.length).toBeGreaterThan(1);
  });
});
